import crypto from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEFAULT_REPORTING_TIERS } from '../../domain/tiers';
import { generateAccessToken, sha256Hex } from '../../lib/tokens';
import { randomCvr } from '../support/organisation';
import { accessibilityViolations, launchBrowser, newContext, screenshots, type Screenshots } from '../support/browser';
import { applicationBody, createOpenRound, eventually, getJson, insertApplication, isoDay, postJson } from '../support/fixtures';
import { submitCase, waitForStatus, type SubmittedCase } from '../support/process';
import { routesOfStack } from '../support/routes';
import { samplePdf } from '../support/sample-files';
import { signedInStaff, signInThroughPage } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// Every page a person can reach, public and staff, at a desktop and a phone's size: axe-core
// (WCAG 2.0/2.1 A and AA) must find nothing on any of them. The pages are found from the page
// routers; the last test checks that every page route was visited, so a new page cannot be
// left out unnoticed.

jest.setTimeout(900_000);

const VIEWPORTS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
] as const;

/** Page routes that are no page to check: files, redirects, and sign-in through a provider not configured here. */
const NOT_PAGES: Record<string, string> = {
  'GET /favicon.ico': 'an icon',
  'GET /sag/:id/afgoerelse.pdf': 'a PDF (its text is checked in the letter tests)',
  'GET /sag/:id/ansoegning.pdf': 'a PDF (the copy of the submitted application; its text and tags are checked in the application-copy tests)',
  'GET /sag/:id/dokumenter/:documentId': 'a download',
  'GET /forening/dokumenter/:documentId': 'a download (of a document the organisation keeps)',
  'GET /kladde/:id': 'redirects to the step the draft is at (or takes the private link)',
  'GET /personale': 'redirects to the queue or the sign-in page',
  'GET /personale/kladder/:id/aabn': 'opens a draft the volunteer centre prepared in the helper’s browser (redirects to its first step; tests/browser/helper-drafts.test.ts sweeps the pages)',
  'GET /personale/log-ind/oidc': 'redirects to the identity provider (none configured in the tests)',
  'GET /personale/log-ind/oidc/retur': 'the identity provider’s return (none configured in the tests)',
  'GET /forening/log-ind/oidc': 'redirects to the organisations’ identity provider (tests/integration/organisation-oidc.test.ts checks the sign-in page with its button and the refusal)',
  'GET /forening/log-ind/oidc/retur': 'the organisations’ identity provider’s return (tests/integration/organisation-oidc.test.ts checks its refusal page)',
  'GET /healthz': 'the health check (JSON)',
  'GET /metrics': 'Prometheus metrics (text)',
  'GET /puljer.ics': 'the rounds’ calendar feed (iCalendar; its fields are checked in the round-alert tests)',
  'GET /puljer/:file': 'a round’s calendar file (iCalendar)',
};

interface Checked {
  route: string;
  name: string;
  viewport: string;
  /** How wide the page is laid out (wider than the window: it scrolls sideways, e.g. for a wide table). */
  width: number;
  violations: string[];
}

let stack: TestStack;
let browser: Browser;
let shots: Screenshots;
const checked: Checked[] = [];
/** Cases in several states, shown on the association's case page and on the staff's. */
const cases: Record<string, SubmittedCase> = {};
/** A deadline round that closes while the public pages are checked, with cases to allocate. */
let deadlineRound: { id: string };

const api = (path: string) => `${stack.baseUrl}/api/v1${path}`;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  shots = screenshots('axe-sweep');
  deadlineRound = await createOpenRound(stack.db, { mode: 'deadline', budget: 60_000, maxAmount: 60_000, closesAt: new Date(Date.now() + 20_000), process: { answerDeadline: '1h', answerReminders: [] } });
  for (const amount of [30_000, 20_000]) await submitCase(stack, deadlineRound.id, { amountRequested: amount, budget: { lines: [{ category: 'food', description: 'Råvarer', amount }], cofinancing: [] } });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  const lines = checked.map((entry) => `  ${entry.violations.length ? '✗' : '✓'} ${entry.viewport.padEnd(9)} ${entry.route.padEnd(48)} ${entry.name}${entry.width > Number(entry.viewport.split('x')[0]) ? ` (laid out ${entry.width} px wide)` : ''}`);
  process.stderr.write(`[axe-sweep] ${checked.length} checks of ${new Set(checked.map((entry) => entry.name)).size} pages:\n${lines.join('\n')}\n`);
});

