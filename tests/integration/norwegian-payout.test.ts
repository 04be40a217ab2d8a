import crypto from 'node:crypto';
import { PAYOUT_EXPORT_HEADER_NO, parseCsv } from '../../domain/csv';
import { applicationBody, createOpenRound, eventually, getJson, postJson } from '../support/fixtures';
import { mailPart, mailsFor, subjectOf, waitForStatus } from '../support/process';
import { parsePdf } from '../support/pdf-text';
import { signedInStaff } from '../support/staff';
import { startTestStack, testConfig, type TestStack } from '../support/stack';
import { grantApplicationWorkflowId } from '../../domain/workflow-ids';

// Payout in Norway (JURISDICTION=NO): there is no NemKonto, so the organisation gives its
// kontonummer in the application. It is checked (11 digits, modulus 11), stored on the case,
// shown masked on every page, in the letter and the emails, corrected by the caseworker with an
// event on the case, and carried in full only in the payout file for finance. A Danish
// deployment neither asks for nor keeps an account.

let norway: TestStack;
let denmark: TestStack;
let roundId: string;
let caseworker: Awaited<ReturnType<typeof signedInStaff>>;
let approver: Awaited<ReturnType<typeof signedInStaff>>;
const workflowIds: string[] = [];

beforeAll(async () => {
  norway = await startTestStack({ config: testConfig({ JURISDICTION: 'NO' }) });
  denmark = await startTestStack({ worker: false });
  caseworker = await signedInStaff(norway, ['caseworker'], 'Kari Saksbehandler');
  approver = await signedInStaff(norway, ['approver'], 'Lars Leder');
  // The report form opens a day before it is due, 120 days on: the case stays where the payout leaves it.
  roundId = (await createOpenRound(norway.db, { maxAmount: 50_000, process: { reportOpensBeforeDue: 'P1D', reconsiderationPeriod: '1h' } })).id;
});

afterAll(async () => {
  for (const id of workflowIds) await norway.temporal.workflow.getHandle(id).terminate('test finished').catch(() => undefined);
  await denmark?.stop().catch(() => undefined);
  await norway?.stop();
});

const api = (stack: TestStack, path: string) => `${stack.baseUrl}/api/v1${path}`;

/** A Norwegian organisation's application (the demo register knows 100000008), with the account as typed. */
function norwegianBody(bankAccount: unknown, contactEmail = `kari+${crypto.randomUUID().slice(0, 8)}@frivilligsentralen.example.no`) {
  const body = applicationBody(roundId, { contact: { name: 'Kari Nordmann', email: contactEmail } });
  return { ...body, organization: { cvr: '100000008', name: 'Frivilligsentralen i Eksempelby', email: 'post@frivilligsentralen.example.no', bankAccount } };
}

const issuesByPath = (body: any): Record<string, string> => Object.fromEntries(body.error.issues.map((i: { path: string; message: string }) => [i.path, i.message]));
const spaced = (text: string) => text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');

async function page(url: string, cookie: string): Promise<string> {
  const response = await fetch(url, { headers: { cookie } });
  expect(response.status).toBe(200);
  return spaced(await response.text());
}

