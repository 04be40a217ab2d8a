import { formatDate, formatDateTime, formatMoney, t, type Language } from '../../../../locale';
import { reportWindowOpen } from '../../../../domain/report-window';
import { plannedGrantYears } from '../../../../domain/grant-years';
import { html, type SafeHtml } from '../../../../lib/html';
import type { LoadedCase } from './case-data';
import type { StaffNameOf } from './people';

/** One line per payout row: paid (who confirmed it, when) or still to be paid, and whether finance has the file. */
function payoutLine(payout: LoadedCase['payouts'][number], who: StaffNameOf, language: Language): SafeHtml {
  return html`<li>${payoutText(payout, who, language)}</li>`;
}

function payoutText(payout: LoadedCase['payouts'][number], who: StaffNameOf, language: Language): SafeHtml {
  const payback = payout.amountOre < 0n;
  const amount = formatMoney(language, payback ? -payout.amountOre : payout.amountOre);
  const paidOn = formatDate(language, payout.paidOn ?? payout.scheduledFor);
  if (payout.confirmedAt) {
    const by = who(payout.confirmedBy ?? '');
    return html`${payback
      ? t(language, 'casework.payoutPaybackConfirmedLine', { amount, date: paidOn, by })
      : t(language, 'casework.payoutPaidLine', { amount, date: paidOn, by, at: formatDateTime(language, payout.confirmedAt) })}`;
  }
  const sent = payout.payoutRun ? t(language, 'casework.payoutExportedOn', { date: formatDate(language, payout.payoutRun.createdAt) }) : t(language, 'casework.payoutNotExported');
  return html`${payback ? t(language, 'casework.payoutPaybackLine', { amount }) : t(language, 'casework.payoutScheduledLine', { amount, date: paidOn })} (${sent})`;
}

/** A multi-year grant: one line a year, its payout row once registered, else what is to come. */
function yearPlanLines(application: LoadedCase, who: StaffNameOf, language: Language): SafeHtml[] | null {
  if (application.grantYears <= 1 || application.amountGrantedOre === null) return null;
  const years = plannedGrantYears(application.grantYears, application.amountGrantedOre, application.payouts);
  return [
    ...years.map(({ year, amountOre, payout }) =>
      html`<li>${t(language, 'casework.payoutYear', { year })} ${payout ? payoutText(payout, who, language) : t(language, 'casework.payoutYearToCome', { amount: formatMoney(language, amountOre), previousYear: year - 1 })}</li>`,
    ),
    ...application.payouts.filter((payout) => payout.amountOre < 0n).map((payout) => payoutLine(payout, who, language)),
  ];
}

/** After a grant: the payouts as finance knows them, and when the report form opens for the association. */
export function afterGrantSection(application: LoadedCase, who: StaffNameOf, language: Language, now = new Date()): SafeHtml {
  if (!application.payouts.length) return html``;
  const report = application.reports.at(-1);
  const reportClosed = report && !report.submittedAt && !reportWindowOpen(report.opensAt, now);
  return html`<section aria-labelledby="payout-heading">
    <h2 id="payout-heading">${t(language, 'casework.payoutHeading')}</h2>
    <ul>${yearPlanLines(application, who, language) ?? application.payouts.map((payout) => payoutLine(payout, who, language))}</ul>
    ${reportClosed ? html`<p>${t(language, 'casework.reportOpensOn', { opensAt: formatDate(language, report.opensAt!), dueAt: formatDate(language, report.dueAt) })}</p>` : ''}
  </section>`;
}
