import { formatKroner, formatNumber, formatPercent, t, type Language } from '../../../../locale';
import { SUPPRESSED, type Count } from '../../../../domain/stats/suppression';
import { html, type SafeHtml } from '../../../../lib/html';

// What every part of the statistics page shares: how figures are written and how a section is laid out.

/** Figures in the page's language; "<5" and hidden figures say so in words. */
export function formatter(language: Language) {
  const number = (value: number, digits = 1) => formatNumber(language, value, { maximumFractionDigits: digits });
  return {
    number,
    count: (value: Count) => (value === SUPPRESSED ? '<5' : number(value, 0)),
    days: (value: number | null) => (value === null ? t(language, 'stats.notShown') : t(language, 'stats.days', { n: value })),
    daysShort: (value: number | null) => (value === null ? '–' : number(value)),
    share: (value: number | null) => (value === null ? '–' : formatPercent(language, value)),
    kroner: (value: number) => formatKroner(language, value),
  };
}

export type Format = ReturnType<typeof formatter>;

export function section(id: string, heading: string, chart: SafeHtml, table: SafeHtml, after: SafeHtml | string = ''): SafeHtml {
  return html`<section class="gf-stats-section" aria-labelledby="${id}-heading">
    <h2 id="${id}-heading">${heading}</h2>
    <div class="gf-chart-pair">
      <figure class="gf-chart-figure">${chart}</figure>
      <div class="gf-chart-table gf-wide-tables" role="region" aria-labelledby="${id}-heading" tabindex="0">${table}</div>
    </div>
    ${after}
  </section>`;
}

