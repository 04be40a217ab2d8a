import crypto from 'node:crypto';
import { upsertStaffUser, type StaffRole } from '../../lib/staff-auth';
import { csrfToken } from '../../services/api/http/csrf';
import { newLinkCsrfBinding } from '../../services/api/private-links/new-link';
import { draftNewLinkCsrfBinding } from '../../services/api/drafts/new-link';
import { createOpenRound, insertApplication, postJson } from '../support/fixtures';
import { submitCase, waitForStatus, type SubmittedCase } from '../support/process';
import { routesOfStack, type AppRoute } from '../support/routes';
import { startTestStack, testConfig, type TestStack } from '../support/stack';
import { memberOidcRedirectUri, memberOidcTestEnvironment, oidcRedirectUris, oidcTestEnvironment, startTestProvider, type TestProvider } from '../support/oidc-provider';
import { SECTION_18_SCHEME_ID } from '../support/schemes';
import { randomCvr } from '../support/organisation';
import { generateAccessToken, sha256Hex } from '../../lib/tokens';

// Every route and method of the app × every kind of caller, each cell asserted. The table below
// is the written policy; the app's router stacks are the truth about which routes exist, and a
// route the table does not name fails the test, so no route can be added without deciding who
// may call it.

const PRINCIPALS = ['anonymous', 'applicant', 'otherApplicant', 'caseworker', 'approver', 'admin', 'politician', 'member', 'otherMember'] as const;
type Principal = (typeof PRINCIPALS)[number];

/**
 * ok: the caller got past authorization (2xx, 3xx other than to sign-in, or a 4xx about the input
 * or the case's state); signin: a staff page (or an organisation's page) sent the browser to sign
 * in; a number: that refusal.
 */
type Outcome = 'ok' | 'signin' | 401 | 403 | 404;
type Row = readonly [anonymous: Outcome, applicant: Outcome, otherApplicant: Outcome, caseworker: Outcome, approver: Outcome, admin: Outcome, politician: Outcome, member: Outcome, otherMember: Outcome];

interface Expectation {
  row: Row;
  /** JSON (API) or form fields (pages) to send with a state-changing request. */
  body?: Record<string, unknown>;
  /** Statuses an allowed caller may get because of the case's state, not its rights (e.g. no report yet). */
  stateAnswers?: number[];
  /** The request ends the caller's session: use a session of its own. */
  endsSession?: boolean;
}

// ── Policies ────────────────────────────────────────────────────────────────────────────────
// Applicants are "applicant" with the private token of the resource in the path (an application's
// access token, or a draft's token) and "otherApplicant" with another one's. Admin holds every role.
// "member" is signed in (organisation session cookie) as a member of the association the case and
// draft belong to; "otherMember" as a member of another association. Members use the pages only:
// the JSON API knows private tokens and staff, so both are anonymous there.
const PUBLIC: Row = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'];
const ANY_STAFF: Row = [401, 401, 401, 'ok', 'ok', 'ok', 'ok', 401, 401];
const CASEWORK: Row = [401, 401, 401, 'ok', 'ok', 'ok', 403, 401, 401];
const CASEWORKER: Row = [401, 401, 401, 'ok', 403, 'ok', 403, 401, 401];
const APPROVER: Row = [401, 401, 401, 403, 'ok', 'ok', 403, 401, 401];
const ADMIN: Row = [401, 401, 401, 403, 403, 'ok', 403, 401, 401];
/** The association with its token, or casework staff; never a politician (aggregates only). */
const CASE_PARTIES: Row = [401, 'ok', 403, 'ok', 'ok', 'ok', 403, 401, 401];
/** A draft opens with its own token only; a staff token is just a wrong token there. */
const DRAFT_OWNER: Row = [401, 'ok', 403, 403, 403, 403, 403, 401, 401];
/** The association's case pages open with the private link (cookie); staff use their own pages. */
const CASE_PAGE: Row = [403, 'ok', 403, 403, 403, 403, 403, 'ok', 403];
/** A draft's pages open with its private link (cookie); without one there is nothing to open. */
const DRAFT_PAGE: Row = [401, 'ok', 403, 401, 401, 401, 401, 'ok', 403];
/**
 * A grant's acceptance is signed only with the acceptance link emailed to the signatory (a principal
 * this table has not: tests/integration/grant-acceptance.test.ts signs with it); the case's own link
 * and staff sessions are refused.
 */
const ACCEPTANCE_LINK: Row = [401, 403, 403, 403, 403, 403, 403, 401, 401];
const ACCEPTANCE_PAGE: Row = [403, 403, 403, 403, 403, 403, 403, 403, 403];
/**
 * A sponsor's confirmation opens only with the link emailed to the sponsoring association (a
 * principal this table has not: tests/integration/informal-groups.test.ts confirms with it); the
 * case's own link and staff sessions are refused.
 */
