import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, newContext, screenshots, type Screenshots } from '../support/browser';
import { applicationBody, createOpenRound } from '../support/fixtures';
import { mailPart, mailsFor } from '../support/process';
import { signedInStaff, signInThroughPage } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// The volunteer centre's pages as the helper and the association see them: the helper's list and
// form, a draft marked as prepared for the association, the summary that sends the association its
// link instead of the application, and the same summary as the association opens it from the email.
// Each at 1280 and 390 px, checked with axe.

jest.setTimeout(300_000);

let stack: TestStack;
let browser: Browser;
let shots: Screenshots;
let round: { id: string; name: string };
const ASSOCIATION_EMAIL = `kasserer+${crypto.randomUUID().slice(0, 8)}@faellesbord.dk`;

beforeAll(async () => {
  stack = await startTestStack();
  round = await createOpenRound(stack.db);
  browser = await launchBrowser();
  shots = screenshots('helper-drafts');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function check(page: Page, name: string): Promise<void> {
  await shots.take(page, name);
  expect([name, await accessibilityViolations(page)]).toEqual([name, []]);
  await page.setViewportSize({ width: 390, height: 900 });
  expect([name, await page.evaluate<number>('document.documentElement.scrollWidth')]).toEqual([name, 390]);
  await shots.take(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

it('a helper prepares a draft and sends its link; the association sees who prepared it and sends it itself', async () => {
  const helper = await signedInStaff(stack, ['volunteerCentre'], 'Hanne Hjælper');
  await stack.db.staffUser.update({ where: { email: helper.email }, data: { title: 'Frivilligkonsulent' } });
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await signInThroughPage(page, stack.baseUrl, helper);
  expect(new URL(page.url()).pathname).toBe('/personale/kladder');
  await page.getByRole('button', { name: 'Start udkastet' }).click();
  await page.locator('#error-summary').waitFor();
  await check(page, 'helper-page-errors');
  await page.locator('#f-roundId').selectOption(round.id);
  await page.locator('#f-associationName').fill('Foreningen Fælles Bord');
  await page.locator('#f-associationEmail').fill(ASSOCIATION_EMAIL);
  await page.getByRole('button', { name: 'Start udkastet' }).click();

  await expect(page.locator('main .alert-info').textContent()).resolves.toContain('Du forbereder udkastet for Foreningen Fælles Bord.');
  expect(await page.locator('#f-organization-name').inputValue()).toBe('Foreningen Fælles Bord');
  await check(page, 'helper-draft-step');
  const draftId = /\/kladde\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
  const { roundId: _, ...answers } = applicationBody(round.id, { organization: { cvr: '13748136', name: 'Foreningen Fælles Bord', email: ASSOCIATION_EMAIL }, contact: { name: 'Inge Hansen', email: ASSOCIATION_EMAIL } });
  await stack.db.applicationDraft.update({ where: { id: draftId }, data: { data: { answers } } });

  await page.goto(`${stack.baseUrl}/kladde/${draftId}/opsummering`);
  expect(await page.getByRole('button', { name: 'Send ansøgningen' }).count()).toBe(0);
  await check(page, 'helper-summary');
  await page.getByRole('button', { name: 'Send linket til foreningen' }).click();
  await expect(page.locator('main .alert-success').textContent()).resolves.toContain(`Linket er sendt til ${ASSOCIATION_EMAIL}`);
  await check(page, 'helper-summary-shared');
  await page.goto(`${stack.baseUrl}/personale/kladder`);
  await check(page, 'helper-page-list');

  const [mail] = await mailsFor(ASSOCIATION_EMAIL, 1);
  const link = /(https?:\/\/\S+\/kladde\/\S+)/.exec(mailPart(mail!, 'text/plain'))![1]!.replace(/^https?:\/\/[^/]+/, stack.baseUrl);
  const association = await (await newContext(browser)).newPage();
  await association.goto(link);
  await association.goto(`${stack.baseUrl}/kladde/${draftId}/opsummering`);
  await expect(association.locator('main .alert-info').textContent()).resolves.toContain('Udkastet er forberedt af Hanne Hjælper, Frivilligkonsulent for Foreningen Fælles Bord.');
  await check(association, 'association-summary');
  await association.getByRole('button', { name: 'Send ansøgningen' }).click();
  expect(await association.locator('h1').textContent()).toBe('Ansøgningen er sendt');
  await context.close();
});
