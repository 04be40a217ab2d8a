import { formatPercent, lawWording, localeFor, type Language, type Locale } from '../../locale';
import type { GroupFigures } from '../../domain/stats/analysis';
import { LONG_TERM_MONTHS } from '../../domain/stats/activity-term';
import { SUPPRESSED, type Count } from '../../domain/stats/suppression';
import { openPdf } from '../pdf/document';
import type { Bar, PdfCanvas } from '../pdf/canvas';
import type { BriefSender, CouncilBriefData } from './brief-data';

// A few pages for a committee meeting: the headline numbers, where the process itself makes people
// wait or give up, the budget beside what was asked for, who applies and for what against the
// period before, and three stories the associations consented to, as approved.

/** How the brief writes its figures, with what it says when a figure is not shown. */
function figuresIn(locale: Locale) {
  const { t } = locale;
  return {
    days: (value: number | null) => (value === null ? t('brief.value.daysHidden') : t('brief.value.days', { days: value })),
    share: (value: number | null) => (value === null ? t('brief.value.hidden') : formatPercent(locale.language, value)),
    count: (value: Count) => (value === SUPPRESSED ? t('brief.value.fewerThanFive') : locale.number(value)),
    kroner: (value: number | null) => (value === null ? t('brief.value.hidden') : locale.kroner(value)),
    shareOrHidden: (value: number | null) => (value === null ? t('brief.value.hidden') : formatPercent(locale.language, value)),
    // A count too small to show is written as "under 5" and gets no bar: a bar would show a size.
    bar: (label: string, count: Count): Bar => ({ label, value: count === SUPPRESSED ? null : count, text: count === SUPPRESSED ? t('brief.value.fewerThanFive') : locale.number(count) }),
  };
}

type Figures = ReturnType<typeof figuresIn>;

function drawHeadline(canvas: PdfCanvas, data: CouncilBriefData, { t }: Locale, f: Figures): void {
  const turnaround = data.turnaround;
  const rows: Array<[string, string]> = [
    [t('brief.fact.submitted'), f.count(data.reach.submitted)],
    [t('brief.fact.decided'), f.count(turnaround.decided)],
    [t('brief.fact.medianTurnaround'), f.days(turnaround.total.medianDays)],
    [t('brief.fact.p90Turnaround'), f.days(turnaround.total.p90Days)],
    [turnaround.targetDays === null ? t('brief.fact.withinRoundTarget') : t('brief.fact.withinTarget', { days: turnaround.targetDays }), f.share(turnaround.withinTargetShare)],
    [t('brief.fact.municipalityTime'), f.days(turnaround.municipality.medianDays)],
    [t('brief.fact.applicantCases'), f.count(turnaround.applicant.cases)],
    [t('brief.fact.applicantTime'), f.days(turnaround.applicant.medianDays)],
    [t('brief.fact.completeFirst'), f.share(data.completeness.completeFirstShare)],
    [t('brief.fact.approvalRate'), f.share(data.outcomes.approvalRate)],
    [t('brief.fact.firstTime'), f.share(data.reach.firstTimeShare)],
    [t('brief.fact.reportsOnTime'), f.share(data.reporting.onTimeShare)],
  ];
  canvas.heading(t('brief.heading.headline'), true, canvas.figuresHeight(rows));
  canvas.figures(rows);
}

function drawBarriers(canvas: PdfCanvas, data: CouncilBriefData, locale: Locale, f: Figures): void {
  const { t } = locale;
  const waits: Bar[] = data.stages
    .filter((stage) => stage.medianDays !== null)
    .sort((a, b) => (b.medianDays ?? 0) - (a.medianDays ?? 0))
    .slice(0, 3)
    .map((stage) => ({ label: stage.label, value: stage.medianDays, text: f.days(stage.medianDays) }));
  const waitsHeading = t('brief.heading.longestWaits');
  const waitsHeight = waits.length === 0 ? 0 : canvas.barChartHeight(waits);
  canvas.heading(t('brief.heading.barriers'), true, canvas.subheadingHeight(waitsHeading) + waitsHeight);
  canvas.subheading(waitsHeading, waitsHeight);
  if (waits.length === 0) canvas.paragraph(t('brief.waits.none'));
  else canvas.barChart(waits);
  canvas.note(t('brief.waits.note'));

  const missing = data.completeness.missingItems.slice(0, 5).map((item) => f.bar(item.label, item.count));
  canvas.subheading(t('brief.heading.missing'), missing.length === 0 ? 0 : canvas.barChartHeight(missing));
  if (missing.length === 0) canvas.paragraph(t('brief.missing.none'));
  else canvas.barChart(missing);
  const perApplication = data.completeness.requestsPerApplication;
  canvas.paragraph(t('brief.missing.requestsPerApplication', { value: perApplication === null ? t('brief.value.hidden') : locale.number(perApplication) }));

  const d = data.dropOff;
  const cases = data.funnel.cases;
  // Two cohorts, each counted on its own: the forms started in the period, the cases submitted in it.
  const form: Array<[string, string]> = [
    [t('brief.dropOff.started'), f.count(d.draftsStarted)],
    [t('brief.dropOff.submitted'), f.count(d.draftsSubmitted)],
    [t('brief.dropOff.stopped'), f.count(d.draftsStopped)],
    [t('brief.dropOff.formMinutes'), d.medianFormMinutes === null ? t('brief.value.hidden') : t('brief.value.minutes', { minutes: d.medianFormMinutes })],
  ];
  const submitted: Array<[string, string]> = [
    [t('brief.dropOff.received'), f.count(cases.received)],
    [t('brief.dropOff.decided'), f.count(cases.decided)],
    [t('brief.dropOff.granted'), f.count(cases.granted)],
    [t('brief.dropOff.lapsed'), f.count(cases.lapsed)],
    [t('brief.dropOff.withdrawn'), f.count(cases.withdrawn)],
    [t('brief.dropOff.open'), f.count(cases.open)],
  ];
  canvas.subheading(t('brief.heading.dropOff'), canvas.figuresHeight(form));
  canvas.figures(form);
  const stops = d.stoppedAt.filter((step) => step.count !== 0).map((step) => f.bar(step.label, step.count));
  if (stops.length > 0) canvas.barChart(stops, t('brief.dropOff.stoppedAt'));
  canvas.gap(6);
  canvas.figures(submitted);
}

