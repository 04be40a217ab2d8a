import crypto from 'node:crypto';
import { csrfToken } from '../../services/api/http/csrf';
import { can, STAFF_ACTIONS, type StaffAction } from '../../domain/staff-policy';
import { STAFF_ROLES, type StaffRole } from '../../lib/staff-roles';
import { createOpenRound, insertApplication } from '../support/fixtures';
import { submitCase, waitForStatus, type SubmittedCase } from '../support/process';
import { startTestStack, type TestStack } from '../support/stack';
import { signedInStaff } from '../support/staff';
import { SECTION_18_SCHEME_ID } from '../support/schemes';

// One role policy for pages and API: for every action with both a page and an API route, each
// role gets the same answer from both, and the answer the policy gives. A page form is posted as
// the browser would (session cookie, CSRF token); its API twin with a bearer token. Bodies are
// incomplete or name a status the case is not in, so an allowed caller is told about its input
// or the case's state (4xx other than 401/403), and nothing is decided.

type Call = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; body?: Record<string, unknown> };
interface Pair {
  action: StaffAction;
  api: Call;
  page: Call;
}

/** A page form, posted in the status the case is not in: an allowed caller is told it moved on. */
const STALE = { expectedStatus: 'CLOSED' };

const PAIRS: Pair[] = [
  { action: 'case.read', api: { method: 'GET', path: '/api/v1/queue' }, page: { method: 'GET', path: '/personale/sager' } },
  { action: 'case.claim', api: { method: 'POST', path: '/api/v1/applications/:case/assignment', body: { assignee: 'not an email' } }, page: { method: 'POST', path: '/personale/sager/:case/tag', body: STALE } },
  { action: 'case.release', api: { method: 'DELETE', path: '/api/v1/applications/:case/assignment' }, page: { method: 'POST', path: '/personale/sager/:case/frigiv', body: STALE } },
  { action: 'case.requestInformation', api: { method: 'POST', path: '/api/v1/applications/:case/information-requests' }, page: { method: 'POST', path: '/personale/sager/:case/oplysninger' } },
  { action: 'case.consult', api: { method: 'POST', path: '/api/v1/applications/:case/consultations', body: { facts: [] } }, page: { method: 'POST', path: '/personale/sager/:case/partshoering' } },
  { action: 'case.decide', api: { method: 'POST', path: '/api/v1/applications/:case/decision' }, page: { method: 'POST', path: '/personale/sager/:case/afgoerelse' } },
  { action: 'case.decide', api: { method: 'POST', path: '/api/v1/applications/:case/decision' }, page: { method: 'POST', path: '/personale/sager/:case/brev-udkast' } },
  { action: 'case.approve', api: { method: 'POST', path: '/api/v1/applications/:case/approval' }, page: { method: 'POST', path: '/personale/godkendelser/:case' } },
  { action: 'case.correctPayoutAccount', api: { method: 'PUT', path: '/api/v1/applications/:case/payout-account', body: { bankAccount: 'x' } }, page: { method: 'POST', path: '/personale/sager/:case/kontonummer', body: { bankAccount: 'x' } } },
  { action: 'case.revokeLinks', api: { method: 'POST', path: '/api/v1/applications/:spare/private-links/revocation' }, page: { method: 'POST', path: '/personale/sager/:spare/luk-links' } },
  { action: 'reconsideration.answer', api: { method: 'POST', path: '/api/v1/applications/:case/reconsideration/answer', body: { answer: 'nonsense' } }, page: { method: 'POST', path: '/personale/sager/:case/genovervejelse' } },
  { action: 'reconsideration.answer', api: { method: 'POST', path: '/api/v1/applications/:case/reconsideration/board-decision', body: { boardOutcome: 'nonsense' } }, page: { method: 'POST', path: '/personale/sager/:case/klagenaevn' } },
  { action: 'grantChange.decide', api: { method: 'POST', path: '/api/v1/applications/:case/grant-changes/decision', body: { approve: 'nonsense' } }, page: { method: 'POST', path: '/personale/sager/:case/aendring' } },
  { action: 'report.review', api: { method: 'POST', path: '/api/v1/reports/:case/review' }, page: { method: 'POST', path: '/personale/opfoelgning/:case' } },
  { action: 'repayment.decide', api: { method: 'POST', path: '/api/v1/applications/:case/repayment/decision', body: { outcome: 'nonsense' } }, page: { method: 'POST', path: '/personale/sager/:case/tilbagebetaling' } },
  { action: 'repayment.registerPaid', api: { method: 'POST', path: '/api/v1/applications/:case/repayment/payment', body: { paidOn: 'nonsense' } }, page: { method: 'POST', path: '/personale/sager/:case/indbetaling' } },
  { action: 'allocation.read', api: { method: 'GET', path: '/api/v1/rounds/:round/allocation' }, page: { method: 'GET', path: '/personale/godkendelser/puljer/:round' } },
  { action: 'allocation.confirm', api: { method: 'POST', path: '/api/v1/rounds/:round/allocation' }, page: { method: 'POST', path: '/personale/godkendelser/puljer/:round', body: { action: 'confirm' } } },
  { action: 'allocation.approve', api: { method: 'POST', path: '/api/v1/rounds/:round/allocation/approval' }, page: { method: 'POST', path: '/personale/godkendelser/puljer/:round', body: { action: 'approve' } } },
  { action: 'payoutRun.read', api: { method: 'GET', path: '/api/v1/payout-runs' }, page: { method: 'GET', path: '/personale/udbetalinger' } },
  { action: 'payoutRun.create', api: { method: 'POST', path: '/api/v1/payout-runs' }, page: { method: 'POST', path: '/personale/udbetalinger' } },
  { action: 'payoutRun.confirm', api: { method: 'POST', path: '/api/v1/payout-runs/:run/confirmation' }, page: { method: 'POST', path: '/personale/udbetalinger/:run/bekraeftelse' } },
  { action: 'round.manage', api: { method: 'POST', path: '/api/v1/rounds' }, page: { method: 'POST', path: '/personale/admin/puljer/ny' } },
  { action: 'round.manage', api: { method: 'PATCH', path: '/api/v1/rounds/:round', body: { budget: -1 } }, page: { method: 'POST', path: '/personale/admin/puljer/:round' } },
  { action: 'scheme.manage', api: { method: 'POST', path: '/api/v1/admin/schemes' }, page: { method: 'POST', path: '/personale/admin/ordninger/ny' } },
  { action: 'scheme.manage', api: { method: 'PATCH', path: '/api/v1/admin/schemes/:scheme', body: { slug: 'Ikke et kortnavn' } }, page: { method: 'POST', path: '/personale/admin/ordninger/:scheme' } },
  { action: 'staff.manage', api: { method: 'POST', path: '/api/v1/admin/staff' }, page: { method: 'POST', path: '/personale/admin/medarbejdere' } },
  { action: 'ties.declare', api: { method: 'POST', path: '/api/v1/staff/ties', body: { cvr: 'x' } }, page: { method: 'POST', path: '/personale/profil/tilknytninger', body: { cvr: 'x' } } },
  { action: 'accessLog.read', api: { method: 'GET', path: '/api/v1/admin/access-log' }, page: { method: 'GET', path: '/personale/admin/adgangslog' } },
  { action: 'outbox.resolve', api: { method: 'POST', path: '/api/v1/admin/outbox/:outbox/resolution', body: { resolution: 'sent' } }, page: { method: 'POST', path: '/personale/admin/udbakke/:outbox', body: { resolution: 'sent' } } },
  { action: 'stats.read', api: { method: 'GET', path: '/api/v1/stats/summary' }, page: { method: 'GET', path: '/statistik' } },
];