const SPONSOR_PAGE: Row = [403, 403, 403, 403, 403, 403, 403, 403, 403];
const STAFF_PAGE: Row = ['signin', 'signin', 'signin', 'ok', 'ok', 'ok', 'ok', 'signin', 'signin'];
const CASEWORK_PAGE: Row = ['signin', 'signin', 'signin', 'ok', 'ok', 'ok', 403, 'signin', 'signin'];
const APPROVER_PAGE: Row = ['signin', 'signin', 'signin', 403, 'ok', 'ok', 403, 'signin', 'signin'];
const ADMIN_PAGE: Row = ['signin', 'signin', 'signin', 403, 403, 'ok', 403, 'signin', 'signin'];
// A staff form posted without a session is refused outright (401): there is nothing to come back to.
/** A draft's receipt shows its private link: only the draft's own token opens it, never a member's session. */
const DRAFT_RECEIPT: Row = [401, 'ok', 403, 401, 401, 401, 401, 401, 401];
/** An organisation's own pages: a member of it (each member sees their own organisation), else to sign in. */
const MEMBER_PAGE: Row = ['signin', 'signin', 'signin', 'signin', 'signin', 'signin', 'signin', 'ok', 'ok'];
/** A document the organisation keeps: its members only; a member of another organisation finds nothing. */
const MEMBER_DOCUMENT: Row = ['signin', 'signin', 'signin', 'signin', 'signin', 'signin', 'signin', 'ok', 404];

/** Routes that share a policy and need nothing else. */
function withRow(row: Row, routes: string[]): Record<string, Expectation> {
  return Object.fromEntries(routes.map((route) => [route, { row }]));
}

