import { detectFileType } from '../../domain/file-types';
import { safeFilename } from '../../services/api/http/uploads';
import { sampleDocx, sampleExe, sampleJpeg, sampleOpenDocument, samplePdf, samplePng, sampleXlsx, zipArchive } from '../support/sample-files';

describe('detectFileType reads the type from the bytes', () => {
  it('recognises a real PDF made by pdfkit', async () => {
    expect(detectFileType(await samplePdf())).toEqual({ kind: 'pdf', mimeType: 'application/pdf', extension: 'pdf' });
  });

  it.each([
    ['PNG', samplePng(), 'png', 'image/png'],
    ['JPEG', sampleJpeg(), 'jpeg', 'image/jpeg'],
    ['DOCX', sampleDocx(), 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['XLSX', sampleXlsx(), 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['ODT', sampleOpenDocument('application/vnd.oasis.opendocument.text'), 'odt', 'application/vnd.oasis.opendocument.text'],
    ['ODS', sampleOpenDocument('application/vnd.oasis.opendocument.spreadsheet'), 'ods', 'application/vnd.oasis.opendocument.spreadsheet'],
  ])('recognises %s', (_label, bytes, kind, mimeType) => {
    expect(detectFileType(bytes)).toMatchObject({ kind, mimeType });
  });

  it.each([
    ['an executable (MZ header), whatever its name', sampleExe()],
    ['a plain zip archive', zipArchive([{ name: 'photos/one.txt', content: 'hello' }])],
    ['an OOXML package that is neither Word nor Excel', zipArchive([{ name: '[Content_Types].xml', content: '<Types/>' }, { name: 'ppt/presentation.xml', content: '<p/>' }])],
    ['a macro-enabled Word document', zipArchive([{ name: '[Content_Types].xml', content: '<Types/>' }, { name: 'word/document.xml', content: '<w/>' }, { name: 'word/vbaProject.bin', content: 'VBA' }])],
    ['an OpenDocument presentation', sampleOpenDocument('application/vnd.oasis.opendocument.presentation')],
    ['plain text that mentions %PDF- later', Buffer.from('hello %PDF-1.7')],
    ['HTML', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['an empty file', Buffer.alloc(0)],
    ['a truncated zip header', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14])],
    ['a zip whose central directory is cut off', sampleDocx().subarray(0, 120)],
  ])('refuses %s', (_label, bytes) => {
    expect(detectFileType(bytes)).toBeNull();
  });

  it('reads a view into a larger buffer from its own start', async () => {
    const pdf = await samplePdf();
    const padded = Buffer.concat([sampleExe(), pdf]);
    expect(detectFileType(padded.subarray(sampleExe().length))).toMatchObject({ kind: 'pdf' });
  });
});

describe('safeFilename keeps a download name harmless', () => {
  const pdf = { kind: 'pdf', mimeType: 'application/pdf', extension: 'pdf' } as const;
  it.each([
    ['C:\\Users\\inge\\Regnskab 2026.pdf', 'Regnskab 2026.pdf'],
    ['../../etc/passwd', 'passwd.pdf'],
    ['virus.exe', 'virus.exe.pdf'],
    ['"quoted"\r\nname.PDF', '_quoted_name.PDF'],
    ['...', 'dokument.pdf'],
    ['vedtægter.pdf', 'vedtægter.pdf'],
  ])('%j → %j', (raw, expected) => {
    expect(safeFilename(raw, pdf)).toBe(expected);
  });

  it('shortens a very long name but keeps the extension', () => {
    const name = safeFilename(`${'a'.repeat(300)}.pdf`, pdf);
    expect(name.length).toBeLessThanOrEqual(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
