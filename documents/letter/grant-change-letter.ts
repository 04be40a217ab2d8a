import { localeFor } from '../../locale';
import type { GrantChangeKind } from '../../domain/grant-changes';
import { openPdf } from '../pdf/document';
import { DecisionLetterError, type LetterCommon } from './letter-data';
import { drawGlossaryLine, drawHead, drawLegalFrame, drawRights, drawSignature } from './sections';

// The decision on the association's request to change the activity or its period after the grant:
// what was asked, the answer and why, what it means for the report, and how to complain.

export interface GrantChangeLetterData extends LetterCommon {
  kind: GrantChangeKind;
  approved: boolean;
  requestedAt: Date;
  /** What the association asked for: the new activity, or the new period. */
  activity?: string;
  previousPeriod: { startDate: Date; endDate: Date };
  newPeriod?: { startDate: Date; endDate: Date };
  reasons: string;
  /** An approved period: the report's new due date. */
  reportDueAt?: Date;
}

// Each key named whole, so the catalogue check sees every one in use.
const TEXTS = {
  activity: {
    approved: { heading: 'letter.grantChange.heading.activity.approved', decision: 'letter.grantChange.decision.activity.approved' },
    refused: { heading: 'letter.grantChange.heading.activity.refused', decision: 'letter.grantChange.decision.activity.refused' },
  },
  period: {
    approved: { heading: 'letter.grantChange.heading.period.approved', decision: 'letter.grantChange.decision.period.approved' },
    refused: { heading: 'letter.grantChange.heading.period.refused', decision: 'letter.grantChange.decision.period.refused' },
  },
} as const;

/** The letter as PDF bytes; a decision without reasons is refused. */
export async function renderGrantChangeLetter(data: GrantChangeLetterData): Promise<Buffer> {
  if (!data.reasons.trim()) throw new DecisionLetterError('reasons_missing', 'A decision on a change needs its reasons.');
  if (data.kind === 'period' && !data.newPeriod) throw new DecisionLetterError('inconsistent_decision', 'A period change needs the new period.');
  const outcome = data.approved ? 'approved' : 'refused';
  const locale = localeFor(data.language);
  const { t, date } = locale;
  const texts = TEXTS[data.kind][outcome];
  const heading = t(texts.heading);
  const pdf = openPdf(data.language, {
    title: t('letter.grantChange.title', { reference: data.reference }),
    author: data.municipality.name,
    subject: heading,
    keywords: `${data.reference}, ${data.recipient.cvr}`,
    createdAt: data.date,
  });
  const { canvas } = pdf;
  drawHead(canvas, data, locale);
  canvas.title(t('letter.grantChange.kicker'), heading);
  canvas.paragraph(t('letter.greeting', { name: data.recipient.contactName }));
  canvas.paragraph(t(`letter.grantChange.intro.${data.kind}`, { requestedAt: date(data.requestedAt), projectTitle: data.project.title }));
  const period = (p: { startDate: Date; endDate: Date }) => `${date(p.startDate)} – ${date(p.endDate)}`;
  canvas.factsPanel([
    [t(data.kind === 'period' ? 'letter.grantChange.label.previousPeriod' : 'letter.grantChange.label.period'), period(data.previousPeriod)],
    ...(data.newPeriod ? ([[t('letter.grantChange.label.newPeriod'), period(data.newPeriod)]] as [string, string][]) : []),
    ...(data.reportDueAt ? ([[t('letter.grantChange.label.reportDueAt'), date(data.reportDueAt)]] as [string, string][]) : []),
  ]);
  if (data.kind === 'activity' && data.activity) {
    canvas.heading(t('letter.grantChange.asked.heading'));
    canvas.paragraph(data.activity.trim());
  }
  canvas.heading(t('letter.grantChange.decision.heading'));
  canvas.paragraph(t(texts.decision, data.newPeriod ? { period: period(data.newPeriod) } : {}));
  canvas.heading(t('letter.grantChange.reasons.heading'));
  canvas.paragraph(data.reasons.trim());
  if (data.reportDueAt) canvas.paragraph(t('letter.grantChange.report', { dueAt: date(data.reportDueAt) }));

  drawLegalFrame(canvas, data, locale);
  // An approval gives what was asked; only a refusal is something to disagree with.
  drawRights(canvas, data, locale, { disagree: !data.approved, complaint: data.approved ? 'none' : 'inWriting' });
  drawGlossaryLine(canvas, data, locale, data.approved ? ['afrapportering', 'aktindsigt'] : ['afrapportering', 'begrundelse', 'klagevejledning', 'aktindsigt']);
  drawSignature(canvas, data, locale);
  return pdf.finish({
    text: `${data.municipality.name} · ${t('letter.label.reference')} ${data.reference}`,
    page: (current, total) => t('letter.page', { current, total }),
  });
}