function drawBudget(canvas: PdfCanvas, data: CouncilBriefData, locale: Locale, f: Figures): void {
  const { t } = locale;
  const ofBudget = (kroner: number, share: number | null) => t('brief.value.ofBudget', { amount: locale.kroner(kroner), share: f.shareOrHidden(share) });
  const rounds = data.budget.map((line) => ({
    name: line.roundName,
    rows: [
      [t('brief.budget.budget'), locale.kroner(line.budgetKroner)],
      [t('brief.budget.requested'), ofBudget(line.requestedKroner, line.demandShare)],
      [t('brief.budget.granted'), ofBudget(line.grantedKroner, line.usedShare)],
    ] as Array<[string, string]>,
    notes: [
      ...(line.requestedOverBudgetKroner > 0 ? [t('brief.budget.demandOver', { over: locale.kroner(line.requestedOverBudgetKroner) })] : []),
      ...(line.overBudgetKroner > 0 ? [t('brief.budget.grantedOver', { over: locale.kroner(line.overBudgetKroner) })] : []),
    ],
  }));
  const first = rounds[0];
  canvas.heading(t('brief.heading.budget'), true, first ? canvas.subheadingHeight(first.name) + canvas.figuresHeight(first.rows) : 0);
  if (rounds.length === 0) canvas.paragraph(t('brief.budget.none'));
  else canvas.note(t('brief.budget.explain'));
  for (const round of rounds) {
    canvas.subheading(round.name, canvas.figuresHeight(round.rows));
    canvas.figures(round.rows);
    for (const note of round.notes) canvas.note(note);
  }
  const reasons = data.outcomes.reasons.slice(0, 4);
  canvas.gap(6);
  if (reasons.length > 0) canvas.barChart(reasons.map((reason) => f.bar(reason.label, reason.count)), t('brief.budget.reasons'));
}

/** A group of the cohort on one line: its applications, how many of the decided were granted, the amount. */
function groupLine(group: GroupFigures, locale: Locale, f: Figures): [string, string] {
  // In a group of fewer than five nothing else may be shown, so nothing else is written.
  if (group.submitted === SUPPRESSED) return [group.label, locale.t('brief.analysis.groupFew', { submitted: f.count(group.submitted) })];
  const label = locale.t('brief.analysis.groupLabel', { label: group.label, submitted: f.count(group.submitted) });
  if (group.decided === SUPPRESSED) return [label, locale.t('brief.analysis.groupFewDecided', { decided: f.count(group.decided) })];
  return [label, locale.t('brief.analysis.group', { granted: f.count(group.granted), decided: f.count(group.decided), kroner: f.kroner(group.grantedKroner) })];
}

