import { glossaryTermIn } from '../../domain/jurisdiction';
import { lawWording, type Locale } from '../../locale';
import type { GlossaryTerm } from '../../domain/glossary';
import type { PdfCanvas } from '../pdf/canvas';
import { drawLetterhead } from '../pdf/letterhead';
import type { LetterCommon } from './letter-data';

// What every letter about a case has, whatever it decides: the letterhead, the rules and who
// decided, how to disagree, access to the documents, whom to ask, the glossary, the signature.

export function drawHead(canvas: PdfCanvas, data: LetterCommon, { t, date }: Locale): void {
  const { municipality: m, recipient: r } = data;
  drawLetterhead(canvas, {
    sender: { name: m.name, department: m.department },
    contactLines: [m.address, `${t('letter.label.phone')} ${m.phone}`, `${t('letter.label.email')} ${m.email}`],
    // A group is the addressee, in care of its sponsor, whose number (and NemKonto) the grant goes to.
    recipientLines: [...(r.groupName ? [r.groupName, t('letter.informalGroup.careOf', { sponsor: r.organizationName })] : [r.organizationName]), `${t('letter.label.attention')} ${r.contactName}`, ...(r.address ? r.address.split(/\n|,\s*/) : []), `${t(lawWording('letter.label.orgNumber', data.frame.law))} ${r.cvr}`],
    caseFacts: [
      [t('letter.label.date'), date(data.date)],
      [t('letter.label.reference'), data.reference],
      [t('letter.label.caseworker'), data.caseworker.name],
      // A person's direct line; the department's own number is already in the letterhead.
      ...(data.caseworker.phone && data.caseworker.phone !== m.phone ? [[t('letter.label.directPhone'), data.caseworker.phone] as [string, string]] : []),
    ],
  });
}

/** The rules the decision rests on, and who made it: the administration by delegation, or a committee. */
export function drawLegalFrame(canvas: PdfCanvas, data: LetterCommon, { t, date }: Locale): void {
  const { legalBasis, guidelines, decisionMaker, law } = data.frame;
  canvas.heading(t('letter.legalBasis.heading'));
  canvas.paragraph(
    t(lawWording('letter.legalBasis.body', law), {
      legalBasis,
      guidelines: guidelines.name,
      adoptedBy: guidelines.adoptedBy,
      adoptedOn: date(guidelines.adoptedOn),
      hasUrl: guidelines.url ? 'yes' : 'no',
      url: guidelines.url ?? '',
    }),
  );
  canvas.paragraph(
    decisionMaker.kind === 'committee' && decisionMaker.meetingDate
      ? t('letter.decidedBy.committee', { committee: decisionMaker.body, meetingDate: date(decisionMaker.meetingDate) })
      : t('letter.decidedBy.delegation', { delegatedBy: decisionMaker.body }),
  );
}

/**
 * The complaint guidance: the round's own text, or the shipped one for the municipality's law. A
 * Danish § 18 decision cannot be appealed to another authority (reconsideration, Ankestyrelsen's
 * supervision, the Ombudsman); a Norwegian grant is an enkeltvedtak with a klage to the
 * municipality and on to its klagenemnd. Once a Danish decision has been reconsidered and upheld,
 * asking again is no longer offered: what remains is Ankestyrelsen's supervision and the Ombudsman.
 */
function complaintGuidance(data: LetterCommon, { t, date }: Locale, stage: ComplaintStage): string {
  if (stage === 'reconsidered') return t('letter.complaint.afterReconsideration');
  const own = data.frame.complaintGuidance?.trim();
  if (own) return own;
  const m = data.municipality;
  if (data.frame.law === 'NO') return t('letter.complaint.norwegian', { municipality: m.name, department: m.department, address: m.address, email: m.email, reference: data.reference });
  const { contact, reconsiderBy } = data.frame;
  const values = { reconsiderBy: date(reconsiderBy), contactName: contact.name, contactEmail: contact.email, reference: data.reference };
  // The case page's form asks about the grant decision only; a later decision is asked about in writing.
  return t(stage === 'inWriting' ? 'letter.complaint.danishInWriting' : 'letter.complaint.danish', values);
}

/** Which complaint guidance a letter carries: a first decision's, one asked about in writing only (not on the case page), a reconsidered one's, or none. */
export type ComplaintStage = 'decision' | 'inWriting' | 'reconsidered' | 'none';

export function drawRights(canvas: PdfCanvas, data: LetterCommon, locale: Locale, { disagree, complaint = 'decision' }: { disagree: boolean; complaint?: ComplaintStage }): void {
  const { t } = locale;
  if (complaint !== 'none') {
    canvas.heading(t('letter.complaint.heading'));
    canvas.paragraph(complaintGuidance(data, locale, complaint));
  }

  canvas.heading(t('letter.access.heading'));
  canvas.paragraph(t(lawWording('letter.access.body', data.frame.law), { email: data.municipality.email }));

  const { caseworker, frame } = data;
  canvas.heading(t('letter.contact.heading'));
  canvas.paragraph(
    t('letter.contact.body', {
      name: caseworker.name,
      hasTitle: caseworker.title ? 'yes' : 'no',
      title: caseworker.title ?? '',
      email: caseworker.email,
      hasPhone: caseworker.phone ? 'yes' : 'no',
      phone: caseworker.phone ?? '',
      reference: data.reference,
    }),
  );
  if (frame.contact.name !== caseworker.name) {
    canvas.paragraph(t('letter.contact.round', { roundName: data.roundName, name: frame.contact.name, phone: frame.contact.phone, email: frame.contact.email }));
  }
  if (disagree) canvas.paragraph(t('letter.contact.disagree'));
}

/** One line naming the terms the letter uses and the page that explains them. */
export function drawGlossaryLine(canvas: PdfCanvas, data: LetterCommon, { t }: Locale, terms: GlossaryTerm[]): void {
  const names = [...new Set(terms.map((term) => glossaryTermIn(term, data.frame.law)))].map((term) => t(`glossary.term.name.${term}`));
  canvas.note(t('letter.glossary', { terms: names.join(', '), url: data.glossaryUrl }));
}

export function drawSignature(canvas: PdfCanvas, data: LetterCommon, { t }: Locale): void {
  const { caseworker, municipality } = data;
  // Signed by the person with their title; when the department itself signs, it is not named twice.
  const signature = caseworker.name === municipality.department ? [caseworker.name] : [caseworker.name, ...(caseworker.title ? [caseworker.title] : []), municipality.department];
  // The closing and the whole signature stay on one page.
  canvas.ensureSpace(40 + 16 * (signature.length + 1));
  canvas.gap(8);
  canvas.paragraph(t('letter.contact.closing'));
  canvas.gap(4);
  canvas.lines([...signature, municipality.name]);
}
