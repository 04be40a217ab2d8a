import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { csrfToken } from '../../services/api/http/csrf';
import { createSigningProvider } from '../../lib/signing/signing-settings';
import { conditionsHash } from '../../lib/signing/local-signing';
import type { SignedStatement } from '../../lib/signing/signing-provider';
import { parsePdf } from '../support/pdf-text';
import { expectArchivalPdf } from '../support/pdf-bytes';
import { createOpenRound, eventually, getJson, postJson } from '../support/fixtures';
import { mailPart, mailTo, subjectOf, submitCase, waitForStatus, type SubmittedCase } from '../support/process';
import { signedInStaff } from '../support/staff';
import { recordHistory } from '../support/histories';
import { startTestStack, type TestStack } from '../support/stack';

// Acceptance of a grant before payout, on the real stack: the decision waits in AWAITING_ACCEPTANCE,
// the signatory's private link opens the acceptance page, a signed acceptance registers the payout;
// a name without signing rights is refused with nothing changed; past the deadline the grant lapses
// with a letter and an email, and nothing is paid.

let stack: TestStack;
let caseworker: Awaited<ReturnType<typeof signedInStaff>>;
/** Where the lapse letter is written, to be looked at. */
const LETTERS = path.join(os.tmpdir(), 'grantflow-acceptance-letters');

beforeAll(async () => {
  stack = await startTestStack();
  caseworker = await signedInStaff(stack, ['caseworker'], 'Karen Sagsbehandler');
  fs.mkdirSync(LETTERS, { recursive: true });
});

afterAll(async () => {
  await stack?.stop();
});

const url = (p: string) => `${stack.baseUrl}/api/v1${p}`;
const spaced = (text: string) => text.replace(/\u00a0/g, ' ');

/** The Besøgsvennerne i Eksempelby of the local register: its signing rule names Bodil Jensen and Karim Nielsen. */
const WITH_SIGNING_RULE = { organization: { cvr: '99101377', name: 'Besøgsvennerne i Eksempelby', email: 'post@besoegsvennerne.dk' } };

