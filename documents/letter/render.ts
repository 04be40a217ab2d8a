import { localeFor, type Locale } from '../../locale';
import { openPdf } from '../pdf/document';
import type { PdfCanvas } from '../pdf/canvas';
import { drawLetterhead } from '../pdf/letterhead';
import { assertLetterMayBeSent, type DecisionLetterData } from './letter-data';
import { describeReportRequirement } from './report-requirement';

// The decision letter: which sections, in what order, from what data. Every word comes from the
// letter catalogue, every amount and date from the locale's formatters, the look from documents/pdf.

/** The data with every amount and date written out in the reader's language. */
function factsOf(data: DecisionLetterData, locale: Locale) {
  return {
    requested: locale.money(data.amountRequestedOre),
    granted: locale.money(data.amountGrantedOre),
    date: locale.date(data.date),
    start: locale.date(data.project.startDate),
    end: locale.date(data.project.endDate),
    payoutDate: data.payoutDate ? locale.date(data.payoutDate) : '',
    reportDue: data.reporting ? locale.date(data.reporting.dueDate) : '',
    requirement: data.reporting ? describeReportRequirement(data.reporting.requirement, locale.language) : '',
  };
}

type Facts = ReturnType<typeof factsOf>;

function drawHead(canvas: PdfCanvas, data: DecisionLetterData, { t }: Locale, facts: Facts): void {
  const { municipality: m, recipient: r } = data;
  drawLetterhead(canvas, {
    sender: { name: m.name, department: m.department },
    contactLines: [m.address, `${t('letter.label.phone')} ${m.phone}`, `${t('letter.label.email')} ${m.email}`],
    recipientLines: [r.organizationName, `${t('letter.label.attention')} ${r.contactName}`, ...(r.address ? r.address.split(/\n|,\s*/) : []), `${t('letter.label.orgNumber')} ${r.cvr}`],
    caseFacts: [
      [t('letter.label.date'), facts.date],
      [t('letter.label.reference'), data.reference],
      [t('letter.label.caseworker'), data.caseworker.name],
      // A person's direct line; the department's own number is already in the letterhead.
      ...(data.caseworker.phone && data.caseworker.phone !== m.phone ? [[t('letter.label.directPhone'), data.caseworker.phone] as [string, string]] : []),
    ],
  });
  canvas.title(t('letter.kicker'), t(`letter.heading.${data.outcome}`, { granted: facts.granted, requested: facts.requested }));
}

function drawDecision(canvas: PdfCanvas, data: DecisionLetterData, { t }: Locale, facts: Facts): void {
  canvas.paragraph(t('letter.greeting', { name: data.recipient.contactName }));
  canvas.paragraph(t('letter.intro', { roundName: data.roundName, projectTitle: data.project.title }));
  canvas.factsPanel([
    [t('letter.label.requested'), facts.requested],
    [t('letter.label.granted'), facts.granted],
    [t('letter.label.activity'), data.project.title],
    [t('letter.label.period'), t('letter.period', { start: facts.start, end: facts.end })],
    ...(data.outcome !== 'rejected' ? [[t('letter.label.payout'), facts.payoutDate] as [string, string]] : []),
  ]);

  const criteria = data.reasons.criteria.map((c) => c.trim()).filter((c) => c.length > 0);
  const reasonText = data.reasons.text.trim();
  const guidelines = data.municipality.guidelines;
  if (criteria.length > 0 || reasonText.length > 0) {
    canvas.heading(t(`letter.reasons.heading.${data.outcome}`));
    if (criteria.length > 0) {
      canvas.paragraph(t('letter.reasons.criteriaIntro'));
      canvas.list(criteria, () => '•');
    }
    if (reasonText.length > 0) canvas.paragraph(reasonText);
    canvas.paragraph(t('letter.reasons.guidelines', { guidelines: guidelines.name }));
  }

  const heard = data.consultation;
  if (heard) {
    const { date } = localeFor(data.language);
    canvas.paragraph(t('letter.consultation.body', { sentOn: date(heard.sentAt), answered: heard.answeredAt ? 'yes' : 'no', answeredOn: heard.answeredAt ? date(heard.answeredAt) : '', answerBy: date(heard.answerBy) }));
  }

  canvas.heading(t('letter.legalBasis.heading'));
  canvas.paragraph(t('letter.legalBasis.body', { guidelines: guidelines.name, adoptedBy: guidelines.adoptedBy, adoptedOn: localeFor(data.language).date(guidelines.adoptedOn) }));
}

