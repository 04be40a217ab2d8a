import { html, type SafeHtml } from '../../../../lib/html';

// Charts as inline SVG drawn on the server (no JavaScript, no inline styles: colours come from
// presentation attributes and app.css). Every chart is an image with a title and a short
// description; the numbers themselves are in the data table next to it.

export interface ChartValue {
  label: string;
  /** The value drawn; null when it may not be shown (too few cases): no bar, the text says why. */
  value: number | null;
  /** What is written at the bar (formatted number, "<5", "–"). */
  text: string;
}

const WIDTH = 560;
const LABEL_WIDTH = 230;
const ROW = 28;
/** Height of each further line of a label that wraps. */
const LINE = 14;
/** Characters of a label on one line (12 px text in LABEL_WIDTH). */
const LABEL_CHARACTERS = 34;

/** Horizontal bars, one per value, with the label on the left (wrapped, never cut) and the figure at the end. */
export function barChart(id: string, title: string, description: string, values: ChartValue[], marker?: { value: number; label: string }): SafeHtml {
  const max = Math.max(1, marker?.value ?? 0, ...values.map((v) => v.value ?? 0));
  const barSpace = WIDTH - LABEL_WIDTH - 70;
  const rows = values.map((v) => ({ ...v, lines: wrapLabel(v.label, LABEL_CHARACTERS) }));
  const tops = rows.reduce<number[]>((acc, row, i) => [...acc, (acc[i] ?? 8) + ROW + (row.lines.length - 1) * LINE], [8]);
  const height = tops[rows.length]! + 8 + (marker ? 16 : 0);
  const markerX = marker ? LABEL_WIDTH + (barSpace * marker.value) / max : 0;
  return chartFrame(id, title, description, height, html`
    ${rows.map((v, i) => {
      // The bar sits in the middle of its row; a label of several lines is centred on it.
      const y = tops[i]! + ((v.lines.length - 1) * LINE) / 2;
      const width = v.value === null ? 0 : Math.max(2, (barSpace * v.value) / max);
      const firstLine = y + 17 - ((v.lines.length - 1) * LINE) / 2;
      return html`<g>
        <text x="${LABEL_WIDTH - 8}" y="${firstLine}" text-anchor="end" class="gf-chart-label">${v.lines.map((line, n) => html`<tspan x="${LABEL_WIDTH - 8}" y="${firstLine + n * LINE}">${line}</tspan>`)}</text>
        <rect x="${LABEL_WIDTH}" y="${y + 4}" width="${barSpace}" height="18" class="gf-chart-track"></rect>
        ${width ? html`<rect x="${LABEL_WIDTH}" y="${y + 4}" width="${width.toFixed(1)}" height="18" class="gf-chart-bar"></rect>` : ''}
        <text x="${LABEL_WIDTH + (width || 0) + 6}" y="${y + 17}" class="gf-chart-value">${v.text}</text>
      </g>`;
    })}
    ${marker
      ? html`<line x1="${markerX.toFixed(1)}" x2="${markerX.toFixed(1)}" y1="4" y2="${height - 14}" class="gf-chart-target"></line>
          <text x="${markerX.toFixed(1)}" y="${height - 2}" text-anchor="middle" class="gf-chart-label">${marker.label}</text>`
      : ''}`);
}

/** A label in lines of at most `width` characters, broken between words (a longer word stands on its own line). */
export function wrapLabel(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length ? lines : [''];
}

/** Columns over time (months), with an optional horizontal target line. */
export function columnChart(id: string, title: string, description: string, values: ChartValue[], target?: { value: number; label: string }): SafeHtml {
  const height = 220;
  const top = 18;
  const bottom = 36;
  const left = 8;
  const plot = height - top - bottom;
  const max = Math.max(1, target?.value ?? 0, ...values.map((v) => v.value ?? 0)) * 1.1;
  const step = (WIDTH - left * 2) / Math.max(1, values.length);
  const y = (value: number) => top + plot - (plot * value) / max;
  return chartFrame(id, title, description, height, html`
    <line x1="${left}" x2="${WIDTH - left}" y1="${top + plot}" y2="${top + plot}" class="gf-chart-axis"></line>
    ${values.map((v, i) => {
      const x = left + i * step;
      const barWidth = Math.max(4, step * 0.6);
      return html`<g>
        ${v.value !== null ? html`<rect x="${(x + (step - barWidth) / 2).toFixed(1)}" y="${y(v.value).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(top + plot - y(v.value)).toFixed(1)}" class="gf-chart-bar"></rect>` : ''}
        <text x="${(x + step / 2).toFixed(1)}" y="${(v.value !== null ? y(v.value) : top + plot) - 4}" text-anchor="middle" class="gf-chart-value">${v.text}</text>
        <text x="${(x + step / 2).toFixed(1)}" y="${height - 16}" text-anchor="middle" class="gf-chart-label">${v.label}</text>
      </g>`;
    })}
    ${target
      ? html`<line x1="${left}" x2="${WIDTH - left}" y1="${y(target.value).toFixed(1)}" y2="${y(target.value).toFixed(1)}" class="gf-chart-target"></line>
          <text x="${WIDTH - left}" y="${(y(target.value) - 4).toFixed(1)}" text-anchor="end" class="gf-chart-label">${target.label}</text>`
      : ''}`);
}

/** A plain data table: the chart's numbers for everyone, and the only form screen readers need. */
export function dataTable(caption: string, headers: string[], rows: (string | number)[][]): SafeHtml {
  return html`<table class="table table--compact gf-data-table">
    <caption>${caption}</caption>
    <thead><tr>${headers.map((header, i) => html`<th scope="col"${i > 0 ? html` class="gf-number"` : ''}>${header}</th>`)}</tr></thead>
    <tbody>${rows.map((row) => html`<tr>${row.map((cell, i) => (i === 0 ? html`<th scope="row">${cell}</th>` : html`<td class="gf-number">${cell}</td>`))}</tr>`)}</tbody>
  </table>`;
}

/** The accessible frame of every chart: an image named by its title and described by its description. */
function chartFrame(id: string, title: string, description: string, height: number, content: SafeHtml): SafeHtml {
  return html`<svg class="gf-chart" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">
    <title id="${id}-title">${title}</title>
    <desc id="${id}-desc">${description}</desc>
    ${content}
  </svg>`;
}
