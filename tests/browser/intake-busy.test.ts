import crypto from 'node:crypto';
import type { Browser } from 'playwright-core';
import { accessibilityViolations, launchBrowser, newContext, screenshots } from '../support/browser';
import { applicationBody, createOpenRound, eventually } from '../support/fixtures';
import { heldSubmission } from '../support/held-submission';
import { startTestStack, testConfig, type TestStack } from '../support/stack';

// The page an association sees when it presses "Send ansøgningen" in a rush that leaves it no turn:
// what happened, when to try again, and a button that sends the same post again; at phone width
// too, and without accessibility violations.
jest.setTimeout(120_000);

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startTestStack({ worker: false, config: testConfig({ INTAKE_MAX_CONCURRENT: '1', INTAKE_MAX_WAITING: '0' }) });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

test('a send refused in a rush shows a page in the user’s language whose button posts the same again', async () => {
  const round = await createOpenRound(stack.db);
  const held = heldSubmission(stack, applicationBody(round.id), crypto.randomUUID());
  const storing = async () => (await (await fetch(`${stack.baseUrl}/metrics`)).text()).includes('grantflow_intake_storing 1');
  await eventually(async () => ((await storing()) ? true : undefined), 'a submission to hold the only turn');

  const shots = screenshots('intake-busy');
  const sendUrl = `${stack.baseUrl}/kladde/${crypto.randomUUID()}/send`;
  for (const [language, heading, button] of [
    ['da', 'Der er travlt lige nu', 'Send igen'],
    ['nb', 'Det er travelt akkurat nå', 'Send på nytt'],
  ] as const) {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      const context = await newContext(browser, { javaScriptEnabled: false, locale: language });
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      // The summary page's send button, as the browser posts it.
      await page.setContent(`<form method="post" action="${sendUrl}?lang=${language}"><input type="hidden" name="_csrf" value="csrf-token"><input type="hidden" name="_shown" value="stamp"><button>Send</button></form>`);
      const [response] = await Promise.all([page.waitForNavigation(), page.click('button')]);
      expect(response?.status()).toBe(503);
      expect(await page.locator('h1').innerText()).toBe(heading);
      const resend = page.locator(`form[action^="/kladde/"] button`);
      expect(await resend.innerText()).toBe(button);
      expect(await page.locator('form[action^="/kladde/"] input[name="_csrf"]').getAttribute('value')).toBe('csrf-token');
      await shots.take(page, `busy-${language}-${viewport.width}`);
      expect(await accessibilityViolations(page)).toEqual([]);

      // Pressed while the rush lasts: the same page again, with the same post in it.
      const [again] = await Promise.all([page.waitForNavigation(), resend.click()]);
      expect(again?.status()).toBe(503);
      expect(await page.locator('form[action^="/kladde/"] input[name="_shown"]').getAttribute('value')).toBe('stamp');
      await context.close();
    }
  }
  expect((await held.finish()).status).toBe(201);
});
