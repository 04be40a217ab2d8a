import zlib from 'node:zlib';
import { centralDirectoryNames, type DetectedFileType } from './file-types';

// Content that acts by itself when staff open a file on their desktops: code in a PDF, actions
// it runs on opening, programs it launches, files hidden inside it, XFA forms (scripted); macros
// in an OpenDocument file; OLE objects and ActiveX controls in an Office Open XML file.
// Found by reading the file's own structure, so a file is refused for what it holds, whatever
// its name says. Each kind has its own message (errors.upload.active.<kind>).

export const ACTIVE_CONTENT_KINDS = [
  'pdfJavaScript',
  'pdfOpenAction',
  'pdfLaunch',
  'pdfEmbeddedFile',
  'pdfXfa',
  'pdfUncheckable',
  'odfMacros',
  'ooxmlOleObject',
] as const;
export type ActiveContentKind = (typeof ACTIVE_CONTENT_KINDS)[number];

/** The active content the file holds, or null when it holds none. */
export function findActiveContent(bytes: Uint8Array, type: DetectedFileType): ActiveContentKind | null {
  switch (type.kind) {
    case 'pdf':
      return pdfActiveContent(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    case 'odt':
    case 'ods':
      return odfActiveContent(bytes);
    case 'docx':
    case 'xlsx':
      return ooxmlActiveContent(bytes);
    default:
      return null;
  }
}

// A PDF name ends at whitespace or a delimiter.
const END = String.raw`(?=[\s/<>\[\]()%{}]|$)`;
const PDF_RULES: [ActiveContentKind, RegExp][] = [
  ['pdfJavaScript', new RegExp(String.raw`/(?:JavaScript|JS)${END}`)],
  ['pdfLaunch', new RegExp(String.raw`/Launch${END}`)],
  ['pdfEmbeddedFile', new RegExp(String.raw`/EmbeddedFiles?${END}`)],
  ['pdfXfa', new RegExp(String.raw`/XFA${END}`)],
];
const OPEN_ACTION = new RegExp(String.raw`/OpenAction${END}\s*(\[|<<|(\d+)\s+(\d+)\s+R)`, 'g');
const ENCRYPTED = new RegExp(String.raw`/Encrypt${END}`);

/** Compressed object streams could hide any of it: at most this much is inflated, per file. */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

function pdfActiveContent(pdf: Buffer): ActiveContentKind | null {
  const raw = pdf.toString('latin1');
  // Strings and streams of an encrypted PDF cannot be read, so nothing in them can be checked.
  if (ENCRYPTED.test(raw)) return 'pdfUncheckable';
  const inflated = inflateStreams(pdf, raw);
  if (inflated === null) return 'pdfUncheckable';
  // "#4A" in a name is "J": /J#61vaScript is /JavaScript to a PDF reader.
  const text = `${raw}\n${inflated}`.replace(/\/[^\s/<>[\]()%{}]*#[0-9A-Fa-f]{2}[^\s/<>[\]()%{}]*/g, (name) =>
    name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  );
  for (const [kind, rule] of PDF_RULES) if (rule.test(text)) return kind;
  for (const match of text.matchAll(OPEN_ACTION)) {
    // "[3 0 R /Fit]" only says which page to open at; an action (a dictionary) does something.
    if (match[1] === '[') continue;
    if (match[2] !== undefined && objectIsArray(text, match[2], match[3]!)) continue;
    return 'pdfOpenAction';
  }
  return null;
}

function objectIsArray(text: string, number: string, generation: string): boolean {
  return new RegExp(String.raw`(?:^|\s)${number}\s+${generation}\s+obj\s*\[`).test(text);
}

/** Every Flate-compressed stream's content, as Latin-1 text; null past the inflation budget. */
function inflateStreams(pdf: Buffer, raw: string): string | null {
  const parts: string[] = [];
  let budget = MAX_INFLATED_BYTES;
  const start = />>\s*stream\r?\n/g;
  for (let match = start.exec(raw); match; match = start.exec(raw)) {
    const from = match.index + match[0].length;
    const to = raw.indexOf('endstream', from);
    if (to < 0) break;
    try {
      const content = zlib.inflateSync(pdf.subarray(from, to), { maxOutputLength: budget, finishFlush: zlib.constants.Z_SYNC_FLUSH });
      budget -= content.length;
      parts.push(content.toString('latin1'));
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return null;
      // Not Flate (an image, say): nothing in it is a PDF object.
    }
    start.lastIndex = to;
  }
  return parts.join('\n');
}

/** OpenDocument keeps StarBasic macros under Basic/ and other scripts under Scripts/. */
function odfActiveContent(bytes: Uint8Array): ActiveContentKind | null {
  const names = centralDirectoryNames(bytes) ?? [];
  return names.some((name) => /^(Basic|Scripts)\//.test(name)) ? 'odfMacros' : null;
}

/**
 * OLE objects (embeddings/…bin), ActiveX controls (activeX/) and embedded macro-enabled
 * documents. An embedded .xlsx (a chart's data) is a package, not an OLE object, and stays.
 */
function ooxmlActiveContent(bytes: Uint8Array): ActiveContentKind | null {
  const names = centralDirectoryNames(bytes) ?? [];
  const ole = names.some(
    (name) => /(^|\/)activeX\//i.test(name) || /(^|\/)embeddings\/.*\.(bin|docm|xlsm|pptm|xlsb|exe|dll|js|vbs)$/i.test(name) || /oleObject\d*\.bin$/i.test(name),
  );
  return ole ? 'ooxmlOleObject' : null;
}