/** Actions with a page or an API route but not both (the authorization matrix covers them). */
const ONE_SIDED: Partial<Record<StaffAction, string>> = {
  'case.actForApplicant': 'API: staff enter what the association sent through its own routes',
  'case.note': 'page only',
  'case.judgeScreening': 'page only',
  'story.review': 'page only',
  'report.read': 'page only: the reports waiting for review',
  'admin.overview': 'page only: the administration start page',
  'auditLog.read': 'page only',
  'round.read': 'API only',
  'codec.use': 'API only: the Temporal Web UI',
  'draft.prepare': 'page only: the volunteer centre prepares drafts in the browser (the drafts API takes the draft’s own token)',
};

describe('one role policy for pages and API', () => {
  let stack: TestStack;
  let submitted: SubmittedCase;
  /** A case of its own for claiming and releasing. */
  let claimable: SubmittedCase;
  const ids: Record<string, string> = {};
  const tokens = {} as Record<StaffRole, string>;

  beforeAll(async () => {
    stack = await startTestStack();
    const round = await createOpenRound(stack.db);
    [submitted, claimable] = await Promise.all([submitCase(stack, round.id), submitCase(stack, round.id)]);
    await Promise.all([waitForStatus(submitted.handle, 'IN_QUEUE'), waitForStatus(claimable.handle, 'IN_QUEUE')]);
    ids.case = submitted.id;
    ids.round = round.id;
    ids.spare = (await insertApplication(stack.db, round.id)).id;
    ids.run = (await stack.db.payoutRun.create({ data: { createdBy: 'policy@eksempel.dk', csv: '\ufeffx', totalOre: 0n } })).id;
    ids.scheme = SECTION_18_SCHEME_ID;
    // No such email: an allowed caller is told so (404), nothing is resolved.
    ids.outbox = crypto.randomUUID();
    for (const role of STAFF_ROLES) tokens[role] = (await signedInStaff(stack, [role])).token;
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const concrete = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? `(no :${name})`);

  /** Refused (401/403), or let through to the input and the case's state; a 5xx is an error either way. */
  async function verdict(call: Call, role: StaffRole, asPage: boolean): Promise<'allowed' | 'refused' | number> {
    const headers: Record<string, string> = { origin: stack.baseUrl };
    let body: string | undefined;
    if (asPage) {
      headers.cookie = `gf_staff=${tokens[role]}`;
      if (call.method !== 'GET') {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams({ ...Object.fromEntries(Object.entries(call.body ?? {}).map(([k, v]) => [k, String(v)])), _csrf: csrfToken(stack.config.COOKIE_SECRET, tokens[role]) }).toString();
      }
    } else {
      headers.authorization = `Bearer ${tokens[role]}`;
      if (call.method !== 'GET') {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(call.body ?? {});
      }
    }
    const response = await fetch(`${stack.baseUrl}${concrete(call.path)}`, { method: call.method, headers, body, redirect: 'manual' });
    await response.arrayBuffer();
    if (response.status >= 500) return response.status;
    if (response.status >= 300 && response.status < 400 && response.headers.get('location')?.startsWith('/personale/log-ind')) return 'refused';
    return response.status === 401 || response.status === 403 ? 'refused' : 'allowed';
  }

  it('pairs every action that has both a page and an API route', () => {
    const paired = new Set(PAIRS.map((pair) => pair.action));
    const undecided = STAFF_ACTIONS.filter((action) => !paired.has(action) && !ONE_SIDED[action]);
    expect(undecided).toEqual([]);
    expect(STAFF_ACTIONS.filter((action) => paired.has(action) && ONE_SIDED[action])).toEqual([]);
  });

  it('gives each role the same answer on the page as in the API, and the one the policy gives', async () => {
    const wrong: string[] = [];
    for (const pair of PAIRS) {
      for (const role of STAFF_ROLES) {
        const expected = can([role], pair.action) ? 'allowed' : 'refused';
        const api = await verdict(pair.api, role, false);
        const page = await verdict(pair.page, role, true);
        if (api !== expected || page !== expected) {
          wrong.push(`${pair.action} as ${role}: policy ${expected}, API ${pair.api.method} ${pair.api.path} ${api}, page ${pair.page.method} ${pair.page.path} ${page}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('shows a form on the case page only to those the policy allows its action', async () => {
    const formsFor = async (role: StaffRole) => {
      const claim = await fetch(`${stack.baseUrl}/api/v1/applications/${claimable.id}/assignment`, { method: 'POST', headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json' }, body: '{}' });
      expect(claim.status).toBe(200);
      const page = await (await fetch(`${stack.baseUrl}/personale/sager/${claimable.id}`, { headers: { cookie: `gf_staff=${tokens[role]}` } })).text();
      const release = await fetch(`${stack.baseUrl}/api/v1/applications/${claimable.id}/assignment`, { method: 'DELETE', headers: { authorization: `Bearer ${tokens[role]}` } });
      expect(release.status).toBe(200);
      return [...page.matchAll(/<form method="post" action="\/personale\/sager\/[\w-]+\/([\w-]+)"/g)].map((match) => match[1]).sort();
    };
    const caseworkerForms = await formsFor('caseworker');
    const approverForms = await formsFor('approver');
    // Claimed by the one looking: the caseworker may ask, consult and decide; the approver may not.
    for (const form of ['oplysninger', 'partshoering', 'afgoerelse']) {
      expect(caseworkerForms).toContain(form);
      expect(approverForms).not.toContain(form);
    }
    for (const form of ['frigiv', 'luk-links', 'noter']) {
      expect(caseworkerForms).toContain(form);
      expect(approverForms).toContain(form);
    }
  });
});
