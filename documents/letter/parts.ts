import type { Locale } from '../../locale';
import type { PdfCanvas } from '../pdf/canvas';
import { drawLetterhead } from '../pdf/letterhead';
import type { DecisionLetterData } from './letter-data';

// The parts every letter about a case shares: the letterhead with the case facts, the complaint
// guidance, access to the case's documents, the contact paragraph and the signature.

/** Who writes to whom about which case: what the shared parts of a letter need. */
export type LetterParties = Pick<DecisionLetterData, 'language' | 'municipality' | 'recipient' | 'reference' | 'caseworker' | 'appealGuidance'>;

export function drawCaseLetterhead(canvas: PdfCanvas, data: LetterParties, { t }: Locale, date: string): void {
  const { municipality: m, recipient: r } = data;
  drawLetterhead(canvas, {
    sender: { name: m.name, department: m.department },
    contactLines: [m.address, `${t('letter.label.phone')} ${m.phone}`, `${t('letter.label.email')} ${m.email}`],
    recipientLines: [r.organizationName, `${t('letter.label.attention')} ${r.contactName}`, ...(r.address ? r.address.split(/\n|,\s*/) : []), `${t('letter.label.orgNumber')} ${r.cvr}`],
    caseFacts: [
      [t('letter.label.date'), date],
      [t('letter.label.reference'), data.reference],
      [t('letter.label.caseworker'), data.caseworker.name],
      // A person's direct line; the department's own number is already in the letterhead.
      ...(data.caseworker.phone && data.caseworker.phone !== m.phone ? [[t('letter.label.directPhone'), data.caseworker.phone] as [string, string]] : []),
    ],
  });
}

// Norwegian municipalities decide these grants as enkeltvedtak under their own forvaltningslov,
// which always requires telling how to appeal (fvl §§ 28-29); Danish ones configure their own.
function appealGuidance(data: LetterParties, { t }: Locale): string {
  const configured = data.appealGuidance.trim();
  if (configured || data.language !== 'nb') return configured;
  const m = data.municipality;
  return t('letter.appeal.norwegianDefault', { municipality: m.name, department: m.department, address: m.address, email: m.email, reference: data.reference });
}

export function drawAppealGuidance(canvas: PdfCanvas, data: LetterParties, locale: Locale): void {
  const appeal = appealGuidance(data, locale);
  if (appeal.length > 0) {
    canvas.heading(locale.t('letter.appeal.heading'));
    canvas.paragraph(appeal);
  }
}

/** Access to the documents, whom to contact (and, when the answer is not all they asked for, that they may), the signature. */
export function drawAccessAndContact(canvas: PdfCanvas, data: LetterParties, { t }: Locale, mayDisagree: boolean): void {
  canvas.heading(t('letter.access.heading'));
  canvas.paragraph(t('letter.access.body', { email: data.municipality.email }));

  const { caseworker } = data;
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
  if (mayDisagree) canvas.paragraph(t('letter.contact.disagree'));

  canvas.ensureSpace(70);
  canvas.gap(8);
  canvas.paragraph(t('letter.contact.closing'));
  canvas.gap(4);
  // Signed by the person with their title; when the department itself signs, it is not named twice.
  const signature = caseworker.name === data.municipality.department ? [caseworker.name] : [caseworker.name, ...(caseworker.title ? [caseworker.title] : []), data.municipality.department];
  canvas.lines([...signature, data.municipality.name]);
}
