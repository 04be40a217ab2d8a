import zlib from 'node:zlib';

// What a PDF declares in its bytes, read without a PDF library: its objects' dictionaries as
// written, and its streams (content, metadata) inflated.

export interface PdfBytes {
  /** Everything outside streams, as latin1 text. */
  objects: string;
  /** Every stream's content, inflated where it is FlateDecode. */
  streams: string[];
}

export function readPdfBytes(pdf: Buffer): PdfBytes {
  const text = pdf.toString('latin1');
  const streams: string[] = [];
  let objects = '';
  let from = 0;
  const pattern = /stream\r?\n/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    const dictionary = text.slice(text.lastIndexOf('obj', match.index), match.index);
    objects += text.slice(from, match.index);
    const raw = pdf.subarray(start, end);
    streams.push(/\/FlateDecode/.test(dictionary) ? inflate(raw) : raw.toString('latin1'));
    from = end + 'endstream'.length;
    pattern.lastIndex = from;
  }
  objects += text.slice(from);
  return { objects, streams };
}

function inflate(raw: Buffer): string {
  try {
    return zlib.inflateSync(raw, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString('latin1');
  } catch {
    return '';
  }
}

/** The dictionary of object `n 0 obj`. */
export function objectDictionary(objects: string, reference: string): string {
  const number = reference.split(' ')[0];
  const start = objects.indexOf(`\n${number} 0 obj`);
  return start < 0 ? '' : objects.slice(start, objects.indexOf('endobj', start));
}

/** Page content streams: the ones that show text. */
export function contentStreams(bytes: PdfBytes): string[] {
  return bytes.streams.filter((stream) => /\bBT\b/.test(stream) && /\bET\b/.test(stream));
}

/** Text shown outside any marked content (neither tagged nor an artifact): how many BT blocks. */
export function unmarkedTextBlocks(content: string): number {
  let depth = 0;
  let unmarked = 0;
  for (const line of content.split('\n')) {
    const op = line.trim();
    if (/\b(BDC|BMC)$/.test(op)) depth++;
    else if (op === 'EMC') depth--;
    else if (op === 'BT' && depth <= 0) unmarked++;
  }
  return unmarked;
}

/**
 * What makes a PDF one people can read with assistive technology and an archive can keep:
 * tagged (structure tree, marked content, language, title shown), PDF/A-2 identified in its XMP
 * metadata with an output intent, every font program embedded, no text outside marked content.
 */
export function expectArchivalPdf(pdf: Buffer, lang: string, structure: string[]): void {
  const bytes = readPdfBytes(pdf);
  const { objects } = bytes;
  const catalog = objects.slice(objects.lastIndexOf('/Type /Catalog') - 200);
  expect(catalog).toMatch(/\/StructTreeRoot \d+ 0 R/);
  expect(catalog).toContain(`/Lang (${lang})`);
  const markInfo = /\/MarkInfo (\d+ 0 R)/.exec(catalog)?.[1] ?? '';
  expect(objectDictionary(objects, markInfo)).toMatch(/\/Marked true/);
  expect(objects).toMatch(/\/DisplayDocTitle true/);
  expect(catalog).toMatch(/\/OutputIntents \[\d+ 0 R\]/);

  const xmp = bytes.streams.find((stream) => stream.includes('pdfaid:part')) ?? '';
  expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
  expect(xmp).toMatch(/<pdfaid:conformance>[AB]<\/pdfaid:conformance>/);

  const fonts = objects.match(/\/Type \/Font\b/g) ?? [];
  expect(fonts.length).toBeGreaterThan(0);
  const descriptors = objects.match(/\/Type \/FontDescriptor\b/g) ?? [];
  const programs = objects.match(/\/FontFile[23] \d+ 0 R/g) ?? [];
  expect(descriptors.length).toBeGreaterThan(0);
  expect(programs.length).toBe(descriptors.length);
  // A standard font is a Type1 font named without a subset prefix and without a font program.
  expect(objects).not.toMatch(/\/Subtype \/Type1\b/);
  expect(objects).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier|Symbol|ZapfDingbats)/);

  for (const type of structure) expect(objects).toContain(`/S /${type}\n`);
  const contents = contentStreams(bytes);
  expect(contents.length).toBeGreaterThan(0);
  for (const content of contents) {
    expect(content).toMatch(/\/Artifact <<\n\/Type \/Pagination\n>> BDC/);
    expect(unmarkedTextBlocks(content)).toBe(0);
  }
}