function drawAnalysis(canvas: PdfCanvas, data: CouncilBriefData, locale: Locale, f: Figures): void {
  const { t } = locale;
  const a = data.analysis;
  const sum = (of: (line: CouncilBriefData['budget'][number]) => number) => data.budget.reduce((total, line) => total + of(line), 0);
  const demand: Array<[string, string]> = [
    [t('brief.analysis.demand.requested'), locale.kroner(sum((line) => line.requestedKroner))],
    [t('brief.analysis.demand.budget'), locale.kroner(sum((line) => line.budgetKroner))],
    [t('brief.analysis.demand.over'), locale.kroner(sum((line) => line.requestedOverBudgetKroner))],
  ];
  const demandHeading = t('brief.heading.demand');
  canvas.heading(t('brief.heading.analysis'), true, canvas.subheadingHeight(demandHeading) + canvas.figuresHeight(demand));
  canvas.subheading(demandHeading, canvas.figuresHeight(demand));
  canvas.figures(demand);

  const parts: Array<[string, GroupFigures[]]> = [
    [t('brief.heading.associations'), a.associations],
    [t('brief.heading.terms'), a.activityTerms],
  ];
  for (const [heading, groups] of parts) {
    const rows = groups.map((group) => groupLine(group, locale, f));
    canvas.subheading(heading, canvas.figuresHeight(rows));
    canvas.figures(rows);
  }

  const groups = a.targetGroups.map((group) => f.bar(group.label, group.submitted));
  const groupsHeading = t('brief.heading.targetGroups');
  canvas.subheading(groupsHeading, groups.length === 0 ? 0 : canvas.barChartHeight(groups, t('brief.analysis.targetGroupsCaption')));
  if (groups.length === 0) canvas.paragraph(t('brief.analysis.none'));
  else {
    canvas.barChart(groups, t('brief.analysis.targetGroupsCaption'));
    const rows = a.targetGroups.map((group) => groupLine(group, locale, f));
    const caption = t('brief.analysis.targetGroupsGranted');
    canvas.keepTogether(canvas.paragraphHeight(caption) + canvas.figuresHeight(rows));
    canvas.paragraph(caption);
    canvas.figures(rows);
  }

  const { current, previous, previousPeriod } = a.trend;
  const compare = (now: string, before: string) => t('brief.analysis.compare', { now, before });
  const days = (value: number | null) => (value === null ? t('brief.value.hidden') : locale.number(value));
  const trend: Array<[string, string]> = [
    [t('brief.fact.submitted'), compare(f.count(current.submitted), f.count(previous.submitted))],
    [t('brief.fact.decided'), compare(f.count(current.decided), f.count(previous.decided))],
    [t('brief.fact.approvalRate'), compare(f.share(current.approvalRate), f.share(previous.approvalRate))],
    [t('brief.analysis.trend.medianDays'), compare(days(current.medianTurnaroundDays), days(previous.medianTurnaroundDays))],
    [t('brief.analysis.trend.requested'), compare(f.kroner(current.requestedKroner), f.kroner(previous.requestedKroner))],
    [t('brief.analysis.trend.granted'), compare(f.kroner(current.grantedKroner), f.kroner(previous.grantedKroner))],
    [t('brief.fact.firstTime'), compare(f.share(current.firstTimeShare), f.share(previous.firstTimeShare))],
  ];
  const caption = t('brief.analysis.trendCaption', { period: `${locale.date(previousPeriod.from)} – ${locale.date(previousPeriod.to)}` });
  canvas.subheading(t('brief.heading.trend'), canvas.paragraphHeight(caption) + canvas.figuresHeight(trend));
  canvas.paragraph(caption);
  canvas.figures(trend);
}

function drawStoriesAndMethod(canvas: PdfCanvas, data: CouncilBriefData, { t }: Locale, law: BriefSender['law']): void {
  const quotes = data.stories.map((story): [string, string, string] => [t('brief.stories.about', { activity: story.activity }), t('brief.stories.quote', { text: story.text }), story.round]);
  // Under the heading: what the associations agreed to, in the words they ticked.
  const intro = quotes.length ? t('brief.stories.intro', { consent: t('common.consent.storyAnonymous') }) : t('brief.stories.none');
  canvas.heading(t('brief.heading.stories'), true, canvas.paragraphHeight(intro) + (quotes[0] ? canvas.quoteHeight(...quotes[0]) : 0));
  canvas.paragraph(intro);
  for (const quote of quotes) canvas.quote(...quote);

  // The method is read as one text: kept whole on one page with its heading.
  const method = t(lawWording('brief.method.body', law), { minimum: data.minimumGroupSize, months: LONG_TERM_MONTHS });
  canvas.heading(t('brief.heading.method'), true, canvas.paragraphHeight(method));
  canvas.paragraph(method);
}

export async function renderCouncilBrief(language: Language, data: CouncilBriefData, sender: BriefSender, now = new Date()): Promise<Buffer> {
  const locale = localeFor(language);
  const { t } = locale;
  const period = `${locale.date(data.period.from)} – ${locale.date(data.period.to)}`;
  const pdf = openPdf(language, { title: t(lawWording('brief.documentTitle', sender.law), { period }), author: sender.municipality, subject: t('brief.subject', { period }), createdAt: now });
  const { canvas } = pdf;
  const round = data.roundId ? data.budget.find((line) => line.roundId === data.roundId)?.roundName : null;

  canvas.title(`${sender.municipality} · ${sender.department}`, t(lawWording('brief.title', sender.law)));
  canvas.lines([t('brief.period', { period }), round ? t('brief.round', { round }) : t('brief.allRounds')]);

  const figures = figuresIn(locale);
  drawHeadline(canvas, data, locale, figures);
  drawBarriers(canvas, data, locale, figures);
  drawBudget(canvas, data, locale, figures);
  drawAnalysis(canvas, data, locale, figures);
  drawStoriesAndMethod(canvas, data, locale, sender.law);
  return pdf.finish({ text: t('brief.footer', { municipality: sender.municipality, period }), page: (current, total) => t('brief.page', { current, total }) });
}
