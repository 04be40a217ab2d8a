import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Database } from '../../../../lib/db';
import { zodErrorMap, type Language } from '../../../../locale';
import { SUPPRESSED, type Count } from '../../../../domain/stats/suppression';
import { zodIssues } from '../../http/errors';
import { errorSummary, selectField, textField, type FieldErrors } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import type { SiteSettings } from '../layout';
import { pageLanguage } from '../page-language';
import { sendStaffPage } from '../staff/shell';
import { statsQuerySchema, resolvePeriod } from '../../stats/query';
import { statsSummary, type StatsSummary } from '../../stats/summary';
import { barChart, columnChart, dataTable } from './charts';
import { STATS_TEXTS, type StatsText } from './texts';

const LOCALES: Record<Language, string> = { da: 'da-DK', nb: 'nb-NO', en: 'en-GB' };

/** Formatting in the page's language; "<5" and hidden figures say so in words. */
function formatter(language: Language) {
  const t = (key: StatsText, values: Record<string, string | number> = {}) =>
    STATS_TEXTS[key][language].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
  const number = (value: number, digits = 1) => value.toLocaleString(LOCALES[language], { maximumFractionDigits: digits });
  return {
    t,
    number,
    count: (value: Count) => (value === SUPPRESSED ? '<5' : number(value, 0)),
    days: (value: number | null) => (value === null ? t('notShown') : t('days', { n: number(value) })),
    daysShort: (value: number | null) => (value === null ? '–' : number(value)),
    share: (value: number | null) => (value === null ? '–' : new Intl.NumberFormat(LOCALES[language], { style: 'percent', maximumFractionDigits: 0 }).format(value)),
    kroner: (value: number) => `${number(value, 0)} kr.`,
  };
}

/** The form's query: empty fields count as not given. */
const pageQuerySchema = z.preprocess(
  (query) => Object.fromEntries(Object.entries((query as Record<string, unknown>) ?? {}).filter(([, value]) => value !== '')),
  statsQuerySchema,
);

