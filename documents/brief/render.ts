import { formatPercent, localeFor, type Language, type Locale } from '../../locale';
import { SUPPRESSED, type Count } from '../../domain/stats/suppression';
import { openPdf } from '../pdf/document';
import type { Bar, PdfCanvas } from '../pdf/canvas';
import type { BriefSender, CouncilBriefData } from './brief-data';

// A few pages for a committee meeting: the headline numbers, where the process itself makes people
// wait or give up, the budget, and three stories the associations consented to, as approved.

/** How the brief writes its figures, with what it says when a figure is not shown. */
function figuresIn(locale: Locale) {
  const { t } = locale;
  return {
    days: (value: number | null) => (value === null ? t('brief.value.daysHidden') : t('brief.value.days', { days: value })),
    share: (value: number | null) => (value === null ? t('brief.value.hidden') : formatPercent(locale.language, value)),
    count: (value: Count) => (value === SUPPRESSED ? t('brief.value.fewerThanFive') : locale.number(value)),
    kroner: (value: number | null) => (value === null ? t('brief.value.hidden') : locale.kroner(value)),
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
  const dropOff: Array<[string, string]> = [
    [t('brief.dropOff.started'), f.count(d.draftsStarted)],
    [t('brief.dropOff.submitted'), f.count(d.draftsSubmitted)],
    [t('brief.dropOff.stopped'), f.count(d.draftsStopped)],
    [t('brief.dropOff.formMinutes'), d.medianFormMinutes === null ? t('brief.value.hidden') : t('brief.value.minutes', { minutes: d.medianFormMinutes })],
    [t('brief.dropOff.lapsed'), f.count(d.lapsed)],
    [t('brief.dropOff.withdrawn'), f.count(d.withdrawn)],
  ];
  canvas.subheading(t('brief.heading.dropOff'), canvas.figuresHeight(dropOff));
  canvas.figures(dropOff);
  const stops = d.stoppedAt.filter((step) => step.count !== 0).map((step) => f.bar(step.label, step.count));
  if (stops.length > 0) canvas.barChart(stops, t('brief.dropOff.stoppedAt'));
}

function drawBudget(canvas: PdfCanvas, data: CouncilBriefData, locale: Locale, f: Figures): void {
  const { t } = locale;
  const rounds = data.budget.map((line): [string, string] => [
    line.roundName,
    t('brief.value.budgetUse', { granted: locale.kroner(line.grantedKroner), budget: locale.kroner(line.budgetKroner), share: formatPercent(locale.language, line.usedShare) }),
  ]);
  canvas.heading(t('brief.heading.budget'), true, canvas.figuresHeight(rounds));
  if (data.budget.length === 0) canvas.paragraph(t('brief.budget.none'));
  canvas.figures(rounds);
  canvas.figures([
    [t('brief.budget.requested'), f.kroner(data.outcomes.requestedKroner)],
    [t('brief.budget.granted'), f.kroner(data.outcomes.grantedKroner)],
  ]);
  const reasons = data.outcomes.reasons.slice(0, 4);
  if (reasons.length > 0) canvas.barChart(reasons.map((reason) => f.bar(reason.label, reason.count)), t('brief.budget.reasons'));
}

function drawStoriesAndMethod(canvas: PdfCanvas, data: CouncilBriefData, { t }: Locale): void {
  const quotes = data.stories.map((story): [string, string, string] => [t('brief.stories.about', { activity: story.activity }), t('brief.stories.quote', { text: story.text }), story.round]);
  // Under the heading: what the associations agreed to, in the words they ticked.
  const intro = quotes.length ? t('brief.stories.intro', { consent: t('common.consent.storyAnonymous') }) : t('brief.stories.none');
  canvas.heading(t('brief.heading.stories'), true, canvas.paragraphHeight(intro) + (quotes[0] ? canvas.quoteHeight(...quotes[0]) : 0));
  canvas.paragraph(intro);
  for (const quote of quotes) canvas.quote(...quote);

  // The method is read as one text: kept whole on one page with its heading.
  const method = t('brief.method.body', { minimum: data.minimumGroupSize });
  canvas.heading(t('brief.heading.method'), true, canvas.paragraphHeight(method));
  canvas.paragraph(method);
}

export async function renderCouncilBrief(language: Language, data: CouncilBriefData, sender: BriefSender, now = new Date()): Promise<Buffer> {
  const locale = localeFor(language);
  const { t } = locale;
  const period = `${locale.date(data.period.from)} – ${locale.date(data.period.to)}`;
  const pdf = openPdf(language, { title: t('brief.documentTitle', { period }), author: sender.municipality, subject: t('brief.subject', { period }), createdAt: now });
  const { canvas } = pdf;
  const round = data.roundId ? data.budget.find((line) => line.roundId === data.roundId)?.roundName : null;

  canvas.title(`${sender.municipality} · ${sender.department}`, t('brief.title'));
  canvas.lines([t('brief.period', { period }), round ? t('brief.round', { round }) : t('brief.allRounds')]);

  const figures = figuresIn(locale);
  drawHeadline(canvas, data, locale, figures);
  drawBarriers(canvas, data, locale, figures);
  drawBudget(canvas, data, locale, figures);
  drawStoriesAndMethod(canvas, data, locale);
  return pdf.finish({ text: t('brief.footer', { municipality: sender.municipality, period }), page: (current, total) => t('brief.page', { current, total }) });
}