describe('a Norwegian organisation’s payout account', () => {
  let id: string;
  let accessToken: string;
  let contactEmail: string;

  it('is refused with a wrong check digit: 400 with the field message in bokmål, nothing stored', async () => {
    const before = await norway.db.application.count();
    const wrong = await postJson(api(norway, '/applications'), norwegianBody('1234.56.78904'));
    expect(wrong.status).toBe(400);
    expect(issuesByPath(wrong.body)).toEqual({ 'organization.bankAccount': 'Kontonummeret er ikke gyldig. Sjekk de 11 sifrene på en kontoutskrift eller i nettbanken.' });
    const missing = await postJson(api(norway, '/applications?lang=en'), norwegianBody(undefined));
    expect(missing.status).toBe(400);
    expect(Object.keys(issuesByPath(missing.body))).toEqual(['organization.bankAccount']);
    expect(await norway.db.application.count()).toBe(before);
  });

  it('is stored as its eleven digits with a valid one, apart from the submission, and the API shows it masked', async () => {
    contactEmail = `kari+${crypto.randomUUID().slice(0, 8)}@frivilligsentralen.example.no`;
    const response = await postJson(api(norway, '/applications'), norwegianBody('1234 56 78903', contactEmail));
    expect(response.status).toBe(201);
    ({ id, accessToken } = response.body);
    workflowIds.push(grantApplicationWorkflowId(id));
    const stored = await norway.db.application.findUniqueOrThrow({ where: { id } });
    expect(stored.payoutAccount).toBe('12345678903');
    expect(JSON.stringify(stored.submission)).not.toContain('78903');

    const view = await getJson(api(norway, `/applications/${id}`), { authorization: `Bearer ${accessToken}` });
    expect(view.body.organization).toEqual({ cvr: '100000008', name: 'Frivilligsentralen i Eksempelby', payoutAccount: '•••• •• 78903' });
    expect(JSON.stringify(view.body)).not.toContain('12345678903');
  });

  it('is named masked in the decision letter, the email and on both case pages once the grant is decided', async () => {
    const handle = norway.temporal.workflow.getHandle(grantApplicationWorkflowId(id));
    await waitForStatus(handle, 'IN_QUEUE');
    expect((await postJson(api(norway, `/applications/${id}/assignment`), {}, caseworker.headers)).status).toBe(200);
    const decided = await postJson(api(norway, `/applications/${id}/decision`), { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: '' }, conditions: [] }, caseworker.headers);
    expect(decided.status).toBe(200);
    await waitForStatus(handle, 'PAYOUT_SCHEDULED');

    const letter = await eventually(() => norway.db.document.findFirst({ where: { applicationId: id, kind: 'decision_letter' } }).then((row) => row ?? undefined), 'the decision letter');
    const letterText = spaced((await parsePdf(letter.content)).text);
    expect(letterText).toContain('til kontonummer •••• •• 78903, som organisasjonen oppga i søknaden');
    expect(letterText).not.toContain('NemKonto');
    expect(letterText).not.toContain('12345678903');

    const [mail] = (await mailsFor(contactEmail, 2)).filter((message) => subjectOf(message).startsWith('Vedtak'));
    expect(mail).toBeDefined();
    const mailText = spaced(mailPart(mail!, 'text/plain'));
    expect(mailText).toMatch(/Pengene betales ut .* til kontonummer •••• •• 78903, som organisasjonen har oppgitt\./);
    expect(mailText).not.toContain('NemKonto');

    const association = await page(`${norway.baseUrl}/sag/${id}`, `gf_case=${accessToken}`);
    expect(association).toContain('Kontonummer for utbetaling');
    expect(association).toMatch(/betales ut .* til kontonummer •••• •• 78903, som organisasjonen har oppgitt\./);
    expect(association).not.toContain('NemKonto');
    expect(association).not.toContain('12345678903');
    const staff = await page(`${norway.baseUrl}/personale/sager/${id}`, `gf_staff=${caseworker.token}`);
    expect(staff).toContain('Organisasjonen har oppgitt kontonummer •••• •• 78903.');
    expect(staff).not.toContain('12345678903');
  });

  it('is corrected by the caseworker: a wrong check digit changes nothing; a valid one is stored with an event and its time, masked', async () => {
    const put = (body: unknown, headers = caseworker.headers) =>
      fetch(api(norway, `/applications/${id}/payout-account`), { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as any,
      }));
    const events = () => norway.db.caseEvent.findMany({ where: { applicationId: id, type: 'payout_account_corrected' } });

    const wrong = await put({ bankAccount: '8601.11.17948' });
    expect(wrong.status).toBe(400);
    expect(issuesByPath(wrong.body)).toEqual({ bankAccount: 'Kontonummeret er ikke gyldig. Sjekk de 11 sifrene på en kontoutskrift eller i nettbanken.' });
    expect((await norway.db.application.findUniqueOrThrow({ where: { id } })).payoutAccount).toBe('12345678903');
    expect(await events()).toEqual([]);
    expect([401, 403]).toContain((await put({ bankAccount: '8601.11.17947' }, { authorization: `Bearer ${accessToken}` })).status);

    const before = Date.now();
    const corrected = await put({ bankAccount: '8601.11.17947' });
    expect(corrected).toEqual({ status: 200, body: { account: '•••• •• 17947', changed: true } });
    expect((await norway.db.application.findUniqueOrThrow({ where: { id } })).payoutAccount).toBe('86011117947');
    const [event] = await events();
    expect(event).toMatchObject({ actor: caseworker.email, details: { previous: '•••• •• 78903', account: '•••• •• 17947' } });
    expect(event!.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(JSON.stringify(event!.details)).not.toMatch(/12345678903|86011117947/);
    const audit = await norway.db.staffAuditLog.findFirstOrThrow({ where: { applicationId: id, action: 'case.payout_account_correct' } });
    expect(audit.details).toEqual({ previous: '•••• •• 78903', account: '•••• •• 17947' });
    // The same number again: nothing new stored, no second event.
    expect((await put({ bankAccount: '86011117947' })).body).toEqual({ account: '•••• •• 17947', changed: false });
    expect(await events()).toHaveLength(1);

    const association = await page(`${norway.baseUrl}/sag/${id}`, `gf_case=${accessToken}`);
    expect(association).toContain('•••• •• 17947');
    expect(association).toContain('Kommunen har rettet kontonummeret for utbetalingen');
    expect(association).not.toContain('78903');
  });

  it('is in the Norwegian payout file in full, in its own column: the corrected number', async () => {
    const created = await postJson(api(norway, '/payout-runs'), {}, approver.headers);
    expect(created.status).toBe(201);
    const csv = await fetch(api(norway, `/payout-runs/${created.body.id}/export.csv`), { headers: approver.headers }).then((response) => response.text());
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual([...PAYOUT_EXPORT_HEADER_NO]);
    const line = (await norway.db.payout.findUniqueOrThrow({ where: { payoutKey: `payout:${id}` } })).id;
    const row = rows.find((cells) => cells.at(-1) === line);
    expect(row).toEqual([expect.stringMatching(/^GF-\d{4}-\d{5}$/), '100000008', 'Frivilligsentralen i Eksempelby', '12000,00', expect.any(String), '86011117947', expect.stringMatching(/^Tilskudd GF-/), line]);
  });
});

