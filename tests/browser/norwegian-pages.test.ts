import crypto from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, newContext, screenshots, type Screenshots } from '../support/browser';
import { applicationBody, createOpenRound, isoDay, postJson } from '../support/fixtures';
import { submitCase, waitForStatus, type SubmittedCase } from '../support/process';
import { signedInStaff } from '../support/staff';
import { startTestStack, testConfig, type TestStack } from '../support/stack';
import { NORWEGIAN_SCHEME_SLUG, seedNorwegianDemoRound } from '../../services/api/seed-norway';

// A Norwegian municipality's pages (JURISDICTION=NO) as a browser shows them, at a desktop's and a
// phone's width: the public pages and the glossary, the form's steps with the politiattest
// declaration, the organisation's case page, and the staff's case page, access log and dashboard.
// Each must be clean for axe-core (WCAG 2.1 A and AA), in bokmål, and never scroll sideways.

jest.setTimeout(600_000);

const VIEWPORTS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
] as const;

let stack: TestStack;
let browser: Browser;
let shots: Screenshots;
let round: { id: string; slug: string };
let submitted: SubmittedCase;
let caseworker: Awaited<ReturnType<typeof signedInStaff>>;
let admin: Awaited<ReturnType<typeof signedInStaff>>;
let politician: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  stack = await startTestStack({ config: testConfig({ JURISDICTION: 'NO' }) });
  await seedNorwegianDemoRound(stack.db);
  const scheme = await stack.db.scheme.findUniqueOrThrow({ where: { slug: NORWEGIAN_SCHEME_SLUG } });
  const created = await createOpenRound(stack.db, { maxAmount: 50_000 });
  round = await stack.db.fundingRound.update({ where: { id: created.id }, data: { schemeId: scheme.id, name: 'Frivillig 2027' } });
  caseworker = await signedInStaff(stack, ['caseworker'], 'Kari Saksbehandler');
  admin = await signedInStaff(stack, ['admin'], 'Ingrid Berg');
  politician = await signedInStaff(stack, ['politician'], 'Ola Johansen');
  const body = applicationBody(round.id);
  submitted = await submitCase(stack, round.id, {
    organization: { cvr: '100000008', name: 'Frivilligsentralen i Eksempelby', email: 'post@frivilligsentralen.example.no', bankAccount: '1234.56.78903' },
    contact: { name: 'Ola Nordmann', email: `ola+${crypto.randomUUID().slice(0, 8)}@frivilligsentralen.example.no` },
    project: { ...body.project, title: 'Leksehjelp for barn', purpose: 'Gratis leksehjelp to ettermiddager i uka.', activities: 'Frivillige hjelper barn med lekser på biblioteket.', childrenUnder15: true },
    declarations: { truthful: true, childCertificates: true, contactLater: true },
  });
  await waitForStatus(submitted.handle, 'IN_QUEUE');
  expect((await postJson(`${stack.baseUrl}/api/v1/applications/${submitted.id}/assignment`, {}, caseworker.headers)).status).toBe(200);
  const decided = await postJson(`${stack.baseUrl}/api/v1/applications/${submitted.id}/decision`, { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: '' }, conditions: [] }, caseworker.headers);
  expect(decided.status).toBe(200);
  await waitForStatus(submitted.handle, 'PAYOUT_SCHEDULED');
  browser = await launchBrowser();
  shots = screenshots('norwegian-pages');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await submitted?.handle.terminate('test finished').catch(() => undefined);
  await stack?.stop();
});

/** The page at both widths: screenshots, axe's violations and sideways scrolling, named by page and width. */
async function sweep(page: Page, name: string): Promise<string[]> {
  const found: string[] = [];
  expect(await page.locator('html').getAttribute('lang')).toBe('nb');
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await shots.take(page, `${name}-${viewport.width}`);
    found.push(...(await accessibilityViolations(page)).map((violation) => `${name} at ${viewport.width}: ${violation}`));
    const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
    if (width > viewport.width) found.push(`${name} at ${viewport.width}: laid out ${width} px wide`);
  }
  await page.setViewportSize(VIEWPORTS[0]);
  return found;
}

async function visit(page: Page, name: string, path: string): Promise<string[]> {
  const response = await page.goto(`${stack.baseUrl}${path}`);
  expect([name, response?.status()]).toEqual([name, 200]);
  return sweep(page, name);
}

