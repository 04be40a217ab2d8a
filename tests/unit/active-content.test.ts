import zlib from 'node:zlib';
import { findActiveContent } from '../../domain/active-content';
import { fileTypeOf } from '../../domain/file-types';
import { samplePdf, zipArchive } from '../support/sample-files';

const pdf = (body: string) => Buffer.from(`%PDF-1.7\n${body}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
const check = (bytes: Buffer, kind: Parameters<typeof fileTypeOf>[0] = 'pdf') => findActiveContent(bytes, fileTypeOf(kind));

describe('active content in uploads', () => {
  it('passes an ordinary PDF', async () => {
    expect(check(await samplePdf('Vedtægter'))).toBeNull();
  });

  it('reads names whole: /JSON or /JavaScriptish are not /JS or /JavaScript', () => {
    expect(check(pdf('1 0 obj << /JSON true /JavaScriptish 1 /Launcher 2 >> endobj'))).toBeNull();
    expect(check(pdf('1 0 obj << /JS(x) >> endobj'))).toBe('pdfJavaScript');
    expect(check(pdf('1 0 obj << /Names << /JavaScript 2 0 R >> >> endobj'))).toBe('pdfJavaScript');
  });

  it('decodes #-escapes in names', () => {
    expect(check(pdf('1 0 obj << /S /#4Caunch >> endobj'))).toBe('pdfLaunch');
    expect(check(pdf('1 0 obj << /#58FA 2 0 R >> endobj'))).toBe('pdfXfa');
  });

  it('looks inside Flate streams, and gives up on one that inflates past the budget', () => {
    const packed = zlib.deflateSync(Buffer.from('<< /Type /EmbeddedFile >>', 'latin1'));
    const withStream = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj << /Filter /FlateDecode >>\nstream\n', 'latin1'), packed, Buffer.from('\nendstream endobj\n%%EOF\n', 'latin1')]);
    expect(check(withStream)).toBe('pdfEmbeddedFile');
    const bomb = zlib.deflateSync(Buffer.alloc(80 * 1024 * 1024));
    const withBomb = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj << /Filter /FlateDecode >>\nstream\n', 'latin1'), bomb, Buffer.from('\nendstream endobj\n%%EOF\n', 'latin1')]);
    expect(check(withBomb)).toBe('pdfUncheckable');
  });

  it('tells a destination from an action in /OpenAction', () => {
    expect(check(pdf('1 0 obj << /OpenAction [3 0 R /Fit] >> endobj'))).toBeNull();
    expect(check(pdf('1 0 obj << /OpenAction 2 0 R >> endobj\n2 0 obj [3 0 R /FitH 800] endobj'))).toBeNull();
    expect(check(pdf('1 0 obj << /OpenAction 2 0 R >> endobj\n2 0 obj << /S /GoToR /F (other.pdf) >> endobj'))).toBe('pdfOpenAction');
    expect(check(pdf('1 0 obj << /OpenAction 9 0 R >> endobj'))).toBe('pdfOpenAction');
  });

  it('reads zip entry names for macros and OLE objects', () => {
    const odt = (extra: string) => zipArchive([{ name: 'mimetype', content: 'application/vnd.oasis.opendocument.text' }, { name: extra, content: 'x' }]);
    expect(check(odt('Configurations2/toolbar.xml'), 'odt')).toBeNull();
    expect(check(odt('Basic/script-lc.xml'), 'odt')).toBe('odfMacros');
    const docx = (extra: string) => zipArchive([{ name: '[Content_Types].xml', content: '<Types/>' }, { name: 'word/document.xml', content: '<w:document/>' }, { name: extra, content: 'x' }]);
    expect(check(docx('word/media/image1.png'), 'docx')).toBeNull();
    expect(check(docx('word/embeddings/Microsoft_Excel_Worksheet.xlsx'), 'docx')).toBeNull();
    expect(check(docx('xl/printerSettings/printerSettings1.bin'), 'xlsx')).toBeNull();
    expect(check(docx('word/embeddings/oleObject1.bin'), 'docx')).toBe('ooxmlOleObject');
    expect(check(docx('word/embeddings/Makro.xlsm'), 'docx')).toBe('ooxmlOleObject');
    expect(check(docx('word/activeX/activeX1.xml'), 'docx')).toBe('ooxmlOleObject');
  });
});
