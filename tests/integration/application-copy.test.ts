import crypto from 'node:crypto';
import { upsertStaffUser } from '../../lib/staff-auth';
import { generateAccessToken, sha256Hex } from '../../lib/tokens';
import { applicationInputSchema } from '../../domain/application-input';
import { formatCaseReference } from '../../domain/reference';
import { applicationBody, createOpenRound, insertApplication, postJson } from '../support/fixtures';
import { expectArchivalPdf } from '../support/pdf-bytes';
import { parsePdf } from '../support/pdf-text';
import { startTestStack, testConfig, type TestStack } from '../support/stack';

// The association downloads a copy of the application it sent, from its case page or the API,
// with exactly the access its private link gives: its own case's token, never another's, never
// none; casework staff too (logged as a download).

let stack: TestStack;
let roundId: string;
let caseworkerToken: string;
let caseworkerEmail: string;

beforeAll(async () => {
  stack = await startTestStack({ worker: false, config: testConfig() });
  roundId = (await createOpenRound(stack.db)).id;
  caseworkerEmail = `copy-cw-${crypto.randomUUID().slice(0, 8)}@eksempel.dk`;
  const password = crypto.randomBytes(12).toString('base64url');
  await upsertStaffUser(stack.db, { email: caseworkerEmail, name: 'Copy Caseworker', password, roles: ['caseworker'] });
  caseworkerToken = (await postJson(`${stack.baseUrl}/api/v1/auth/login`, { email: caseworkerEmail, password })).body.token;
});

afterAll(async () => {
  await stack?.stop();
});

/** A submitted case in `language` with its stored submission, two documents sent with it, a later answer, and one private link. */
async function submittedCase(language: 'da' | 'nb' | 'en', organisation: string) {
  const application = await insertApplication(stack.db, roundId, { organizationName: organisation });
  const submission = applicationInputSchema().parse(applicationBody(roundId, { organization: { cvr: '13748136', name: organisation, email: 'kasserer@faellesbord.dk' } }));
  await stack.db.application.update({ where: { id: application.id }, data: { language, submission: submission as object } });
  const document = (kind: string, filename: string) => ({
    documentKey: `copy-test:${crypto.randomUUID()}`,
    applicationId: application.id,
    kind,
    filename,
    contentType: 'application/pdf',
    size: 9,
    sha256: crypto.createHash('sha256').update(filename).digest('hex'),
    content: Buffer.from('%PDF-1.7\n'),
  });
  await stack.db.document.createMany({
    data: [document('statutes', 'vedtægter.pdf'), document('budget', 'budget-2027.pdf'), document('answer', 'svar-på-spørgsmål.pdf')],
  });
  const token = generateAccessToken();
  await stack.db.accessToken.create({ data: { tokenHash: sha256Hex(token), applicationId: application.id, purpose: 'receipt' } });
  return { id: application.id, token, reference: formatCaseReference(application.referenceNumber, application.submittedAt!) };
}