/** axe at both sizes on the page as it is now; the violations, named by page and size. */
async function sweep(page: Page, route: string, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    const size = `${viewport.width}x${viewport.height}`;
    await shots.take(page, `${name}-${size}`);
    const violations = await accessibilityViolations(page);
    const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
    checked.push({ route, name, viewport: size, width, violations });
    found.push(...violations.map((violation) => `${name} at ${size}: ${violation}`));
  }
  await page.setViewportSize(VIEWPORTS[0]);
  return found;
}

/** Opens a page (it must answer 200 and stay at its address) and sweeps it. */
async function visit(page: Page, route: string, name: string, path: string): Promise<string[]> {
  const response = await page.goto(`${stack.baseUrl}${path}`);
  expect([name, response?.status()]).toEqual([name, 200]);
  expect([name, new URL(page.url()).pathname]).toEqual([name, path.split(/[?#]/)[0]]);
  return sweep(page, route, name);
}

async function submitForm(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.locator(selector).click()]);
}

const next = (page: Page) => submitForm(page, '.gf-form-actions button[value="next"]');

describe('the public pages', () => {
  let context: BrowserContext;
  let page: Page;
  let round: { id: string; slug: string };

  beforeAll(async () => {
    round = await createOpenRound(stack.db, { excludedCostCategories: ['wages', 'premises'], reportingTiers: [...DEFAULT_REPORTING_TIERS] });
    context = await newContext(browser);
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('landing, pre-check, the stop page, glossary, privacy and accessibility statement', async () => {
    const found = [
      ...(await visit(page, 'GET /', 'landing', '/')),
      ...(await visit(page, 'GET /ansoeg/:slug', 'precheck', `/ansoeg/${round.slug}`)),
    ];
    await submitForm(page, 'main button[type="submit"]');
    found.push(...(await sweep(page, 'POST /ansoeg/:slug', 'precheck-errors')));
    await page.locator('#f-precheck-applicant-1').check();
    for (const question of ['social', 'finished', 'children']) await page.locator(`#f-precheck-${question}-0`).check();
    await submitForm(page, 'main button[type="submit"]');
    expect(new URL(page.url()).pathname).toBe(`/ansoeg/${round.slug}/kan-ikke-soege`);
    found.push(...(await sweep(page, 'GET /ansoeg/:slug/kan-ikke-soege', 'cannot-apply')));
    found.push(...(await visit(page, 'GET /ordliste', 'glossary', '/ordliste')));
    found.push(...(await visit(page, 'GET /privatliv', 'privacy', '/privatliv')));
    found.push(...(await visit(page, 'GET /tilgaengelighed', 'accessibility-statement', '/tilgaengelighed')));
    // In the other languages too (Danish terms in them are marked lang="da"); then back to Danish.
    found.push(...(await visit(page, 'GET /', 'landing-nb', '/?lang=nb')));
    found.push(...(await visit(page, 'GET /ordliste', 'glossary-en', '/ordliste?lang=en')));
    await page.goto(`${stack.baseUrl}/?lang=da`);
    expect(found).toEqual([]);
  });

  it('the round catalogue, its subscription form with an error, and the subscription pages', async () => {
    // A confirmation link of its own: its page shows the button (the link works until confirmed).
    const token = crypto.randomBytes(32).toString('base64url');
    await stack.db.roundSubscription.create({
      data: { email: `axe-${crypto.randomUUID().slice(0, 8)}@example.dk`, language: 'da', allSchemes: true, tokens: { create: { tokenHash: sha256Hex(token), purpose: 'confirm' } } },
    });
    const found = [...(await visit(page, 'GET /puljer', 'round-catalogue', '/puljer'))];
    await page.locator('#f-email').fill('ikke-en-adresse');
    await page.locator('#f-omfang-1').check();
    await submitForm(page, '.gf-subscribe button[type="submit"]');
    found.push(...(await sweep(page, 'POST /puljer/abonnement', 'round-subscribe-errors')));
    found.push(...(await visit(page, 'GET /puljer/abonnement/sendt', 'round-subscription-sent', '/puljer/abonnement/sendt')));
    found.push(...(await visit(page, 'GET /puljer/abonnement/bekraeft', 'round-subscription-confirm', `/puljer/abonnement/bekraeft?adgang=${token}`)));
    found.push(...(await visit(page, 'GET /puljer/afmeld', 'round-unsubscribe', `/puljer/afmeld?adgang=${token}`)));
    found.push(...(await visit(page, 'GET /puljer', 'round-catalogue-en', '/puljer?lang=en')));
    await page.goto(`${stack.baseUrl}/?lang=da`);
    expect(found).toEqual([]);
  });

  it('every step of the form, empty and with its errors, the documents, the summary, save for later and the receipt', async () => {
    await page.goto(`${stack.baseUrl}/ansoeg/${round.slug}`);
    for (const question of ['applicant', 'social', 'finished', 'children']) await page.locator(`#f-precheck-${question}-0`).check();
    await submitForm(page, 'main button[type="submit"]');
    const draft = /\/kladde\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
    const found: string[] = [];
    for (const step of ['forening', 'kontakt', 'aktivitet', 'budget', 'erklaeringer']) {
      found.push(...(await visit(page, 'GET /kladde/:id/trin/:step', `step-${step}`, `/kladde/${draft}/trin/${step}`)));
      found.push(...(await visit(page, 'GET /kladde/:id/trin/:step', `step-${step}-errors`, `/kladde/${draft}/trin/${step}?tjek=1`)));
    }
    found.push(...(await visit(page, 'GET /kladde/:id/opsummering', 'summary-missing', `/kladde/${draft}/opsummering`)));
    found.push(...(await visit(page, 'GET /kladde/:id/gem', 'save-for-later', `/kladde/${draft}/gem`)));

    // Filled in, step by step, to the documents, the summary and the receipt.
    await page.goto(`${stack.baseUrl}/kladde/${draft}/trin/forening`);
    await page.locator('#f-organization-cvr').fill('13748136');
    await page.locator('#f-organization-name').fill('Foreningen Fælles Bord');
    await page.locator('#f-organization-email').fill('kasserer@faellesbord.dk');
    await next(page);
    await page.locator('#f-contact-name').fill('Inge Hansen');
    await page.locator('#f-contact-email').fill('inge@faellesbord.dk');
    await next(page);
    await page.locator('#f-project-title').fill('Fællesspisning for ensomme ældre');
    await page.locator('#f-project-purpose').fill('Et ugentligt måltid, der bryder ensomheden.');
    await page.locator('#f-project-targetGroup-0').check();
    await page.locator('#f-project-activities').fill('Vi laver mad sammen hver torsdag.');
    const typed = (days: number) => isoDay(days).split('-').reverse().join('.');
    await page.locator('#f-project-startDate').fill(typed(30));
    await page.locator('#f-project-endDate').fill(typed(120));
    await page.locator('#f-project-volunteers').fill('8');
    await page.locator('#f-project-expectedParticipants').fill('40');
    await page.locator('#f-project-isNew-0').check();
    await next(page);
    await page.locator('#f-budget-lines-0-category').selectOption('food');
    await page.locator('#f-budget-lines-0-description').fill('Råvarer');
    await page.locator('#f-budget-lines-0-amount').fill('7000');
    await page.locator('#f-budget-lines-1-category').selectOption('wages');
    await page.locator('#f-budget-lines-1-description').fill('Kok');
    await page.locator('#f-budget-lines-1-amount').fill('2000');
    await page.locator('#f-amountRequested').fill('9000');
    // The excluded category pointed out as it is chosen, then refused on saving.
    found.push(...(await sweep(page, 'GET /kladde/:id/trin/:step', 'step-budget-excluded-warning')));
    await next(page);
    found.push(...(await sweep(page, 'GET /kladde/:id/trin/:step', 'step-budget-excluded-error')));
    await submitForm(page, 'button[name="remove-line"][value="1"]');
    await page.locator('#f-amountRequested').fill('7000');
    await next(page);
    await page.locator('#f-declarations-truthful').check();
    await next(page);
    expect(new URL(page.url()).pathname).toBe(`/kladde/${draft}/dokumenter`);
    found.push(...(await sweep(page, 'GET /kladde/:id/dokumenter', 'documents')));
    await page.locator('#f-statutes').setInputFiles({ name: 'vedtaegter.pdf', mimeType: 'application/pdf', buffer: await samplePdf('Vedtægter') });
    await next(page);
    expect(new URL(page.url()).pathname).toBe(`/kladde/${draft}/opsummering`);
    found.push(...(await sweep(page, 'GET /kladde/:id/opsummering', 'summary-complete')));
    await submitForm(page, 'main form[action$="/send"] button[type="submit"]');
    expect(new URL(page.url()).pathname).toBe(`/kladde/${draft}/kvittering`);
    found.push(...(await sweep(page, 'GET /kladde/:id/kvittering', 'receipt')));
    expect(found).toEqual([]);
  });
});

describe('the association’s case page by its private link', () => {
  let context: BrowserContext;
  let page: Page;
  let caseworker: Awaited<ReturnType<typeof signedInStaff>>;

  async function open(submitted: SubmittedCase): Promise<void> {
    await page.goto(`${stack.baseUrl}/sag/${submitted.id}?adgang=${submitted.accessToken}`);
    expect(new URL(page.url()).pathname).toBe(`/sag/${submitted.id}`);
  }

  async function statusIs(submitted: SubmittedCase, status: string): Promise<void> {
    await eventually(async () => ((await stack.db.application.findUniqueOrThrow({ where: { id: submitted.id } })).status === status ? true : undefined), `${submitted.reference} ${status}`);
  }

  beforeAll(async () => {
    // Paid out a month after the decision, and a month to ask for reconsideration: the pages in between stay.
    // Above 20.000 kr. a grant needs a second signature.
    const round = await createOpenRound(stack.db, { fourEyesThreshold: 20_000, process: { answerDeadline: '1h', answerReminders: ['30m'], payoutAfter: 'P30D', reconsiderationPeriod: 'P30D' } });
    caseworker = await signedInStaff(stack, ['caseworker']);
    for (const name of ['received', 'asked', 'granted', 'refused']) cases[name] = await submitCase(stack, round.id, { amountRequested: 12_000 });
    cases.approval = await submitCase(stack, round.id, { amountRequested: 30_000, budget: { lines: [{ category: 'food', description: 'Råvarer', amount: 30_000 }], cofinancing: [] } });
    for (const submitted of Object.values(cases)) await waitForStatus(submitted.handle, 'IN_QUEUE');
    for (const name of ['asked', 'granted', 'refused', 'approval']) expect((await postJson(api(`/applications/${cases[name]!.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
    const toApprove = { outcome: 'approved', amountGranted: 30_000, reasons: { criteria: [], text: '' }, conditions: [] };
    expect((await postJson(api(`/applications/${cases.approval!.id}/decision`), toApprove, caseworker.headers)).status).toBe(200);
    const asked = await postJson(api(`/applications/${cases.asked!.id}/information-requests`), { items: ['Foreningens vedtægter'], message: 'Vi mangler jeres vedtægter.' }, caseworker.headers);
    expect(asked.status).toBe(201);
    const granted = { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: '' }, conditions: [] };
    expect((await postJson(api(`/applications/${cases.granted!.id}/decision`), granted, caseworker.headers)).status).toBe(200);
    const refused = { outcome: 'rejected', amountGranted: 0, reasons: { criteria: ['target_group'], text: 'Aktiviteten er for de få, der allerede kommer i foreningen.' }, conditions: [] };
    expect((await postJson(api(`/applications/${cases.refused!.id}/decision`), refused, caseworker.headers)).status).toBe(200);
    await statusIs(cases.asked!, 'AWAITING_APPLICANT');
    context = await newContext(browser);
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('received, waiting for an answer, granted and refused, and the withdraw and decline pages', async () => {
    const found: string[] = [];
    await open(cases.received!);
    found.push(...(await sweep(page, 'GET /sag/:id', 'case-received')));
    found.push(...(await visit(page, 'GET /sag/:id/traek-tilbage', 'case-withdraw', `/sag/${cases.received!.id}/traek-tilbage`)));
    await open(cases.asked!);
    found.push(...(await sweep(page, 'GET /sag/:id', 'case-awaiting-answer')));
    await open(cases.granted!);
    // The decline page opens once the decision has reached the case.
    await eventually(async () => {
      await page.goto(`${stack.baseUrl}/sag/${cases.granted!.id}/sig-nej-tak`);
      return new URL(page.url()).pathname.endsWith('/sig-nej-tak') ? true : undefined;
    }, 'the decline page');
    found.push(...(await sweep(page, 'GET /sag/:id/sig-nej-tak', 'case-decline')));
    await page.goto(`${stack.baseUrl}/sag/${cases.granted!.id}`);
    found.push(...(await sweep(page, 'GET /sag/:id', 'case-granted')));
    await open(cases.refused!);
    await eventually(async () => {
      await page.reload();
      return (await page.locator('#reconsideration-heading').count()) ? true : undefined;
    }, 'the reconsideration form');
    found.push(...(await sweep(page, 'GET /sag/:id', 'case-refused')));
    await open(cases.approval!);
    found.push(...(await sweep(page, 'GET /sag/:id', 'case-awaiting-approval')));
    expect(found).toEqual([]);
  });
});

describe('the signatory’s acceptance page, by its acceptance link', () => {
  it('waiting, refused for a name without signing rights, and accepted', async () => {
    const round = await createOpenRound(stack.db, { process: { acceptancePeriod: 'P30D', reconsiderationPeriod: 'P30D' } });
    const caseworker = await signedInStaff(stack, ['caseworker']);
    const submitted = await submitCase(stack, round.id, { amountRequested: 12_000, organization: { cvr: '99101377', name: 'Besøgsvennerne i Eksempelby', email: 'post@besoegsvennerne.dk' } });
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    expect((await postJson(api(`/applications/${submitted.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
    const grant = { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: '' }, conditions: ['Foreningen nævner kommunens tilskud på sine opslag.'] };
    expect((await postJson(api(`/applications/${submitted.id}/decision`), grant, caseworker.headers)).status).toBe(200);
    await waitForStatus(submitted.handle, 'AWAITING_ACCEPTANCE');
    // An acceptance link as the email to the signatory carries one.
    const token = crypto.randomBytes(32).toString('base64url');
    await stack.db.accessToken.create({ data: { tokenHash: sha256Hex(token), applicationId: submitted.id, purpose: 'acceptance' } });
    const context = await newContext(browser);
    const page = await context.newPage();
    const found: string[] = [];
    await page.goto(`${stack.baseUrl}/tilsagn/${submitted.id}?adgang=${token}`);
    expect(new URL(page.url()).pathname).toBe(`/tilsagn/${submitted.id}`);
    found.push(...(await sweep(page, 'GET /tilsagn/:id', 'acceptance')));
    await page.locator('#f-signerName').fill('Inge Hansen');
    await page.locator('#f-accept').check();
    await submitForm(page, 'form button[type="submit"]');
    expect(await page.locator('.form-error').count()).toBeGreaterThan(0);
    found.push(...(await sweep(page, 'GET /tilsagn/:id', 'acceptance-refused')));
    await page.locator('#f-signerName').fill('Bodil Jensen');
    await page.locator('#f-accept').check();
    await submitForm(page, 'form button[type="submit"]');
    expect(await page.locator('.alert-success').count()).toBe(1);
    found.push(...(await sweep(page, 'GET /tilsagn/:id', 'acceptance-accepted')));
    await context.close();
    expect(found).toEqual([]);
  });

  it('a sponsor’s confirmation of a self-organised group: waiting, with its errors, and confirmed', async () => {
    const round = await createOpenRound(stack.db, { informalGroups: 'sponsor' });
    const stored = await insertApplication(stack.db, round.id, { organizationName: 'Pårørendenetværket Eksempel Kommune' });
    await stack.db.application.update({ where: { id: stored.id }, data: { applicantKind: 'informalGroup', groupName: 'Strikkecaféen på Nørregade' } });
    // A confirmation link as the email to the sponsor carries one.
    const token = crypto.randomBytes(32).toString('base64url');
    await stack.db.sponsorship.create({ data: { applicationId: stored.id, tokenHash: sha256Hex(token), sponsorEmail: 'formand@paaroerende.example.dk', requestedAt: new Date() } });
    const context = await newContext(browser);
    const page = await context.newPage();
    const found: string[] = [];
    await page.goto(`${stack.baseUrl}/sponsorat/${stored.id}?adgang=${token}`);
    expect(new URL(page.url()).pathname).toBe(`/sponsorat/${stored.id}`);
    found.push(...(await sweep(page, 'GET /sponsorat/:id', 'sponsorship')));
    await submitForm(page, 'form button[type="submit"]');
    expect(await page.locator('.form-error').count()).toBeGreaterThan(0);
    found.push(...(await sweep(page, 'GET /sponsorat/:id', 'sponsorship-errors')));
    await page.locator('#f-confirmedBy').fill('Lise Holm, formand');
    await page.locator('#f-confirm').check();
    await submitForm(page, 'form button[type="submit"]');
    expect(await page.locator('.alert-success').count()).toBe(1);
    found.push(...(await sweep(page, 'GET /sponsorat/:id', 'sponsorship-confirmed')));
    await context.close();
    expect(found).toEqual([]);
  });
});

describe('the staff pages', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await newContext(browser);
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('the sign-in page, empty and with its error', async () => {
    const found = await visit(page, 'GET /personale/log-ind', 'sign-in', '/personale/log-ind');
    await page.locator('input[name="email"]').fill('ingen@eksempel.dk');
    await page.locator('input[name="password"]').fill('forkert-kodeord');
    await submitForm(page, 'main button[type="submit"]');
    found.push(...(await sweep(page, 'POST /personale/log-ind', 'sign-in-refused')));
    expect(found).toEqual([]);
  });

  it('casework, approvals, allocation, payouts, follow-up, statistics, profile and every admin page', async () => {
    const staff = await signedInStaff(stack, ['caseworker', 'approver', 'admin', 'politician'], 'Alle Roller');
    // The allocation page with the closed round's cases.
    await eventually(async () => ((await getJson(api(`/rounds/${deadlineRound.id}/allocation`), staff.headers)).body.status === 'CLOSED' ? true : undefined), 'the round to close', 60_000);
    await signInThroughPage(page, stack.baseUrl, staff, '/personale/sager');
    expect(new URL(page.url()).pathname).toBe('/personale/sager');
    const scheme = await stack.db.scheme.findFirstOrThrow();
    const account = await stack.db.staffUser.findUniqueOrThrow({ where: { email: staff.email } });
    const pages: [string, string, string][] = [
      ['GET /personale/sager', 'queue', '/personale/sager'],
      ...Object.entries(cases).map(([state, submitted]): [string, string, string] => ['GET /personale/sager/:id', `staff-case-${state}`, `/personale/sager/${submitted.id}`]),
      ['GET /personale/godkendelser', 'approvals', '/personale/godkendelser'],
      ['GET /personale/godkendelser/puljer/:roundId', 'allocation', `/personale/godkendelser/puljer/${deadlineRound.id}`],
      ['GET /personale/udbetalinger', 'payouts', '/personale/udbetalinger'],
      ['GET /personale/opfoelgning', 'follow-up', '/personale/opfoelgning'],
      ['GET /statistik', 'stats-dashboard', '/statistik'],
      ['GET /personale/profil', 'profile-ties', '/personale/profil'],
      ['GET /personale/admin', 'admin-home', '/personale/admin'],
      ['GET /personale/admin/ordninger', 'admin-schemes', '/personale/admin/ordninger'],
      ['GET /personale/admin/ordninger/ny', 'admin-scheme-new', '/personale/admin/ordninger/ny'],
      ['GET /personale/admin/ordninger/:id', 'admin-scheme', `/personale/admin/ordninger/${scheme.id}`],
      ['GET /personale/admin/puljer', 'admin-rounds', '/personale/admin/puljer'],
      ['GET /personale/admin/puljer/ny', 'admin-round-new', '/personale/admin/puljer/ny'],
      ['GET /personale/admin/puljer/:id', 'admin-round', `/personale/admin/puljer/${deadlineRound.id}`],
      ['GET /personale/admin/medarbejdere', 'admin-staff', '/personale/admin/medarbejdere'],
      ['GET /personale/admin/medarbejdere/:id', 'admin-staff-account', `/personale/admin/medarbejdere/${account.id}`],
      ['GET /personale/admin/adgangslog', 'admin-access-log', '/personale/admin/adgangslog'],
      ['GET /personale/admin/revisionslog', 'admin-audit-log', '/personale/admin/revisionslog'],
      ['GET /personale/admin/udbakke', 'admin-outbox', '/personale/admin/udbakke'],
      ['GET /personale/kladder', 'helper-drafts', '/personale/kladder'],
    ];
    const found: string[] = [];
    for (const [route, name, path] of pages) found.push(...(await visit(page, route, name, path)));
    expect(found).toEqual([]);
  });
});

describe('the organisation’s pages', () => {
  it('sign-in, its errors, the sent and link pages, the overview and the members page with an error', async () => {
    const number = randomCvr();
    const organisation = await stack.db.organisation.create({ data: { number, name: 'Foreningen Axe' } });
    const admin = await stack.db.organisationMember.create({ data: { organisationId: organisation.id, email: `axe-admin-${number}@forening.dk`, role: 'admin' } });
    await stack.db.organisationMember.create({ data: { organisationId: organisation.id, email: `axe-medlem-${number}@forening.dk`, role: 'member' } });
    await stack.db.organisationEvent.create({ data: { organisationId: organisation.id, type: 'first_member', actor: admin.email, subject: admin.email } });
    const session = generateAccessToken();
    await stack.db.organisationSession.create({ data: { tokenHash: sha256Hex(session), memberId: admin.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    const link = generateAccessToken();
    await stack.db.organisationSignInToken.create({ data: { tokenHash: sha256Hex(link), organisationNumber: number, email: admin.email, expiresAt: new Date(Date.now() + 600_000) } });
    await submitCase(stack, (await createOpenRound(stack.db)).id, { organization: { cvr: number, name: 'Foreningen Axe', email: admin.email } });

    const context = await newContext(browser);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const found = [...(await visit(page, 'GET /forening/log-ind', 'organisation-sign-in', '/forening/log-ind'))];
    await page.locator('#f-organisationNumber').fill('12');
    await submitForm(page, 'main form button[type="submit"]');
    found.push(...(await sweep(page, 'POST /forening/log-ind', 'organisation-sign-in-errors')));
    found.push(...(await visit(page, 'GET /forening/log-ind/sendt', 'organisation-sign-in-sent', '/forening/log-ind/sendt')));
    found.push(...(await visit(page, 'GET /forening/log-ind/link', 'organisation-sign-in-link', `/forening/log-ind/link?adgang=${link}`)));
    await page.goto(`${stack.baseUrl}/forening/log-ind/link?adgang=${generateAccessToken()}`);
    found.push(...(await sweep(page, 'GET /forening/log-ind/link', 'organisation-sign-in-link-invalid')));
    await context.addCookies([{ name: 'gf_forening', value: session, url: stack.baseUrl }]);
    found.push(...(await visit(page, 'GET /forening', 'organisation-overview', '/forening')));
    found.push(...(await visit(page, 'GET /forening/medlemmer', 'organisation-members', '/forening/medlemmer')));
    await page.locator('#f-inviteEmail').fill(`axe-medlem-${number}@forening.dk`);
    await submitForm(page, `main form[action="/forening/medlemmer/inviter"] button[type="submit"]`);
    found.push(...(await sweep(page, 'POST /forening/medlemmer/inviter', 'organisation-members-error')));
    found.push(...(await visit(page, 'GET /forening/medlemmer', 'organisation-members-en', '/forening/medlemmer?lang=en')));

    // The documents kept once (current, an earlier version, the form with its errors), and a
    // draft's documents step offering them instead of an upload.
    const pdf = await samplePdf('Vedtægter');
    const kept = (kind: string, financialYear: number | null, filename: string, replacedAt: Date | null = null) =>
      stack.db.organisationDocument.create({ data: { organisationId: organisation.id, kind, financialYear, filename, contentType: 'application/pdf', size: pdf.length, sha256: crypto.createHash('sha256').update(pdf).digest('hex'), content: new Uint8Array(pdf), uploadedBy: admin.email, replacedAt } });
    await kept('statutes', null, 'vedtægter 2019.pdf', new Date());
    await kept('statutes', null, 'vedtægter 2026.pdf');
    await kept('annual_accounts', 2025, 'årsregnskab 2025.pdf');
    found.push(...(await visit(page, 'GET /forening/dokumenter', 'organisation-documents', '/forening/dokumenter')));
    await page.locator('#f-financialYear').fill('20');
    await submitForm(page, `main form[action="/forening/dokumenter"] button[type="submit"]`);
    found.push(...(await sweep(page, 'POST /forening/dokumenter', 'organisation-documents-errors')));
    const documentsRound = await createOpenRound(stack.db, { reportingTiers: [...DEFAULT_REPORTING_TIERS] });
    const { roundId: _round, ...answers } = applicationBody(documentsRound.id, { organization: { cvr: number, name: 'Foreningen Axe', email: admin.email } });
    const memberDraft = await stack.db.applicationDraft.create({ data: { tokenHash: sha256Hex(generateAccessToken()), roundId: documentsRound.id, data: { answers } as object, currentStep: 'documents', furthestStep: 'documents' } });
    found.push(...(await visit(page, 'GET /kladde/:id/dokumenter', 'documents-archive-offer', `/kladde/${memberDraft.id}/dokumenter`)));
    found.push(...(await visit(page, 'GET /forening/profil', 'organisation-profile', '/forening/profil')));
    await page.locator('#f-postcode').fill('12');
    await submitForm(page, `main form[action="/forening/profil"] button[type="submit"]`);
    found.push(...(await sweep(page, 'POST /forening/profil', 'organisation-profile-errors')));
    found.push(...(await visit(page, 'GET /forening/profil', 'organisation-profile-register-down', '/forening/profil?register=svarer_ikke')));
    await context.close();
    expect(found).toEqual([]);
  });
});

describe('the sweep itself', () => {
  it('visited every page route the app has', () => {
    const pageRoutes = routesOfStack(stack)
      .filter((route) => route.method === 'GET' && !route.path.startsWith('/api/') && !route.path.startsWith('/assets/'))
      .map((route) => `${route.method} ${route.path}`);
    const visited = new Set(checked.map((entry) => entry.route));
    expect(pageRoutes.filter((route) => !visited.has(route) && !(route in NOT_PAGES))).toEqual([]);
    // Each at both sizes.
    for (const viewport of VIEWPORTS) expect(checked.filter((entry) => entry.viewport === `${viewport.width}x${viewport.height}`).length).toBe(checked.length / 2);
  });
});
