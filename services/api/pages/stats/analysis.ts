import { lawWording, localeFor, t, type Language } from '../../../../locale';
import type { Jurisdiction } from '../../../../domain/jurisdiction';
import type { GroupFigures } from '../../../../domain/stats/analysis';
import { LONG_TERM_MONTHS } from '../../../../domain/stats/activity-term';
import { html, type SafeHtml } from '../../../../lib/html';
import type { StatsSummary } from '../../stats/summary';
import { barChart, dataTable } from './charts';
import { section, type Format } from './parts';

// The money and the questions politicians ask of it: each round's budget beside what was asked
// for and what was granted (with why a share above 100 % can happen), and who the applications
// come from and what they are for, against the period before.

export function budgetSection(s: StatsSummary, language: Language, f: Format): SafeHtml {
  const percent = (share: number | null) => (share === null ? null : Math.round(share * 100));
  const bars = s.budget.flatMap((b) => [
    { label: t(language, 'stats.budget.requestedBar', { round: b.roundName }), value: percent(b.demandShare), text: f.share(b.demandShare) },
    { label: t(language, 'stats.budget.grantedBar', { round: b.roundName }), value: percent(b.usedShare), text: f.share(b.usedShare) },
  ]);
  const notes = s.budget.flatMap((b) => [
    ...(b.requestedOverBudgetKroner > 0
      ? [t(language, 'stats.budget.demandOver', { round: b.roundName, requested: f.kroner(b.requestedKroner), share: f.share(b.demandShare), budget: f.kroner(b.budgetKroner), over: f.kroner(b.requestedOverBudgetKroner) })]
      : []),
    ...(b.overBudgetKroner > 0 ? [t(language, 'stats.budget.grantedOver', { round: b.roundName, granted: f.kroner(b.grantedKroner), budget: f.kroner(b.budgetKroner), over: f.kroner(b.overBudgetKroner) })] : []),
  ]);
  return section(
    'budget',
    t(language, 'stats.budget'),
    barChart('chart-budget', t(language, 'stats.budget'), `${t(language, 'stats.budgetDesc')} ${t(language, 'stats.chartNote')}`, bars, { value: 100, label: f.share(1) }),
    dataTable(
      t(language, 'stats.budget'),
      [t(language, 'stats.round'), t(language, 'stats.budgetTotal'), t(language, 'stats.requestedTotal'), t(language, 'stats.grantedTotal'), t(language, 'stats.grantedPeriod'), t(language, 'stats.demandShare'), t(language, 'stats.used')],
      s.budget.map((b) => [b.roundName, f.number(b.budgetKroner, 0), f.number(b.requestedKroner, 0), f.number(b.grantedKroner, 0), f.number(b.grantedInPeriodKroner, 0), f.share(b.demandShare), f.share(b.usedShare)]),
    ),
    html`<p>${t(language, 'stats.budget.explain')}</p>${notes.length ? html`<ul class="gf-budget-notes">${notes.map((note) => html`<li>${note}</li>`)}</ul>` : ''}`,
  );
}

function groupTable(caption: string, groups: GroupFigures[], language: Language, f: Format): SafeHtml {
  const kroner = (value: number | null) => (value === null ? '–' : f.number(value, 0));
  return dataTable(
    caption,
    [t(language, 'stats.analysis.group'), t(language, 'stats.analysis.submitted'), t(language, 'stats.analysis.decided'), t(language, 'stats.analysis.granted'), t(language, 'stats.approvalRate'), t(language, 'stats.analysis.requested'), t(language, 'stats.analysis.grantedKroner')],
    groups.map((g) => [g.label, f.count(g.submitted), f.count(g.decided), f.count(g.granted), f.share(g.approvalRate), kroner(g.requestedKroner), kroner(g.grantedKroner)]),
  );
}

export function analysisSection(s: StatsSummary, language: Language, f: Format, jurisdiction?: Jurisdiction): SafeHtml {
  const a = s.analysis;
  const locale = localeFor(language);
  const days = (value: number | null) => f.daysShort(value);
  const kroner = (value: number | null) => (value === null ? '–' : f.number(value, 0));
  const { current, previous } = a.trend;
  const trendRows: (string | number)[][] = [
    [t(language, 'stats.analysis.row.submitted'), f.count(current.submitted), f.count(previous.submitted)],
    [t(language, 'stats.analysis.row.decided'), f.count(current.decided), f.count(previous.decided)],
    [t(language, 'stats.approvalRate'), f.share(current.approvalRate), f.share(previous.approvalRate)],
    [t(language, 'stats.analysis.row.medianTurnaround'), days(current.medianTurnaroundDays), days(previous.medianTurnaroundDays)],
    [t(language, 'stats.analysis.row.requested'), kroner(current.requestedKroner), kroner(previous.requestedKroner)],
    [t(language, 'stats.analysis.row.granted'), kroner(current.grantedKroner), kroner(previous.grantedKroner)],
    [t(language, 'stats.analysis.row.firstTimeShare'), f.share(current.firstTimeShare), f.share(previous.firstTimeShare)],
  ];
  const before = `${locale.date(a.trend.previousPeriod.from)} – ${locale.date(a.trend.previousPeriod.to)}`;
  return html`<section class="gf-stats-section" aria-labelledby="analysis-heading">
    <h2 id="analysis-heading">${t(language, 'stats.analysis')}</h2>
    <p>${t(language, lawWording('stats.analysis.intro', jurisdiction), { months: LONG_TERM_MONTHS })}</p>
    <div class="gf-chart-table gf-wide-tables" role="region" aria-labelledby="analysis-heading" tabindex="0">
      ${groupTable(t(language, 'stats.analysis.associations'), a.associations, language, f)}
      ${groupTable(t(language, 'stats.analysis.terms'), a.activityTerms, language, f)}
      ${groupTable(t(language, 'stats.targetGroup'), a.targetGroups, language, f)}
      ${dataTable(t(language, 'stats.analysis.trend', { period: before }), [t(language, 'stats.analysis.figure'), t(language, 'stats.analysis.thisPeriod'), t(language, 'stats.analysis.previousPeriod')], trendRows)}
    </div>
  </section>`;
}