const apiCopy = (id: string, headers: Record<string, string> = {}, query = '') => fetch(`${stack.baseUrl}/api/v1/applications/${id}/application.pdf${query}`, { headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The cookie a browser keeps after opening the private link. */
async function caseCookie(id: string, token: string): Promise<string> {
  const opened = await fetch(`${stack.baseUrl}/sag/${id}?adgang=${token}`, { redirect: 'manual', headers: { accept: 'text/html' } });
  expect(opened.status).toBe(303);
  return opened.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
}

test('the API gives the association its application as sent, as a tagged PDF in the application’s language', async () => {
  const own = await submittedCase('nb', `Nordby Frivilligsentral ${crypto.randomUUID().slice(0, 6)}`);
  const response = await apiCopy(own.id, bearer(own.token));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  expect(response.headers.get('content-disposition')).toBe(`attachment; filename="soknad-${own.reference}.pdf"; filename*=UTF-8''soknad-${own.reference}.pdf`);
  expect(response.headers.get('cache-control')).toBe('private, no-store');
  const pdf = Buffer.from(await response.arrayBuffer());
  expectArchivalPdf(pdf, 'nb-NO', ['Document', 'H1', 'H2', 'P', 'Table', 'TR', 'TH', 'TD', 'L', 'LI']);
  const { text } = await parsePdf(pdf);
  expect(text).toContain('KOPI AV SØKNADEN DERES');
  expect(text).toContain(own.reference);
  expect(text).toContain('Nordby Frivilligsentral');
  expect(text).toContain('Fællesspisning for ensomme ældre');
  expect(text).toContain('Råvarer til 12 fællesspisninger');
  expect(text).toContain('vedtægter.pdf');
  expect(text).toContain('budget-2027.pdf');
  // An answer to a later request for information is not part of what was sent.
  expect(text).not.toContain('svar-på-spørgsmål.pdf');

  // The private link's token works in the address as well, as for the rest of the case's API.
  expect((await apiCopy(own.id, {}, `?adgang=${own.token}`)).status).toBe(200);
});

test('the API refuses the copy without the case’s own token', async () => {
  const own = await submittedCase('da', `Foreningen Eget Bord ${crypto.randomUUID().slice(0, 6)}`);
  const other = await submittedCase('da', `Foreningen Andet Bord ${crypto.randomUUID().slice(0, 6)}`);

  const none = await apiCopy(own.id);
  expect(none.status).toBe(401);
  expect(none.headers.get('content-type')).toMatch(/^application\/json/);
  expect(((await none.json()) as any).error.code).toBe('unauthorized');

  const wrong = await apiCopy(own.id, bearer(other.token));
  expect(wrong.status).toBe(403);
  expect(((await wrong.json()) as any).error.code).toBe('forbidden');
  expect((await apiCopy(own.id, bearer(generateAccessToken()))).status).toBe(403);
  expect((await apiCopy(crypto.randomUUID(), bearer(own.token))).status).toBe(404);

  await stack.db.accessToken.updateMany({ where: { applicationId: own.id }, data: { revokedAt: new Date() } });
  const revoked = await apiCopy(own.id, bearer(own.token));
  expect(revoked.status).toBe(410);
  expect(((await revoked.json()) as any).error.code).toBe('link_revoked');
});

test('casework staff get the copy too, and the download is in the access log', async () => {
  const own = await submittedCase('en', `Harbour Friends ${crypto.randomUUID().slice(0, 6)}`);
  const response = await apiCopy(own.id, bearer(caseworkerToken));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-disposition')).toContain(`application-${own.reference}.pdf`);
  expect(await stack.db.staffAccessLog.count({ where: { applicationId: own.id, staffEmail: caseworkerEmail, purpose: 'document_download' } })).toBe(1);
});

test('the case page links to the copy, which opens with the private link’s cookie only', async () => {
  const own = await submittedCase('da', `Foreningen Side Bord ${crypto.randomUUID().slice(0, 6)}`);
  const other = await submittedCase('da', `Foreningen Nabo Bord ${crypto.randomUUID().slice(0, 6)}`);
  const cookie = await caseCookie(own.id, own.token);

  const page = await fetch(`${stack.baseUrl}/sag/${own.id}`, { headers: { cookie, accept: 'text/html' } });
  expect(page.status).toBe(200);
  const markup = await page.text();
  expect(markup).toContain(`href="/sag/${own.id}/ansoegning.pdf" download>Hent en kopi af ansøgningen, som I sendte den (PDF)</a>`);

  const download = await fetch(`${stack.baseUrl}/sag/${own.id}/ansoegning.pdf`, { headers: { cookie } });
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toBe('application/pdf');
  expect(download.headers.get('content-disposition')).toContain(`filename="ansoegning-${own.reference}.pdf"`);
  const { text } = await parsePdf(Buffer.from(await download.arrayBuffer()));
  expect(text).toContain('KOPI AF JERES ANSØGNING');
  expect(text).toContain(own.reference);

  // No cookie, or the cookie of another case: the page that says how to get in, never the PDF.
  const without = await fetch(`${stack.baseUrl}/sag/${own.id}/ansoegning.pdf`, { headers: { accept: 'text/html' } });
  expect(without.status).toBe(403);
  expect(without.headers.get('content-type')).toMatch(/^text\/html/);
  const otherCookie = await caseCookie(other.id, other.token);
  const crossed = await fetch(`${stack.baseUrl}/sag/${own.id}/ansoegning.pdf`, { headers: { cookie: otherCookie, accept: 'text/html' } });
  expect(crossed.status).toBe(403);
  expect(crossed.headers.get('content-type')).toMatch(/^text\/html/);
});
