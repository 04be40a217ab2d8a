import crypto from 'node:crypto';
import type { Database } from '../../lib/db';
import { signedInStaff } from '../support/staff';
import { DEFAULT_REPORTING_TIERS } from '../../domain/tiers';
import { getJson, insertApplication as insertApplicationRow, isoDay, postJson } from '../support/fixtures';
import type { Client } from '@temporalio/client';
import { connectClient, startTestStack, testConfig, type TestStack } from '../support/stack';

// The routers over real HTTP and PostgreSQL, mounted as services/api/app.ts mounts the others.

let db: Database;
let stack: TestStack;
let baseUrl: string;

type Role = 'admin' | 'caseworker';
const staff = {} as Record<Role, { email: string; headers: Record<string, string> }>;

beforeAll(async () => {
  stack = await startTestStack({ worker: false });
  db = stack.db;
  baseUrl = `${stack.baseUrl}/api/v1`;

  staff.admin = await signedInStaff(stack, ['admin']);
  staff.caseworker = await signedInStaff(stack, ['caseworker']);
});

afterAll(async () => {
  await stack?.stop();
});

const as = (role: Role) => staff[role].headers;
const url = (path: string) => `${baseUrl}${path}`;

async function patchJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url(path), { method: 'PATCH', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
const uniqueSlug = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

function roundBody(overrides: Record<string, unknown> = {}) {
  return {
    slug: uniqueSlug('paragraf-18'),
    scheme: 'paragraf-18',
    name: '§18-puljen 2027',
    description: 'Tilskud til frivilligt socialt arbejde.',
    budget: 1_000_000,
    maxAmount: 50_000,
    opensAt: days(-1),
    closesAt: days(60),
    mode: 'deadline',
    targetGroups: ['lonely', 'older_people'],
    excludedCostCategories: ['wages', 'premises'],
    decisionCriteria: [{ code: 'target_group', label: { da: 'Aktiviteten når kun få i målgruppen.', nb: 'Aktiviteten når bare få i målgruppen.', en: 'The activity reaches few in the target group.' } }],
    processSettings: { answerDeadline: 'P10D', reportDue: { kind: 'fixed_date_next_year', month: 4, day: 1 } },
    ...overrides,
  };
}

/** An application row for the round, as intake would store it (no workflow needed here). */
function insertApplication(roundId: string) {
  return insertApplicationRow(db, roundId);
}

describe('creating a funding round', () => {
  it('201 with the round in whole kroner, every duration filled in, amounts stored in øre', async () => {
    const body = roundBody();
    const created = await postJson(url('/rounds'), body, as('admin'));
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/rounds/${created.body.id}`);
    expect(created.body).toMatchObject({
      slug: body.slug,
      budget: 1_000_000,
      maxAmount: 50_000,
      fourEyesThreshold: 50_000,
      mode: 'deadline',
      opensAt: new Date(body.opensAt).toISOString(),
      closesAt: new Date(body.closesAt).toISOString(),
      targetGroups: ['lonely', 'older_people'],
      reportingTiers: DEFAULT_REPORTING_TIERS,
      decisionCriteria: body.decisionCriteria,
      applicationCount: 0,
    });
    expect(created.body.processSettings).toEqual({
      answerDeadline: 'P10D',
      answerReminders: ['P7D', 'P12D'],
      decisionTarget: 'P30D',
      payoutAfter: 'P5D',
      reportDue: { kind: 'fixed_date_next_year', month: 4, day: 1 },
      reportOpensBeforeDue: 'P30D',
      reportReminders: ['-P30D', 'P0D', 'P14D'],
      reportEscalationAfter: 'P21D',
      reportResubmissionDeadline: 'P30D',
      reconsiderationPeriod: 'P4W',
      repaymentDue: 'P30D',
      repaymentReminders: ['-P7D', 'P7D'],
      acceptancePeriod: 'P30D',
      acceptanceReminders: ['-P7D'],
    });
    const stored = await db.fundingRound.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(stored.budgetOre).toBe(100_000_000n);
    expect(stored.fourEyesThresholdOre).toBe(5_000_000n);

    const read = await getJson(url(`/rounds/${created.body.id}`), as('caseworker'));
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('refuses a duplicate slug with 409 and a field issue', async () => {
    const body = roundBody();
    expect((await postJson(url('/rounds'), body, as('admin'))).status).toBe(201);
    const again = await postJson(url('/rounds?lang=en'), { ...body, name: 'Another' }, as('admin'));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'slug_taken', issues: [{ path: 'slug', message: expect.stringContaining('short name already exists') }] });
  });

  it('400 with one issue per broken rule, in the caller’s language', async () => {
    const response = await postJson(
      url('/rounds'),
      roundBody({
        slug: 'Pulje 2027',
        maxAmount: 2_000_000,
        closesAt: days(-2),
        targetGroups: ['lonely', 'lonely'],
        excludedCostCategories: ['champagne'],
        reportingTiers: [{ upToKroner: 10_000, requirement: 'declaration', applicationDocuments: [] }],
        decisionCriteria: [
          { code: 'a', label: { da: 'A', nb: 'A', en: 'A' } },
          { code: 'a', label: { da: 'B', nb: 'B', en: 'B' } },
        ],
        processSettings: { answerDeadline: 'soon', answerDeadlline: 'P3D' },
        budgt: 5,
      }),
      as('admin'),
    );
    expect(response.status).toBe(400);
    const issues = Object.fromEntries((response.body.error.issues as { path: string; message: string }[]).map((issue) => [issue.path, issue.message]));
    expect(issues).toMatchObject({
      slug: expect.stringContaining('små bogstaver'),
      targetGroups: expect.stringContaining('mere end én gang'),
      'excludedCostCategories.0': expect.any(String),
      'reportingTiers.0.upToKroner': expect.any(String),
      'decisionCriteria.1.code': expect.stringContaining('mere end én gang'),
      'processSettings.answerDeadline': expect.any(String),
      processSettings: expect.stringContaining('answerDeadlline'),
      '': expect.stringContaining('budgt'),
    });
  });

  it('needs a label on every decision criterion in every language: a letter cites it in the association’s language', async () => {
    const response = await postJson(url('/rounds'), roundBody({ decisionCriteria: [{ code: 'reach', label: { en: 'Reaches few' } }] }), as('admin'));
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual([
      { path: 'decisionCriteria.0.label.da', message: 'Feltet skal udfyldes.' },
      { path: 'decisionCriteria.0.label.nb', message: 'Feltet skal udfyldes.' },
    ]);
  });

  it('checks the rules between fields', async () => {
    const deadlineWithoutEnd = await postJson(url('/rounds?lang=en'), roundBody({ closesAt: undefined, maxAmount: 2_000_000 }), as('admin'));
    expect(deadlineWithoutEnd.status).toBe(400);
    expect(deadlineWithoutEnd.body.error.issues).toEqual([
      { path: 'closesAt', message: 'A round with a deadline needs a closing time (closesAt).' },
      { path: 'maxAmount', message: 'The maximum amount per application cannot be more than the round’s budget.' },
    ]);
    const closesFirst = await postJson(url('/rounds?lang=nb'), roundBody({ opensAt: days(10), closesAt: days(5) }), as('admin'));
    expect(closesFirst.body.error.issues).toEqual([{ path: 'closesAt', message: 'Puljen må stenge etter at den åpner.' }]);
    const continuous = await postJson(url('/rounds'), roundBody({ mode: 'continuous', closesAt: null }), as('admin'));
    expect(continuous.status).toBe(201);
    expect(continuous.body.closesAt).toBeNull();
  });

  it('is for administrators: 401 without a session, 403 for a caseworker', async () => {
    expect((await postJson(url('/rounds'), roundBody())).status).toBe(401);
    const forbidden = await postJson(url('/rounds'), roundBody(), as('caseworker'));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');
  });
});

describe('reading rounds', () => {
  it('staff list every round at /admin/rounds; the public list still shows open rounds only', async () => {
    const open = await postJson(url('/rounds'), roundBody(), as('admin'));
    const future = await postJson(url('/rounds'), roundBody({ opensAt: days(30), closesAt: days(90) }), as('admin'));
    const listed = await getJson(url('/admin/rounds'), as('caseworker'));
    expect(listed.status).toBe(200);
    const ids = (listed.body.rounds as { id: string }[]).map((round) => round.id);
    expect(ids).toEqual(expect.arrayContaining([open.body.id, future.body.id]));

    const publicList = await getJson(url('/rounds'));
    expect(publicList.status).toBe(200);
    const publicIds = (publicList.body.rounds as { id: string }[]).map((round) => round.id);
    expect(publicIds).toContain(open.body.id);
    expect(publicIds).not.toContain(future.body.id);
    expect(publicList.body.rounds.find((round: { id: string }) => round.id === open.body.id)).not.toHaveProperty('processSettings');
    expect((await getJson(url('/admin/rounds'))).status).toBe(401);
  });

  it('shows a round made before this API with the settings that apply to it', async () => {
    const legacy = await db.fundingRound.create({
      data: { slug: uniqueSlug('legacy'), name: 'Gammel pulje', budgetOre: 100_000_00n, maxAmountOre: 10_000_00n, opensAt: new Date() },
    });
    const read = await getJson(url(`/rounds/${legacy.id}`), as('caseworker'));
    expect(read.body).toMatchObject({ reportingTiers: DEFAULT_REPORTING_TIERS, decisionCriteria: [], processSettings: { answerDeadline: 'P14D' } });
  });

  it('404 for a round that does not exist; 401 without a session', async () => {
    expect((await getJson(url(`/rounds/${crypto.randomUUID()}`), as('caseworker'))).status).toBe(404);
    expect((await getJson(url('/rounds/not-a-round'), as('caseworker'))).status).toBe(404);
    expect((await getJson(url(`/rounds/${crypto.randomUUID()}`))).status).toBe(401);
  });
});

describe('a closing date as people mean it', () => {
  it('stores a closing date as the end of that day in Danish time, and the landing page shows the date alone', async () => {
    const body = roundBody({ slug: uniqueSlug('nytaar'), name: 'Nytårspuljen 2028', opensAt: '2026-01-01', closesAt: '2028-01-01' });
    const created = await postJson(url('/rounds'), body, as('admin'));
    expect(created.status).toBe(201);
    expect(created.body.closesAt).toBe('2028-01-01T22:59:59.999Z');
    expect(created.body.opensAt).toBe('2025-12-31T23:00:00.000Z');
    const stored = await db.fundingRound.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(stored.closesAt?.toISOString()).toBe('2028-01-01T22:59:59.999Z');

    // The same date sent again is no change (the deadline is the same instant).
    const again = await patchJson(`/rounds/${created.body.id}`, { closesAt: '2028-01-01' }, as('admin'));
    expect(again.status).toBe(200);
    expect(again.body.closesAt).toBe('2028-01-01T22:59:59.999Z');

    const landing = await fetch(`${stack.baseUrl}/`);
    const page = await landing.text();
    const section = page.slice(page.indexOf('Nytårspuljen 2028'));
    expect(section.slice(0, section.indexOf('</section>'))).toMatch(/1\. januar 2028(?! kl)/);
    // Its own card: other suites' rounds in the shared database show on the same page.
    expect(section.slice(0, section.indexOf('</section>'))).not.toContain('00.59');
    expect(page).not.toMatch(/1\. januar 2028 kl\./);
  });

  it('refuses a closing that is neither a date nor a time with its zone, in the caller’s language', async () => {
    const refused = await postJson(url('/rounds?lang=en'), roundBody({ closesAt: '2028-02-30' }), as('admin'));
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues).toEqual([{ path: 'closesAt', message: 'Give a date (YYYY-MM-DD) or a time with its time zone, e.g. 2028-01-01T12:00:00+01:00.' }]);
    const noZone = await postJson(url('/rounds'), roundBody({ closesAt: '2028-01-01T12:00:00' }), as('admin'));
    expect(noZone.body.error.issues).toEqual([{ path: 'closesAt', message: 'Skriv en dato (ÅÅÅÅ-MM-DD) eller et tidspunkt med tidszone, fx 2028-01-01T12:00:00+01:00.' }]);
  });
});

describe('changing a round', () => {
  it('changes only what is sent; one duration leaves the others as they were', async () => {
    const created = await postJson(url('/rounds'), roundBody({ processSettings: { answerDeadline: 'P10D', decisionTarget: 'P20D' } }), as('admin'));
    const changed = await patchJson(`/rounds/${created.body.id}`, { name: 'Nyt navn', maxAmount: 40_000, processSettings: { answerDeadline: 'P7D' } }, as('admin'));
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Nyt navn', maxAmount: 40_000, budget: 1_000_000, slug: created.body.slug, description: created.body.description });
    expect(changed.body.processSettings).toEqual({ ...created.body.processSettings, answerDeadline: 'P7D', decisionTarget: 'P20D' });
    expect((await db.fundingRound.findUniqueOrThrow({ where: { id: created.body.id } })).maxAmountOre).toBe(4_000_000n);
  });

  it('checks the rules between fields against the round as it will be', async () => {
    const created = await postJson(url('/rounds'), roundBody({ budget: 100_000, maxAmount: 50_000 }), as('admin'));
    const overBudget = await patchJson(`/rounds/${created.body.id}`, { maxAmount: 150_000 }, as('admin'));
    expect(overBudget.status).toBe(400);
    expect(overBudget.body.error.issues).toEqual([{ path: 'maxAmount', message: expect.stringContaining('budget') }]);
    const noDeadline = await patchJson(`/rounds/${created.body.id}`, { closesAt: null }, as('admin'));
    expect(noDeadline.body.error.issues).toEqual([{ path: 'closesAt', message: expect.any(String) }]);
    const unknownField = await patchJson(`/rounds/${created.body.id}`, { processSettings: { answerDeadlne: 'P3D' } }, as('admin'));
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.issues[0].path).toBe('processSettings');
  });

  it('refuses a slug another round has', async () => {
    const first = await postJson(url('/rounds'), roundBody(), as('admin'));
    const second = await postJson(url('/rounds'), roundBody(), as('admin'));
    const clash = await patchJson(`/rounds/${second.body.id}`, { slug: first.body.slug }, as('admin'));
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({ code: 'slug_taken', issues: [{ path: 'slug' }] });
  });

  it('may switch the mode until the first application, then refuses with 409', async () => {
    const created = await postJson(url('/rounds'), roundBody({ mode: 'continuous' }), as('admin'));
    const switched = await patchJson(`/rounds/${created.body.id}`, { mode: 'deadline' }, as('admin'));
    expect(switched.status).toBe(200);
    expect(switched.body.mode).toBe('deadline');

    await insertApplication(created.body.id);
    const refused = await patchJson(`/rounds/${created.body.id}?lang=en`, { mode: 'continuous' }, as('admin'));
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'round_in_use', issues: [{ path: 'mode', message: expect.stringContaining('once the round has applications') }] });
    expect((await db.fundingRound.findUniqueOrThrow({ where: { id: created.body.id } })).mode).toBe('deadline');

    // The deadline round's own process took its closing time and budget with the first application.
    const moved = await patchJson(`/rounds/${created.body.id}`, { closesAt: days(90), budget: 2_000_000 }, as('admin'));
    expect(moved.status).toBe(409);
    expect(moved.body.error.issues.map((issue: { path: string }) => issue.path)).toEqual(['closesAt', 'budget']);

    // Sending the mode it already has, or changing what cases do not depend on, is fine.
    const harmless = await patchJson(`/rounds/${created.body.id}`, { mode: 'deadline', closesAt: created.body.closesAt, description: 'Ny tekst' }, as('admin'));
    expect(harmless.status).toBe(200);
    expect(harmless.body).toMatchObject({ description: 'Ny tekst', applicationCount: 1 });
  });

  it('is for administrators, and 404 for a round that does not exist', async () => {
    const created = await postJson(url('/rounds'), roundBody(), as('admin'));
    expect((await patchJson(`/rounds/${created.body.id}`, { name: 'x' }, as('caseworker'))).status).toBe(403);
    expect((await patchJson(`/rounds/${created.body.id}`, { name: 'x' })).status).toBe(401);
    expect((await patchJson(`/rounds/${crypto.randomUUID()}`, { name: 'x' }, as('admin'))).status).toBe(404);
  });
});

const FRAME = {
  legalBasis: 'serviceloven § 18',
  guidelines: { name: 'Retningslinjer for § 18-puljen 2027', adoptedOn: '2026-11-20', adoptedBy: 'Social- og Sundhedsudvalget', url: 'https://eksempel.dk/retningslinjer' },
  decisionMaker: { kind: 'committee', body: 'Social- og Sundhedsudvalget', meetingDate: '2027-03-10' },
  complaintGuidance: { en: 'Our own guidance.' },
  contact: { name: 'Lise Frandsen', phone: '55 36 10 10', email: 'puljer@eksempel.dk' },
};

describe('the legal frame of a round', () => {
  it('is stored as sent and read back; in development and tests the blanks get the shipped § 18 frame', async () => {
    const created = await postJson(url('/rounds'), roundBody({ legalFrame: FRAME }), as('admin'));
    expect(created.status).toBe(201);
    expect(created.body.legalFrame).toEqual(FRAME);

    const bare = await postJson(url('/rounds'), roundBody(), as('admin'));
    expect(bare.status).toBe(201);
    expect(bare.body.legalFrame).toMatchObject({
      legalBasis: 'serviceloven § 18',
      guidelines: { adoptedBy: 'Social- og Sundhedsudvalget' },
      decisionMaker: { kind: 'delegation', body: 'Social- og Sundhedsudvalget' },
      contact: { name: stack.config.MUNICIPALITY_DEPARTMENT, phone: stack.config.MUNICIPALITY_PHONE, email: stack.config.MUNICIPALITY_EMAIL },
    });

    // A change to the frame replaces it as a whole.
    const changed = await patchJson(`/rounds/${created.body.id}`, { legalFrame: { ...FRAME, decisionMaker: { kind: 'delegation', body: 'Byrådet' }, complaintGuidance: {} } }, as('admin'));
    expect(changed.status).toBe(200);
    expect(changed.body.legalFrame).toEqual({ ...FRAME, decisionMaker: { kind: 'delegation', body: 'Byrådet' }, complaintGuidance: {} });
  });

  it('refuses a malformed frame with the field named', async () => {
    const response = await postJson(url('/rounds?lang=en'), roundBody({ legalFrame: { ...FRAME, contact: { ...FRAME.contact, email: 'not an address' }, decisionMaker: { kind: 'mayor' } } }), as('admin'));
    expect(response.status).toBe(400);
    expect(response.body.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['legalFrame.contact.email', 'legalFrame.decisionMaker.kind']);
  });
});

describe('in production', () => {
  let production: TestStack;
  let admin: Record<string, string>;
  let plainTemporal: Client;

  beforeAll(async () => {
    const config = testConfig({
      NODE_ENV: 'production',
      COOKIE_SECRET: 'a-production-secret-of-at-least-32-characters',
      BUSINESS_REGISTER: 'cvr',
      CVR_REGISTER_USERNAME: 'test',
      CVR_REGISTER_PASSWORD: 'test',
      SEED_DEMO_DATA: 'false',
      PUBLIC_BASE_URL: 'https://tilskud.example.dk',
      METRICS_TOKEN: 'a-metrics-token-of-at-least-32-characters',
      MUNICIPALITY_ACCOUNT: '1234 0012345678',
      TEMPORAL_TLS: 'true',
      TEMPORAL_PAYLOAD_KEYS: process.env.TEMPORAL_PAYLOAD_KEYS!,
    });
    // The test's Temporal dev server speaks no TLS: the API reaches it over a client of the test setup's own.
    plainTemporal = await connectClient(testConfig());
    production = await startTestStack({ worker: false, config, temporal: plainTemporal });
    admin = (await signedInStaff(production, ['admin'])).headers;
  });

  afterAll(async () => {
    await production?.stop();
    await plainTemporal?.connection.close();
  });

  it('refuses to open a round without its legal frame (what its scheme leaves to it): 400 naming each missing field in the caller’s language, nothing stored', async () => {
    const body = roundBody({ legalFrame: { legalBasis: 'serviceloven § 18', contact: { name: 'Lise Frandsen' } } });
    const refused = await postJson(`${production.baseUrl}/api/v1/rounds`, body, admin);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('legal_frame_incomplete');
    expect(refused.body.error.message).toContain('retlige ramme');
    const issues = Object.fromEntries((refused.body.error.issues as { path: string; message: string }[]).map((issue) => [issue.path, issue.message]));
    // The guidelines and who decides come from the round's scheme (§ 18); the contact person is the round's own.
    expect(issues).toEqual({
      'legalFrame.contact.phone': 'Skriv kontaktpersonens telefonnummer.',
      'legalFrame.contact.email': 'Skriv kontaktpersonens e-mailadresse.',
    });
    expect(await production.db.fundingRound.count({ where: { slug: body.slug } })).toBe(0);

    const english = await postJson(`${production.baseUrl}/api/v1/rounds?lang=en`, roundBody({ legalFrame: { ...FRAME, decisionMaker: { kind: 'committee', body: 'Social- og Sundhedsudvalget' } } }), admin);
    expect(english.status).toBe(400);
    expect(english.body.error.issues).toEqual([{ path: 'legalFrame.decisionMaker.meetingDate', message: 'Enter the date of the committee meeting at which the decision is made.' }]);

    const complete = await postJson(`${production.baseUrl}/api/v1/rounds`, roundBody({ legalFrame: FRAME }), admin);
    expect(complete.status).toBe(201);
    expect(complete.body.legalFrame).toEqual(FRAME);

    // Removing a part of the frame later is refused the same way, and the round stays as it was.
    const removed = await fetch(`${production.baseUrl}/api/v1/rounds/${complete.body.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...admin },
      body: JSON.stringify({ name: 'Nyt navn', legalFrame: { ...FRAME, contact: {} } }),
    });
    expect(removed.status).toBe(400);
    const stored = await production.db.fundingRound.findUniqueOrThrow({ where: { id: complete.body.id } });
    expect(stored.name).toBe(complete.body.name);
    expect((stored.legalFrame as { contact: unknown }).contact).toEqual(FRAME.contact);
  });
});
