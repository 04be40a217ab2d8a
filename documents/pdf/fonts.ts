import fs from 'node:fs';
import path from 'node:path';

// The typeface of every PDF we send: IBM Plex Sans, which the DKFDS design system (our web pages'
// look) ships. Embedded in each PDF, subset to the glyphs used, so the document shows the same
// on every reader and in the archive (PDF/A forbids relying on a reader's own Helvetica), with
// every Danish and Norwegian letter (æ ø å, Æ Ø Å) and the § sign.

/** The names the layout uses for its faces, as registered on each document. */
export const FONT = { regular: 'PlexSans', bold: 'PlexSans-Bold', italic: 'PlexSans-Italic' } as const;

const FILES: Record<keyof typeof FONT, string> = {
  regular: 'IBMPlexSans-Regular.ttf',
  bold: 'IBMPlexSans-Bold.ttf',
  italic: 'IBMPlexSans-Italic.ttf',
};

let loaded: Record<keyof typeof FONT, Buffer> | null = null;

/** The font files, read once per process from the installed dkfds package. */
function fontFiles(): Record<keyof typeof FONT, Buffer> {
  if (!loaded) {
    // The package exports only its main file, dist/js/dkfds.min.js (not its package.json).
    // TrueType rather than the package's WOFF files: fontkit inflates a WOFF's tables again for
    // every document, which made a letter about six times slower to render.
    const folder = path.resolve(path.dirname(require.resolve('dkfds')), '..', 'fonts', 'IBMPlexSans', 'complete', 'ttf');
    loaded = {
      regular: fs.readFileSync(path.join(folder, FILES.regular)),
      bold: fs.readFileSync(path.join(folder, FILES.bold)),
      italic: fs.readFileSync(path.join(folder, FILES.italic)),
    };
  }
  return loaded;
}

/** The regular face's bytes, for the document's default font (so no standard font is ever set). */
export function regularFontFile(): Buffer {
  return fontFiles().regular;
}

/** Registers the three faces on a document under the names in FONT. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  const files = fontFiles();
  for (const face of Object.keys(FONT) as Array<keyof typeof FONT>) doc.registerFont(FONT[face], files[face]);
}
