import net, { type AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { ScannerUnavailable, createVirusScanner, type ScanResult, type VirusScanner } from '../../lib/virus-scanner';
import { createOpenRound, postJson } from '../support/fixtures';
import { sampleDocx, sampleOpenDocument, samplePdf, sampleXlsx, zipArchive } from '../support/sample-files';
import { startTestStack, testConfig, type TestStack } from '../support/stack';

// Uploads that would act by themselves on a caseworker's desktop are refused, each with a message
// saying why and what to do, and nothing of the request is stored; with a virus scanner
// configured every file passes through it first, and a scanner that cannot answer refuses the
// upload for now (503). The scanner here is a fake behind the VirusScanner interface; the clamd
// client is then run against a server speaking clamd's INSTREAM protocol.

const EICAR = String.raw`X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*`;

/** A minimal PDF with the given catalogue entries and extra objects (numbered from 3). */
function pdfWith(catalogue: string, objects: string[] = []): Buffer {
  const body = [
    `1 0 obj << /Type /Catalog /Pages 2 0 R ${catalogue} >> endobj`,
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj',
    ...objects.map((object, i) => `${i + 3} 0 obj ${object} endobj`),
  ].join('\n');
  return Buffer.from(`%PDF-1.7\n${body}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

/** A PDF whose catalogue's action sits inside a Flate-compressed object stream, as PDF 1.5+ writers do. */
function pdfWithCompressedObjects(objects: string): Buffer {
  const packed = zlib.deflateSync(Buffer.from(objects, 'latin1'));
  const head = Buffer.from(`%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n3 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${packed.length} >>\nstream\n`, 'latin1');
  return Buffer.concat([head, packed, Buffer.from('\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')]);
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

const REFUSED: { what: string; name: string; bytes: () => Buffer; message: RegExp }[] = [
  { what: 'a PDF running JavaScript on opening', name: 'budget.pdf', bytes: () => pdfWith('/OpenAction 3 0 R', ['<< /S /JavaScript /JS (app.alert\\(1\\)) >>']), message: /contains JavaScript/ },
  { what: 'JavaScript in a compressed object stream', name: 'packed.pdf', bytes: () => pdfWithCompressedObjects('4 0 << /S /JavaScript /JS (this.exportDataObject\\(\\)) >>'), message: /contains JavaScript/ },
  { what: 'a name spelt with #-escapes (/J#61vaScript)', name: 'escaped.pdf', bytes: () => pdfWith('/Names << /J#61vaScript 3 0 R >>', ['<< /Names [(a) 4 0 R] >>']), message: /contains JavaScript/ },
  { what: 'an OpenAction that is an action', name: 'open.pdf', bytes: () => pdfWith('/OpenAction << /S /URI /URI (https://example.com/) >>'), message: /set up to do something by itself/ },
  { what: 'a Launch action', name: 'launch.pdf', bytes: () => pdfWith('/AA << /O 3 0 R >>', ['<< /S /Launch /F (cmd.exe) >>']), message: /can start other programs/ },
  { what: 'an embedded file', name: 'attached.pdf', bytes: () => pdfWith('/Names << /EmbeddedFiles 3 0 R >>', ['<< /Names [(x.exe) 4 0 R] >>']), message: /other files stored inside it/ },
  { what: 'an XFA form', name: 'form.pdf', bytes: () => pdfWith('/AcroForm << /Fields [] /XFA 3 0 R >>', ['<< >>']), message: /fillable form of a special kind \(XFA\)/ },
  { what: 'an encrypted PDF', name: 'locked.pdf', bytes: () => Buffer.concat([pdfWith(''), Buffer.from('trailer << /Root 1 0 R /Encrypt 5 0 R >>\n')]), message: /password-protected or encrypted/ },
  {
    what: 'an OpenDocument text with StarBasic macros',
    name: 'ansøgning.odt',
    bytes: () => zipArchive([{ name: 'mimetype', content: 'application/vnd.oasis.opendocument.text' }, { name: 'content.xml', content: '<office:document-content/>' }, { name: 'Basic/Standard/Module1.xml', content: '<script:module/>' }]),
    message: /contains macros/,
  },
  {
    what: 'an OpenDocument spreadsheet with a Python script',
    name: 'budget.ods',
    bytes: () => zipArchive([{ name: 'mimetype', content: 'application/vnd.oasis.opendocument.spreadsheet' }, { name: 'content.xml', content: '<office:document-content/>' }, { name: 'Scripts/python/run.py', content: 'import os' }]),
    message: /contains macros/,
  },
  {
    what: 'a Word document with an OLE object',
    name: 'vedtægter.docx',
    bytes: () => zipArchive([{ name: '[Content_Types].xml', content: CONTENT_TYPES }, { name: 'word/document.xml', content: '<w:document/>' }, { name: 'word/embeddings/oleObject1.bin', content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) }]),
    message: /has embedded objects/,
  },
  {
    what: 'a spreadsheet with an ActiveX control',
    name: 'regnskab.xlsx',
    bytes: () => zipArchive([{ name: '[Content_Types].xml', content: CONTENT_TYPES }, { name: 'xl/workbook.xml', content: '<workbook/>' }, { name: 'xl/activeX/activeX1.xml', content: '<ax:ocx/>' }]),
    message: /has embedded objects/,
  },
];

describe('uploads with active content', () => {
  let stack: TestStack;
  let roundId: string;
  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    roundId = (await createOpenRound(stack.db)).id;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function newDraft() {
    const created = await postJson(`${stack.baseUrl}/api/v1/drafts`, { roundId });
    return { id: created.body.id as string, token: created.body.token as string };
  }

  async function upload(draft: { id: string; token: string }, files: { name: string; bytes: Buffer }[], language = 'en') {
    const form = new FormData();
    form.append('kind', 'budget');
    for (const file of files) form.append('files', new Blob([new Uint8Array(file.bytes)], { type: 'application/octet-stream' }), file.name);
    const response = await fetch(`${stack.baseUrl}/api/v1/drafts/${draft.id}/documents?lang=${language}`, { method: 'POST', headers: { authorization: `Bearer ${draft.token}` }, body: form });
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  }

  it.each(REFUSED)('refuses $what ($name), says why, and stores nothing of the request', async ({ name, bytes, message }) => {
    const draft = await newDraft();
    const response = await upload(draft, [{ name: 'ok.pdf', bytes: await samplePdf() }, { name, bytes: bytes() }]);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('upload_rejected');
    expect(response.body.error.issues).toEqual([expect.objectContaining({ path: 'files', reason: 'activeContent', filename: name, message: expect.stringMatching(message) })]);
    expect(response.body.error.issues[0].message).toContain(`"${name}"`);
    expect(await stack.db.document.count({ where: { draftId: draft.id } })).toBe(0);
  });

  it('says it in Danish by default', async () => {
    const response = await upload(await newDraft(), [{ name: 'budget.pdf', bytes: REFUSED[0]!.bytes() }], 'da');
    expect(response.body.error.issues[0].message).toMatch(/^"budget\.pdf" indeholder JavaScript: kode, der kan køre af sig selv/);
  });

  it('accepts ordinary files: a real PDF, a PDF opening at a page, Office files with chart data, OpenDocument without macros', async () => {
    const files = [
      { name: 'regnskab.pdf', bytes: await samplePdf('Regnskab 2026') },
      { name: 'side2.pdf', bytes: pdfWith('/OpenAction [3 0 R /Fit]', ['<< /Type /Page /Parent 2 0 R >>']) },
      { name: 'side3.pdf', bytes: pdfWith('/OpenAction 3 0 R', ['[4 0 R /XYZ null null 0]']) },
      {
        name: 'budget.docx',
        bytes: zipArchive([{ name: '[Content_Types].xml', content: CONTENT_TYPES }, { name: 'word/document.xml', content: '<w:document/>' }, { name: 'word/embeddings/Microsoft_Excel_Worksheet.xlsx', content: sampleXlsx() }]),
      },
    ];
    const draft = await newDraft();
    const first = await upload(draft, files);
    expect(first.status).toBe(201);
    const second = await upload(draft, [{ name: 'plan.odt', bytes: sampleOpenDocument('application/vnd.oasis.opendocument.text') }, { name: 'noter.docx', bytes: sampleDocx() }]);
    expect(second.status).toBe(201);
    expect(await stack.db.document.count({ where: { draftId: draft.id } })).toBe(6);
  });
});

/** A scanner behind the interface: finds the EICAR test string, or is down; remembers what it saw. */
function fakeScanner(state: { down: boolean; scanned: number }): VirusScanner {
  return {
    name: 'fake',
    async scan(bytes): Promise<ScanResult> {
      if (state.down) throw new ScannerUnavailable('fake scanner is down');
      state.scanned += 1;
      return bytes.includes(EICAR) ? { clean: false, signature: 'Eicar-Test-Signature' } : { clean: true };
    },
  };
}

describe('the virus scanner seam', () => {
  const state = { down: false, scanned: 0 };
  let stack: TestStack;
  let roundId: string;
  beforeAll(async () => {
    stack = await startTestStack({ worker: false, virusScanner: fakeScanner(state) });
    roundId = (await createOpenRound(stack.db)).id;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function uploadTo(files: { name: string; bytes: Buffer }[]) {
    const draft = await postJson(`${stack.baseUrl}/api/v1/drafts`, { roundId });
    const form = new FormData();
    form.append('kind', 'budget');
    for (const file of files) form.append('files', new Blob([new Uint8Array(file.bytes)]), file.name);
    const response = await fetch(`${stack.baseUrl}/api/v1/drafts/${draft.body.id}/documents?lang=en`, { method: 'POST', headers: { authorization: `Bearer ${draft.body.token}` }, body: form });
    return { status: response.status, headers: response.headers, body: (await response.json()) as any, stored: await stack.db.document.count({ where: { draftId: draft.body.id } }) };
  }

  it('scans every file, refuses an infected one by name and stores nothing of the request', async () => {
    const infected = Buffer.concat([await samplePdf('Bilag'), Buffer.from(`%${EICAR}\n`)]);
    const response = await uploadTo([{ name: 'clean.pdf', bytes: await samplePdf() }, { name: 'bilag.pdf', bytes: infected }]);
    expect(state.scanned).toBe(2);
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual([expect.objectContaining({ filename: 'bilag.pdf', reason: 'virus', message: expect.stringMatching(/^"bilag\.pdf" was stopped by our virus scanner/) })]);
    expect(response.stored).toBe(0);
  });

  it('stores clean files once scanned', async () => {
    const before = state.scanned;
    const response = await uploadTo([{ name: 'clean.pdf', bytes: await samplePdf('Ren') }]);
    expect(response.status).toBe(201);
    expect(state.scanned).toBe(before + 1);
    expect(response.stored).toBe(1);
  });

  it('answers 503 with Retry-After while the scanner cannot answer, and stores nothing', async () => {
    state.down = true;
    try {
      const response = await uploadTo([{ name: 'clean.pdf', bytes: await samplePdf() }]);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('120');
      expect(response.body.error).toMatchObject({ code: 'scanner_unavailable', message: expect.stringMatching(/^We cannot check files for viruses right now/) });
      expect(response.stored).toBe(0);
    } finally {
      state.down = false;
    }
  });
});

/** A server speaking clamd's INSTREAM: reassembles the length-prefixed chunks and answers. */
async function clamdStub() {
  const received: Buffer[] = [];
  const server = net.createServer((socket) => {
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const command = 'zINSTREAM\0';
      if (buffer.length < command.length) return;
      if (buffer.subarray(0, command.length).toString('latin1') !== command) return void socket.end('UNKNOWN COMMAND\0');
      const parts: Buffer[] = [];
      for (let at = command.length; at + 4 <= buffer.length; ) {
        const length = buffer.readUInt32BE(at);
        if (length === 0) {
          const file = Buffer.concat(parts);
          received.push(file);
          return void socket.end(file.includes(EICAR) ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
        }
        if (at + 4 + length > buffer.length) return;
        parts.push(buffer.subarray(at + 4, at + 4 + length));
        at += 4 + length;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { address: `127.0.0.1:${(server.address() as AddressInfo).port}`, received, close: () => server.close() };
}

describe('the clamd client', () => {
  it('streams the file in INSTREAM chunks and reads the verdict; an unreachable clamd is "unavailable"', async () => {
    const clamd = await clamdStub();
    try {
      const scanner = createVirusScanner(testConfig({ VIRUS_SCANNER: 'clamd', CLAMD_ADDRESS: clamd.address }))!;
      const large = Buffer.concat([await samplePdf('Stor fil'), Buffer.alloc(200 * 1024, 0x20)]);
      expect(await scanner.scan(large)).toEqual({ clean: true });
      expect(clamd.received[0]!.equals(large)).toBe(true);
      expect(await scanner.scan(Buffer.from(`%PDF-1.4\n%${EICAR}\n`))).toEqual({ clean: false, signature: 'Eicar-Test-Signature' });
    } finally {
      clamd.close();
    }
    const gone = createVirusScanner(testConfig({ VIRUS_SCANNER: 'clamd', CLAMD_ADDRESS: clamd.address, VIRUS_SCAN_TIMEOUT_MS: '500' }))!;
    await expect(gone.scan(Buffer.from('%PDF-1.4\n'))).rejects.toBeInstanceOf(ScannerUnavailable);
    expect(createVirusScanner(testConfig())).toBeUndefined();
  });
});