const TABLE: Record<string, Expectation> = {
  ...withRow(PUBLIC, ['GET /healthz', 'GET /metrics', 'GET /api/v1/openapi.json', 'POST /api/v1/auth/login']),
  'POST /api/v1/auth/logout': { row: ANY_STAFF, endsSession: true },
  'GET /api/v1/auth/me': { row: ANY_STAFF },
  ...withRow(PUBLIC, ['GET /api/v1/rounds', 'POST /api/v1/applications']),
  'GET /api/v1/applications/:id': { row: CASE_PARTIES },
  // Mails the case's registered contact only, whoever asks; revoking is casework (on a case of its own, see concretePath).
  'POST /api/v1/applications/:id/new-link': { row: PUBLIC },
  'POST /api/v1/applications/:id/private-links/revocation': { row: CASEWORK },
  'POST /api/v1/drafts': { row: PUBLIC },
  ...withRow(DRAFT_OWNER, [
    'GET /api/v1/drafts/:id', 'PATCH /api/v1/drafts/:id', 'POST /api/v1/drafts/:id/resume-link', 'POST /api/v1/drafts/:id/submission',
    'POST /api/v1/drafts/:id/documents', 'DELETE /api/v1/drafts/:id/documents/:documentId',
  ]),
  'GET /api/v1/register/:cvr': { row: PUBLIC },
  // Replaces the draft's token: on a draft of its own (see concretePath), so draft A's token keeps working.
  'POST /api/v1/drafts/:id/new-link': { row: PUBLIC },
  // Invalid bodies: an allowed caller gets 400 and the case stays where it is for the next cell.
  'POST /api/v1/applications/:id/assignment': { row: CASEWORK, body: { assignee: 'not an email' } },
  'DELETE /api/v1/applications/:id/assignment': { row: CASEWORK },
  ...withRow(CASEWORKER, ['POST /api/v1/applications/:id/information-requests', 'POST /api/v1/applications/:id/decision']),
  'POST /api/v1/applications/:id/consultations': { row: CASEWORKER, body: { facts: [] } },
  'POST /api/v1/applications/:id/approval': { row: APPROVER },
  // A Danish case has no account to correct (NemKonto): allowed callers learn that with a 409.
  'PUT /api/v1/applications/:id/payout-account': { row: CASEWORK, body: { bankAccount: '12345678903' }, stateAnswers: [409] },
  // Staff may enter what the association sent on paper or by phone.
  'POST /api/v1/applications/:id/supplements': { row: CASE_PARTIES, body: { text: 5 } },
  'POST /api/v1/applications/:id/consultation-comments': { row: CASE_PARTIES, body: { text: 5 } },
  'POST /api/v1/applications/:id/withdrawal': { row: CASE_PARTIES, body: { reason: 5 } },
  'POST /api/v1/applications/:id/reports': { row: CASE_PARTIES },
  'POST /api/v1/reports/:id/review': { row: CASEWORKER },
  'POST /api/v1/applications/:id/reconsideration': { row: CASE_PARTIES, body: { reasons: 5 } },
  'POST /api/v1/applications/:id/grant-decline': { row: CASE_PARTIES, body: { reasons: 5 } },
  // Case A's grant needs no acceptance: allowed callers learn that with a 404.
  'GET /api/v1/applications/:id/acceptance': { row: CASE_PARTIES, stateAnswers: [404] },
  'POST /api/v1/applications/:id/acceptance': { row: ACCEPTANCE_LINK, body: { signerName: 'Inge Hansen', accept: true } },
  'POST /api/v1/applications/:id/grant-changes': { row: CASE_PARTIES, body: { kind: 'nonsense' } },
  'POST /api/v1/applications/:id/grant-changes/decision': { row: CASEWORKER, body: { approve: 'nonsense' } },
  'POST /api/v1/applications/:id/reconsideration/answer': { row: CASEWORKER, body: { answer: 'nonsense' } },
  'POST /api/v1/applications/:id/reconsideration/board-decision': { row: CASEWORKER, body: { boardOutcome: 'nonsense' } },
  'POST /api/v1/applications/:id/repayment/decision': { row: CASEWORKER, body: { outcome: 'nonsense' } },
  'POST /api/v1/applications/:id/repayment/payment': { row: CASEWORK, body: { paidOn: 'nonsense' } },
  ...withRow(CASE_PARTIES, [
    'GET /api/v1/applications/:id/letter.pdf', 'GET /api/v1/applications/:id/application.pdf', 'POST /api/v1/applications/:id/documents', 'GET /api/v1/applications/:id/documents',
    'GET /api/v1/applications/:id/documents/:documentId',
  ]),
  'GET /api/v1/queue': { row: CASEWORK },
  // A continuous round has no allocation workflow: allowed callers learn that with a 404.
  'GET /api/v1/rounds/:id/allocation': { row: CASEWORK, stateAnswers: [404] },
  'POST /api/v1/rounds/:id/allocation': { row: APPROVER },
  'POST /api/v1/rounds/:id/allocation/approval': { row: APPROVER },
  'GET /api/v1/admin/rounds': { row: ANY_STAFF },
  'POST /api/v1/rounds': { row: ADMIN },
  'GET /api/v1/rounds/:id': { row: ANY_STAFF },
  'PATCH /api/v1/rounds/:id': { row: ADMIN, body: { budget: -1 } },
  // Schemes set the rules every new round starts from: admins only, even to read.
  ...withRow(ADMIN, ['GET /api/v1/admin/schemes', 'POST /api/v1/admin/schemes', 'GET /api/v1/admin/schemes/:id']),
  'PATCH /api/v1/admin/schemes/:id': { row: ADMIN, body: { slug: 'Ikke et kortnavn' } },
  ...withRow(ADMIN, [
    'GET /api/v1/admin/staff', 'POST /api/v1/admin/staff', 'GET /api/v1/admin/staff/:id', 'POST /api/v1/admin/staff/:id/deactivation',
    'DELETE /api/v1/admin/staff/:id/deactivation', 'PUT /api/v1/admin/staff/:id/password', 'PUT /api/v1/admin/staff/:id/profile',
    'GET /api/v1/admin/access-log', 'GET /api/v1/admin/staff-ties', 'GET /api/v1/admin/outbox/uncertain', 'GET /api/v1/admin/outbox/dead',
  ]),
  // An unknown email: an admin is told it is not there.
  'POST /api/v1/admin/outbox/:id/resolution': { row: ADMIN, body: { resolution: 'sent' }, stateAnswers: [404] },
  // Declared ties (inhabilitet): one's own, for casework staff; a bad CVR or an unknown declaration shows they got in.
  'GET /api/v1/staff/ties': { row: CASEWORK },
  'POST /api/v1/staff/ties': { row: CASEWORK, body: { cvr: 'x' } },
  'DELETE /api/v1/staff/ties/:id': { row: CASEWORK, stateAnswers: [404] },
  ...withRow(APPROVER, ['POST /api/v1/payout-runs', 'GET /api/v1/payout-runs', 'GET /api/v1/payout-runs/:id/export.csv', 'POST /api/v1/payout-runs/:id/confirmation']),
  ...withRow(ANY_STAFF, ['GET /api/v1/stats/summary', 'GET /api/v1/stats/council-brief.pdf']),
  ...withRow(PUBLIC, ['GET /api/v1/open-data/grants.json', 'GET /api/v1/open-data/grants.csv']),
  // The Temporal Web UI's codec: decrypted histories hold everything people wrote, so admins only.
  ...withRow(ADMIN, ['POST /codec/encode', 'POST /codec/decode']),
  // Pages
  // /personale leads to sign-in, or to a signed-in person's start page.
  ...withRow(PUBLIC, ['GET /personale', 'GET /personale/log-ind', 'POST /personale/log-ind']),
  // To the provider (303), and back from it: without the pending sign-in's cookie, 400.
  ...withRow(PUBLIC, ['GET /personale/log-ind/oidc', 'GET /personale/log-ind/oidc/retur']),
  // The same for members at the organisations' provider (MitID Erhverv).
  ...withRow(PUBLIC, ['GET /forening/log-ind/oidc', 'GET /forening/log-ind/oidc/retur']),
  'POST /personale/log-ud': { row: ANY_STAFF, endsSession: true },
  ...withRow(PUBLIC, ['GET /', 'GET /ansoeg/:slug', 'POST /ansoeg/:slug', 'GET /ansoeg/:slug/kan-ikke-soege', 'GET /ordliste', 'GET /privatliv', 'GET /tilgaengelighed', 'GET /favicon.ico']),
  // The round catalogue, its calendar files and the alert subscription: anyone. A confirmation or
  // unsubscribe link's token is its only authority; without one the link is "not found".
  ...withRow(PUBLIC, ['GET /puljer', 'GET /puljer.ics', 'GET /puljer/:file', 'GET /puljer/abonnement/sendt']),
  'POST /puljer/abonnement': { row: PUBLIC, body: { email: 'ikke-en-adresse' } },
  'POST /api/v1/round-subscriptions': { row: PUBLIC, body: { email: 'ikke-en-adresse' } },
  ...Object.fromEntries(['GET /puljer/abonnement/bekraeft', 'POST /puljer/abonnement/bekraeft', 'GET /puljer/afmeld', 'POST /puljer/afmeld'].map((route) => [route, { row: PUBLIC, stateAnswers: [404] }])),
  ...withRow(DRAFT_PAGE, [
    'GET /kladde/:id', 'GET /kladde/:id/trin/:step', 'GET /kladde/:id/dokumenter', 'POST /kladde/:id/dokumenter',
    'GET /kladde/:id/opsummering', 'POST /kladde/:id/send', 'GET /kladde/:id/gem', 'POST /kladde/:id/gem',
  ]),
  // The organisation number stays in the member's draft (the step is saved as posted).
  'POST /kladde/:id/trin/:step': { row: DRAFT_PAGE, body: { 'organization.cvr': '13748136' } },
  'GET /kladde/:id/kvittering': { row: DRAFT_RECEIPT },
  // The organisation's pages (README "Organisation access"). Sign-in is anyone's; a link's token is
  // its only authority (without a working one: 410). A member administers their own organisation.
  ...withRow(PUBLIC, ['GET /forening/log-ind', 'GET /forening/log-ind/sendt']),
  'POST /forening/log-ud': { row: PUBLIC, endsSession: true },
  'POST /forening/log-ind': { row: PUBLIC, body: { organisationNumber: '1', email: 'ikke-en-adresse' } },
  ...withRow(PUBLIC, ['GET /forening/log-ind/link', 'POST /forening/log-ind/link']),
  ...withRow(MEMBER_PAGE, ['GET /forening', 'GET /forening/medlemmer']),
  'POST /forening/medlemmer/inviter': { row: MEMBER_PAGE, body: { inviteEmail: 'ikke-en-adresse' } },
  ...withRow(MEMBER_PAGE, ['POST /forening/medlemmer/fjern', 'POST /forening/medlemmer/administrator']),
  ...withRow(MEMBER_PAGE, ['GET /forening/dokumenter', 'POST /forening/dokumenter']),
  'GET /forening/dokumenter/:documentId': { row: MEMBER_DOCUMENT },
  // The profile is the member's own organisation's; a bad form changes nothing.
  ...withRow(MEMBER_PAGE, ['GET /forening/profil', 'POST /forening/profil/hent-fra-registret']),
  'POST /forening/profil': { row: MEMBER_PAGE, body: { postcode: 'ikke-et-postnummer' } },
  ...withRow(CASE_PAGE, ['GET /sag/:id', 'POST /sag/:id/svar', 'POST /sag/:id/bemaerkninger', 'GET /sag/:id/traek-tilbage', 'POST /sag/:id/genovervejelse', 'GET /sag/:id/sig-nej-tak', 'POST /sag/:id/aendring']),
  'POST /sag/:id/traek-tilbage': { row: CASE_PAGE, body: { reason: 'x'.repeat(3000) } },
  'POST /sag/:id/nyt-link': { row: PUBLIC },
  ...withRow(ACCEPTANCE_PAGE, ['GET /tilsagn/:id', 'POST /tilsagn/:id']),
  ...withRow(SPONSOR_PAGE, ['GET /sponsorat/:id', 'POST /sponsorat/:id']),
  // Only the volunteer centre's helper (and admin) prepares drafts for associations; a draft opens
  // for its helper alone (another's, or none, is not found).
  'GET /personale/kladder': { row: ADMIN_PAGE },
  'POST /personale/kladder': { row: ADMIN },
  'GET /personale/kladder/:id/aabn': { row: ['signin', 'signin', 'signin', 403, 403, 404, 403, 'signin', 'signin'] },
  // Sending the association its link takes the helper's token; the association's own token is refused.
  'POST /kladde/:id/del': { row: [401, 403, 403, 401, 401, 401, 401, 403, 403] },
  'POST /kladde/:id/nyt-link': { row: PUBLIC },
  'POST /sag/:id/sig-nej-tak': { row: CASE_PAGE, body: { reasons: '' } },
  ...withRow(CASE_PAGE, ['POST /sag/:id/afrapportering', 'GET /sag/:id/dokumenter/:documentId', 'GET /sag/:id/afgoerelse.pdf', 'GET /sag/:id/ansoegning.pdf']),
  ...withRow(CASEWORK_PAGE, ['GET /personale/sager', 'GET /personale/sager/:id']),
  'POST /personale/sager/:id/kontonummer': { row: CASEWORK, body: { bankAccount: '12345678903' }, stateAnswers: [409] },
  ...withRow(CASEWORK, [
    'POST /personale/sager/:id/tag', 'POST /personale/sager/:id/frigiv', 'POST /personale/sager/:id/vurdering', 'POST /personale/sager/:id/noter',
    'POST /personale/sager/:id/historie', 'POST /personale/sager/:id/indbetaling', 'POST /personale/sager/:id/luk-links',
  ]),
  // A caseworker's forms, refused to an approver as their API twins are (domain/staff-policy.ts).
  ...withRow(CASEWORKER, [
    'POST /personale/sager/:id/oplysninger', 'POST /personale/sager/:id/partshoering', 'POST /personale/sager/:id/afgoerelse', 'POST /personale/sager/:id/brev-udkast',
    'POST /personale/sager/:id/genovervejelse', 'POST /personale/sager/:id/klagenaevn', 'POST /personale/sager/:id/tilbagebetaling', 'POST /personale/sager/:id/aendring',
  ]),
  'GET /personale/godkendelser': { row: APPROVER_PAGE },
  'GET /personale/opfoelgning': { row: CASEWORK_PAGE },
  'POST /personale/opfoelgning/:id': { row: CASEWORKER },
  'GET /personale/godkendelser/puljer/:roundId': { row: CASEWORK_PAGE, stateAnswers: [404] },
  'POST /personale/godkendelser/puljer/:roundId': { row: APPROVER, stateAnswers: [404] },
  'POST /personale/godkendelser/:id': { row: APPROVER },
  'GET /personale/udbetalinger': { row: APPROVER_PAGE },
  ...withRow(APPROVER, ['POST /personale/udbetalinger', 'POST /personale/udbetalinger/:id/bekraeftelse']),
  'GET /statistik': { row: STAFF_PAGE },
  ...withRow(ADMIN_PAGE, ['GET /personale/admin', 'GET /personale/admin/medarbejdere']),
  'POST /personale/admin/medarbejdere': { row: ADMIN },
  'GET /personale/admin/medarbejdere/:id': { row: ADMIN_PAGE },
  'GET /personale/profil': { row: CASEWORK_PAGE },
  'POST /personale/profil/tilknytninger': { row: CASEWORK, body: { cvr: 'x' } },
  'POST /personale/profil/tilknytninger/:id/tilbagetraek': { row: CASEWORK, stateAnswers: [404] },
  ...withRow(ADMIN, [
    'POST /personale/admin/medarbejdere/:id/profil', 'POST /personale/admin/medarbejdere/:id/adgangskode', 'POST /personale/admin/medarbejdere/:id/deaktiver',
    'POST /personale/admin/medarbejdere/:id/genaktiver',
  ]),
  ...withRow(ADMIN_PAGE, ['GET /personale/admin/puljer', 'GET /personale/admin/puljer/ny']),
  'POST /personale/admin/puljer/ny': { row: ADMIN },
  'GET /personale/admin/puljer/:id': { row: ADMIN_PAGE },
  'POST /personale/admin/puljer/:id': { row: ADMIN },
  'GET /personale/admin/adgangslog': { row: ADMIN_PAGE },
  'GET /personale/admin/revisionslog': { row: ADMIN_PAGE },
  'GET /personale/admin/udbakke': { row: ADMIN_PAGE },
  'POST /personale/admin/udbakke/:id': { row: ADMIN, body: { resolution: 'sent' }, stateAnswers: [404] },
  ...withRow(ADMIN_PAGE, ['GET /personale/admin/ordninger', 'GET /personale/admin/ordninger/ny', 'GET /personale/admin/ordninger/:id']),
  ...withRow(ADMIN, ['POST /personale/admin/ordninger/ny', 'POST /personale/admin/ordninger/:id']),
};

