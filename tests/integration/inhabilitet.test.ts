import { csrfToken } from '../../services/api/http/csrf';
import { approvalUpdate, claimUpdate } from '../../workflows/messages';
import { createOpenRound, getJson, postJson } from '../support/fixtures';
import { submitCase, updateRejection, waitForStatus, type SubmittedCase } from '../support/process';
import { signedInStaff } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// Inhabilitet (forvaltningsloven § 3): a staff member who declared a tie to an association cannot
// claim, decide or approve its cases — not through the API, not on the pages, and not in the
// workflow's own validators; declaring and withdrawing are audited, and withdrawing lifts the bar.

const CVR = '13748136'; // the association of applicationBody
let stack: TestStack;
const api = (p: string) => `${stack.baseUrl}/api/v1${p}`;
type Staff = Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

/** A page form posted as the browser would: session cookie and CSRF token. */
async function postPage(staff: Staff, path: string, fields: Record<string, string> = {}): Promise<{ status: number; text: string; location: string | null }> {
  const response = await fetch(`${stack.baseUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: `gf_staff=${staff.token}`, origin: stack.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, _csrf: csrfToken(stack.config.COOKIE_SECRET, staff.token) }).toString(),
  });
  return { status: response.status, text: await response.text(), location: response.headers.get('location') };
}

async function getPage(staff: Staff, path: string): Promise<string> {
  const response = await fetch(`${stack.baseUrl}${path}`, { headers: { cookie: `gf_staff=${staff.token}` } });
  expect(response.status).toBe(200);
  return response.text();
}

async function declare(staff: Staff, kind = 'board_member'): Promise<string> {
  const declared = await postJson(api('/staff/ties'), { cvr: CVR, kind }, staff.headers);
  expect(declared.status).toBe(201);
  return declared.body.id as string;
}

async function withdraw(staff: Staff, tieId: string): Promise<void> {
  const response = await fetch(api(`/staff/ties/${tieId}`), { method: 'DELETE', headers: staff.headers });
  expect(response.status).toBe(200);
}

const decision = { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: ['budget_share'], text: '' }, conditions: [] };

describe('declared ties to an association', () => {
  let karin: Staff;
  let anders: Staff;
  let submitted: SubmittedCase;

  beforeAll(async () => {
    karin = await signedInStaff(stack, ['caseworker'], 'Karin Sagsbehandler');
    anders = await signedInStaff(stack, ['approver'], 'Anders Godkender');
    const round = await createOpenRound(stack.db, { maxAmount: 100_000, fourEyesThreshold: 10_000 });
    submitted = await submitCase(stack, round.id, { amountRequested: 12_000 });
    await waitForStatus(submitted.handle, 'IN_QUEUE');
  });

  it('a caseworker on the association’s board cannot take its case (API, page, workflow), until she withdraws', async () => {
    const bad = await postJson(api('/staff/ties'), { cvr: '12345678', kind: 'board_member' }, karin.headers);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['cvr']);
    const noNote = await postJson(api('/staff/ties'), { cvr: CVR, kind: 'other' }, karin.headers);
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.issues).toEqual([expect.objectContaining({ path: 'note' })]);

    const tieId = await declare(karin);
    expect(await stack.db.staffAuditLog.count({ where: { staffEmail: karin.email, action: 'staff.tie_declare' } })).toBe(1);

    const claimed = await postJson(api(`/applications/${submitted.id}/assignment`), {}, { ...karin.headers, 'accept-language': 'en' });
    expect(claimed.status).toBe(409);
    expect(claimed.body.error).toMatchObject({ code: 'conflict_of_interest' });
    expect(claimed.body.error.message).toContain('disqualified');
    // A colleague cannot hand it to her either.
    const colleague = await signedInStaff(stack, ['caseworker']);
    expect((await postJson(api(`/applications/${submitted.id}/assignment`), { assignee: karin.email }, colleague.headers)).status).toBe(409);

    const page = await postPage(karin, `/personale/sager/${submitted.id}/tag`, { expectedStatus: 'IN_QUEUE' });
    expect(page.status).toBe(409);
    expect(page.text).toContain('forvaltningslovens § 3');

    // The queue shows why instead of the claim button; the case page shows a notice instead of the forms.
    const queue = await getPage(karin, '/personale/sager');
    expect(queue).not.toContain(`/personale/sager/${submitted.id}/tag`);
    expect(queue).toContain('Inhabil');
    expect(await getPage(karin, `/personale/sager/${submitted.id}`)).toContain('Du er inhabil i denne sag');

    // The workflow's validator refuses it as well, should a caller skip the API's check.
    const direct = await updateRejection(submitted.handle.executeUpdate(claimUpdate, { args: [{ caseworker: karin.email, declaredCvrs: [CVR] }] }));
    expect(direct).toMatchObject({ type: 'ConflictOfInterest' });
    expect((await waitForStatus(submitted.handle, 'IN_QUEUE')).assignee).toBeNull();

    await withdraw(karin, tieId);
    expect(await stack.db.staffAuditLog.count({ where: { staffEmail: karin.email, action: 'staff.tie_withdraw' } })).toBe(1);
    expect((await fetch(api(`/staff/ties/${tieId}`), { method: 'DELETE', headers: karin.headers })).status).toBe(404);
    const again = await postJson(api(`/applications/${submitted.id}/assignment`), {}, karin.headers);
    expect(again.status).toBe(200);
    expect(again.body.assignee).toBe(karin.email);
  });

  it('a tie declared after she took the case bars her decision; an approver with a tie cannot sign', async () => {
    // Declared on her profile page this time.
    const declared = await postPage(karin, '/personale/profil/tilknytninger', { cvr: CVR, kind: 'board_member' });
    expect(declared.status).toBe(303);
    expect(await getPage(karin, '/personale/profil')).toContain(CVR);
    const mine = await getJson(api('/staff/ties'), karin.headers);
    const standing = mine.body.ties.find((tie: { withdrawnAt: string | null }) => tie.withdrawnAt === null);
    expect(standing).toMatchObject({ cvr: CVR, kind: 'board_member' });

    const decided = await postJson(api(`/applications/${submitted.id}/decision`), decision, karin.headers);
    expect(decided.status).toBe(409);
    expect(decided.body.error.code).toBe('conflict_of_interest');
    const page = await postPage(karin, `/personale/sager/${submitted.id}/afgoerelse`, { expectedStatus: 'IN_REVIEW', outcome: 'approved', amountGranted: '12000', criteria: 'budget_share', reasonText: '' });
    expect(page.status).toBe(409);
    expect((await waitForStatus(submitted.handle, 'IN_REVIEW')).proposal).toBeNull();

    const withdrawn = await postPage(karin, `/personale/profil/tilknytninger/${standing.id as string}/tilbagetraek`);
    expect(withdrawn.status).toBe(303);
    expect((await postJson(api(`/applications/${submitted.id}/decision`), decision, karin.headers)).status).toBe(200);
    await waitForStatus(submitted.handle, 'AWAITING_APPROVAL');

    const andersTie = await declare(anders, 'relative');
    const signed = await postJson(api(`/applications/${submitted.id}/approval`), { approve: true }, anders.headers);
    expect(signed.status).toBe(409);
    expect(signed.body.error.code).toBe('conflict_of_interest');
    expect((await postPage(anders, `/personale/godkendelser/${submitted.id}`, { approve: 'true', expectedStatus: 'AWAITING_APPROVAL' })).status).toBe(409);
    const direct = await updateRejection(submitted.handle.executeUpdate(approvalUpdate, { args: [{ approver: anders.email, approve: true, declaredCvrs: [CVR] }] }));
    expect(direct).toMatchObject({ type: 'ConflictOfInterest' });
    expect((await waitForStatus(submitted.handle, 'AWAITING_APPROVAL')).status).toBe('AWAITING_APPROVAL');

    await withdraw(anders, andersTie);
    expect((await postJson(api(`/applications/${submitted.id}/approval`), { approve: true }, anders.headers)).status).toBe(200);

    // Every declaration and withdrawal is audited, and admins see everyone's declarations.
    const audit = await stack.db.staffAuditLog.findMany({ where: { staffEmail: { in: [karin.email, anders.email] }, action: { startsWith: 'staff.tie_' } } });
    expect(audit.map((row) => `${row.staffEmail === karin.email ? 'karin' : 'anders'} ${row.action}`).sort()).toEqual([
      'anders staff.tie_declare', 'anders staff.tie_withdraw', 'karin staff.tie_declare', 'karin staff.tie_declare', 'karin staff.tie_withdraw', 'karin staff.tie_withdraw',
    ]);
    const admin = await signedInStaff(stack, ['admin']);
    const all = await getJson(api('/admin/staff-ties'), admin.headers);
    expect(all.body.ties.filter((tie: { staffUser: { email: string } }) => [karin.email, anders.email].includes(tie.staffUser.email))).toHaveLength(3);
    expect((await getJson(api('/admin/staff-ties'), karin.headers)).status).toBe(403);
  });
});
