import PDFDocument from 'pdfkit';
import { formatDate, formatKroner } from '../../../activities/letters/decision-letter';
import { SUPPRESSED, type Count } from '../../../domain/stats/suppression';
import type { StatsSummary } from './summary';

// A few pages for a committee meeting, in Danish: the headline numbers, where the process itself
// makes people wait or give up, the budget, and three stories the associations agreed to share.

const MARGIN = { top: 56, bottom: 70, left: 64, right: 64 };
const COLOR = { text: '#1a1a1a', muted: '#555555', accent: '#1f4e79', rule: '#b8c4d2', bar: '#1f4e79', barBack: '#e3e9f0' };
const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' };

export const BRIEF_HEADINGS = {
  title: 'Udvalgsbrief: tilskud til frivilligt socialt arbejde (§ 18)',
  headline: 'Nøgletal',
  barriers: 'Barrierer i processen',
  longestWaits: 'De tre faser med længst ventetid',
  missing: 'Oftest manglende oplysninger',
  dropOff: 'Frafald',
  budget: 'Budget',
  stories: 'Fortællinger fra foreningerne',
  method: 'Om tallene',
} as const;

const days = (value: number | null) => (value === null ? 'ikke vist (under 5 sager)' : `${value.toLocaleString('da-DK')} dage`);
const share = (value: number | null) => (value === null ? 'ikke vist' : `${Math.round(value * 100)} %`);
const count = (value: Count) => (value === SUPPRESSED ? 'under 5' : value.toLocaleString('da-DK'));
const kroner = (value: number | null) => (value === null ? 'ikke vist' : formatKroner(BigInt(value) * 100n));

export interface BriefSender {
  municipality: string;
  department: string;
}