const STAFF_PRINCIPALS: Partial<Record<Principal, StaffRole>> = { caseworker: 'caseworker', approver: 'approver', admin: 'admin', politician: 'politician' };

interface StaffAccount {
  email: string;
  password: string;
  token: string;
}

describe('authorization matrix', () => {
  let stack: TestStack;
  // Staff sign-in at an OpenID provider is on, so its routes are here too.
  let provider: TestProvider;
  let routes: AppRoute[];
  let caseA: SubmittedCase;
  let caseB: SubmittedCase;
  let roundId: string;
  let roundSlug: string;
  let draftA: { id: string; token: string };
  let draftB: { id: string; token: string };
  let documentId: string;
  let draftDocumentId: string;
  let payoutRunId: string;
  let revocationCaseId: string;
  let newLinkDraftId: string;
  let targetStaffId: string;
  let memberDraftId: string;
  let keptDocumentId: string;
  const memberIds: Partial<Record<Principal, string>> = {};
  const memberSessions: Partial<Record<Principal, string>> = {};
  const staff: Partial<Record<Principal, StaffAccount>> = {};

  /** A new session for a member (as the sign-in link would open), only its hash stored. */
  async function memberSession(principal: Principal): Promise<string> {
    const token = generateAccessToken();
    await stack.db.organisationSession.create({ data: { tokenHash: sha256Hex(token), memberId: memberIds[principal]!, expiresAt: new Date(Date.now() + 3_600_000) } });
    return token;
  }

  async function login(account: { email: string; password: string }): Promise<string> {
    const response = await postJson(`${stack.baseUrl}/api/v1/auth/login`, account);
    if (response.status !== 200) throw new Error(`login failed: ${JSON.stringify(response.body)}`);
    return response.body.token as string;
  }

  beforeAll(async () => {
    const publicBaseUrl = testConfig().PUBLIC_BASE_URL;
    provider = await startTestProvider({ ...oidcRedirectUris(publicBaseUrl), moreRedirectUris: [memberOidcRedirectUri(publicBaseUrl)], accounts: {} });
    stack = await startTestStack({ config: testConfig({ ...oidcTestEnvironment(provider), ...memberOidcTestEnvironment(provider) }) });
    routes = routesOfStack(stack);

    const round = await createOpenRound(stack.db);
    roundId = round.id;
    roundSlug = round.slug;
    [caseA, caseB] = await Promise.all([submitCase(stack, round.id), submitCase(stack, round.id)]);
    await Promise.all([waitForStatus(caseA.handle, 'IN_QUEUE'), waitForStatus(caseB.handle, 'IN_QUEUE')]);
    for (const [principal, role] of Object.entries(STAFF_PRINCIPALS) as [Principal, StaffRole][]) {
      const email = `${principal}-${crypto.randomUUID().slice(0, 8)}@eksempel.dk`;
      const password = crypto.randomBytes(12).toString('base64url');
      await upsertStaffUser(stack.db, { email, name: `Matrix ${principal}`, password, roles: [role] });
      staff[principal] = { email, password, token: await login({ email, password }) };
    }
    const target = `target-${crypto.randomUUID().slice(0, 8)}@eksempel.dk`;
    await upsertStaffUser(stack.db, { email: target, name: 'Matrix Target', password: crypto.randomBytes(12).toString('base64url'), roles: ['caseworker'] });
    targetStaffId = (await stack.db.staffUser.findUniqueOrThrow({ where: { email: target } })).id;

    const newDraft = async () => {
      const response = await postJson(`${stack.baseUrl}/api/v1/drafts`, { roundId });
      if (response.status !== 201) throw new Error(`draft failed: ${JSON.stringify(response.body)}`);
      return { id: response.body.id as string, token: response.body.token as string };
    };
    [draftA, draftB] = await Promise.all([newDraft(), newDraft()]);
    newLinkDraftId = (await newDraft()).id;
    // The member's organisation is case A's association (CVR 13748136); its draft names that number.
    memberDraftId = (await newDraft()).id;
    await stack.db.applicationDraft.update({ where: { id: memberDraftId }, data: { data: { answers: { organization: { cvr: '13748136' } } } } });
    for (const [principal, number] of [['member', '13748136'], ['otherMember', randomCvr()]] as const) {
      const organisation = await stack.db.organisation.upsert({ where: { number }, create: { number, name: `Matrix ${number}` }, update: {} });
      const member = await stack.db.organisationMember.create({ data: { organisationId: organisation.id, email: `${principal}-${crypto.randomUUID().slice(0, 8)}@forening.dk`, role: 'admin' } });
      memberIds[principal] = member.id;
      memberSessions[principal] = await memberSession(principal);
    }
    const content = Buffer.from('%PDF-1.4\n% matrix\n');
    // A document the member's organisation keeps (README "Documents kept once").
    const memberOrganisation = await stack.db.organisation.findUniqueOrThrow({ where: { number: '13748136' } });
    keptDocumentId = (
      await stack.db.organisationDocument.create({
        data: { organisationId: memberOrganisation.id, kind: 'statutes', filename: 'vedtaegter.pdf', contentType: 'application/pdf', size: content.length, sha256: crypto.createHash('sha256').update(content).digest('hex'), content, uploadedBy: 'matrix@forening.dk' },
      })
    ).id;
    const documentFields = (kind: string, filename: string) => ({
      applicationId: caseA.id,
      documentKey: `matrix:${crypto.randomUUID()}`,
      kind,
      filename,
      contentType: 'application/pdf',
      size: content.length,
      sha256: crypto.createHash('sha256').update(content).digest('hex'),
      content,
    });
    documentId = (await stack.db.document.create({ data: documentFields('statutes', 'vedtaegter.pdf') })).id;
    draftDocumentId = (await stack.db.document.create({ data: { ...documentFields('statutes', 'vedtaegter.pdf'), applicationId: null, draftId: draftA.id } })).id;
    // A letter on file, so the letter routes answer for what they are, not for a missing letter.
    await stack.db.document.create({ data: documentFields('decision_letter', 'afgoerelse.pdf') });
    revocationCaseId = (await insertApplication(stack.db, roundId)).id;
    payoutRunId = (await stack.db.payoutRun.create({ data: { createdBy: 'matrix@eksempel.dk', csv: '\ufeffx', totalOre: 0n } })).id;
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await provider?.stop();
  });

  function concretePath(path: string, principal?: Principal): string {
    return path.replace(/:(\w+)/g, (_, name: string) => {
      if (name === 'documentId') return path.startsWith('/forening/') ? keptDocumentId : path.startsWith('/api/v1/drafts/') ? draftDocumentId : documentId;
      if (name === 'cvr') return '13748136';
      if (name === 'slug') return roundSlug;
      if (name === 'roundId') return roundId;
      if (name === 'step') return 'forening';
      if (name === 'file') return `${roundSlug}.ics`;
      if (name !== 'id') throw new Error(`no value for the path parameter :${name} of ${path}: add one in concretePath`);
      // Revoking links on a case of its own leaves the callers' tokens of cases A and B working.
      if (/\/private-links\/revocation$|\/luk-links$/.test(path)) return revocationCaseId;
      if (/^\/(api\/v1\/drafts|kladde)\/:id\/(new-link|nyt-link)$/.test(path)) return newLinkDraftId;
      if (/^\/api\/v1\/(applications|reports)\/|^\/(sag|tilsagn|sponsorat)\/|^\/personale\/(sager|godkendelser|opfoelgning)\//.test(path)) return caseA.id;
      // A member opens their organisation's draft (by its number), not draft A (which names none).
      if (path.startsWith('/kladde/') && (principal === 'member' || principal === 'otherMember')) return memberDraftId;
      if (path.startsWith('/api/v1/drafts/') || path.startsWith('/kladde/') || path.startsWith('/personale/kladder/')) return draftA.id;
      if (path.startsWith('/api/v1/rounds/') || path.startsWith('/personale/admin/puljer/')) return roundId;
      if (path.startsWith('/api/v1/payout-runs/') || path.startsWith('/personale/udbetalinger/')) return payoutRunId;
      if (path.startsWith('/api/v1/admin/schemes/') || path.startsWith('/personale/admin/ordninger/')) return SECTION_18_SCHEME_ID;
      if (path.startsWith('/api/v1/admin/staff/') || path.startsWith('/personale/admin/medarbejdere/')) return targetStaffId;
      if (path.startsWith('/api/v1/staff/ties/') || path.startsWith('/personale/profil/')) return crypto.randomUUID();
      if (path.startsWith('/api/v1/admin/outbox/') || path.startsWith('/personale/admin/udbakke/')) return crypto.randomUUID();
      throw new Error(`no value for :id in ${path}: add one in concretePath`);
    });
  }

  /** The private token a route's resource opens with: a draft's for draft routes, else the case's. */
  function applicantToken(path: string, principal: 'applicant' | 'otherApplicant'): string {
    const draft = path.startsWith('/api/v1/drafts/') || path.startsWith('/kladde/');
    if (principal === 'applicant') return draft ? draftA.token : caseA.accessToken;
    return draft ? draftB.token : caseB.accessToken;
  }

  async function call(route: AppRoute, expectation: Expectation, principal: Principal): Promise<Response> {
    const url = `${stack.baseUrl}${concretePath(route.path, principal)}`;
    const api = route.path.startsWith('/api/') || route.path.startsWith('/codec/') || route.path === '/healthz' || route.path === '/metrics';
    const unsafe = !['GET', 'HEAD'].includes(route.method);
    const headers: Record<string, string> = { origin: stack.baseUrl };
    let sessionToken: string | undefined;
    if (principal === 'applicant' || principal === 'otherApplicant') sessionToken = applicantToken(route.path, principal);
    const account = staff[principal];
    if (account) sessionToken = expectation.endsSession ? await login(account) : account.token;

    let csrfBoundTo: string | undefined;
    if (principal === 'member' || principal === 'otherMember') {
      const memberToken = expectation.endsSession ? await memberSession(principal) : memberSessions[principal]!;
      headers.cookie = `gf_forening=${memberToken}`;
      csrfBoundTo = memberToken;
    }
    if (sessionToken && api) headers.authorization = `Bearer ${sessionToken}`;
    if (sessionToken && !api) {
      // Browsers carry the staff session or the case's private link in a cookie, never a header.
      const cookie = account ? 'gf_staff' : route.path.startsWith('/kladde/') ? 'gf_kladde' : 'gf_case';
      headers.cookie = `${cookie}=${sessionToken}`;
      csrfBoundTo = sessionToken;
    }
    const formCookie = ({ '/personale/log-ind': 'gf_signin', '/ansoeg/:slug': 'gf_ansoeg', '/puljer/abonnement': 'gf_puljer', '/forening/log-ind': 'gf_forening_login' } as Record<string, string>)[route.path];
    // The new-link form of a case whose link did not open binds its CSRF token to the case.
    if (route.path === '/sag/:id/nyt-link' && unsafe) csrfBoundTo = newLinkCsrfBinding(caseA.id);
    if (route.path === '/kladde/:id/nyt-link' && unsafe) csrfBoundTo = draftNewLinkCsrfBinding(newLinkDraftId);
    if (formCookie && unsafe) {
      // Before there is a session or a draft, the form's token is bound to a cookie of its own.
      const nonce = crypto.randomBytes(18).toString('base64url');
      headers.cookie = [headers.cookie, `${formCookie}=${nonce}`].filter(Boolean).join('; ');
      csrfBoundTo = nonce;
    }
    let body: string | undefined;
    if (unsafe && api) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(expectation.body ?? {});
    } else if (unsafe) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const fields: Record<string, string> = Object.fromEntries(Object.entries(expectation.body ?? {}).map(([k, v]) => [k, String(v)]));
      if (csrfBoundTo) fields._csrf = csrfToken(stack.config.COOKIE_SECRET, csrfBoundTo);
      body = new URLSearchParams(fields).toString();
    }
    return fetch(url, { method: route.method, headers, body, redirect: 'manual' });
  }

  function outcomeOf(response: Response, expectation: Expectation, expected: Outcome): Outcome | number {
    const status = response.status;
    const location = response.headers.get('location') ?? '';
    if (status >= 300 && status < 400 && (location.startsWith('/personale/log-ind?next=') || location === '/forening/log-ind')) return 'signin';
    if (status >= 500) return status;
    if (status === 401 || status === 403 || status === 404) {
      if (expected === 'ok' && expectation.stateAnswers?.includes(status)) return 'ok';
      return status;
    }
    return 'ok';
  }

  it('names every route and method of the app', () => {
    const known = new Set(Object.keys(TABLE));
    const missing = routes.map((route) => `${route.method} ${route.path}`).filter((key) => !known.has(key));
    const present = new Set(routes.map((route) => `${route.method} ${route.path}`));
    const stale = [...known].filter((key) => !present.has(key));
    if (missing.length) throw new Error(`routes without an entry in the authorization table (add a row for each):\n  ${missing.join('\n  ')}`);
    if (stale.length) throw new Error(`entries in the authorization table for routes that no longer exist:\n  ${stale.join('\n  ')}`);
    expect(routes.length).toBeGreaterThan(50);
  });

  it('gives every caller of every route the outcome the table says', async () => {
    const wrong: string[] = [];
    let cells = 0;
    for (const route of routes) {
      const expectation = TABLE[`${route.method} ${route.path}`];
      if (!expectation) continue; // reported by the test above
      for (const [index, principal] of PRINCIPALS.entries()) {
        const expected = expectation.row[index]!;
        const response = await call(route, expectation, principal);
        const actual = outcomeOf(response, expectation, expected);
        cells += 1;
        if (actual !== expected) {
          const text = (await response.text()).slice(0, 160).replace(/\s+/g, ' ');
          wrong.push(`${route.method} ${route.path} as ${principal}: expected ${expected}, got ${response.status} (${actual}) ${text}`);
        } else {
          await response.arrayBuffer();
        }
      }
    }
    process.stderr.write(`[authorization] ${routes.length} routes × ${PRINCIPALS.length} callers = ${cells} cells asserted\n`);
    expect(wrong).toEqual([]);
    expect(cells).toBe(routes.length * PRINCIPALS.length);
  }, 300_000);

  it('leaves an access row for a staff view and an audit row for a staff action', async () => {
    const caseworker = staff.caseworker!;
    const user = await stack.db.staffUser.findUniqueOrThrow({ where: { email: caseworker.email } });
    const headers = { authorization: `Bearer ${caseworker.token}` };
    // Another file's admin searching the logs by the shared fixture CVR logs a row for this case too.
    const views = () => stack.db.staffAccessLog.findMany({ where: { applicationId: caseB.id, NOT: { purpose: { endsWith: '_search' } } }, select: { staffUserId: true, purpose: true }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    const before = await views();
    expect((await fetch(`${stack.baseUrl}/api/v1/applications/${caseB.id}`, { headers })).status).toBe(200);
    // The association reading its own case leaves no staff row.
    expect((await fetch(`${stack.baseUrl}/api/v1/applications/${caseB.id}`, { headers: { authorization: `Bearer ${caseB.accessToken}` } })).status).toBe(200);
    expect((await views()).slice(before.length)).toEqual([{ staffUserId: user.id, purpose: 'case_api' }]);

    const claim = await postJson(`${stack.baseUrl}/api/v1/applications/${caseB.id}/assignment`, {}, headers);
    expect(claim.status).toBe(200);
    const audit = await stack.db.staffAuditLog.findMany({ where: { staffUserId: user.id, applicationId: caseB.id } });
    expect(audit.map((row) => [row.action, row.details])).toEqual([['case.claim', { assignee: caseworker.email }]]);
  });
});
