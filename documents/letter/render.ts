import { lawWording, localeFor, type Locale } from '../../locale';
import type { GlossaryTerm } from '../../domain/glossary';
import { openPdf } from '../pdf/document';
import type { PdfCanvas } from '../pdf/canvas';
import { assertLetterMayBeSent, type DecisionLetterData, type Supersedes } from './letter-data';
import { describeReportRequirement } from './report-requirement';
import { drawGlossaryLine, drawHead, drawLegalFrame, drawRights, drawSignature } from './sections';

// The decision letter: which sections, in what order, from what data. Every word comes from the
// letter catalogue, every amount and date from the locale's formatters, the look from documents/pdf.

/** The data with every amount and date written out in the reader's language. */
function factsOf(data: DecisionLetterData, locale: Locale) {
  return {
    requested: locale.money(data.amountRequestedOre),
    granted: locale.money(data.amountGrantedOre),
    start: locale.date(data.project.startDate),
    end: locale.date(data.project.endDate),
    payoutDate: data.payoutDate ? locale.date(data.payoutDate) : '',
    acceptBy: data.acceptBy ? locale.deadline(data.acceptBy) : '',
    reportDue: data.reporting ? locale.deadline(data.reporting.dueDate) : '',
    requirement: data.reporting ? describeReportRequirement(data.reporting.requirement, locale.language) : '',
  };
}

type Facts = ReturnType<typeof factsOf>;

function drawDecision(canvas: PdfCanvas, data: DecisionLetterData, locale: Locale, facts: Facts): void {
  const { t } = locale;
  canvas.paragraph(t('letter.greeting', { name: data.recipient.contactName }));
  canvas.paragraph(t('letter.intro', { roundName: data.roundName, projectTitle: data.project.title }));
  const { recipient } = data;
  if (recipient.groupName) canvas.paragraph(t('letter.informalGroup.note', { group: recipient.groupName, sponsor: recipient.organizationName, cvr: recipient.cvr }));
  if (data.supersedes) drawSupersedes(canvas, data.supersedes, locale);
  canvas.factsPanel([
    [t('letter.label.requested'), facts.requested],
    [t('letter.label.granted'), facts.granted],
    [t('letter.label.activity'), data.project.title],
    [t('letter.label.period'), t('letter.period', { start: facts.start, end: facts.end })],
    ...(data.outcome !== 'rejected' && !data.acceptBy ? [[t('letter.label.payout'), facts.payoutDate] as [string, string]] : []),
    ...(data.outcome !== 'rejected' && data.acceptBy ? [[t('letter.label.acceptBy'), facts.acceptBy] as [string, string]] : []),
    ...(data.outcome !== 'rejected' && recipient.groupName
      ? [[t('letter.informalGroup.payee'), t('letter.informalGroup.payeeValue', { sponsor: recipient.organizationName, cvr: recipient.cvr })] as [string, string]]
      : []),
  ]);

  const criteria = data.reasons.criteria.map((c) => c.trim()).filter((c) => c.length > 0);
  const reasonText = data.reasons.text.trim();
  if (criteria.length > 0 || reasonText.length > 0) {
    canvas.heading(t(`letter.reasons.heading.${data.outcome}`));
    if (criteria.length > 0) {
      canvas.paragraph(t('letter.reasons.criteriaIntro'));
      canvas.list(criteria, () => '•');
    }
    if (reasonText.length > 0) canvas.paragraph(reasonText);
    canvas.paragraph(t('letter.reasons.guidelines', { guidelines: data.frame.guidelines.name }));
  }

  const heard = data.consultation;
  if (heard) {
    const { date, deadline } = localeFor(data.language);
    canvas.paragraph(t(lawWording('letter.consultation.body', data.frame.law), { sentOn: date(heard.sentAt), answered: heard.answeredAt ? 'yes' : 'no', answeredOn: heard.answeredAt ? date(heard.answeredAt) : '', answerBy: deadline(heard.answerBy) }));
  }
}

/** A changed decision: which decision it replaces, on what basis, and what that means for the money. */
function drawSupersedes(canvas: PdfCanvas, supersedes: Supersedes, { t, date, money }: Locale): void {
  const earlier = date(supersedes.earlierDate);
  canvas.paragraph(t(`letter.changed.${supersedes.basis}`, { earlier, boardDate: supersedes.boardDecidedOn ? date(supersedes.boardDecidedOn) : '' }));
  const difference = supersedes.differenceOre;
  const direction = difference > 0n ? 'more' : difference < 0n ? 'less' : 'same';
  canvas.paragraph(t('letter.changed.difference', { direction, amount: money(difference < 0n ? -difference : difference) }));
}