describe('a Danish deployment keeps the NemKonto', () => {
  it('neither asks for nor keeps an account, and has none to correct', async () => {
    const danishRound = (await createOpenRound(denmark.db)).id;
    const response = await postJson(api(denmark, '/applications'), applicationBody(danishRound, { organization: { cvr: '13748136', name: 'Foreningen Fælles Bord', email: 'kasserer@faellesbord.dk', bankAccount: '12345678903' } }));
    expect(response.status).toBe(201);
    const stored = await denmark.db.application.findUniqueOrThrow({ where: { id: response.body.id } });
    expect(stored.payoutAccount).toBeNull();
    expect(JSON.stringify(stored.submission)).not.toContain('12345678903');
    const staff = await signedInStaff(denmark, ['caseworker']);
    const put = await fetch(api(denmark, `/applications/${response.body.id}/payout-account`), { method: 'PUT', headers: { 'content-type': 'application/json', ...staff.headers }, body: JSON.stringify({ bankAccount: '12345678903' }) });
    expect(put.status).toBe(409);
    expect(((await put.json()) as any).error.code).toBe('payout_account_not_collected');
    const document = await getJson(api(denmark, '/openapi.json'));
    expect(document.body.components.schemas.ApplicationInput.properties.organization.properties).not.toHaveProperty('bankAccount');
    await denmark.temporal.workflow.getHandle(grantApplicationWorkflowId(response.body.id)).terminate('test finished').catch(() => undefined);
  });

  it('documents the Norwegian account from the same schema in a Norwegian deployment', async () => {
    const document = await getJson(api(norway, '/openapi.json'));
    const account = document.body.components.schemas.ApplicationInput.properties.organization.properties.bankAccount;
    expect(account.description).toMatch(/kontonummer.*11 digits passing the modulus-11 check/);
    expect(document.body.components.schemas.ApplicationInput.properties.organization.required).toContain('bankAccount');
    expect(document.body.paths['/applications/{id}/payout-account'].put.requestBody.content['application/json'].schema).toBeDefined();
  });
});
