import { caseStateQuery } from '../../workflows/messages';
import { createOpenRound, eventually, getJson, postJson } from '../support/fixtures';
import { submitCase, waitForStatus, type SubmittedCase } from '../support/process';
import { sampleDocx, sampleExe, samplePdf, samplePng, sampleXlsx } from '../support/sample-files';
import { signedInStaff } from '../support/staff';
import { startTestStack, testConfig, type TestStack } from '../support/stack';

// Small limits, so "too many" and "too large" take a few kilobytes rather than 100 MB.
const MAX_FILE_BYTES = 64 * 1024;
const MAX_FILES = 3;

let stack: TestStack;
let caseA: SubmittedCase;
let caseB: SubmittedCase;
let pdf: Buffer;

beforeAll(async () => {
  stack = await startTestStack({ config: testConfig({ UPLOAD_MAX_FILE_BYTES: String(MAX_FILE_BYTES), UPLOAD_MAX_FILES: String(MAX_FILES) }) });
  const round = await createOpenRound(stack.db, { process: { answerDeadline: '1h', answerReminders: ['30m'] } });
  [caseA, caseB] = await Promise.all([submitCase(stack, round.id), submitCase(stack, round.id)]);
  await Promise.all([waitForStatus(caseA.handle, 'IN_QUEUE'), waitForStatus(caseB.handle, 'IN_QUEUE')]);
  pdf = await samplePdf('Vedtægter for Foreningen Fælles Bord');
});

afterAll(async () => {
  await stack?.stop();
});

