import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Database } from '../../../../lib/db';
import { lawWording, t, zodErrorMap, type Language } from '../../../../locale';
import type { Jurisdiction } from '../../../../domain/jurisdiction';
import { SUPPRESSED, type Count } from '../../../../domain/stats/suppression';
import { zodIssues } from '../../http/errors';
import { selectField, textField, type FieldErrors } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import type { SiteSettings } from '../layout';
import { pageLanguage } from '../page-language';
import { sendStaffPage } from '../staff/shell';
import { statsQuerySchema, resolvePeriod } from '../../stats/query';
import { statsSummary, type StatsSummary } from '../../stats/summary';
import { schemeIdOf, schemeOptions } from '../../stats/scheme-filter';
import { barChart, columnChart, dataTable } from './charts';
import { formatter, section, type Format } from './parts';
import { analysisSection, budgetSection } from './analysis';

/** The form's query: empty fields count as not given. */
const pageQuerySchema = z.preprocess(
  (query) => Object.fromEntries(Object.entries((query as Record<string, unknown>) ?? {}).filter(([, value]) => value !== '')),
  statsQuerySchema,
);

export async function showDashboard(req: Request, res: Response, deps: { db: Database; site: SiteSettings; cookieSecret: string }): Promise<void> {
  const language = pageLanguage(req, res);
  const f = formatter(language);
  const rounds = await deps.db.fundingRound.findMany({ orderBy: [{ opensAt: 'desc' }, { name: 'asc' }], select: { id: true, name: true } });
  const schemes = await schemeOptions(deps.db, language);
  const raw = { from: stringOf(req.query.from), to: stringOf(req.query.to), roundId: stringOf(req.query.roundId), scheme: stringOf(req.query.scheme) };
  const errors: FieldErrors = {};
  const parsed = pageQuerySchema.safeParse(req.query, { error: zodErrorMap(language) });
  let summary: StatsSummary | null = null;
  if (!parsed.success) {
    for (const issue of zodIssues(parsed.error, language)) errors[issue.path] ??= issue.message;
  } else {
    const resolved = resolvePeriod(parsed.data, language);
    const schemeId = parsed.data.scheme ? await schemeIdOf(deps.db, parsed.data.scheme) : undefined;
    if (parsed.data.scheme && !schemeId) errors.scheme = t(language, 'errors.scheme.unknown');
    if ('issue' in resolved) errors[resolved.issue.path] = resolved.issue.message;
    else if (!errors.scheme) summary = await statsSummary(deps.db, { ...resolved.period, ...(parsed.data.roundId ? { roundId: parsed.data.roundId } : {}), ...(schemeId ? { schemeId } : {}) }, language);
  }
  const hasErrors = Object.keys(errors).length > 0;
  const form = periodForm(language, f, rounds, schemes, summary ? { from: summary.period.from, to: summary.period.to, roundId: summary.roundId ?? '', scheme: raw.scheme } : raw, errors);
  const title = t(language, lawWording('stats.title', deps.site.jurisdiction));
  const main = html`<h1>${title}</h1>
    <p class="font-lead">${t(language, 'stats.intro')}</p>
    ${form}
    ${summary ? figures(summary, language, f, raw.scheme, deps.site.jurisdiction) : ''}`;
  sendStaffPage(req, res, deps.site, deps.cookieSecret, { title, language, main, area: 'statistics', errors }, hasErrors ? 400 : 200);
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function periodForm(
  language: Language,
  f: Format,
  rounds: { id: string; name: string }[],
  schemes: { slug: string; name: string }[],
  values: { from: string; to: string; roundId: string; scheme: string },
  errors: FieldErrors,
): SafeHtml {
  return html`<form method="get" action="/statistik" class="gf-stats-form" novalidate>
    <fieldset>
      <legend class="h3">${t(language, 'stats.choose')}</legend>
      <div class="gf-stats-form-fields">
        ${textField({ name: 'from', label: t(language, 'stats.from'), language, type: 'date', value: values.from, hint: t(language, 'stats.dateHint'), error: errors.from })}
        ${textField({ name: 'to', label: t(language, 'stats.to'), language, type: 'date', value: values.to, hint: t(language, 'stats.dateHint'), error: errors.to })}
        ${selectField({ name: 'scheme', label: t(language, 'stats.scheme'), language, value: values.scheme, emptyLabel: t(language, 'stats.allSchemes'), options: schemes.map((scheme) => ({ value: scheme.slug, label: scheme.name })), error: errors.scheme })}
        ${selectField({ name: 'roundId', label: t(language, 'stats.round'), language, value: values.roundId, emptyLabel: t(language, 'stats.allRounds'), options: rounds.map((round) => ({ value: round.id, label: round.name })), error: errors.roundId })}
      </div>
      <input type="hidden" name="lang" value="${language}">
      <button type="submit" class="button button-primary">${t(language, 'stats.show')}</button>
    </fieldset>
  </form>`;
}

function headlineCard(label: string, value: string, note?: string): SafeHtml {
  return html`<div class="gf-stat-card"><p class="gf-stat-label">${label}</p><p class="gf-stat-value">${value}</p>${note ? html`<p class="gf-stat-note">${note}</p>` : ''}</div>`;
}

const numeric = (count: Count) => (count === SUPPRESSED ? null : count);

function figures(s: StatsSummary, language: Language, f: Format, scheme: string, jurisdiction: Jurisdiction | undefined): SafeHtml {
  const query = new URLSearchParams({ from: s.period.from, to: s.period.to, ...(s.roundId ? { roundId: s.roundId } : {}), ...(scheme ? { scheme } : {}) });
  const roundQuery = s.roundId ? `?roundId=${s.roundId}` : '';
  const turnaround = s.turnaround;

  const headline = html`<section aria-labelledby="headline-heading">
    <h2 id="headline-heading">${t(language, 'stats.headline')}</h2>
    <div class="gf-stat-cards">
      ${headlineCard(t(language, 'stats.medianTurnaround'), f.days(turnaround.total.medianDays), turnaround.targetDays === null ? t(language, 'stats.targetPerRound') : t(language, 'stats.target', { days: turnaround.targetDays }))}
      ${headlineCard(t(language, 'stats.withinTarget'), f.share(turnaround.withinTargetShare), `${t(language, 'stats.decided')}: ${f.count(turnaround.decided)}`)}
      ${headlineCard(t(language, 'stats.p90Turnaround'), f.days(turnaround.total.p90Days))}
      ${headlineCard(t(language, 'stats.municipalityTime'), f.days(turnaround.municipality.medianDays), turnaround.applicantShareOfTime === null ? undefined : t(language, 'stats.applicantShare', { share: f.share(turnaround.applicantShareOfTime) }))}
      ${headlineCard(t(language, 'stats.applicantTime'), f.days(turnaround.applicant.medianDays), t(language, 'stats.applicantCases', { cases: f.count(turnaround.applicant.cases), decided: f.count(turnaround.decided) }))}
      ${headlineCard(t(language, 'stats.completeFirst'), f.share(s.completeness.completeFirstShare))}
      ${headlineCard(t(language, 'stats.approvalRate'), f.share(s.outcomes.approvalRate))}
      ${headlineCard(t(language, 'stats.submitted'), f.count(s.reach.submitted), `${t(language, 'stats.firstTime')}: ${f.share(s.reach.firstTimeShare)}`)}
    </div>
  </section>`;

  const months = s.monthly.map((m) => ({ label: m.month.slice(2), value: m.medianTurnaroundDays, text: f.daysShort(m.medianTurnaroundDays) }));
  const trend = section(
    'trend',
    t(language, 'stats.trend'),
    columnChart('chart-trend', t(language, 'stats.trend'), `${t(language, 'stats.trendDesc')} ${t(language, 'stats.chartNote')}`, months, turnaround.targetDays === null ? undefined : { value: turnaround.targetDays, label: t(language, 'stats.target', { days: turnaround.targetDays }) }),
    dataTable(t(language, 'stats.trend'), [t(language, 'stats.month'), t(language, 'stats.submitted'), t(language, 'stats.decided'), t(language, 'stats.median'), t(language, 'stats.withinTarget'), t(language, 'stats.approvalRate')], s.monthly.map((m) => [m.month, f.count(m.submitted), f.count(m.decided), f.daysShort(m.medianTurnaroundDays), f.share(m.withinTargetShare), f.share(m.approvalRate)])),
  );

  const stages = s.stages.filter((stage) => stage.cases !== 0);
  const dwell = section(
    'stages',
    t(language, 'stats.stages'),
    barChart('chart-stages', t(language, 'stats.stages'), `${t(language, 'stats.stagesDesc')} ${t(language, 'stats.chartNote')}`, stages.map((stage) => ({ label: stage.label, value: stage.medianDays, text: f.daysShort(stage.medianDays) }))),
    dataTable(t(language, 'stats.stagesDesc'), [t(language, 'stats.stage'), t(language, 'stats.cases'), t(language, 'stats.median'), t(language, 'stats.p90')], stages.map((stage) => [stage.label, f.count(stage.cases), f.daysShort(stage.medianDays), f.daysShort(stage.p90Days)])),
  );

  const d = s.dropOff;
  const cases = s.funnel.cases;
  // Each step is a part of the one before; the cases that left the way are listed after it.
  const funnelSteps: [string, Count][] = [
    [t(language, 'stats.funnel.received'), cases.received],
    [t(language, 'stats.funnel.decided'), cases.decided],
    [t(language, 'stats.funnel.granted'), cases.granted],
  ];
  const funnelRows: [string, Count][] = [
    ...funnelSteps,
    [t(language, 'stats.funnel.rejected'), cases.rejected],
    [t(language, 'stats.funnel.lapsed'), cases.lapsed],
    [t(language, 'stats.funnel.withdrawn'), cases.withdrawn],
    [t(language, 'stats.funnel.open'), cases.open],
  ];
  const form = s.funnel.form;
  const funnel = section(
    'funnel',
    t(language, 'stats.funnel'),
    barChart('chart-funnel', t(language, 'stats.funnel'), `${t(language, 'stats.funnelDesc')} ${t(language, 'stats.chartNote')}`, funnelSteps.map(([label, count]) => ({ label, value: numeric(count), text: f.count(count) }))),
    dataTable(t(language, 'stats.funnelDesc'), [t(language, 'stats.step'), t(language, 'stats.count')], funnelRows.map(([label, count]) => [label, f.count(count)])),
    html`<p>${t(language, 'stats.funnel.decisionNote')}</p>
      <h3>${t(language, 'stats.funnel.form')}</h3>
      <p>${t(language, 'stats.funnel.formCounts', { started: f.count(form.started), submitted: f.count(form.submitted), stopped: f.count(form.stopped) })}</p>
      <h3>${t(language, 'stats.stoppedAt')}</h3>
      ${d.stoppedAt.length ? dataTable(t(language, 'stats.stoppedAt'), [t(language, 'stats.step'), t(language, 'stats.count'), t(language, 'stats.share')], d.stoppedAt.map((step) => [step.label, f.count(step.count), f.share(step.share)])) : html`<p>${t(language, 'stats.none')}</p>`}
      ${d.medianFormMinutes === null ? '' : html`<p>${t(language, 'stats.formMinutes', { n: f.number(d.medianFormMinutes) })}</p>`}
      <h3>${t(language, 'stats.formTime.heading')}</h3>
      ${dataTable(t(language, 'stats.formTime.heading'), [t(language, 'stats.formTime.group'), t(language, 'stats.formTime.submitted'), t(language, 'stats.formTime.median')], d.formTimeByApplicant.map((group) => [group.label, f.count(group.submitted), group.medianFormMinutes === null ? '–' : f.number(group.medianFormMinutes)]))}
      <h3>${t(language, 'stats.missing')}</h3>
      ${dataTable(t(language, 'stats.missing'), [t(language, 'stats.item'), t(language, 'stats.count')], [...s.completeness.missingItems.map((item) => [item.label, f.count(item.count)]), [t(language, 'stats.missingOther'), f.count(s.completeness.otherMissingItems)]])}
      <p>${t(language, 'stats.requestsPer', { n: s.completeness.requestsPerApplication === null ? '–' : f.number(s.completeness.requestsPerApplication, 2) })}</p>`,
  );

  const reasons = section(
    'reasons',
    t(language, 'stats.reasons'),
    barChart('chart-reasons', t(language, 'stats.reasons'), `${t(language, 'stats.reasonsDesc')} ${t(language, 'stats.chartNote')}`, s.outcomes.reasons.map((r) => ({ label: r.label, value: numeric(r.count), text: f.count(r.count) }))),
    dataTable(t(language, 'stats.reasonsDesc'), [t(language, 'stats.reason'), t(language, 'stats.count')], s.outcomes.reasons.length ? s.outcomes.reasons.map((r) => [r.label, f.count(r.count)]) : [[t(language, 'stats.none'), '–']]),
    html`<h3>${t(language, 'stats.outcomes')}</h3>
      ${dataTable(t(language, 'stats.outcomes'), [t(language, 'stats.outcome'), t(language, 'stats.count'), t(language, 'stats.share')], s.outcomes.byOutcome.map((o) => [o.label, f.count(o.count), f.share(o.share)]))}
      ${s.outcomes.requestedKroner !== null && s.outcomes.grantedKroner !== null
        ? html`<p>${t(language, 'stats.requestedGranted', { requested: f.kroner(s.outcomes.requestedKroner), granted: f.kroner(s.outcomes.grantedKroner), share: f.share(s.outcomes.grantedShareOfRequested) })}</p>`
        : ''}`,
  );

  const budget = budgetSection(s, language, f);
  const analysis = analysisSection(s, language, f, jurisdiction);

  const reach = html`<section class="gf-stats-section" aria-labelledby="reach-heading">
    <h2 id="reach-heading">${t(language, 'stats.reach')}</h2>
    <div class="gf-chart-table">
      ${dataTable(t(language, 'stats.targetGroup'), [t(language, 'stats.targetGroup'), t(language, 'stats.count'), t(language, 'stats.share')], s.reach.targetGroups.map((g) => [g.label, f.count(g.count), f.share(g.share)]))}
      ${dataTable(t(language, 'stats.volunteers'), [t(language, 'stats.volunteers'), t(language, 'stats.count'), t(language, 'stats.share')], [
        ...s.reach.volunteers.map((v) => [v.label, f.count(v.count), f.share(v.share)]),
        [t(language, 'stats.firstTime'), f.count(s.reach.firstTime), f.share(s.reach.firstTimeShare)],
        [t(language, 'stats.returning'), f.count(s.reach.returning), '–'],
      ])}
    </div>
  </section>`;

  const r = s.reporting;
  const reporting = html`<section class="gf-stats-section" aria-labelledby="reporting-heading">
    <h2 id="reporting-heading">${t(language, 'stats.reporting')}</h2>
    ${dataTable(t(language, 'stats.reporting'), [t(language, 'stats.reporting'), t(language, 'stats.count')], [
      [t(language, 'stats.reportsDue'), f.count(r.due)],
      [t(language, 'stats.reportsOnTime'), `${f.count(r.onTime)} (${f.share(r.onTimeShare)})`],
      [t(language, 'stats.reportsLate'), f.count(r.late)],
      [t(language, 'stats.reportsPending'), f.count(r.notYetSubmitted)],
      [t(language, 'stats.remindersPer'), r.remindersPerReport === null ? '–' : f.number(r.remindersPerReport, 2)],
      [t(language, 'stats.daysToSubmit'), f.daysShort(r.medianDaysToSubmit)],
      [t(language, 'stats.sentBack'), f.count(r.sentBack)],
      [t(language, 'stats.repayments'), `${f.count(r.repayments)}${r.repaidKroner === null ? '' : ` (${f.kroner(r.repaidKroner)})`}`],
    ])}
  </section>`;

  const stories = html`<aside class="gf-stories" aria-labelledby="stories-heading">
    <h2 id="stories-heading">${t(language, 'stats.stories')}</h2>
    <p>${t(language, 'stats.storiesIntro', { consent: t(language, 'common.consent.storyAnonymous') })}</p>
    ${s.stories.length
      ? s.stories.map(
          (story) => html`<figure class="gf-story">
            <blockquote><p>${story.text}</p></blockquote>
            <figcaption><strong>${story.activity}</strong><br><span class="gf-story-round">${story.round}, ${story.month}</span></figcaption>
          </figure>`,
        )
      : html`<p>${t(language, 'stats.noStories')}</p>`}
  </aside>`;

  const downloads = html`<ul class="gf-stats-downloads">
    <li><a href="/api/v1/stats/council-brief.pdf?${query.toString()}">${t(language, lawWording('stats.brief', jurisdiction))}</a></li>
    <li><a href="/api/v1/open-data/grants.csv${roundQuery}">${t(language, 'stats.openCsv')}</a></li>
    <li><a href="/api/v1/open-data/grants.json${roundQuery}">${t(language, 'stats.openJson')}</a></li>
  </ul>`;

  // The stories come right after the headline numbers, so the figures are read with them.
  return html`${downloads}${headline}${stories}${trend}${dwell}${funnel}${reasons}${budget}${analysis}${reach}${reporting}`;
}
