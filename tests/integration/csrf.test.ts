import crypto from 'node:crypto';
import { openStaffSession, sessionPolicyFrom, upsertStaffUser } from '../../lib/staff-auth';
import { csrfToken } from '../../services/api/http/csrf';
import { newLinkCsrfBinding } from '../../services/api/private-links/new-link';
import { draftNewLinkCsrfBinding } from '../../services/api/drafts/new-link';
import { createOpenRound, insertApplication, postJson } from '../support/fixtures';
import { routesOfStack, type AppRoute } from '../support/routes';
import { startTestStack, type TestStack } from '../support/stack';
import { SECTION_18_SCHEME_ID, SECTION_18_SCHEME_SLUG } from '../support/schemes';
import { randomCvr } from '../support/organisation';
import { generateAccessToken, sha256Hex } from '../../lib/tokens';

// Every state-changing form of the site is posted with a cookie (a staff session, a case's or a
// draft's private link, or the sign-in and pre-check forms' own cookie). Each must refuse a post
// without its CSRF token, with a wrong one, and from another origin — 403, and nothing changes —
// while the same post with the right token from our own origin gets through. The JSON API, when
// called with the staff cookie instead of a bearer token, needs the token in X-CSRF-Token.

const FOREIGN_ORIGIN = 'https://forfalsket.example';
/** Forms that carry files are multipart; their token travels in the multipart body. */
const MULTIPART = new Set(['/sag/:id/svar', '/sag/:id/bemaerkninger', '/sag/:id/afrapportering', '/sag/:id/genovervejelse', '/kladde/:id/dokumenter', '/personale/udbetalinger/:id/bekraeftelse', '/forening/dokumenter']);
/** JSON API routes that no cookie authenticates: anyone may call them, or only a draft's bearer token. */
const PUBLIC_API = new Set(['POST /api/v1/auth/login', 'POST /api/v1/applications', 'POST /api/v1/drafts', 'POST /api/v1/applications/:id/new-link', 'POST /api/v1/round-subscriptions']);
/**
 * Forms whose only authority is the token of an emailed link they carry (a round subscription's
 * confirmation or unsubscribe link, an organisation's sign-in link): no cookie to forge a request with, and a mail program's
 * RFC 8058 one-click unsubscribe posts with neither a page of ours nor an Origin we know.
 */
const TOKEN_AUTHORISED = new Set(['/puljer/abonnement/bekraeft', '/puljer/afmeld', '/forening/log-ind/link']);
/** Only the bearer token of the acceptance link emailed to the signatory authorises a grant's acceptance. */
const ACCEPTANCE_LINK_API = 'POST /api/v1/applications/:id/acceptance';
const withoutCookieAuth = (route: AppRoute) => PUBLIC_API.has(`${route.method} ${route.path}`) || route.path.startsWith('/api/v1/drafts/') || `${route.method} ${route.path}` === ACCEPTANCE_LINK_API;

type Attempt = 'missing token' | 'wrong token' | 'foreign origin' | 'valid';