async function contextWith(cookies: { name: string; value: string }[] = []): Promise<BrowserContext> {
  const context = await newContext(browser, { locale: 'nb-NO' });
  if (cookies.length) await context.addCookies(cookies.map((cookie) => ({ ...cookie, url: stack.baseUrl })));
  return context;
}

it('the public pages, the glossary and the notices', async () => {
  const context = await contextWith();
  const page = await context.newPage();
  const found = [
    ...(await visit(page, 'landing', '/')),
    ...(await visit(page, 'rounds', '/puljer')),
    ...(await visit(page, 'precheck', `/ansoeg/${round.slug}`)),
    ...(await visit(page, 'cannot-apply', `/ansoeg/${round.slug}/kan-ikke-soege?grund=no_cvr`)),
    ...(await visit(page, 'glossary', '/ordliste')),
    ...(await visit(page, 'privacy', '/privatliv')),
    ...(await visit(page, 'accessibility', '/tilgaengelighed')),
  ];
  await page.goto(`${stack.baseUrl}/ordliste`);
  await expect(page.locator('dt#politiattest').textContent()).resolves.toBe('politiattest');
  await expect(page.locator('dt#enkeltvedtak').textContent()).resolves.toBe('enkeltvedtak');
  await context.close();
  expect(found).toEqual([]);
});

it('the form’s steps with their errors, the politiattest declaration and the summary', async () => {
  const draft = await postJson(`${stack.baseUrl}/api/v1/drafts`, { roundId: round.id });
  expect(draft.status).toBe(201);
  const patched = await fetch(`${stack.baseUrl}/api/v1/drafts/${draft.body.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${draft.body.token}` },
    body: JSON.stringify({ step: 'project', answers: { project: { ...applicationBody(round.id).project, childrenUnder15: true } } }),
  });
  expect(patched.status).toBe(200);
  const context = await contextWith([{ name: 'gf_kladde', value: draft.body.token }]);
  const page = await context.newPage();
  const found: string[] = [];
  for (const step of ['forening', 'kontakt', 'aktivitet', 'budget', 'erklaeringer']) found.push(...(await visit(page, `step-${step}`, `/kladde/${draft.body.id}/trin/${step}?tjek=1`)));
  await page.goto(`${stack.baseUrl}/kladde/${draft.body.id}/trin/erklaeringer?tjek=1`);
  await expect(page.locator('main').textContent()).resolves.toContain('Vi krever politiattest av frivillige');
  found.push(...(await visit(page, 'summary', `/kladde/${draft.body.id}/opsummering`)));
  await context.close();
  expect(found).toEqual([]);
});

it('the organisation’s case page', async () => {
  const context = await contextWith([{ name: 'gf_case', value: submitted.accessToken }]);
  const page = await context.newPage();
  const found = await visit(page, 'case', `/sag/${submitted.id}`);
  await expect(page.locator('main').textContent()).resolves.toMatch(/12\s000\skr/);
  await context.close();
  expect(found).toEqual([]);
});

it('the staff’s case page, queue, access log and the politicians’ dashboard', async () => {
  const found: string[] = [];
  const staff = await contextWith([{ name: 'gf_staff', value: caseworker.token }]);
  const page = await staff.newPage();
  found.push(...(await visit(page, 'staff-case', `/personale/sager/${submitted.id}`)));
  await expect(page.locator('main').textContent()).resolves.toContain('Organisasjonsnummer');
  found.push(...(await visit(page, 'staff-queue', '/personale/sager')));
  await staff.close();

  const admins = await contextWith([{ name: 'gf_staff', value: admin.token }]);
  const adminPage = await admins.newPage();
  found.push(...(await visit(adminPage, 'access-log', '/personale/admin/adgangslog?cvr=100000008')));
  await expect(adminPage.locator('main').textContent()).resolves.toContain('(org.nr. 100000008)');
  await admins.close();

  const politicians = await contextWith([{ name: 'gf_staff', value: politician.token }]);
  const dashboard = await politicians.newPage();
  found.push(...(await visit(dashboard, 'dashboard', `/statistik?from=${isoDay(-30)}&to=${isoDay(0)}&roundId=${round.id}`)));
  await expect(dashboard.locator('main').textContent()).resolves.toContain('Notat til utvalget for perioden (PDF)');
  await politicians.close();
  expect(found).toEqual([]);
});
