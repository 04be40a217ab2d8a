import crypto from 'node:crypto';
import { csrfToken } from '../../services/api/http/csrf';
import { applicationBody, createOpenRound, postJson } from '../support/fixtures';
import { mailPart, mailsFor, subjectOf } from '../support/process';
import { signedInStaff } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';
import { grantApplicationWorkflowId } from '../../domain/workflow-ids';

// A staff member of the local volunteer centre drafts an application on an association's behalf:
// the draft says who prepared it for whom, the helper cannot submit it (by the page or the API),
// the helper sends the association its private link, and the association reviews and submits it
// itself; the case and its timeline say it was prepared, and when the link was sent.

let stack: TestStack;
let helper: Awaited<ReturnType<typeof signedInStaff>>;
let caseworker: Awaited<ReturnType<typeof signedInStaff>>;
let roundId: string;
const ASSOCIATION = { name: 'Foreningen Fælles Bord', email: `kasserer+${crypto.randomUUID().slice(0, 8)}@faellesbord.dk` };
const workflowIds: string[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  helper = await signedInStaff(stack, ['volunteerCentre'], 'Hanne Hjælper');
  await stack.db.staffUser.update({ where: { email: helper.email }, data: { title: 'Frivilligkonsulent, Frivilligcenter Eksempelby' } });
  caseworker = await signedInStaff(stack, ['caseworker'], 'Sanne Sagsbehandler');
  roundId = (await createOpenRound(stack.db)).id;
});

afterAll(async () => {
  for (const id of workflowIds) await stack.temporal.workflow.getHandle(id).terminate('test finished').catch(() => undefined);
  await stack?.stop();
});

const spaced = (text: string) => text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');
const PREPARED_BY = 'Hanne Hjælper, Frivilligkonsulent, Frivilligcenter Eksempelby';

/** A staff page form, posted with the session cookie and its CSRF token. */
function staffForm(path: string, fields: Record<string, string>, account = helper) {
  const body = new URLSearchParams({ _csrf: csrfToken(stack.config.COOKIE_SECRET, account.token), ...fields });
  return fetch(`${stack.baseUrl}${path}`, { method: 'POST', redirect: 'manual', body, headers: { cookie: `gf_staff=${account.token}`, origin: stack.baseUrl, 'content-type': 'application/x-www-form-urlencoded' } });
}

/** A draft page, opened with a draft token in its cookie (the helper's or the association's). */
function draftPage(path: string, token: string, fields?: Record<string, string>) {
  const init: RequestInit = { redirect: 'manual', headers: { cookie: `gf_kladde=${token}`, origin: stack.baseUrl } };
  if (fields) {
    init.method = 'POST';
    init.body = new URLSearchParams({ _csrf: csrfToken(stack.config.COOKIE_SECRET, token), ...fields });
    (init.headers as Record<string, string>)['content-type'] = 'application/x-www-form-urlencoded';
  }
  return fetch(`${stack.baseUrl}${path}`, init);
}

