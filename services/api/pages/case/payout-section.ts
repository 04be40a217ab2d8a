import { formatDate, formatMoney, t, type Language } from '../../../../locale';
import { html, type SafeHtml } from '../../../../lib/html';
import { plannedGrantYears } from '../../../../domain/grant-years';
import { caseSection } from './action-forms';
import type { CaseView } from './model';

/**
 * The money after a grant, as it really stands: "udbetales den …" until finance confirms a
 * payout, "er udbetalt den …" only then; and, before the report form opens, when it opens.
 */
export function payoutSection(view: CaseView, language: Language): SafeHtml {
  if (!view.payouts.length && !view.reportOpensLater) return html``;
  const lines = yearPlanLines(view, language) ?? view.payouts.map((payout) => payoutLine(payout, language, view.payoutAccount));
  const opens = view.reportOpensLater;
  return caseSection('payout', t(language, 'case.payout.heading'), html`
    ${lines.map((line) => html`<p>${line}</p>`)}
    ${view.payoutAccount && view.payouts.some((payout) => !payout.confirmed) ? html`<p class="form-hint">${t(language, 'case.payout.accountNote')}</p>` : ''}
    ${opens ? html`<p id="report-opens">${t(language, 'case.report.opensOn', { opensAt: formatDate(language, opens.opensAt), dueAt: formatDate(language, opens.dueAt) })}</p>` : ''}`);
}

/** One payout in words: to the NemKonto, or (account given) to the masked account number. */
function payoutLine(payout: CaseView['payouts'][number], language: Language, account: string | null): string {
  const payback = payout.amountOre < 0n;
  const amount = formatMoney(language, payback ? -payout.amountOre : payout.amountOre);
  const date = formatDate(language, payout.paidOn ?? payout.scheduledFor);
  if (payback) return payout.confirmed ? t(language, 'case.payout.paybackRegistered', { amount, date }) : t(language, 'case.payout.payback', { amount });
  if (account) return payout.confirmed ? t(language, 'case.payout.paidToAccount', { amount, date, account }) : t(language, 'case.payout.scheduledToAccount', { amount, date, account });
  return payout.confirmed ? t(language, 'case.payout.paid', { amount, date }) : t(language, 'case.payout.scheduled', { amount, date });
}

/** A multi-year grant: one line a year, paid, to be paid on a date, or to come after the previous year's report. */
function yearPlanLines(view: CaseView, language: Language): string[] | null {
  if (view.grantYears <= 1 || !view.decision || view.decision.outcome === 'rejected') return null;
  const years = plannedGrantYears(view.grantYears, view.decision.amountGrantedOre, view.payouts);
  const paybacks = view.payouts.filter((payout) => payout.amountOre < 0n).map((payout) => payoutLine(payout, language, null));
  return [
    ...years.map(({ year, amountOre, payout }) =>
      t(language, 'case.payout.year', {
        year,
        line: payout ? payoutLine(payout, language, view.payoutAccount) : t(language, 'case.payout.yearToCome', { amount: formatMoney(language, amountOre), previousYear: year - 1 }),
      }),
    ),
    ...paybacks,
  ];
}