function drawGrantTerms(canvas: PdfCanvas, data: DecisionLetterData, { t }: Locale, facts: Facts): void {
  canvas.heading(t('letter.conditions.heading'));
  canvas.paragraph(t('letter.conditions.intro'));
  const standard = t('letter.conditions.standard', { projectTitle: data.project.title, start: facts.start, end: facts.end, reportDue: facts.reportDue, requirement: facts.requirement });
  const conditions = [...standard.split('\n'), ...data.conditions.map((c) => c.trim()).filter((c) => c.length > 0)];
  canvas.list(conditions, (index) => `${index + 1}.`);

  canvas.heading(t('letter.payout.heading'));
  canvas.paragraph(t('letter.payout.body', { granted: facts.granted, payoutDate: facts.payoutDate, cvr: data.recipient.cvr }));
}

// Norwegian municipalities decide these grants as enkeltvedtak under their own forvaltningslov,
// which always requires telling how to appeal (fvl §§ 28-29); Danish ones configure their own.
function appealGuidance(data: DecisionLetterData, { t }: Locale): string {
  const configured = data.appealGuidance.trim();
  if (configured || data.language !== 'nb') return configured;
  const m = data.municipality;
  return t('letter.appeal.norwegianDefault', { municipality: m.name, department: m.department, address: m.address, email: m.email, reference: data.reference });
}

function drawRights(canvas: PdfCanvas, data: DecisionLetterData, locale: Locale): void {
  const { t } = locale;
  const appeal = appealGuidance(data, locale);
  if (appeal.length > 0) {
    canvas.heading(t('letter.appeal.heading'));
    canvas.paragraph(appeal);
  }

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
  if (data.outcome !== 'approved') canvas.paragraph(t('letter.contact.disagree'));

  canvas.ensureSpace(70);
  canvas.gap(8);
  canvas.paragraph(t('letter.contact.closing'));
  canvas.gap(4);
  // Signed by the person with their title; when the department itself signs, it is not named twice.
  const signature = caseworker.name === data.municipality.department ? [caseworker.name] : [caseworker.name, ...(caseworker.title ? [caseworker.title] : []), data.municipality.department];
  canvas.lines([...signature, data.municipality.name]);
}

/**
 * The decision letter as PDF bytes. Pure: the same data gives the same bytes (the creation date is
 * the letter's date), and a letter that may not be sent — no real begrundelse, amounts that
 * contradict the outcome — is refused with a DecisionLetterError.
 */
export async function renderDecisionLetter(data: DecisionLetterData): Promise<Buffer> {
  assertLetterMayBeSent(data);
  const locale = localeFor(data.language);
  const { t } = locale;
  const facts = factsOf(data, locale);
  const pdf = openPdf(data.language, {
    title: t('letter.title', { reference: data.reference }),
    author: data.municipality.name,
    subject: t('letter.subject', { roundName: data.roundName }),
    keywords: `${data.reference}, ${data.recipient.cvr}`,
    createdAt: data.date,
  });
  drawHead(pdf.canvas, data, locale, facts);
  drawDecision(pdf.canvas, data, locale, facts);
  if (data.outcome !== 'rejected') drawGrantTerms(pdf.canvas, data, locale, facts);
  drawRights(pdf.canvas, data, locale);
  return pdf.finish({
    text: `${data.municipality.name} · ${t('letter.label.reference')} ${data.reference}`,
    page: (current, total) => t('letter.page', { current, total }),
  });
}