async function granted(roundId: string, overrides: Record<string, unknown> = {}): Promise<SubmittedCase & { contact: string }> {
  const submitted = await submitCase(stack, roundId, { amountRequested: 12_000, ...overrides });
  await waitForStatus(submitted.handle, 'IN_QUEUE');
  expect((await postJson(url(`/applications/${submitted.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
  const decision = await postJson(url(`/applications/${submitted.id}/decision`), { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: '' }, conditions: ['Foreningen nævner kommunens tilskud på sine opslag.'] }, caseworker.headers);
  expect(decision.status).toBe(200);
  await waitForStatus(submitted.handle, 'AWAITING_ACCEPTANCE');
  const contact = (await stack.db.application.findUniqueOrThrow({ where: { id: submitted.id } })).contactEmail;
  return { ...submitted, contact };
}

/** The acceptance link from the email to the signatory. */
async function acceptanceLink(c: SubmittedCase & { contact: string }): Promise<{ mail: string; token: string }> {
  const message = await eventually(async () => (await mailTo(c.contact)).find((m) => subjectOf(m).startsWith('Accepter tilskuddet til')), 'the acceptance email');
  const text = spaced(mailPart(message, 'text/plain'));
  const token = new RegExp(`/tilsagn/${c.id}\\?adgang=([A-Za-z0-9_-]+)`).exec(text)?.[1];
  expect(token).toBeDefined();
  return { mail: text, token: token! };
}

const acceptApi = (c: SubmittedCase, token: string, body: unknown, query = '') => postJson(url(`/applications/${c.id}/acceptance${query}`), body, { authorization: `Bearer ${token}` });

/** What a refused acceptance must leave alone. */
async function fingerprint(c: SubmittedCase) {
  const application = await stack.db.application.findUniqueOrThrow({ where: { id: c.id }, select: { status: true } });
  const acceptance = await stack.db.grantAcceptance.findMany({ where: { applicationId: c.id } });
  const payouts = await stack.db.payout.count({ where: { applicationId: c.id } });
  const events = (await stack.db.caseEvent.findMany({ where: { applicationId: c.id }, orderBy: { id: 'asc' } })).map((e) => e.type);
  return JSON.stringify({ application, acceptance, payouts, events });
}

/** Opens the acceptance link in a browser-like way: the token becomes a cookie scoped to the page. */
async function openPage(c: SubmittedCase, token: string): Promise<string> {
  const opened = await fetch(`${stack.baseUrl}/tilsagn/${c.id}?adgang=${token}`, { redirect: 'manual' });
  expect(opened.status).toBe(303);
  expect(opened.headers.get('location')).toBe(`/tilsagn/${c.id}`);
  return /gf_accept=([^;]+)/.exec(opened.headers.get('set-cookie') ?? '')![1]!;
}

async function page(c: SubmittedCase, cookie: string, init: RequestInit = {}) {
  const response = await fetch(`${stack.baseUrl}/tilsagn/${c.id}`, { redirect: 'manual', ...init, headers: { cookie: `gf_accept=${cookie}`, origin: stack.baseUrl, ...(init.headers ?? {}) } });
  return { status: response.status, text: spaced(await response.text()), location: response.headers.get('location') };
}

function postForm(c: SubmittedCase, cookie: string, fields: Record<string, string>) {
  const body = new URLSearchParams({ _csrf: csrfToken(stack.config.COOKIE_SECRET, cookie), ...fields });
  return page(c, cookie, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

describe('acceptance before payout', () => {
  it('the contact person named in the application accepts through the API; the signed statement is kept and the payout registered', async () => {
    const round = await createOpenRound(stack.db, { process: { acceptancePeriod: 'P30D', acceptanceReminders: ['-P7D'], reconsiderationPeriod: '1h', reportOpensBeforeDue: 'P1D' } });
    const c = await granted(round.id);
    expect(await stack.db.payout.count({ where: { applicationId: c.id } })).toBe(0);

    const decisionMail = await eventually(async () => (await mailTo(c.contact)).find((m) => subjectOf(m).startsWith('Afgørelse')), 'the decision email');
    expect(spaced(mailPart(decisionMail, 'text/plain'))).toContain('når en, der må skrive under for foreningen, har accepteret betingelserne, senest');
    const { mail, token } = await acceptanceLink(c);
    expect(mail).toContain('Foreningen har opgivet Inge Hansen som den, der skriver under.');

    const stored = await stack.db.grantAcceptance.findFirstOrThrow({ where: { applicationId: c.id } });
    expect(stored).toMatchObject({ signatorySource: 'application', signatories: ['Inge Hansen'], conditionsVersion: '2026-12/afgoerelse-1', acceptedAt: null });
    expect(stored.conditionsHash).toBe(conditionsHash(stored.conditionsText));
    expect(stored.conditionsText).toContain('Foreningen nævner kommunens tilskud på sine opslag.');
    const read = await getJson(url(`/applications/${c.id}/acceptance`), { authorization: `Bearer ${c.accessToken}` });
    expect(read.body).toMatchObject({ status: 'awaiting', signatories: { source: 'application', names: ['Inge Hansen'] }, conditions: { sha256: stored.conditionsHash } });

    // The case's own link reads the acceptance but does not sign it.
    expect((await acceptApi(c, c.accessToken, { signerName: 'Inge Hansen', accept: true })).status).toBe(403);
    const unticked = await acceptApi(c, token, { signerName: 'Inge Hansen', accept: false }, '?lang=en');
    expect(unticked.status).toBe(400);
    expect(unticked.body.error.issues).toEqual([{ path: 'accept', message: 'Tick the box to accept the grant and its conditions.' }]);

    const accepted = await acceptApi(c, token, { signerName: '  inge  hansen ', accept: true });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', accepted: { by: 'inge  hansen', signingProvider: 'local' } });
    expect((await c.handle.query('status' as never)) as unknown).toBe('PAYOUT_SCHEDULED');
    const payouts = await stack.db.payout.findMany({ where: { applicationId: c.id } });
    expect(payouts.map((p) => Number(p.amountOre))).toEqual([1_200_000]);

    const event = await stack.db.caseEvent.findFirstOrThrow({ where: { applicationId: c.id, type: 'grant_accepted' } });
    expect(event).toMatchObject({ fromStatus: 'AWAITING_ACCEPTANCE', actor: 'applicant' });
    expect(event.details).toMatchObject({ signerName: 'inge  hansen', conditionsVersion: '2026-12/afgoerelse-1', conditionsHash: stored.conditionsHash, signingProvider: 'local', signatureReference: accepted.body.accepted.signatureReference });
    const record = await stack.db.grantAcceptance.findFirstOrThrow({ where: { applicationId: c.id } });
    const signed = record.signature as unknown as SignedStatement;
    expect(signed.statement).toMatchObject({ applicationId: c.id, signerName: 'inge  hansen', conditionsHash: stored.conditionsHash, organizationCvr: '13748136' });
    const provider = createSigningProvider(stack.config);
    expect(await provider.verify(signed)).toBe(true);
    expect(await provider.verify({ ...signed, statement: { ...signed.statement, signerName: 'Someone Else' } })).toBe(false);

    // Accepted once: a second acceptance is refused and changes nothing.
    const before = await fingerprint(c);
    expect((await acceptApi(c, token, { signerName: 'Inge Hansen', accept: true })).status).toBe(409);
    expect(await fingerprint(c)).toBe(before);
  });

  it('on the page, with the register’s signing rule: someone without signing rights is refused in their language with nothing changed; a board member accepts', async () => {
    const round = await createOpenRound(stack.db, { process: { acceptancePeriod: 'P30D', reconsiderationPeriod: '1h', reportOpensBeforeDue: 'P1D' } });
    const c = await granted(round.id, WITH_SIGNING_RULE);
    const { mail, token } = await acceptanceLink(c);
    expect(mail).toContain('Derfor kan Bodil Jensen, Karim Nielsen acceptere.');

    // A link to the case page does not open the acceptance page.
    expect((await fetch(`${stack.baseUrl}/tilsagn/${c.id}?adgang=${c.accessToken}`, { redirect: 'manual' })).status).toBe(403);
    const cookie = await openPage(c, token);
    const shown = await page(c, cookie);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Accepter tilskuddet til Besøgsvennerne i Eksempelby');
    expect(shown.text).toContain('Foreningen tegnes af formanden og kassereren i forening');
    expect(shown.text).toContain('Foreningen nævner kommunens tilskud på sine opslag.');

    const before = await fingerprint(c);
    const refused = await postForm(c, cookie, { signerName: 'Inge Hansen', accept: 'ja' });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Navnet er ikke blandt dem, der må skrive under for foreningen.');
    expect(refused.text).toContain('value="Inge Hansen"');
    const english = await acceptApi(c, token, { signerName: 'Inge Hansen', accept: true }, '?lang=en');
    expect(english.status).toBe(403);
    expect(english.body.error.code).toBe('not_signatory');
    expect(english.body.error.issues).toEqual([{ path: 'signerName', message: expect.stringContaining('This name is not among those authorised to sign for the association.') }]);
    const unticked = await postForm(c, cookie, { signerName: 'Bodil Jensen' });
    expect(unticked.status).toBe(400);
    expect(unticked.text).toContain('Sæt kryds for at acceptere tilskuddet og betingelserne.');
    expect(await fingerprint(c)).toBe(before);
    expect(await stack.db.payout.count({ where: { applicationId: c.id } })).toBe(0);

    const sent = await postForm(c, cookie, { signerName: 'bodil jensen', accept: 'ja' });
    expect(sent.status).toBe(303);
    const after = await page(c, cookie);
    expect(after.text).toContain('Tilskuddet blev accepteret af bodil jensen');
    expect(after.text).toContain('Signaturens reference: local-');
    expect((await stack.db.application.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('PAYOUT_SCHEDULED');
    expect(await stack.db.payout.count({ where: { applicationId: c.id } })).toBe(1);
    // The caseworker sees who may sign and why, who signed, when, and the signature's reference.
    const staffPage = spaced(await (await fetch(`${stack.baseUrl}/personale/sager/${c.id}`, { headers: { cookie: `gf_staff=${caseworker.token}` } })).text());
    expect(staffPage).toContain('Accept af tilskuddet');
    expect(staffPage).toContain('Bodil Jensen, Karim Nielsen (registerets tegningsregel:');
    expect(staffPage).toContain('Accepteret af bodil jensen');
    expect(staffPage).toMatch(/local · local-[0-9a-f]{20}/);
    await recordHistory(c.handle, 'acceptance-refused-then-accepted');
  });

  it('past the deadline: a reminder first, then the grant lapses with a letter and an email, and nothing is paid', async () => {
    const round = await createOpenRound(stack.db, { process: { acceptancePeriod: '8s', acceptanceReminders: ['-5s'], reconsiderationPeriod: '1h' } });
    const c = await granted(round.id);
    const { token } = await acceptanceLink(c);
    const reminder = await eventually(async () => (await mailTo(c.contact)).find((m) => subjectOf(m).startsWith('Påmindelse: accepter tilskuddet')), 'the reminder', 20_000);
    expect(spaced(mailPart(reminder, 'text/plain'))).toMatch(new RegExp(`/tilsagn/${c.id}\\?adgang=`));

    expect(await c.handle.result()).toBe('GRANT_LAPSED');
    expect(await stack.db.payout.count({ where: { applicationId: c.id } })).toBe(0);
    expect((await stack.db.application.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('GRANT_LAPSED');
    const events = (await stack.db.caseEvent.findMany({ where: { applicationId: c.id }, orderBy: { id: 'asc' } })).map((e) => e.type);
    expect(events.slice(-3)).toEqual(['acceptance_requested', 'acceptance_reminder_sent', 'grant_lapsed']);
    expect(events).not.toContain('payout_scheduled');
    expect((await stack.db.grantAcceptance.findFirstOrThrow({ where: { applicationId: c.id } })).lapsedAt).not.toBeNull();

    const letter = await stack.db.document.findFirstOrThrow({ where: { applicationId: c.id, kind: 'acceptance_lapse_letter' } });
    const pdf = Buffer.from(letter.content!);
    fs.writeFileSync(path.join(LETTERS, 'bortfald-da.pdf'), pdf);
    expectArchivalPdf(pdf, 'da-DK', ['Document', 'H1', 'H2', 'P', 'Table', 'TR', 'TH', 'TD']);
    const text = spaced((await parsePdf(pdf)).text);
    expect(text).toContain('Tilskuddet på 12.000 kr. er bortfaldet');
    expect(text).toContain('Vi sendte et link til accepten til Inge Hansen.');
    expect(text).toContain('Tilskuddet bliver ikke udbetalt, og I skal ikke sende en afrapportering. Sagen er lukket.');

    const lapsedMail = await eventually(async () => (await mailTo(c.contact)).find((m) => subjectOf(m).startsWith('Tilskuddet er bortfaldet')), 'the lapse email');
    expect(spaced(mailPart(lapsedMail, 'text/plain'))).toContain('Derfor er det bortfaldet og bliver ikke udbetalt.');
    expect(lapsedMail.raw).toContain('bortfald-af-tilskud-');

    // Too late: the acceptance is refused, nothing is paid.
    expect((await acceptApi(c, token, { signerName: 'Inge Hansen', accept: true })).status).toBe(409);
    expect(await stack.db.payout.count({ where: { applicationId: c.id } })).toBe(0);
    await recordHistory(c.handle, 'acceptance-lapsed');
  });
});
