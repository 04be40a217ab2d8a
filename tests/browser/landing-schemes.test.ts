import type { Browser } from 'playwright-core';
import { CULTURE_SCHEME_SLUG, DEMO_CULTURE_ROUND_SLUG, DEMO_ROUND_SLUG, seedDemoRounds } from '../../services/api/seed';
import { accessibilityViolations, launchBrowser, newContext, screenshots, type Screenshots } from '../support/browser';
import { SECTION_18_SCHEME_SLUG } from '../support/schemes';
import { startTestStack, type TestStack } from '../support/stack';

// The landing page as the demo seeds it: open rounds under their schemes (§ 18 and the culture
// and activity pool), each scheme with its name and description, wide and on a phone.

jest.setTimeout(300_000);

let stack: TestStack;
let browser: Browser;
let shots: Screenshots;

beforeAll(async () => {
  stack = await startTestStack({ worker: false });
  await seedDemoRounds(stack.db);
  browser = await launchBrowser();
  shots = screenshots('landing-schemes');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

it.each([
  ['da', 1280, 'Kultur- og aktivitetspuljen', 'Kommunen giver tilskuddene efter kommunalfuldmagtsreglerne.'],
  ['en', 390, 'Culture and activity pool', 'The municipality makes these grants under its general powers (kommunalfuldmagten).'],
])('shows each open round under its scheme (%s, %i px)', async (language, width, cultureName, cultureText) => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${stack.baseUrl}/?lang=${language}`);
  const culture = page.locator(`section[aria-labelledby="scheme-${CULTURE_SCHEME_SLUG}"]`);
  expect(await culture.locator('h2').textContent()).toBe(cultureName);
  expect(await culture.locator('> p').first().textContent()).toContain(cultureText);
  expect(await culture.locator(`h3#round-${DEMO_CULTURE_ROUND_SLUG}`).count()).toBe(1);
  // The § 18 round stands under the § 18 scheme, not under the culture pool.
  const section18 = page.locator(`section[aria-labelledby="scheme-${SECTION_18_SCHEME_SLUG}"]`);
  expect(await section18.locator(`h3#round-${DEMO_ROUND_SLUG}`).count()).toBe(1);
  expect(await culture.locator(`h3#round-${DEMO_ROUND_SLUG}`).count()).toBe(0);
  expect(await accessibilityViolations(page)).toEqual([]);
  await shots.take(page, `landing-${language}-${width}`);
  await context.close();
});
