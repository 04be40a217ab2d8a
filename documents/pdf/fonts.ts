import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';

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

/** A parsed font as pdfkit holds it (a fontkit font), which pdfkit also accepts instead of bytes. */
type ParsedFont = object;

const parsed = new Map<keyof typeof FONT, ParsedFont>();

// Parsing a font (its layout tables) is most of the work of a letter, so each face is parsed once
// per process and handed to every document; each document still makes its own subset of it.
// pdfkit takes a parsed font as a font source; fontkit is not ours to import, so pdfkit parses it.
function parsedFont(face: keyof typeof FONT): ParsedFont {
  let font = parsed.get(face);
  if (!font) {
    const doc = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
    doc.font(fontFiles()[face]);
    font = (doc as unknown as { _font: { font: ParsedFont } })._font.font;
    parsed.set(face, font);
  }
  return font;
}

/** Registers the three faces on a document under the names in FONT. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const face of Object.keys(FONT) as Array<keyof typeof FONT>) doc.registerFont(FONT[face], parsedFont(face) as unknown as Buffer);
}
