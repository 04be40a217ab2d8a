import crypto from 'node:crypto';
import type { Browser } from 'playwright-core';
import { createDatabase, type Database } from '../../lib/db';
import { upsertStaffUser } from '../../lib/staff-auth';
import { DEMO_ROUND_PREFIX, seedDemoStatistics } from '../../infra/demo/demo-data';
import { accessibilityViolations, launchBrowser, newContext, screenshots } from '../support/browser';
import { startTestStack, testConfig, type TestStack } from '../support/stack';

// The dashboard over the demo year, in this file's own database (the demo data has open cases that
// would show up in other suites' queues). Signed in through the staff sign-in page.
describe('statistics dashboard', () => {
  const databaseUrl = process.env.DATABASE_URL!;
  let db: Database;
  let stack: TestStack;
  let browser: Browser;
  const shots = screenshots('dashboard');
  const email = `politiker-${crypto.randomUUID().slice(0, 8)}@eksempel.dk`;
  const password = crypto.randomBytes(12).toString('base64url');

  beforeAll(async () => {
    db = createDatabase(databaseUrl);
    const seeded = await seedDemoStatistics(db);
    expect(seeded.applications).toBeGreaterThan(200);
    await upsertStaffUser(db, { email, name: 'Udvalgsformand Test', password, roles: ['politician'] });
    stack = await startTestStack({ worker: false, db, config: testConfig({ DATABASE_URL: databaseUrl }) });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('offers none of the demo rounds to applicants: all are marked demo, none is on the landing page or in GET /rounds', async () => {
    const rounds = await db.fundingRound.findMany({ where: { slug: { startsWith: DEMO_ROUND_PREFIX } }, select: { slug: true, name: true, demo: true, closesAt: true } });
    // The continuous demo round never closes: only its mark keeps it from applicants.
    expect(rounds.some((round) => round.closesAt === null)).toBe(true);
    expect(rounds.map((round) => round.demo)).toEqual(rounds.map(() => true));
    const landing = await (await fetch(`${stack.baseUrl}/`)).text();
    for (const round of rounds) expect(landing).not.toContain(round.slug);
    const listed = (await (await fetch(`${stack.baseUrl}/api/v1/rounds`)).json()) as { rounds: { slug: string }[] };
    expect(listed.rounds.filter((round) => round.slug.startsWith(DEMO_ROUND_PREFIX))).toEqual([]);
  });

  it('sends a visitor to sign in, then shows the demo year with charts, tables and stories, without accessibility violations', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/statistik`);
    expect(new URL(page.url()).pathname).toBe('/personale/log-ind');
    await page.getByLabel('E-mailadresse').fill(email);
    await page.getByLabel('Adgangskode').fill(password);
    await page.getByRole('button', { name: 'Log ind' }).click();
    expect(new URL(page.url()).pathname).toBe('/statistik');

    expect(await page.locator('html').getAttribute('lang')).toBe('da');
    expect(await page.locator('h1').textContent()).toBe('Statistik: tilskud til frivilligt socialt arbejde');
    await expect(page.getByRole('heading', { name: 'Nøgletal' }).count()).resolves.toBe(1);
    // Five charts, each an image with a name, each with a data table beside it.
    const charts = page.locator('svg[role="img"]');
    expect(await charts.count()).toBe(5);
    for (const name of ['Sagsbehandlingstid måned for måned', 'Hvor venter sagerne?', 'Fra ansøgning til bevilling', 'Begrundelser for afslag og delvise bevillinger', 'Budget, søgt og bevilget pr. pulje']) {
      await expect(page.getByRole('img', { name: new RegExp(name.replace(/[?.]/g, '\\$&')) }).count()).resolves.toBe(1);
    }
    expect(await page.locator('.gf-chart-pair table').count()).toBeGreaterThanOrEqual(5);
    // The demo year has decisions: the median is a number of days, and stories are shown.
    const median = await page.locator('.gf-stat-card').first().locator('.gf-stat-value').textContent();
    expect(median).toMatch(/^\d+(,\d)? dage$/);
    expect(await page.locator('.gf-story').count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'Udvalgsbrief for perioden (PDF, på dansk)' }).getAttribute('href')).toMatch(/^\/api\/v1\/stats\/council-brief\.pdf\?from=/);
    // No contact person of the demo data appears anywhere on the page.
    const contacts = await db.application.findMany({ select: { contactName: true, contactEmail: true }, take: 50 });
    const text = await page.locator('body').innerText();
    for (const contact of contacts) {
      expect(text).not.toContain(contact.contactName);
      expect(text).not.toContain(contact.contactEmail);
    }
    await shots.take(page, 'dashboard-da');
    expect(await accessibilityViolations(page)).toEqual([]);
    // On a phone the analysis's wide tables scroll within their own region, reachable by keyboard.
    await page.setViewportSize({ width: 390, height: 844 });
    await shots.take(page, 'dashboard-da-390');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    // The brief downloads with the same session.
    const brief = await context.request.get(`${stack.baseUrl}${await page.getByRole('link', { name: /Udvalgsbrief/ }).getAttribute('href')}`);
    expect(brief.status()).toBe(200);
    expect(brief.headers()['content-type']).toBe('application/pdf');
    await context.close();
  }, 240_000);

  it('narrows to one round by a plain form, switches language, and shows field errors for a bad period', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/personale/log-ind?next=/statistik`);
    await page.getByLabel('E-mailadresse').fill(email);
    await page.getByLabel('Adgangskode').fill(password);
    await page.getByRole('button', { name: 'Log ind' }).click();
    expect(new URL(page.url()).pathname).toBe('/statistik');

    const round = await db.fundingRound.findFirstOrThrow({ where: { slug: 'demo-statistik-vinter' } });
    await page.getByLabel('Pulje', { exact: true }).selectOption(round.id);
    await page.getByRole('button', { name: 'Vis' }).click();
    expect(new URL(page.url()).searchParams.get('roundId')).toBe(round.id);
    expect(await page.locator('#chart-budget-title').textContent()).toBe('Budget, søgt og bevilget pr. pulje');
    expect(await page.locator('.gf-chart-pair table').last().innerText()).toContain(round.name);

    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.locator('h1').textContent()).toBe('Statistics: grants for voluntary social work');
    await shots.take(page, 'dashboard-en-round');
    expect(await accessibilityViolations(page)).toEqual([]);

    const response = await page.goto(`${stack.baseUrl}/statistik?from=2026-05-01&to=2026-04-01&lang=da`);
    expect(response?.status()).toBe(400);
    expect(await page.title()).toMatch(/^Fejl: /);
    expect(await page.locator('#error-summary').innerText()).toContain('Slutdatoen skal være samme dag som eller efter startdatoen.');
    expect(await page.locator('#f-to').getAttribute('aria-invalid')).toBe('true');
    await shots.take(page, 'dashboard-error');
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  }, 240_000);
});