describe('CSRF protection', () => {
  let stack: TestStack;
  let routes: AppRoute[];
  let admin: { id: string; email: string; password: string };
  let target: { id: string; email: string };
  let round: { id: string; slug: string };
  let application: { id: string; token: string; acceptanceToken: string; sponsorToken: string };
  let draft: { id: string; token: string };
  /** A draft the volunteer centre prepared, and the helper's token (only it sends the association the link). */
  let helperDraft: { id: string; token: string };
  /** A case and a draft of their own for the routes that replace or revoke links, so the others' tokens keep working. */
  let spare: { applicationId: string; draftId: string };
  const marker = `csrf-${crypto.randomUUID().slice(0, 8)}`;
  /** An organisation with its administrator (whose session cookie the members' forms use) and a member. */
  let organisation: { id: string; adminId: string; memberId: string };

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    routes = routesOfStack(stack);

    const password = crypto.randomBytes(12).toString('base64url');
    const adminEmail = `admin@${marker}.test`;
    await upsertStaffUser(stack.db, { email: adminEmail, name: 'CSRF Admin', password, roles: ['admin'] });
    admin = { id: (await stack.db.staffUser.findUniqueOrThrow({ where: { email: adminEmail } })).id, email: adminEmail, password };
    await upsertStaffUser(stack.db, { email: `target@${marker}.test`, name: 'CSRF Target', password: crypto.randomBytes(12).toString('base64url'), roles: ['caseworker'] });
    target = { id: (await stack.db.staffUser.findUniqueOrThrow({ where: { email: `target@${marker}.test` } })).id, email: `target@${marker}.test` };

    const created = await createOpenRound(stack.db);
    round = { id: created.id, slug: created.slug };
    const stored = await insertApplication(stack.db, round.id);
    const token = crypto.randomBytes(24).toString('base64url');
    await stack.db.accessToken.create({ data: { tokenHash: crypto.createHash('sha256').update(token).digest('hex'), applicationId: stored.id, purpose: 'submission' } });
    // A grant waiting for its acceptance, and the acceptance link's token (the acceptance page's cookie).
    const acceptanceToken = crypto.randomBytes(24).toString('base64url');
    await stack.db.accessToken.create({ data: { tokenHash: crypto.createHash('sha256').update(acceptanceToken).digest('hex'), applicationId: stored.id, purpose: 'acceptance' } });
    await stack.db.decision.create({ data: { applicationId: stored.id, sequence: 1, outcome: 'approved', amountGrantedOre: 1_200_000n, reasons: { criteria: [], text: '' }, decidedBy: 'csrf@test', decidedAt: new Date(), needsApproval: false } });
    await stack.db.grantAcceptance.create({
      data: { applicationId: stored.id, decisionSequence: 1, signatorySource: 'application', signatories: ['Inge Hansen'], recipientName: 'Inge Hansen', recipientEmail: 'inge@faellesbord.dk', conditionsText: 'Betingelser', conditionsVersion: 'v', conditionsHash: 'h', acceptBy: new Date(Date.now() + 86_400_000), requestedAt: new Date() },
    });
    // A sponsor's confirmation link (the sponsorship page's cookie), as for a self-organised group's case.
    const sponsorToken = crypto.randomBytes(24).toString('base64url');
    await stack.db.sponsorship.create({ data: { applicationId: stored.id, tokenHash: crypto.createHash('sha256').update(sponsorToken).digest('hex'), sponsorEmail: 'formand@example.dk', requestedAt: new Date() } });
    application = { id: stored.id, token, acceptanceToken, sponsorToken };
    const response = await postJson(`${stack.baseUrl}/api/v1/drafts`, { roundId: round.id });
    if (response.status !== 201) throw new Error(`draft failed: ${JSON.stringify(response.body)}`);
    draft = { id: response.body.id, token: response.body.token };
    const spareDraft = await postJson(`${stack.baseUrl}/api/v1/drafts`, { roundId: round.id });
    spare = { applicationId: (await insertApplication(stack.db, round.id)).id, draftId: spareDraft.body.id };
    const association = await stack.db.organisation.create({ data: { number: randomCvr(), name: 'CSRF-foreningen' } });
    const adminMember = await stack.db.organisationMember.create({ data: { organisationId: association.id, email: `formand@${marker}.test`, role: 'admin' } });
    const member = await stack.db.organisationMember.create({ data: { organisationId: association.id, email: `kasserer@${marker}.test`, role: 'member' } });
    organisation = { id: association.id, adminId: adminMember.id, memberId: member.id };
    const helperToken = crypto.randomBytes(24).toString('base64url');
    const prepared = await stack.db.applicationDraft.create({
      data: {
        tokenHash: crypto.createHash('sha256').update(crypto.randomBytes(24).toString('base64url')).digest('hex'),
        helperTokenHash: crypto.createHash('sha256').update(helperToken).digest('hex'),
        roundId: round.id,
        currentStep: 'organization',
        furthestStep: 'organization',
        preparedBy: 'CSRF Hjælper',
        preparedFor: 'Foreningen Fælles Bord',
        sharedWithEmail: `forening@${marker}.test`,
      },
    });
    helperDraft = { id: prepared.id, token: helperToken };
  });

  /** A new session of the organisation's administrator (the sign-out form ends the one it is posted with). */
  async function memberSession(): Promise<string> {
    const token = generateAccessToken();
    await stack.db.organisationSession.create({ data: { tokenHash: sha256Hex(token), memberId: organisation.adminId, expiresAt: new Date(Date.now() + 3_600_000) } });
    return token;
  }

  afterAll(async () => {
    await stack?.stop();
  });

  /**
   * A new session of the administrator (the sign-out form ends the one it is posted with), opened
   * as a sign-in opens it: hundreds of posts need one each, and a sign-in through the API checks
   * the password (argon2id) every time. Signing in itself: tests/integration/staff-sessions.test.ts.
   */
  async function staffSession(): Promise<string> {
    return openStaffSession(stack.db, sessionPolicyFrom(stack.config), admin.id);
  }

  /** Everything these posts could change, limited to this test's own rows. */
  async function fingerprint() {
    const db = stack.db;
    const [app, events, notes, documents, audit, users, sessions, roundRow, rounds, draftRow, drafts, runs, schemeRow, schemes, subscriptions, acceptance, members, signIns, kept] = await Promise.all([
      db.application.findUniqueOrThrow({ where: { id: application.id }, select: { status: true, assignee: true } }),
      db.caseEvent.count({ where: { applicationId: application.id } }),
      db.caseNote.count({ where: { applicationId: application.id } }),
      db.document.count({ where: { OR: [{ applicationId: application.id }, { draftId: draft.id }] } }),
      db.staffAuditLog.count({ where: { staffUserId: admin.id } }),
      db.staffUser.findMany({ where: { email: { endsWith: `@${marker}.test` } }, select: { email: true, active: true, passwordHash: true, roles: true }, orderBy: { email: 'asc' } }),
      db.staffSession.count({ where: { userId: { in: [admin.id, target.id] }, revokedAt: { not: null } } }),
      db.fundingRound.findUniqueOrThrow({ where: { id: round.id }, select: { updatedAt: true } }),
      db.fundingRound.count({ where: { slug: { startsWith: marker } } }),
      db.applicationDraft.findUniqueOrThrow({ where: { id: draft.id }, select: { data: true, submittedAt: true } }),
      db.applicationDraft.count({ where: { roundId: round.id } }),
      db.payoutRun.count({ where: { createdBy: admin.email } }),
      db.scheme.findUniqueOrThrow({ where: { id: SECTION_18_SCHEME_ID }, select: { updatedAt: true, name: true } }),
      db.scheme.count({ where: { slug: { startsWith: marker } } }),
      db.roundSubscription.count({ where: { email: `forged@${marker}.test` } }),
      db.grantAcceptance.findFirstOrThrow({ where: { applicationId: application.id }, select: { acceptedAt: true, signatureReference: true } }),
      db.organisationMember.findMany({ where: { organisationId: organisation.id }, select: { email: true, role: true }, orderBy: { email: 'asc' } }),
      db.organisationSignInToken.count({ where: { email: { endsWith: `@${marker}.test` } } }),
      db.organisationDocument.count({ where: { organisationId: organisation.id } }),
    ]);
    return JSON.stringify({ app, events, notes, documents, audit, users, sessions, roundRow, rounds, draftRow, drafts, runs, schemeRow, schemes, subscriptions, acceptance, members, signIns, kept });
  }

  function concretePath(path: string): string {
    return path.replace(/:(\w+)/g, (_, name: string) => {
      if (name === 'slug') return round.slug;
      if (name === 'roundId') return round.id;
      if (name === 'step') return 'forening';
      if (name === 'documentId') return crypto.randomUUID();
      if (name !== 'id') throw new Error(`no value for :${name} in ${path}: add one in concretePath`);
      if (/^\/kladde\/:id\/nyt-link$|^\/api\/v1\/drafts\/:id\/new-link$/.test(path)) return spare.draftId;
      if (path === '/kladde/:id/del') return helperDraft.id;
      if (/\/(nyt-link|luk-links|new-link|private-links\/revocation)$/.test(path)) return spare.applicationId;
      if (path.startsWith('/kladde/') || path.startsWith('/api/v1/drafts/')) return draft.id;
      if (path.startsWith('/personale/admin/puljer/') || path.startsWith('/api/v1/rounds/')) return round.id;
      if (path.startsWith('/personale/admin/ordninger/') || path.startsWith('/api/v1/admin/schemes/')) return SECTION_18_SCHEME_ID;
      if (path.startsWith('/personale/admin/medarbejdere/') || path.startsWith('/api/v1/admin/staff/')) return target.id;
      if (path.startsWith('/personale/profil/') || path.startsWith('/api/v1/staff/ties/')) return crypto.randomUUID();
      return application.id;
    });
  }

  /** What a person would fill in: were the post let through, it would change something. */
  function fieldsFor(path: string): Record<string, string> {
    if (path === '/personale/admin/medarbejdere') return { name: 'Forfalsket', email: `forged@${marker}.test`, roles: 'admin', password: 'en-lang-adgangskode' };
    if (path.endsWith('/adgangskode')) return { password: 'en-lang-adgangskode' };
    if (path.endsWith('/profil')) return { name: 'Forfalsket navn', title: 'Forfalsket', phone: '12 34 56 78' };
    if (path.startsWith('/personale/admin/puljer')) return { scheme: SECTION_18_SCHEME_SLUG, name: 'Forfalsket pulje', slug: `${marker}-forged`, budget: '1000', maxAmount: '100', opensAt: '2027-01-01' };
    if (path.startsWith('/personale/admin/ordninger')) {
      const texts = (prefix: string, text: string) => Object.fromEntries(['da', 'nb', 'en'].map((language) => [`${prefix}.${language}`, text]));
      return {
        slug: `${marker}-forged`, ...texts('name', 'Forfalsket ordning'), ...texts('description', 'Forfalsket beskrivelse'),
        'legalFrame.legalBasis': 'kommunalfuldmagtsreglerne', 'legalFrame.guidelines.name': 'Forfalskede retningslinjer', 'legalFrame.guidelines.adoptedOn': '2026-01-01',
        'legalFrame.guidelines.adoptedBy': 'Kultur- og Fritidsudvalget', 'legalFrame.decisionMaker.kind': 'delegation', 'legalFrame.decisionMaker.body': 'Kultur- og Fritidsudvalget',
      };
    }
    if (path.endsWith('/noter')) return { text: 'Forfalsket note' };
    if (path === '/puljer/abonnement') return { email: `forged@${marker}.test` };
    if (path === '/forening/log-ind') return { organisationNumber: '13748136', email: `forged@${marker}.test` };
    if (path === '/forening/medlemmer/inviter') return { inviteEmail: `forged@${marker}.test` };
    if (path === '/forening/dokumenter') return { kind: 'statutes' };
    if (path === '/forening/profil') {
      return { name: 'Forfalsket forening', street: 'Forfalsket Vej 1', postcode: '9991', city: 'Eksempelby', email: `forged@${marker}.test`, contactName: 'Forfalsket', contactEmail: `forged@${marker}.test` };
    }
    if (path.startsWith('/forening/medlemmer/')) return { memberId: organisation.memberId };
    if (path.endsWith('/tilknytninger')) return { cvr: '29190003', kind: 'board_member' };
    if (path === '/personale/log-ind') return { email: admin.email, password: admin.password };
    if (path.endsWith('/traek-tilbage')) return { reason: 'Forfalsket' };
    if (path.endsWith('/sig-nej-tak')) return { reasons: 'Forfalsket' };
    if (path.endsWith('/aendring')) return { changeKind: 'period', changeStartDate: '2027-09-01', changeEndDate: '2027-12-31', changeReasons: 'Forfalsket', approve: 'true', reasons: 'Forfalsket' };
    if (path.endsWith('/svar')) return { text: 'Forfalsket svar' };
    if (path.endsWith('/bemaerkninger')) return { comments: 'Forfalskede bemærkninger' };
    if (path.endsWith('/partshoering')) return { 'fact-1': 'Forfalsket oplysning' };
    return {};
  }

  /** The cookie a browser would send to this page, and the value its CSRF token is bound to. */
  async function credentialsFor(path: string): Promise<{ cookie: string; boundTo: string }> {
    // The new-link forms are shown where a link did not open: bound to the case or draft, with whatever cookie the browser has.
    if (path === '/sag/:id/nyt-link') return { cookie: `gf_case=${application.token}`, boundTo: newLinkCsrfBinding(spare.applicationId) };
    if (path === '/kladde/:id/nyt-link') return { cookie: `gf_kladde=${draft.token}`, boundTo: draftNewLinkCsrfBinding(spare.draftId) };
    if (path.startsWith('/sag/')) return { cookie: `gf_case=${application.token}`, boundTo: application.token };
    if (path.startsWith('/tilsagn/')) return { cookie: `gf_accept=${application.acceptanceToken}`, boundTo: application.acceptanceToken };
    if (path.startsWith('/sponsorat/')) return { cookie: `gf_sponsor=${application.sponsorToken}`, boundTo: application.sponsorToken };
    if (path === '/kladde/:id/del') return { cookie: `gf_kladde=${helperDraft.token}`, boundTo: helperDraft.token };
    if (path.startsWith('/kladde/')) return { cookie: `gf_kladde=${draft.token}`, boundTo: draft.token };
    if (path === '/personale/log-ind') {
      const nonce = crypto.randomBytes(18).toString('base64url');
      return { cookie: `gf_signin=${nonce}`, boundTo: nonce };
    }
    if (path.startsWith('/ansoeg/')) {
      const nonce = crypto.randomBytes(18).toString('base64url');
      return { cookie: `gf_ansoeg=${nonce}`, boundTo: nonce };
    }
    if (path === '/puljer/abonnement') {
      const nonce = crypto.randomBytes(18).toString('base64url');
      return { cookie: `gf_puljer=${nonce}`, boundTo: nonce };
    }
    if (path === '/forening/log-ind') {
      const nonce = crypto.randomBytes(18).toString('base64url');
      return { cookie: `gf_forening_login=${nonce}`, boundTo: nonce };
    }
    if (path.startsWith('/forening/')) {
      const session = await memberSession();
      return { cookie: `gf_forening=${session}`, boundTo: session };
    }
    const session = await staffSession();
    return { cookie: `gf_staff=${session}`, boundTo: session };
  }

  async function postForm(route: AppRoute, attempt: Attempt): Promise<Response> {
    const { cookie, boundTo } = await credentialsFor(route.path);
    const fields = fieldsFor(route.path);
    if (attempt !== 'missing token') fields._csrf = csrfToken(stack.config.COOKIE_SECRET, attempt === 'wrong token' ? `${boundTo}-other` : boundTo);
    const headers: Record<string, string> = { cookie, origin: attempt === 'foreign origin' ? FOREIGN_ORIGIN : stack.baseUrl };
    let body: string | FormData;
    if (MULTIPART.has(route.path)) {
      body = new FormData();
      for (const [name, value] of Object.entries(fields)) body.append(name, value);
    } else {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(fields).toString();
    }
    return fetch(`${stack.baseUrl}${concretePath(route.path)}`, { method: route.method, headers, body, redirect: 'manual' });
  }

  async function callApiWithCookie(route: AppRoute, attempt: Attempt): Promise<Response> {
    const session = await staffSession();
    const headers: Record<string, string> = { cookie: `gf_staff=${session}`, origin: attempt === 'foreign origin' ? FOREIGN_ORIGIN : stack.baseUrl, 'content-type': 'application/json' };
    if (attempt !== 'missing token') headers['x-csrf-token'] = csrfToken(stack.config.COOKIE_SECRET, attempt === 'wrong token' ? `${session}-other` : session);
    return fetch(`${stack.baseUrl}${concretePath(route.path)}`, { method: route.method, headers, body: '{}', redirect: 'manual' });
  }

  const refusals: Attempt[] = ['missing token', 'wrong token', 'foreign origin'];

  it('refuses every state-changing page form without its token, with a wrong one, or from another origin', async () => {
    // The Temporal codec (/codec/encode, /codec/decode) changes nothing, and only the Web UI's origin may
    // read its answers (CORS; tests/integration/payload-encryption.test.ts), so a forged post gains nothing.
    const forms = routes.filter((route) => route.method !== 'GET' && !route.path.startsWith('/api/') && !route.path.startsWith('/codec/') && !TOKEN_AUTHORISED.has(route.path));
    expect(forms.length).toBeGreaterThan(5);
    const wrong: string[] = [];
    const unchanged = await fingerprint();
    for (const route of forms) {
      for (const attempt of refusals) {
        const response = await postForm(route, attempt);
        if (response.status !== 403) wrong.push(`${route.method} ${route.path} with ${attempt}: ${response.status}`);
        await response.arrayBuffer();
      }
    }
    expect(wrong).toEqual([]);
    expect(await fingerprint()).toBe(unchanged);
    process.stderr.write(`[csrf] ${forms.length} form routes × ${refusals.length} forged posts refused\n`);

    // The same posts with the right token from our own origin get past the check.
    const passed: string[] = [];
    for (const route of forms) {
      const response = await postForm(route, 'valid');
      if (response.status === 403) passed.push(`${route.method} ${route.path}: 403 with a valid token ${(await response.text()).slice(0, 120)}`);
      else await response.arrayBuffer();
    }
    expect(passed).toEqual([]);
  }, 180_000);

  it('refuses cookie-authenticated JSON API changes without X-CSRF-Token', async () => {
    const calls = routes.filter((route) => route.method !== 'GET' && route.path.startsWith('/api/v1/') && !withoutCookieAuth(route));
    const wrong: string[] = [];
    const unchanged = await fingerprint();
    for (const route of calls) {
      for (const attempt of refusals) {
        const response = await callApiWithCookie(route, attempt);
        // Staff routes say why (403 csrf_rejected); routes the association may also use see no
        // staff at all and ask for a token (401). Either way the cookie did not count.
        if (![401, 403].includes(response.status)) wrong.push(`${route.method} ${route.path} with ${attempt}: ${response.status}`);
        await response.arrayBuffer();
      }
    }
    expect(wrong).toEqual([]);
    expect(await fingerprint()).toBe(unchanged);
    const staffOnly = await callApiWithCookie({ method: 'POST', path: '/api/v1/admin/staff' }, 'missing token');
    expect(staffOnly.status).toBe(403);
    expect(((await staffOnly.json()) as { error: { code: string } }).error.code).toBe('csrf_rejected');

    const passed: string[] = [];
    for (const route of calls) {
      const response = await callApiWithCookie(route, 'valid');
      if (response.status === 401 || response.status === 403) passed.push(`${route.method} ${route.path}: ${response.status} with a valid token`);
      await response.arrayBuffer();
    }
    expect(passed).toEqual([]);
    process.stderr.write(`[csrf] ${calls.length} JSON API routes × ${refusals.length} forged cookie calls refused\n`);
  }, 180_000);
});
