import type { Browser } from 'playwright-core';
import { accessibilityViolations, launchBrowser, newContext, screenshots, type Screenshots } from '../support/browser';
import { createOpenRound } from '../support/fixtures';
import { startTestStack, testConfig, type TestStack } from '../support/stack';

// A Norwegian municipality's form (JURISDICTION=NO): in bokmål without a chosen language, asking
// for the organisasjonsnummer, checking its check digit as the field is left, and filling in the
// name and address from the Norwegian demo register.

jest.setTimeout(300_000);

let stack: TestStack;
let browser: Browser;
let shots: Screenshots;
let round: { slug: string };

beforeAll(async () => {
  stack = await startTestStack({ worker: false, config: testConfig({ JURISDICTION: 'NO' }) });
  round = await createOpenRound(stack.db, { maxAmount: 50_000 });
  browser = await launchBrowser();
  shots = screenshots('norwegian-form');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

it('asks for the organisasjonsnummer, refuses a wrong check digit at once and fills in the rest from Enhetsregisteret', async () => {
  const context = await newContext(browser, { locale: 'nb-NO' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);

  await page.goto(`${stack.baseUrl}/ansoeg/${round.slug}`);
  expect(await page.locator('html').getAttribute('lang')).toBe('nb');
  await expect(page.locator('label[for="f-precheck-applicant-0"]').textContent()).resolves.toContain('organisasjonsnummer');
  await shots.take(page, 'precheck');
  for (const question of ['applicant', 'social', 'finished', 'children']) await page.locator(`#f-precheck-${question}-0`).check();
  await page.locator('form button[type="submit"]').click();

  await expect(page.locator('label[for="f-organization-cvr"]').textContent()).resolves.toContain('Organisasjonsnummer');
  await expect(page.locator('body').textContent()).resolves.not.toContain('CVR');
  await page.locator('#f-organization-cvr').fill('100 000 009');
  await page.locator('#f-organization-email').focus();
  await expect(page.locator('#f-organization-cvr-error').textContent()).resolves.toContain('Organisasjonsnummeret er ikke gyldig. Det har 9 sifre; sjekk det i Enhetsregisteret.');
  await shots.take(page, 'organization-wrong-check-digit');
  expect(await accessibilityViolations(page)).toEqual([]);

  await page.locator('#f-organization-cvr').fill('100 000 008');
  await page.locator('#f-organization-email').focus();
  await page.locator('#cvr-status', { hasText: 'Funnet i Enhetsregisteret: Frivilligsentralen i Eksempelby' }).waitFor();
  expect(await page.locator('#f-organization-name').inputValue()).toBe('Frivilligsentralen i Eksempelby');
  expect(await page.locator('#f-organization-address').inputValue()).toBe('Storgata 4, 9994 Eksempelby');
  await page.locator('#f-organization-email').fill('post@frivilligsentralen.example.no');
  await shots.take(page, 'organization-found');

  // There is no NemKonto in Norway: the organisation gives the account the grant is paid to.
  await expect(page.locator('label[for="f-organization-bankAccount"]').textContent()).resolves.toContain('Organisasjonens kontonummer');
  await page.locator('#f-organization-bankAccount').fill('1234.56.78904');
  await page.locator('.gf-form-actions button[value="next"]').click();
  await page.locator('#f-organization-bankAccount-error').waitFor();
  await expect(page.locator('#f-organization-bankAccount-error').textContent()).resolves.toContain('Kontonummeret er ikke gyldig. Sjekk de 11 sifrene på en kontoutskrift eller i nettbanken.');
  await shots.take(page, 'organization-wrong-account');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 900 });
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await shots.take(page, 'organization-wrong-account-390');
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.locator('#f-organization-bankAccount').fill('1234 56 78903');
  await page.locator('.gf-form-actions button[value="next"]').click();
  await page.waitForURL(/\/trin\/(?!forening)/);
  const draft = await stack.db.applicationDraft.findFirstOrThrow({ where: { round: { slug: round.slug } }, orderBy: { createdAt: 'desc' } });
  expect((draft.data as { answers: { organization: { cvr: string; bankAccount: string } } }).answers.organization).toMatchObject({ cvr: '100000008', bankAccount: '12345678903' });
  await context.close();
});
