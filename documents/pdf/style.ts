// The look of every PDF the municipality sends: one page geometry, palette and type scale, so a
// letter and a council brief read as coming from the same place.

export const PAGE_SIZE = 'A4';
export const MARGIN = { top: 56, bottom: 78, left: 64, right: 64 };
export const COLOR = { text: '#1a1a1a', muted: '#555555', accent: '#1f4e79', rule: '#b8c4d2', box: '#eef2f7', barBack: '#e3e9f0' };
export { FONT } from './fonts';
export const SIZE = { body: 10.5, small: 9, footer: 8.5, heading: 12, section: 14, title: 16, masthead: 17 };
export const LINE_GAP = 2.5;
/** Where the footer's text stands, measured up from the bottom edge of the page. */
export const FOOTER_FROM_BOTTOM = 46;

// A legal reference or an amount split over two lines ("§§" / "24", "12.000" / "kr.") is hard to
// read, so the spaces inside them become non-breaking.
export function keepReferencesTogether(text: string): string {
  return text.replace(/(§§?|stk\.|nr\.|no\.) (?=\d)/g, '$1\u00a0').replace(/(\d) (?=kr\.)/g, '$1\u00a0');
}
