import { localeFor } from '../../locale';
import type { RepaymentOutcome } from '../../domain/repayment';
import { openPdf } from '../pdf/document';
import { DecisionLetterError, type LetterCommon } from './letter-data';
import { drawGlossaryLine, drawHead, drawLegalFrame, drawRights, drawSignature } from './sections';

// The decision on unspent money after an accepted report: a claim (the proposal confirmed, or
// reduced), a waiver, or a carry-over to a new period on the association's request. A claim says
// how much, why, by when and to which account; every outcome gives its reasons and how to complain.

export interface RepaymentLetterData extends LetterCommon {
  outcome: RepaymentOutcome;
  grantedOre: bigint;
  spentOre: bigint;
  /** The unspent money, as proposed when the report was accepted. */
  proposedOre: bigint;
  /** What is claimed: 0 for a waiver or a carry-over. */
  claimedOre: bigint;
  reasons: string;
  reportAcceptedAt: Date;
  /** A claim: the payment deadline and the municipality's account ("reg.nr. kontonr."). */
  payment?: { dueAt: Date; account: string };
  /** A carry-over: the last day of the new period. */
  newPeriodEnd?: Date;
}

type LetterKind = 'claim' | 'waived' | 'carried_over';

function kindOf(outcome: RepaymentOutcome): LetterKind {
  return outcome === 'waived' || outcome === 'carried_over' ? outcome : 'claim';
}

/** The letter as PDF bytes; a decision without reasons, or a claim without deadline and account, is refused. */
export async function renderRepaymentLetter(data: RepaymentLetterData): Promise<Buffer> {
  const kind = kindOf(data.outcome);
  if (!data.reasons.trim()) throw new DecisionLetterError('reasons_missing', 'A repayment decision needs its reasons.');
  if (kind === 'claim' && (!data.payment || data.claimedOre <= 0n)) throw new DecisionLetterError('inconsistent_decision', 'A repayment claim needs an amount, a deadline and an account.');
  if (kind === 'carried_over' && !data.newPeriodEnd) throw new DecisionLetterError('inconsistent_decision', 'A carry-over needs the new period’s end.');

  const locale = localeFor(data.language);
  const { t, date, money } = locale;
  const pdf = openPdf(data.language, {
    title: t('letter.repayment.title', { reference: data.reference }),
    author: data.municipality.name,
    subject: t(`letter.repayment.heading.${kind}`, { amount: money(data.claimedOre) }),
    keywords: `${data.reference}, ${data.recipient.cvr}`,
    createdAt: data.date,
  });
  const { canvas } = pdf;
  drawHead(canvas, data, locale);
  canvas.title(t('letter.repayment.kicker'), t(`letter.repayment.heading.${kind}`, { amount: money(data.claimedOre) }));
  canvas.paragraph(t('letter.greeting', { name: data.recipient.contactName }));
  canvas.paragraph(
    t('letter.repayment.intro', {
      acceptedAt: date(data.reportAcceptedAt),
      projectTitle: data.project.title,
      granted: money(data.grantedOre),
      spent: money(data.spentOre),
      unspent: money(data.proposedOre),
    }),
  );
  canvas.factsPanel([
    [t('letter.repayment.label.granted'), money(data.grantedOre)],
    [t('letter.repayment.label.spent'), money(data.spentOre)],
    [t('letter.repayment.label.unspent'), money(data.proposedOre)],
    ...(kind === 'claim'
      ? ([
          [t('letter.repayment.label.claimed'), money(data.claimedOre)],
          [t('letter.repayment.label.dueAt'), date(data.payment!.dueAt)],
        ] as [string, string][])
      : []),
    ...(kind === 'carried_over' ? ([[t('letter.repayment.label.newPeriodEnd'), date(data.newPeriodEnd!)]] as [string, string][]) : []),
  ]);

  canvas.heading(t(`letter.repayment.decision.heading.${kind}`));
  canvas.paragraph(
    t(`letter.repayment.decision.${data.outcome}`, {
      amount: money(data.claimedOre),
      unspent: money(data.proposedOre),
      newPeriodEnd: data.newPeriodEnd ? date(data.newPeriodEnd) : '',
    }),
  );
  canvas.heading(t('letter.repayment.reasons.heading'));
  canvas.paragraph(data.reasons.trim());
  canvas.paragraph(t('letter.repayment.basis'));

  if (kind === 'claim') {
    const { dueAt, account } = data.payment!;
    const [registration, number] = account.split(' ');
    canvas.heading(t('letter.repayment.payment.heading'));
    canvas.paragraph(t('letter.repayment.payment.body', { amount: money(data.claimedOre), dueAt: date(dueAt) }));
    canvas.factsPanel([
      [t('letter.repayment.payment.amount'), money(data.claimedOre)],
      [t('letter.repayment.payment.registration'), registration ?? account],
      [t('letter.repayment.payment.account'), number ?? ''],
      [t('letter.repayment.payment.message'), data.reference],
      [t('letter.repayment.payment.dueAt'), date(dueAt)],
    ]);
    canvas.paragraph(t('letter.repayment.payment.after', { email: data.municipality.email }));
  } else if (kind === 'carried_over') {
    canvas.heading(t('letter.repayment.next.heading'));
    canvas.paragraph(t('letter.repayment.next.carried_over', { newPeriodEnd: date(data.newPeriodEnd!) }));
  }

  drawLegalFrame(canvas, data, locale);
  // A waiver asks nothing of the association; there is nothing in it to complain about. The
  // complaint guidance says how to disagree; the decision rests on the association's own report.
  drawRights(canvas, data, locale, { disagree: false, complaint: kind === 'waived' ? 'none' : 'inWriting' });
  drawGlossaryLine(canvas, data, locale, kind === 'waived' ? ['afrapportering', 'aktindsigt'] : ['afrapportering', 'begrundelse', 'klagevejledning', 'aktindsigt']);
  drawSignature(canvas, data, locale);
  return pdf.finish({
    text: `${data.municipality.name} · ${t('letter.label.reference')} ${data.reference}`,
    page: (current, total) => t('letter.page', { current, total }),
  });
}