export async function showDashboard(req: Request, res: Response, deps: { db: Database; site: SiteSettings; cookieSecret: string }): Promise<void> {
  const language = pageLanguage(req, res);
  const f = formatter(language);
  const rounds = await deps.db.fundingRound.findMany({ orderBy: [{ opensAt: 'desc' }, { name: 'asc' }], select: { id: true, name: true } });
  const raw = { from: stringOf(req.query.from), to: stringOf(req.query.to), roundId: stringOf(req.query.roundId) };
  const errors: FieldErrors = {};
  const parsed = pageQuerySchema.safeParse(req.query, { error: zodErrorMap(language) });
  let summary: StatsSummary | null = null;
  if (!parsed.success) {
    for (const issue of zodIssues(parsed.error, language)) errors[issue.path] ??= issue.message;
  } else {
    const resolved = resolvePeriod(parsed.data, language);
    if ('issue' in resolved) errors[resolved.issue.path] = resolved.issue.message;
    else summary = await statsSummary(deps.db, { ...resolved.period, ...(parsed.data.roundId ? { roundId: parsed.data.roundId } : {}) }, language);
  }
  const hasErrors = Object.keys(errors).length > 0;
  const form = periodForm(language, f, rounds, summary ? { from: summary.period.from, to: summary.period.to, roundId: summary.roundId ?? '' } : raw, errors);
  const main = html`<h1>${f.t('title')}</h1>
    ${errorSummary(errors, language)}
    <p class="font-lead">${f.t('intro')}</p>
    ${form}
    ${summary ? figures(summary, language, f) : ''}`;
  sendStaffPage(req, res, deps.site, deps.cookieSecret, { title: f.t('title'), language, main, area: 'statistics', hasErrors }, hasErrors ? 400 : 200);
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

type Format = ReturnType<typeof formatter>;

function periodForm(language: Language, f: Format, rounds: { id: string; name: string }[], values: { from: string; to: string; roundId: string }, errors: FieldErrors): SafeHtml {
  return html`<form method="get" action="/statistik" class="gf-stats-form" novalidate>
    <fieldset>
      <legend class="h3">${f.t('choose')}</legend>
      <div class="gf-stats-form-fields">
        ${textField({ name: 'from', label: f.t('from'), language, type: 'date', value: values.from, hint: f.t('dateHint'), error: errors.from })}
        ${textField({ name: 'to', label: f.t('to'), language, type: 'date', value: values.to, hint: f.t('dateHint'), error: errors.to })}
        ${selectField({ name: 'roundId', label: f.t('round'), language, value: values.roundId, emptyLabel: f.t('allRounds'), options: rounds.map((round) => ({ value: round.id, label: round.name })), error: errors.roundId })}
      </div>
      <input type="hidden" name="lang" value="${language}">
      <button type="submit" class="button button-primary">${f.t('show')}</button>
    </fieldset>
  </form>`;
}

function headlineCard(label: string, value: string, note?: string): SafeHtml {
  return html`<div class="gf-stat-card"><p class="gf-stat-label">${label}</p><p class="gf-stat-value">${value}</p>${note ? html`<p class="gf-stat-note">${note}</p>` : ''}</div>`;
}

function section(id: string, heading: string, chart: SafeHtml, table: SafeHtml, after: SafeHtml | string = ''): SafeHtml {
  return html`<section class="gf-stats-section" aria-labelledby="${id}-heading">
    <h2 id="${id}-heading">${heading}</h2>
    <div class="gf-chart-pair">
      <figure class="gf-chart-figure">${chart}</figure>
      <div class="gf-chart-table">${table}</div>
    </div>
    ${after}
  </section>`;
}

const numeric = (count: Count) => (count === SUPPRESSED ? null : count);

function figures(s: StatsSummary, language: Language, f: Format): SafeHtml {
  const query = new URLSearchParams({ from: s.period.from, to: s.period.to, ...(s.roundId ? { roundId: s.roundId } : {}) });
  const roundQuery = s.roundId ? `?roundId=${s.roundId}` : '';
  const t = s.turnaround;

  const headline = html`<section aria-labelledby="headline-heading">
    <h2 id="headline-heading">${f.t('headline')}</h2>
    <div class="gf-stat-cards">
      ${headlineCard(f.t('medianTurnaround'), f.days(t.total.medianDays), t.targetDays === null ? f.t('targetPerRound') : f.t('target', { days: f.number(t.targetDays) }))}
      ${headlineCard(f.t('withinTarget'), f.share(t.withinTargetShare), `${f.t('decided')}: ${f.count(t.decided)}`)}
      ${headlineCard(f.t('p90Turnaround'), f.days(t.total.p90Days))}
      ${headlineCard(f.t('municipalityTime'), f.days(t.municipality.medianDays), t.applicantShareOfTime === null ? undefined : f.t('applicantShare', { share: f.share(t.applicantShareOfTime) }))}
      ${headlineCard(f.t('applicantTime'), f.days(t.applicant.medianDays))}
      ${headlineCard(f.t('completeFirst'), f.share(s.completeness.completeFirstShare))}
      ${headlineCard(f.t('approvalRate'), f.share(s.outcomes.approvalRate))}
      ${headlineCard(f.t('submitted'), f.count(s.reach.submitted), `${f.t('firstTime')}: ${f.share(s.reach.firstTimeShare)}`)}
    </div>
  </section>`;

  const months = s.monthly.map((m) => ({ label: m.month.slice(2), value: m.medianTurnaroundDays, text: f.daysShort(m.medianTurnaroundDays) }));
  const trend = section(
    'trend',
    f.t('trend'),
    columnChart('chart-trend', f.t('trend'), `${f.t('trendDesc')} ${f.t('chartNote')}`, months, t.targetDays === null ? undefined : { value: t.targetDays, label: f.t('target', { days: f.number(t.targetDays) }) }),
    dataTable(f.t('trend'), [f.t('month'), f.t('submitted'), f.t('decided'), f.t('median'), f.t('withinTarget'), f.t('approvalRate')], s.monthly.map((m) => [m.month, f.count(m.submitted), f.count(m.decided), f.daysShort(m.medianTurnaroundDays), f.share(m.withinTargetShare), f.share(m.approvalRate)])),
  );

  const stages = s.stages.filter((stage) => stage.cases !== 0);
  const dwell = section(
    'stages',
    f.t('stages'),
    barChart('chart-stages', f.t('stages'), `${f.t('stagesDesc')} ${f.t('chartNote')}`, stages.map((stage) => ({ label: stage.label, value: stage.medianDays, text: f.daysShort(stage.medianDays) }))),
    dataTable(f.t('stagesDesc'), [f.t('stage'), f.t('cases'), f.t('median'), f.t('p90')], stages.map((stage) => [stage.label, f.count(stage.cases), f.daysShort(stage.medianDays), f.daysShort(stage.p90Days)])),
  );

  const d = s.dropOff;
  const grantedCount = s.outcomes.byOutcome.filter((o) => o.code !== 'rejected').reduce<number | null>((sum, o) => (sum === null || o.count === SUPPRESSED ? null : sum + o.count), 0);
  const funnelRows: [string, Count][] = [
    [f.t('draftsStarted'), d.draftsStarted],
    [f.t('draftsSubmitted'), d.draftsSubmitted],
    [f.t('submitted'), s.reach.submitted],
    [f.t('decided'), s.outcomes.decided],
    [f.t('granted'), grantedCount === null ? SUPPRESSED : grantedCount],
    [f.t('lapsed'), d.lapsed],
    [f.t('withdrawn'), d.withdrawn],
  ];
  const funnel = section(
    'funnel',
    f.t('funnel'),
    barChart('chart-funnel', f.t('funnel'), `${f.t('funnelDesc')} ${f.t('chartNote')}`, funnelRows.map(([label, count]) => ({ label, value: numeric(count), text: f.count(count) }))),
    dataTable(f.t('funnelDesc'), [f.t('step'), f.t('count')], funnelRows.map(([label, count]) => [label, f.count(count)])),
    html`<h3>${f.t('stoppedAt')}</h3>
      ${d.stoppedAt.length ? dataTable(f.t('stoppedAt'), [f.t('step'), f.t('count'), f.t('share')], d.stoppedAt.map((step) => [step.label, f.count(step.count), f.share(step.share)])) : html`<p>${f.t('none')}</p>`}
      ${d.medianFormMinutes === null ? '' : html`<p>${f.t('formMinutes', { n: f.number(d.medianFormMinutes) })}</p>`}
      <h3>${f.t('missing')}</h3>
      ${dataTable(f.t('missing'), [f.t('item'), f.t('count')], [...s.completeness.missingItems.map((item) => [item.label, f.count(item.count)]), [f.t('missingOther'), f.count(s.completeness.otherMissingItems)]])}
      <p>${f.t('requestsPer', { n: s.completeness.requestsPerApplication === null ? '–' : f.number(s.completeness.requestsPerApplication, 2) })}</p>`,
  );

  const reasons = section(
    'reasons',
    f.t('reasons'),
    barChart('chart-reasons', f.t('reasons'), `${f.t('reasonsDesc')} ${f.t('chartNote')}`, s.outcomes.reasons.map((r) => ({ label: r.label, value: numeric(r.count), text: f.count(r.count) }))),
    dataTable(f.t('reasonsDesc'), [f.t('reason'), f.t('count')], s.outcomes.reasons.length ? s.outcomes.reasons.map((r) => [r.label, f.count(r.count)]) : [[f.t('none'), '–']]),
    html`<h3>${f.t('outcomes')}</h3>
      ${dataTable(f.t('outcomes'), [f.t('outcome'), f.t('count'), f.t('share')], s.outcomes.byOutcome.map((o) => [o.label, f.count(o.count), f.share(o.share)]))}
      ${s.outcomes.requestedKroner !== null && s.outcomes.grantedKroner !== null
        ? html`<p>${f.t('requestedGranted', { requested: f.kroner(s.outcomes.requestedKroner), granted: f.kroner(s.outcomes.grantedKroner), share: f.share(s.outcomes.grantedShareOfRequested) })}</p>`
        : ''}`,
  );

  const budget = section(
    'budget',
    f.t('budget'),
    barChart('chart-budget', f.t('budget'), `${f.t('budgetDesc')} ${f.t('chartNote')}`, s.budget.map((b) => ({ label: b.roundName, value: Math.round(b.usedShare * 100), text: f.share(b.usedShare) })), { value: 100, label: '100 %' }),
    dataTable(f.t('budget'), [f.t('round'), f.t('budgetTotal'), f.t('grantedTotal'), f.t('grantedPeriod'), f.t('used')], s.budget.map((b) => [b.roundName, f.number(b.budgetKroner, 0), f.number(b.grantedKroner, 0), f.number(b.grantedInPeriodKroner, 0), f.share(b.usedShare)])),
  );

  const reach = html`<section class="gf-stats-section" aria-labelledby="reach-heading">
    <h2 id="reach-heading">${f.t('reach')}</h2>
    <div class="gf-chart-table">
      ${dataTable(f.t('targetGroup'), [f.t('targetGroup'), f.t('count'), f.t('share')], s.reach.targetGroups.map((g) => [g.label, f.count(g.count), f.share(g.share)]))}
      ${dataTable(f.t('volunteers'), [f.t('volunteers'), f.t('count'), f.t('share')], [
        ...s.reach.volunteers.map((v) => [v.label, f.count(v.count), f.share(v.share)]),
        [f.t('firstTime'), f.count(s.reach.firstTime), f.share(s.reach.firstTimeShare)],
        [f.t('returning'), f.count(s.reach.returning), '–'],
      ])}
    </div>
  </section>`;

  const r = s.reporting;
  const reporting = html`<section class="gf-stats-section" aria-labelledby="reporting-heading">
    <h2 id="reporting-heading">${f.t('reporting')}</h2>
    ${dataTable(f.t('reporting'), [f.t('reporting'), f.t('count')], [
      [f.t('reportsDue'), f.count(r.due)],
      [f.t('reportsOnTime'), `${f.count(r.onTime)} (${f.share(r.onTimeShare)})`],
      [f.t('reportsLate'), f.count(r.late)],
      [f.t('reportsPending'), f.count(r.notYetSubmitted)],
      [f.t('remindersPer'), r.remindersPerReport === null ? '–' : f.number(r.remindersPerReport, 2)],
      [f.t('daysToSubmit'), f.daysShort(r.medianDaysToSubmit)],
      [f.t('sentBack'), f.count(r.sentBack)],
      [f.t('repayments'), `${f.count(r.repayments)}${r.repaidKroner === null ? '' : ` (${f.kroner(r.repaidKroner)})`}`],
    ])}
  </section>`;

  const stories = html`<aside class="gf-stories" aria-labelledby="stories-heading">
    <h2 id="stories-heading">${f.t('stories')}</h2>
    <p>${f.t('storiesIntro')}</p>
    ${s.stories.length
      ? s.stories.map(
          (story) => html`<figure class="gf-story">
            <blockquote><p>${story.text}</p></blockquote>
            <figcaption><strong>${story.association}</strong>: ${story.activity}<br><span class="gf-story-round">${story.round}, ${story.month}</span></figcaption>
          </figure>`,
        )
      : html`<p>${f.t('noStories')}</p>`}
  </aside>`;

  const downloads = html`<ul class="gf-stats-downloads">
    <li><a href="/api/v1/stats/council-brief.pdf?${query.toString()}">${f.t('brief')}</a></li>
    <li><a href="/api/v1/open-data/grants.csv${roundQuery}">${f.t('openCsv')}</a></li>
    <li><a href="/api/v1/open-data/grants.json${roundQuery}">${f.t('openJson')}</a></li>
  </ul>`;

  // The stories come right after the headline numbers, so the figures are read with them.
  return html`${downloads}${headline}${stories}${trend}${dwell}${funnel}${reasons}${budget}${reach}${reporting}`;
}