function drawGrantTerms(canvas: PdfCanvas, data: DecisionLetterData, locale: Locale, facts: Facts): void {
  const { t } = locale;
  canvas.heading(t('letter.conditions.heading'));
  canvas.paragraph(t('letter.conditions.intro'));
  const standard = t(lawWording('letter.conditions.standard', data.frame.law), { projectTitle: data.project.title, start: facts.start, end: facts.end, reportDue: facts.reportDue, requirement: facts.requirement });
  const conditions = [...standard.split('\n'), ...data.conditions.map((c) => c.trim()).filter((c) => c.length > 0)];
  canvas.list(conditions, (index) => `${index + 1}.`);

  canvas.heading(t('letter.payout.heading'));
  const recipientGroup = data.recipient.groupName ? { sponsor: data.recipient.organizationName, group: data.recipient.groupName } : undefined;
  if (data.grantYears) drawYearPlan(canvas, data, locale, facts);
  else if (!data.acceptBy && data.payoutAccount) canvas.paragraph(t('letter.payout.bodyToAccount', { granted: facts.granted, payoutDate: facts.payoutDate, account: data.payoutAccount }));
  // A group gets the money through its sponsor, never in a person's account: the letter says whose NemKonto.
  else if (!data.acceptBy && recipientGroup) canvas.paragraph(t('letter.informalGroup.payout', { granted: facts.granted, payoutDate: facts.payoutDate, cvr: data.recipient.cvr, ...recipientGroup }));
  else if (!data.acceptBy) canvas.paragraph(t('letter.payout.body', { granted: facts.granted, payoutDate: facts.payoutDate, cvr: data.recipient.cvr }));
  // The grant is paid only once the association's signatory accepts these conditions.
  if (data.acceptBy && data.payoutAccount) canvas.paragraph(t('letter.acceptance.bodyToAccount', { granted: facts.granted, acceptBy: facts.acceptBy, account: data.payoutAccount }));
  else if (data.acceptBy) canvas.paragraph(t('letter.acceptance.body', { granted: facts.granted, acceptBy: facts.acceptBy, cvr: data.recipient.cvr }));
  // Elsewhere "the association's account" is the sponsor's: say so.
  if (recipientGroup && (data.grantYears || data.acceptBy || data.payoutAccount)) canvas.paragraph(t('letter.informalGroup.throughSponsor', recipientGroup));
}

/** A long-term grant: each year's amount, when it is paid and when its report is due. */
function drawYearPlan(canvas: PdfCanvas, data: DecisionLetterData, { t, money, deadline }: Locale, facts: Facts): void {
  const years = data.grantYears!;
  canvas.paragraph(t('letter.payout.yearsIntro', { granted: facts.granted, years: years.length }));
  const lines = years.map((year) =>
    t(year.year > 1 ? 'letter.payout.laterYear' : data.acceptBy ? 'letter.payout.firstYearAfterAcceptance' : 'letter.payout.firstYear', {
      year: year.year,
      previousYear: year.year - 1,
      amount: money(year.amountOre),
      payoutDate: facts.payoutDate,
      reportDue: deadline(year.reportDueDate),
    }),
  );
  canvas.list(lines, () => '•');
  canvas.paragraph(data.payoutAccount ? t('letter.payout.yearsToAccount', { account: data.payoutAccount }) : t('letter.payout.yearsAccount', { cvr: data.recipient.cvr }));
}

/** The terms each kind of decision letter uses, as the glossary names them (Norway has no NemKonto). */
const TERMS: Record<DecisionLetterData['outcome'], GlossaryTerm[]> = {
  approved: ['tilsagn', 'afrapportering', 'nemkonto', 'klagevejledning', 'aktindsigt'],
  partially_approved: ['tilsagn', 'begrundelse', 'afrapportering', 'nemkonto', 'klagevejledning', 'aktindsigt'],
  rejected: ['begrundelse', 'klagevejledning', 'aktindsigt'],
};

function termsOf(data: DecisionLetterData): GlossaryTerm[] {
  // Paid to the account the organisation gave: the glossary explains that, not the NemKonto.
  const terms = TERMS[data.outcome].map((term): GlossaryTerm => (term === 'nemkonto' && data.payoutAccount ? 'kontonummer' : term));
  return data.frame.law === 'NO' ? terms.filter((term) => term !== 'nemkonto') : terms;
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
    subject: t(lawWording('letter.subject', data.frame.law), { roundName: data.roundName, legalBasis: data.frame.legalBasis }),
    keywords: `${data.reference}, ${data.recipient.cvr}`,
    createdAt: data.date,
  });
  drawHead(pdf.canvas, data, locale);
  pdf.canvas.title(t(lawWording('letter.kicker', data.frame.law), { legalBasis: data.frame.legalBasis }), t(`letter.heading.${data.outcome}`, { granted: facts.granted, requested: facts.requested }));
  drawDecision(pdf.canvas, data, locale, facts);
  drawLegalFrame(pdf.canvas, data, locale);
  if (data.outcome !== 'rejected') drawGrantTerms(pdf.canvas, data, locale, facts);
  drawRights(pdf.canvas, data, locale, { disagree: data.outcome !== 'approved' });
  drawGlossaryLine(pdf.canvas, data, locale, termsOf(data));
  drawSignature(pdf.canvas, data, locale);
  return pdf.finish({
    text: `${data.municipality.name} · ${t('letter.label.reference')} ${data.reference}`,
    page: (current, total) => t('letter.page', { current, total }),
  });
}