describe('a draft prepared by the volunteer centre', () => {
  let draftId: string;
  let helperToken: string;
  let associationToken: string;

  it('is only for the volunteer centre’s staff, and bad input stores nothing', async () => {
    expect((await fetch(`${stack.baseUrl}/personale/kladder`, { headers: { cookie: `gf_staff=${caseworker.token}` } })).status).toBe(403);
    const page = spaced(await (await fetch(`${stack.baseUrl}/personale/kladder`, { headers: { cookie: `gf_staff=${helper.token}` } })).text());
    expect(page).toContain('Ansøgninger for foreninger');
    // Prepared drafts only: other suites start drafts in the shared database meanwhile.
    const prepared = () => stack.db.applicationDraft.count({ where: { preparedBy: { not: null } } });
    const before = await prepared();
    const bad = await staffForm('/personale/kladder', { roundId, associationName: ASSOCIATION.name, associationEmail: 'ikke en adresse' });
    expect(bad.status).toBe(400);
    expect(spaced(await bad.text())).toMatch(/Foreningens e-mail/);
    const noRound = await staffForm('/personale/kladder', { roundId: crypto.randomUUID(), associationName: ASSOCIATION.name, associationEmail: ASSOCIATION.email });
    expect(noRound.status).toBe(400);
    expect(spaced(await noRound.text())).toContain('Puljen tager ikke imod ansøgninger nu. Vælg en åben pulje.');
    expect(await prepared()).toBe(before);
  });

  it('is started by the helper, marked with who prepared it for whom, and opens in the helper’s browser', async () => {
    const created = await staffForm('/personale/kladder', { roundId, associationName: ASSOCIATION.name, associationEmail: ASSOCIATION.email });
    expect(created.status).toBe(303);
    draftId = /\/kladde\/([0-9a-f-]{36})\//.exec(created.headers.get('location') ?? '')![1]!;
    helperToken = /gf_kladde=([^;]+)/.exec(created.headers.get('set-cookie') ?? '')![1]!;
    const draft = await stack.db.applicationDraft.findUniqueOrThrow({ where: { id: draftId } });
    expect(draft).toMatchObject({ preparedBy: PREPARED_BY, preparedFor: ASSOCIATION.name, sharedWithEmail: ASSOCIATION.email, sharedAt: null });
    expect(await stack.db.staffAuditLog.count({ where: { action: 'draft.prepare', staffEmail: helper.email } })).toBe(1);

    const step = spaced(await (await draftPage(`/kladde/${draftId}/trin/forening`, helperToken)).text());
    expect(step).toContain(`Du forbereder udkastet for ${ASSOCIATION.name}.`);
    // The answers a helper types, as the form stores them.
    const { roundId: _, ...answers } = applicationBody(roundId, { organization: { cvr: '13748136', name: ASSOCIATION.name, email: ASSOCIATION.email }, contact: { name: 'Inge Hansen', email: ASSOCIATION.email } });
    await stack.db.applicationDraft.update({ where: { id: draftId }, data: { data: { answers } } });
  });

  it('cannot be submitted by the helper, by the page or the API: nothing is sent', async () => {
    const before = await stack.db.application.count();
    const api = await postJson(`${stack.baseUrl}/api/v1/drafts/${draftId}/submission`, {}, { authorization: `Bearer ${helperToken}` });
    expect(api.status).toBe(403);
    expect(api.body.error).toMatchObject({ code: 'helper_cannot_submit', message: expect.stringMatching(/^Kun foreningen selv kan sende ansøgningen\./) });
    const page = await draftPage(`/kladde/${draftId}/send`, helperToken, {});
    expect(page.status).toBe(403);
    expect(spaced(await page.text())).toContain('Kun foreningen selv kan sende ansøgningen.');
    expect(await stack.db.application.count()).toBe(before);
    expect((await stack.db.applicationDraft.findUniqueOrThrow({ where: { id: draftId } })).submittedAt).toBeNull();
    // The summary offers the helper to send the association the link, not to send the application.
    const summary = spaced(await (await draftPage(`/kladde/${draftId}/opsummering`, helperToken)).text());
    expect(summary).toContain('Send linket til foreningen');
    expect(summary).not.toContain('Send ansøgningen</button>');
  });

  it('is sent to the association’s address by the helper, and the association reviews and submits it itself', async () => {
    const shared = await draftPage(`/kladde/${draftId}/del`, helperToken, {});
    expect(shared.status).toBe(303);
    expect((await stack.db.applicationDraft.findUniqueOrThrow({ where: { id: draftId } })).sharedAt).not.toBeNull();
    const [mail] = await mailsFor(ASSOCIATION.email, 1);
    expect(subjectOf(mail!)).toBe('Et udkast til jeres ansøgning til Testpulje §18 er klar');
    const text = spaced(mailPart(mail!, 'text/plain'));
    expect(text).toContain(`${PREPARED_BY} fra frivilligcentret har forberedt et udkast til en ansøgning til »Testpulje §18« for ${ASSOCIATION.name}.`);
    associationToken = /\/kladde\/[0-9a-f-]{36}\?adgang=([A-Za-z0-9_-]+)/.exec(text)![1]!;

    const summary = spaced(await (await draftPage(`/kladde/${draftId}/opsummering`, associationToken)).text());
    expect(summary).toContain(`Udkastet er forberedt af ${PREPARED_BY} for ${ASSOCIATION.name}.`);
    expect(summary).toContain('Send ansøgningen');
    // The association's token does not send links on the helper's behalf.
    expect((await draftPage(`/kladde/${draftId}/del`, associationToken, {})).status).toBe(403);

    const submitted = await postJson(`${stack.baseUrl}/api/v1/drafts/${draftId}/submission`, {}, { authorization: `Bearer ${associationToken}` });
    expect(submitted.status).toBe(201);
    const { id, accessToken } = submitted.body;
    workflowIds.push(grantApplicationWorkflowId(id));
    expect((await stack.db.application.findUniqueOrThrow({ where: { id } })).preparedBy).toBe(PREPARED_BY);
    const events = await stack.db.caseEvent.findMany({ where: { applicationId: id }, orderBy: { occurredAt: 'asc' } });
    expect(events.slice(0, 3).map((event) => [event.type, event.actor])).toEqual([
      ['prepared_for_association', PREPARED_BY],
      ['draft_shared', PREPARED_BY],
      ['submitted', 'applicant'],
    ]);
    expect(events[1]!.details).toMatchObject({ sentTo: ASSOCIATION.email });

    const staffPage = spaced(await (await fetch(`${stack.baseUrl}/personale/sager/${id}`, { headers: { cookie: `gf_staff=${caseworker.token}` } })).text());
    expect(staffPage).toContain(`Forberedt af</dt><dd>${PREPARED_BY} for ${ASSOCIATION.name}`);
    expect(staffPage).toContain('Link til udkastet sendt til foreningen');
    const casePage = spaced(await (await fetch(`${stack.baseUrl}/sag/${id}`, { headers: { cookie: `gf_case=${accessToken}` } })).text());
    expect(casePage).toContain(`Ansøgningen er forberedt af ${PREPARED_BY} for ${ASSOCIATION.name}.`);
    const list = spaced(await (await fetch(`${stack.baseUrl}/personale/kladder`, { headers: { cookie: `gf_staff=${helper.token}` } })).text());
    expect(list).toContain('Sendt af foreningen');
    // The helper cannot reopen a submitted draft, nor anyone else's.
    expect((await fetch(`${stack.baseUrl}/personale/kladder/${draftId}/aabn`, { redirect: 'manual', headers: { cookie: `gf_staff=${helper.token}` } })).status).toBe(404);
  });
});