const url = (path: string) => `${stack.baseUrl}/api/v1${path}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

interface Part {
  name: string;
  bytes: Buffer;
  type?: string;
}

async function upload(applicationId: string, token: string, parts: Part[], options: { kind?: string; headers?: Record<string, string>; query?: string } = {}) {
  const form = new FormData();
  if (options.kind !== undefined) form.append('kind', options.kind);
  for (const part of parts) form.append('files', new Blob([new Uint8Array(part.bytes)], { type: part.type ?? 'application/octet-stream' }), part.name);
  const response = await fetch(url(`/applications/${applicationId}/documents${options.query ?? ''}`), {
    method: 'POST',
    headers: { ...bearer(token), ...options.headers },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as any };
}

const documentCount = (applicationId: string) => stack.db.document.count({ where: { applicationId } });

describe('uploading documents to a case', () => {
  it('stores a PDF by its content and serves it back only as an attachment', async () => {
    const before = await documentCount(caseA.id);
    const stored = await upload(caseA.id, caseA.accessToken, [{ name: 'C:\\Dokumenter\\vedtægter.pdf', bytes: pdf, type: 'application/pdf' }], { kind: 'statutes' });
    expect(stored.status).toBe(201);
    expect(stored.body.documents).toEqual([
      expect.objectContaining({ kind: 'statutes', filename: 'vedtægter.pdf', contentType: 'application/pdf', size: pdf.length }),
    ]);
    expect(await documentCount(caseA.id)).toBe(before + 1);

    const documentId = stored.body.documents[0].id as string;
    const download = await fetch(url(`/applications/${caseA.id}/documents/${documentId}`), { headers: bearer(caseA.accessToken) });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="vedtaegter.pdf"; filename*=UTF-8''vedt%C3%A6gter.pdf`);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('cache-control')).toContain('no-store');
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

    const staff = await signedInStaff(stack, ['caseworker']);
    expect((await fetch(url(`/applications/${caseA.id}/documents/${documentId}`), { headers: staff.headers })).status).toBe(200);
    const listed = await getJson(url(`/applications/${caseA.id}/documents`), bearer(caseA.accessToken));
    expect(listed.body.documents.map((d: { id: string }) => d.id)).toContain(documentId);
  });

  it('stores the same bytes sent twice only once', async () => {
    const png = samplePng();
    const first = await upload(caseA.id, caseA.accessToken, [{ name: 'logo.png', bytes: png }], { kind: 'answer' });
    const before = await documentCount(caseA.id);
    const again = await upload(caseA.id, caseA.accessToken, [{ name: 'logo-kopi.png', bytes: png }], { kind: 'answer' });
    expect(again.status).toBe(201);
    expect(again.body.documents[0].id).toBe(first.body.documents[0].id);
    expect(await documentCount(caseA.id)).toBe(before);
  });

  it('refuses an .exe renamed .pdf and sent as application/pdf, in the language asked for', async () => {
    const before = await documentCount(caseA.id);
    const response = await upload(caseA.id, caseA.accessToken, [{ name: 'faktura.pdf', bytes: sampleExe(), type: 'application/pdf' }], {
      kind: 'answer',
      headers: { 'accept-language': 'nb' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('upload_rejected');
    expect(response.body.error.issues).toEqual([
      expect.objectContaining({ path: 'files', reason: 'type', filename: 'faktura.pdf', message: expect.stringContaining('"faktura.pdf" er ikke en filtype vi kan ta imot') }),
    ]);
    expect(await documentCount(caseA.id)).toBe(before);
  });

  it('refuses a file over the size limit, saying the limit, and stores none of the request', async () => {
    const before = await documentCount(caseA.id);
    const tooLarge = Buffer.concat([pdf, Buffer.alloc(MAX_FILE_BYTES)]);
    const response = await upload(caseA.id, caseA.accessToken, [{ name: 'ok.docx', bytes: sampleDocx() }, { name: 'scan.pdf', bytes: tooLarge }], { kind: 'answer', query: '?lang=en' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('One or more files were not accepted. See why at each file.');
    expect(response.body.error.issues).toEqual([expect.objectContaining({ reason: 'size', message: expect.stringContaining('"scan.pdf" is larger than 64 kB') })]);
    expect(await documentCount(caseA.id)).toBe(before);
  });

  it('refuses an empty file', async () => {
    const before = await documentCount(caseA.id);
    const response = await upload(caseA.id, caseA.accessToken, [{ name: 'tom.pdf', bytes: Buffer.alloc(0) }], { kind: 'answer' });
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual([expect.objectContaining({ reason: 'empty', message: '"tom.pdf" er tom. Tjek at det er den rigtige fil, og vælg den igen.' })]);
    expect(await documentCount(caseA.id)).toBe(before);
  });

  it('refuses more files than allowed in one request', async () => {
    const before = await documentCount(caseB.id);
    const parts = Array.from({ length: MAX_FILES + 1 }, (_, i) => ({ name: `side-${i + 1}.pdf`, bytes: Buffer.concat([pdf, Buffer.from(`\n% ${i}`)]) }));
    const response = await upload(caseB.id, caseB.accessToken, parts, { kind: 'answer' });
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual([
      expect.objectContaining({ reason: 'count', filename: `side-${MAX_FILES + 1}.pdf`, message: expect.stringContaining(`du kan højst sende ${MAX_FILES} filer`) }),
    ]);
    expect(await documentCount(caseB.id)).toBe(before);
  });

  it('refuses uploads that would take a case past its file limit', async () => {
    const before = await documentCount(caseB.id);
    const variant = (i: number) => ({ name: `bilag-${i}.pdf`, bytes: Buffer.concat([pdf, Buffer.from(`\n% bilag ${i}`)]) });
    expect((await upload(caseB.id, caseB.accessToken, [variant(1), variant(2)], { kind: 'budget' })).status).toBe(201);
    const over = await upload(caseB.id, caseB.accessToken, [variant(3), variant(4)], { kind: 'budget' });
    expect(over.status).toBe(400);
    expect(over.body.error.code).toBe('too_many_files');
    expect(over.body.error.issues[0].message).toBe(`Der er allerede ${before + 2} filer, og der kan højst være ${MAX_FILES}. Saml flere sider i én PDF, eller kontakt kommunen.`);
    expect(await documentCount(caseB.id)).toBe(before + 2);
  });

  it('refuses a request that is not multipart, and a kind not on the list', async () => {
    const json = await postJson(url(`/applications/${caseA.id}/documents`), { kind: 'answer' }, bearer(caseA.accessToken));
    expect(json.status).toBe(415);
    expect(json.body.error.message).toBe('Filer skal sendes som multipart/form-data.');
    const before = await documentCount(caseA.id);
    const unknownKind = await upload(caseA.id, caseA.accessToken, [{ name: 'a.pdf', bytes: pdf }], { kind: 'selfie' });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['kind']);
    const noFiles = await upload(caseA.id, caseA.accessToken, [], { kind: 'answer' });
    expect(noFiles.status).toBe(400);
    expect(noFiles.body.error.issues).toEqual([{ path: 'files', message: 'Vælg mindst én fil.' }]);
    expect(await documentCount(caseA.id)).toBe(before);
  });
});

describe('a private link opens only its own case', () => {
  it('refuses to upload to, or download from, another application with 403 and leaves it unchanged', async () => {
    const [own] = (await stack.db.document.findMany({ where: { applicationId: caseA.id }, take: 1 })).map((d) => d.id);
    const before = await documentCount(caseA.id);
    const foreignUpload = await upload(caseA.id, caseB.accessToken, [{ name: 'x.pdf', bytes: Buffer.concat([pdf, Buffer.from('% B')]) }], { kind: 'answer', query: '?lang=en' });
    expect(foreignUpload.status).toBe(403);
    expect(foreignUpload.body.error.code).toBe('forbidden');
    expect(await documentCount(caseA.id)).toBe(before);

    const foreignDownload = await fetch(url(`/applications/${caseA.id}/documents/${own}`), { headers: bearer(caseB.accessToken) });
    expect(foreignDownload.status).toBe(403);
    // Naming A's document under B's own case finds nothing there.
    const crossed = await fetch(url(`/applications/${caseB.id}/documents/${own}`), { headers: bearer(caseB.accessToken) });
    expect(crossed.status).toBe(404);
    expect(((await crossed.json()) as any).error.message).toBe('Dokumentet findes ikke på denne sag.');
  });

  it('refuses an answer that names another application’s document, and one sent with another case’s token', async () => {
    const caseworker = await signedInStaff(stack, ['caseworker']);
    expect((await postJson(url(`/applications/${caseB.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
    const asked = await postJson(url(`/applications/${caseB.id}/information-requests`), { items: ['Vedtægter'], message: 'Send venligst vedtægterne.' }, caseworker.headers);
    expect(asked.status).toBe(201);
    await waitForStatus(caseB.handle, 'AWAITING_APPLICANT');

    const [aDocument] = await stack.db.document.findMany({ where: { applicationId: caseA.id }, take: 1 });
    const foreignDocument = await postJson(url(`/applications/${caseB.id}/supplements`), { text: 'Her er de.', documentIds: [aDocument!.id] }, bearer(caseB.accessToken));
    expect(foreignDocument.status).toBe(400);
    expect(foreignDocument.body.error.issues).toEqual([{ path: 'documentIds', message: 'Et af dokumenterne hører ikke til denne sag. Send filerne igen fra sagens side.' }]);

    const wrongToken = await postJson(url(`/applications/${caseB.id}/supplements?lang=en`), { text: 'Her er de.', documentIds: [] }, bearer(caseA.accessToken));
    expect(wrongToken.status).toBe(403);
    expect(wrongToken.body.error.message).toBe('This link does not give access to this application.');
    expect(await stack.db.informationRequest.findFirst({ where: { applicationId: caseB.id, answeredAt: { not: null } } })).toBeNull();
    expect((await caseB.handle.query(caseStateQuery)).status).toBe('AWAITING_APPLICANT');

    const own = await upload(caseB.id, caseB.accessToken, [{ name: 'vedtaegter.pdf', bytes: Buffer.concat([pdf, Buffer.from('% vedtaegter B')]) }], { kind: 'statutes' });
    expect(own.status).toBe(201);
    const answered = await postJson(url(`/applications/${caseB.id}/supplements`), { text: 'Her er de.', documentIds: [own.body.documents[0].id] }, bearer(caseB.accessToken));
    expect(answered.status).toBe(202);
    // Back with the caseworker who asked.
    await waitForStatus(caseB.handle, 'IN_REVIEW');
    const request = await stack.db.informationRequest.findFirstOrThrow({ where: { applicationId: caseB.id } });
    expect(request.answer).toEqual({ text: 'Her er de.', documentIds: [own.body.documents[0].id] });
  });
});

describe('the case page’s cookie and forms', () => {
  async function openCaseCookie(applicationId: string, token: string): Promise<string> {
    const opened = await fetch(`${stack.baseUrl}/sag/${applicationId}?adgang=${token}`, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(`/sag/${applicationId}`);
    const setCookie = opened.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(new RegExp(`^gf_case=[^;]+; Max-Age=\\d+; Path=/sag/${applicationId}; Expires=[^;]+; HttpOnly; SameSite=Lax$`));
    return setCookie.split(';')[0]!;
  }

  it('swaps the link for a cookie of this case, and shows the page in the chosen language', async () => {
    const cookie = await openCaseCookie(caseA.id, caseA.accessToken);
    const page = await fetch(`${stack.baseUrl}/sag/${caseA.id}?lang=nb`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const markup = await page.text();
    expect(markup).toContain('<html lang="nb">');
    expect(markup).toContain('Status: Venter på en saksbehandler');
    expect(markup).not.toContain(caseA.accessToken);
  });

  it('refuses a form post without the CSRF token, or with another case’s cookie, storing nothing', async () => {
    const cookieA = await openCaseCookie(caseA.id, caseA.accessToken);
    const cookieB = await openCaseCookie(caseB.id, caseB.accessToken);
    const before = await documentCount(caseA.id);
    const form = () => {
      const body = new FormData();
      body.append('text', 'Svar');
      body.append('answer_files', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'svar.pdf');
      return body;
    };
    const withoutToken = await fetch(`${stack.baseUrl}/sag/${caseA.id}/svar`, { method: 'POST', headers: { cookie: cookieA, accept: 'text/html' }, body: form() });
    expect(withoutToken.status).toBe(403);
    expect(await withoutToken.text()).toContain('Formularen er udløbet eller kom ikke fra denne side.');
    const crossed = await fetch(`${stack.baseUrl}/sag/${caseA.id}/svar`, { method: 'POST', headers: { cookie: cookieB, accept: 'text/html' }, body: form() });
    expect(crossed.status).toBe(403);
    expect(await crossed.text()).toContain('Linket giver ikke adgang til denne sag');
    expect(await documentCount(caseA.id)).toBe(before);
  });

  it('serves the case’s documents to the cookie as attachments', async () => {
    const cookie = await openCaseCookie(caseA.id, caseA.accessToken);
    const [document] = await stack.db.document.findMany({ where: { applicationId: caseA.id, kind: 'statutes' }, take: 1 });
    const download = await fetch(`${stack.baseUrl}/sag/${caseA.id}/dokumenter/${document!.id}`, { headers: { cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="vedtaegter\.pdf"/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('the report form when the tier asks for accounts', () => {
  it('requires the accounts file, then sends the report with it', async () => {
    const round = await createOpenRound(stack.db, {
      reportingTiers: [
        { upToKroner: 5_000, requirement: 'declaration', applicationDocuments: [] },
        { upToKroner: null, requirement: 'accounts', applicationDocuments: [] },
      ],
    });
    const granted = await submitCase(stack, round.id, { amountRequested: 12_000 });
    await waitForStatus(granted.handle, 'IN_QUEUE');
    const caseworker = await signedInStaff(stack, ['caseworker']);
    expect((await postJson(url(`/applications/${granted.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
    const decision = { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: '' }, conditions: [] };
    expect((await postJson(url(`/applications/${granted.id}/decision`), decision, caseworker.headers)).status).toBe(200);
    await waitForStatus(granted.handle, 'REPORT_DUE');

    const opened = await fetch(`${stack.baseUrl}/sag/${granted.id}?adgang=${granted.accessToken}`, { redirect: 'manual' });
    const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0]!;
    const page = await eventually(async () => {
      const markup = await (await fetch(`${stack.baseUrl}/sag/${granted.id}`, { headers: { cookie } })).text();
      return markup.includes('Afrapportering: Rapport og regnskab') ? markup : undefined;
    }, 'the report form');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const report = (withFile: boolean) => {
      const body = new FormData();
      body.append('_csrf', csrf);
      body.append('narrative', 'Tolv fællesspisninger med i alt 380 deltagere.');
      body.append('spentKroner', '12000');
      body.append('participants', '380');
      body.append('volunteers', '9');
      if (withFile) body.append('report_files', new Blob([new Uint8Array(sampleXlsx())]), 'regnskab.xlsx');
      return fetch(`${stack.baseUrl}/sag/${granted.id}/afrapportering`, { method: 'POST', headers: { cookie }, body, redirect: 'manual' });
    };

    const missing = await report(false);
    expect(missing.status).toBe(400);
    const markup = await missing.text();
    expect(markup).toContain('<title>Fejl: ');
    expect(markup).toContain('<a class="function-link" href="#f-report_files">Vedhæft regnskabet.</a>');
    expect(await stack.db.document.count({ where: { applicationId: granted.id, kind: 'report' } })).toBe(0);

    const sent = await report(true);
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/sag/${granted.id}?sendt=afrapportering`);
    const stored = await eventually(
      async () => (await stack.db.followUpReport.findFirst({ where: { applicationId: granted.id, submittedAt: { not: null } } })) ?? undefined,
      'the stored report',
    );
    const [accounts] = await stack.db.document.findMany({ where: { applicationId: granted.id, kind: 'report' } });
    expect(accounts).toMatchObject({ filename: 'regnskab.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(stored.content).toMatchObject({ narrative: 'Tolv fællesspisninger med i alt 380 deltagere.', spentKroner: 12_000, documentIds: [accounts!.id] });
  });
});
