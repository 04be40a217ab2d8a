import { formatDate, formatMoney, t, type Language } from '../../../../locale';
import { html, type SafeHtml } from '../../../../lib/html';
import { caseSection } from './action-forms';
import type { CaseView } from './model';

/**
 * The money after a grant, as it really stands: "udbetales den …" until finance confirms a
 * payout, "er udbetalt den …" only then; and, before the report form opens, when it opens.
 */
export function payoutSection(view: CaseView, language: Language): SafeHtml {
  if (!view.payouts.length && !view.reportOpensLater) return html``;
  const lines = view.payouts.map((payout) => {
    const payback = payout.amountOre < 0n;
    const amount = formatMoney(language, payback ? -payout.amountOre : payout.amountOre);
    const date = formatDate(language, payout.paidOn ?? payout.scheduledFor);
    if (payback) return payout.confirmed ? t(language, 'case.payout.paybackRegistered', { amount, date }) : t(language, 'case.payout.payback', { amount });
    return payout.confirmed ? t(language, 'case.payout.paid', { amount, date }) : t(language, 'case.payout.scheduled', { amount, date });
  });
  const opens = view.reportOpensLater;
  return caseSection('payout', t(language, 'case.payout.heading'), html`
    ${lines.map((line) => html`<p>${line}</p>`)}
    ${opens ? html`<p id="report-opens">${t(language, 'case.report.opensOn', { opensAt: formatDate(language, opens.opensAt), dueAt: formatDate(language, opens.dueAt) })}</p>` : ''}`);
}
