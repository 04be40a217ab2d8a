// What an uploaded file really is, read from its bytes. The name and the Content-Type a browser
// sends are whatever the sender's machine says (an .exe renamed .pdf keeps its "MZ" header), so
// neither decides what is stored or how it is served.

export const FILE_KINDS = ['pdf', 'png', 'jpeg', 'docx', 'xlsx', 'odt', 'ods'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface DetectedFileType {
  kind: FileKind;
  mimeType: string;
  /** Without the dot. */
  extension: string;
}

const TYPES: Record<FileKind, DetectedFileType> = {
  pdf: { kind: 'pdf', mimeType: 'application/pdf', extension: 'pdf' },
  png: { kind: 'png', mimeType: 'image/png', extension: 'png' },
  jpeg: { kind: 'jpeg', mimeType: 'image/jpeg', extension: 'jpg' },
  docx: { kind: 'docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { kind: 'xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  odt: { kind: 'odt', mimeType: 'application/vnd.oasis.opendocument.text', extension: 'odt' },
  ods: { kind: 'ods', mimeType: 'application/vnd.oasis.opendocument.spreadsheet', extension: 'ods' },
};

export function fileTypeOf(kind: FileKind): DetectedFileType {
  return { ...TYPES[kind] };
}

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP_LOCAL_HEADER = 0x04034b50;
const ZIP_CENTRAL_HEADER = 0x02014b50;
const ZIP_END_OF_CENTRAL_DIRECTORY = 0x06054b50;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

/** The file's type by its content, or null for anything not accepted (executables, plain zips, text…). */
export function detectFileType(bytes: Uint8Array): DetectedFileType | null {
  if (startsWith(bytes, PDF)) return fileTypeOf('pdf');
  if (startsWith(bytes, PNG)) return fileTypeOf('png');
  if (startsWith(bytes, JPEG)) return fileTypeOf('jpeg');
  if (bytes.length >= 30 && view(bytes).getUint32(0, true) === ZIP_LOCAL_HEADER) return zipBasedType(bytes);
  return null;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const ODF_MIME_TYPES: Record<string, FileKind> = {
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
};

function zipBasedType(bytes: Uint8Array): DetectedFileType | null {
  const openDocument = openDocumentType(bytes);
  if (openDocument) return fileTypeOf(openDocument);
  const names = centralDirectoryNames(bytes);
  if (!names || !names.includes('[Content_Types].xml')) return null;
  // Macro-enabled documents (.docm, .xlsm) carry a VBA project: code the municipality would open.
  if (names.some((name) => name.endsWith('vbaProject.bin'))) return null;
  if (names.some((name) => name.startsWith('word/'))) return fileTypeOf('docx');
  if (names.some((name) => name.startsWith('xl/'))) return fileTypeOf('xlsx');
  return null;
}

/**
 * OpenDocument's rule: the first entry is named "mimetype", stored uncompressed, and holds the
 * document's media type, so the type can be read at a fixed place.
 */
function openDocumentType(bytes: Uint8Array): FileKind | null {
  const header = view(bytes);
  const compression = header.getUint16(8, true);
  const compressedSize = header.getUint32(18, true);
  const nameLength = header.getUint16(26, true);
  const extraLength = header.getUint16(28, true);
  const nameEnd = 30 + nameLength;
  if (compression !== 0 || nameEnd > bytes.length) return null;
  if (new TextDecoder().decode(bytes.subarray(30, nameEnd)) !== 'mimetype') return null;
  const contentStart = nameEnd + extraLength;
  const contentEnd = contentStart + compressedSize;
  if (contentEnd > bytes.length) return null;
  return ODF_MIME_TYPES[new TextDecoder().decode(bytes.subarray(contentStart, contentEnd))] ?? null;
}

/** The entry names from the zip's central directory, or null when the archive is not readable. */
export function centralDirectoryNames(bytes: Uint8Array): string[] | null {
  const data = view(bytes);
  // The end record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let at = bytes.length - 22; at >= earliest; at--) {
    if (data.getUint32(at, true) === ZIP_END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const entries = data.getUint16(end + 10, true);
  let at = data.getUint32(end + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || data.getUint32(at, true) !== ZIP_CENTRAL_HEADER) return null;
    const nameLength = data.getUint16(at + 28, true);
    const extraLength = data.getUint16(at + 30, true);
    const commentLength = data.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