export async function renderCouncilBrief(summary: StatsSummary, sender: BriefSender, now = new Date()): Promise<Buffer> {
  const period = `${formatDate(summary.period.from, 'da')} – ${formatDate(summary.period.to, 'da')}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: 'da-DK',
    displayTitle: true,
    info: { Title: `${BRIEF_HEADINGS.title}, ${period}`, Author: sender.municipality, Subject: `Statistik for ${period}`, Creator: 'grantflow', CreationDate: now },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGIN.left - MARGIN.right;

  const heading = (text: string, size = 14) => {
    if (doc.y > doc.page.height - MARGIN.bottom - 80) doc.addPage();
    doc.moveDown(0.8).font(FONT.bold).fontSize(size).fillColor(COLOR.accent).text(text, MARGIN.left, doc.y, { width });
    doc.moveDown(0.3).font(FONT.regular).fontSize(10.5).fillColor(COLOR.text);
  };
  const paragraph = (text: string) => doc.font(FONT.regular).fontSize(10.5).fillColor(COLOR.text).text(text, MARGIN.left, doc.y, { width, lineGap: 2 });
  const facts = (rows: [string, string][]) => {
    for (const [label, value] of rows) {
      const y = doc.y;
      doc.font(FONT.regular).fontSize(10.5).fillColor(COLOR.text).text(label, MARGIN.left, y, { width: width * 0.62 });
      const after = doc.y;
      doc.font(FONT.bold).text(value, MARGIN.left + width * 0.64, y, { width: width * 0.36, align: 'right' });
      doc.y = Math.max(after, doc.y) + 3;
    }
  };
  const bars = (rows: { label: string; value: number; text: string }[]) => {
    const max = Math.max(1, ...rows.map((row) => row.value));
    for (const row of rows) {
      const y = doc.y;
      doc.font(FONT.regular).fontSize(10).fillColor(COLOR.text).text(row.label, MARGIN.left, y, { width: width * 0.45 });
      const barX = MARGIN.left + width * 0.47;
      const barWidth = width * 0.36;
      doc.rect(barX, y + 1, barWidth, 9).fill(COLOR.barBack);
      doc.rect(barX, y + 1, Math.max(1, (barWidth * row.value) / max), 9).fill(COLOR.bar);
      doc.font(FONT.bold).fontSize(10).fillColor(COLOR.text).text(row.text, barX + barWidth + 6, y, { width: width * 0.17 - 6, align: 'right' });
      doc.y = Math.max(doc.y, y + 14) + 3;
    }
  };

  // Title block
  doc.font(FONT.regular).fontSize(9.5).fillColor(COLOR.muted).text(`${sender.municipality} · ${sender.department}`, MARGIN.left, MARGIN.top, { width });
  doc.moveDown(0.6).font(FONT.bold).fontSize(19).fillColor(COLOR.accent).text(BRIEF_HEADINGS.title, { width });
  doc.moveDown(0.3).font(FONT.regular).fontSize(11).fillColor(COLOR.text).text(`Periode: ${period}`, { width });
  const round = summary.roundId ? summary.budget.find((line) => line.roundId === summary.roundId)?.roundName : null;
  doc.text(round ? `Pulje: ${round}` : 'Alle puljer', { width });

  const t = summary.turnaround;
  heading(BRIEF_HEADINGS.headline);
  facts([
    ['Ansøgninger modtaget', count(summary.reach.submitted)],
    ['Afgørelser truffet', count(t.decided)],
    ['Sagsbehandlingstid, median (indsendt til afgørelse)', days(t.total.medianDays)],
    ['Sagsbehandlingstid, 90 % af sagerne inden for', days(t.total.p90Days)],
    [t.targetDays === null ? 'Afgjort inden for puljens mål' : `Afgjort inden for målet på ${t.targetDays.toLocaleString('da-DK')} dage`, share(t.withinTargetShare)],
    ['Heraf kommunens tid, median', days(t.municipality.medianDays)],
    ['Heraf tid hos foreningen (svar på spørgsmål), median', days(t.applicant.medianDays)],
    ['Komplette ved første indsendelse', share(summary.completeness.completeFirstShare)],
    ['Bevillingsprocent', share(summary.outcomes.approvalRate)],
    ['Nye ansøgere (første ansøgning)', share(summary.reach.firstTimeShare)],
    ['Afrapporteringer indsendt til tiden', share(summary.reporting.onTimeShare)],
  ]);

  heading(BRIEF_HEADINGS.barriers);
  heading(BRIEF_HEADINGS.longestWaits, 12);
  const waits = summary.stages
    .filter((stage) => stage.medianDays !== null)
    .sort((a, b) => (b.medianDays ?? 0) - (a.medianDays ?? 0))
    .slice(0, 3);
  if (waits.length === 0) paragraph('For få afgjorte sager i perioden til at vise ventetider.');
  else bars(waits.map((stage) => ({ label: stage.label, value: stage.medianDays ?? 0, text: days(stage.medianDays) })));
  doc.moveDown(0.2).font(FONT.italic).fontSize(9).fillColor(COLOR.muted).text('Median pr. fase for sager afgjort i perioden.', MARGIN.left, doc.y, { width });

  heading(BRIEF_HEADINGS.missing, 12);
  const missing = summary.completeness.missingItems.slice(0, 5);
  if (missing.length === 0) paragraph('Ingen oplysninger manglede fem gange eller flere i perioden.');
  else bars(missing.map((item) => ({ label: item.label, value: typeof item.count === 'number' ? item.count : 0, text: count(item.count) })));
  paragraph(`Anmodninger om oplysninger pr. afgjort ansøgning: ${summary.completeness.requestsPerApplication?.toLocaleString('da-DK') ?? 'ikke vist'}.`);

  heading(BRIEF_HEADINGS.dropOff, 12);
  const d = summary.dropOff;
  facts([
    ['Ansøgninger påbegyndt i formularen', count(d.draftsStarted)],
    ['… heraf indsendt', count(d.draftsSubmitted)],
    ['… heraf ikke indsendt', count(d.draftsStopped)],
    ['Udfyldningstid for indsendte ansøgninger, median', d.medianFormMinutes === null ? 'ikke vist' : `${d.medianFormMinutes.toLocaleString('da-DK')} min.`],
    ['Bortfaldet (ingen svar på spørgsmål)', count(d.lapsed)],
    ['Trukket tilbage af foreningen', count(d.withdrawn)],
  ]);
  const stops = d.stoppedAt.filter((step) => typeof step.count === 'number' && step.count > 0);
  if (stops.length > 0) {
    paragraph('Hvor i formularen stoppede de, der ikke indsendte:');
    bars(stops.map((step) => ({ label: step.label, value: step.count as number, text: count(step.count) })));
  }

  heading(BRIEF_HEADINGS.budget);
  if (summary.budget.length === 0) paragraph('Ingen puljer i perioden.');
  for (const line of summary.budget) {
    facts([
      [line.roundName, `${formatKroner(BigInt(line.grantedKroner) * 100n)} af ${formatKroner(BigInt(line.budgetKroner) * 100n)} (${Math.round(line.usedShare * 100)} %)`],
    ]);
  }
  facts([
    ['Søgt i bevilgede sager', kroner(summary.outcomes.requestedKroner)],
    ['Bevilget', kroner(summary.outcomes.grantedKroner)],
  ]);
  const reasons = summary.outcomes.reasons.slice(0, 4);
  if (reasons.length > 0) {
    paragraph('Hyppigste begrundelser for afslag og delvise bevillinger:');
    bars(reasons.map((reason) => ({ label: reason.label, value: typeof reason.count === 'number' ? reason.count : 2, text: count(reason.count) })));
  }

  heading(BRIEF_HEADINGS.stories);
  if (summary.stories.length === 0) paragraph('Ingen foreninger har i perioden givet lov til at dele deres fortælling.');
  for (const story of summary.stories) {
    doc.moveDown(0.3).font(FONT.bold).fontSize(10.5).fillColor(COLOR.text).text(`${story.association}: ${story.activity}`, MARGIN.left, doc.y, { width });
    doc.font(FONT.italic).fontSize(10.5).text(`“${story.text}”`, { width, lineGap: 2 });
    doc.font(FONT.regular).fontSize(9).fillColor(COLOR.muted).text(`${story.round}`, { width });
  }

  heading(BRIEF_HEADINGS.method);
  paragraph(
    'Tallene er beregnet ud fra sagernes hændelseslog: hver statusændring er registreret med tidspunkt. ' +
      'Sagsbehandlingstid regnes fra indsendelse til afgørelse; tid, hvor sagen ventede på foreningens svar, tælles som foreningens tid. ' +
      'Varigheder er afrundet til timen (under to dage), seks timer (under 14 dage) eller dagen. ' +
      `Grupper med færre end ${summary.minimumGroupSize} sager vises som "under 5", og tal beregnet på færre end ${summary.minimumGroupSize} sager vises ikke. ` +
      'Ingen personoplysninger indgår; fortællingerne er gengivet med foreningernes samtykke.',
  );

  const { start, count: pages } = doc.bufferedPageRange();
  for (let index = start; index < start + pages; index++) {
    doc.switchToPage(index);
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 44;
    doc.moveTo(MARGIN.left, y - 8).lineTo(doc.page.width - MARGIN.right, y - 8).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
    doc.font(FONT.regular).fontSize(8.5).fillColor(COLOR.muted);
    doc.text(`${sender.municipality} · Udvalgsbrief ${period}`, MARGIN.left, y, { width: width * 0.75, lineBreak: false });
    doc.text(`Side ${index - start + 1} af ${pages}`, MARGIN.left + width * 0.75, y, { width: width * 0.25, align: 'right', lineBreak: false });
    doc.page.margins.bottom = savedBottom;
  }
  doc.end();
  return finished;
}
