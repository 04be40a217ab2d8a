import fs from 'node:fs';
import path from 'node:path';
import { classWordsIn, pruneCss, sourceFiles } from './css-prune';

/** What the Latin1 part of IBM Plex Sans (as the design system ships it split) covers: Danish, Norwegian and English text. */
const LATIN1 =
  'U+0000,U+000D,U+0020-007E,U+00A0-00FF,U+0131,U+0152-0153,U+02C6,U+02DA,U+02DC,U+2013-2014,U+2018-201A,U+201C-201E,U+2020-2022,U+2026,U+2030,U+2039-203A,U+2044,U+20AC,U+2122,U+2212,U+FB01-FB02';

const FACES: { weight: number; style: 'normal' | 'italic'; file: string }[] = [
  { weight: 400, style: 'normal', file: 'Regular' },
  { weight: 400, style: 'italic', file: 'Italic' },
  { weight: 500, style: 'normal', file: 'Medium' },
  { weight: 500, style: 'italic', file: 'MediumItalic' },
  { weight: 600, style: 'normal', file: 'SemiBold' },
  { weight: 600, style: 'italic', file: 'SemiBoldItalic' },
  { weight: 700, style: 'normal', file: 'Bold' },
  { weight: 700, style: 'italic', file: 'BoldItalic' },
];

/**
 * The design system's stylesheet with lighter fonts: its own @font-face rules name an EOT file
 * first (which a browser fetches and discards) and the whole character set. Here each face is
 * WOFF2 only, in two parts: the Latin1 part a Danish, Norwegian or English page needs (about 17 KB a
 * weight), and the complete font, which a browser fetches only for a character outside it. Rules
 * declared later win, so the small part is tried first. Font addresses are relative to the CSS
 * file, as the package's are.
 */
export function siteStylesheet(dkfdsDist: string): string {
  const css = fs.readFileSync(path.join(dkfdsDist, 'css', 'dkfds-virkdk.min.css'), 'utf8');
  const withoutPlex = css.replace(/@font-face\{[^}]*font-family:IBM Plex Sans;[^}]*\}/g, '');
  if (withoutPlex === css) throw new Error('the design system no longer declares IBM Plex Sans as expected: check services/api/pages/site-css.ts');
  const faces = FACES.map(({ weight, style, file }) => {
    const base = `font-display:swap;font-family:IBM Plex Sans;font-style:${style};font-weight:${weight}`;
    return (
      `@font-face{${base};src:url(../fonts/IBMPlexSans/complete/woff2/IBMPlexSans-${file}.woff2) format("woff2")}` +
      `@font-face{${base};src:url(../fonts/IBMPlexSans/split/woff2/IBMPlexSans-${file}-Latin1.woff2) format("woff2");unicode-range:${LATIN1}}`
    );
  }).join('');
  // Only the rules the pages can use: class names from the API's code (pages, their scripts) and
  // the design system's script. Should the CSS not split cleanly, all of it is served.
  const used = classWordsIn([...sourceFiles(path.join(__dirname, '..')), path.join(dkfdsDist, 'js', 'dkfds.min.js')]);
  return faces + (pruneCss(withoutPlex, used) ?? withoutPlex);
}
