jest.setTimeout(180_000);

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { caseStateQuery } from '../../workflows/messages';
import { formatDeadline } from '../../locale';
import { accessibilityViolations, launchBrowser, newContext, screenshots, type Screenshots } from '../support/browser';
import { createOpenRound, eventually, postJson } from '../support/fixtures';
import { mailsFor, submitCase, waitForStatus, type SinkMessage, type SubmittedCase } from '../support/process';
import { samplePdf } from '../support/sample-files';
import { signedInStaff, signInThroughPage } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// The association asks for its decision to be reconsidered from its own case page: the form with
// the last day to ask, a missing reason, the request with a document; and a form sent after the
// period has run out, which the page refuses and stores nothing of.

let stack: TestStack;
let browser: Browser;
let shots: Screenshots;
let caseworker: { email: string; password: string; headers: Record<string, string> };
let context: BrowserContext;
let page: Page;
let requested: SubmittedCase;

const api = (p: string) => `${stack.baseUrl}/api/v1${p}`;

function linkIn(message: SinkMessage, applicationId: string): string {
  const text = message.raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
  const match = new RegExp(`https?://[^\\s"<>]*/sag/${applicationId}\\?adgang=([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error('no private link in the email');
  return `${stack.baseUrl}/sag/${applicationId}?adgang=${match[1]}`;
}

async function checkPage(name: string): Promise<void> {
  await shots.take(page, name);
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** A refused case whose reconsideration period has opened, and its private link from the decision email. */
async function refusedCase(period: string): Promise<{ submitted: SubmittedCase; link: string }> {
  const round = await createOpenRound(stack.db, { process: { reconsiderationPeriod: period } });
  const submitted = await submitCase(stack, round.id);
  await waitForStatus(submitted.handle, 'IN_QUEUE');
  expect((await postJson(api(`/applications/${submitted.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
  const reasons = { criteria: ['target_group'], text: 'Aktiviteten er for de få, der allerede kommer i foreningen.' };
  expect((await postJson(api(`/applications/${submitted.id}/decision`), { outcome: 'rejected', amountGranted: 0, reasons, conditions: [] }, caseworker.headers)).status).toBe(200);
  await eventually(async () => ((await submitted.handle.query(caseStateQuery)).reconsiderableUntil ? true : undefined), 'the reconsideration period');
  const recipient = (await stack.db.application.findUniqueOrThrow({ where: { id: submitted.id } })).contactEmail;
  const mails = await mailsFor(recipient, 2);
  return { submitted, link: linkIn(mails.at(-1)!, submitted.id) };
}

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  shots = screenshots('reconsideration');
  caseworker = await signedInStaff(stack, ['caseworker']);
  context = await newContext(browser);
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

describe('asking for reconsideration on the case page', () => {
  it('shows the form with the last day to ask, explains a missing reason, and takes the request with a document', async () => {
    const { submitted, link } = await refusedCase('1h');
    await page.goto(link);
    await expect(page.locator('#reconsideration-heading').textContent()).resolves.toBe('Bed om at få afgørelsen genovervejet');
    // A period of an hour ends at a time of day, so the page gives the time too.
    const until = (await submitted.handle.query(caseStateQuery)).reconsiderableUntil!;
    await expect(page.locator('#reconsideration-heading + p').textContent()).resolves.toContain(`I kan bede om det til og med ${formatDeadline('da', until)}.`);
    expect(formatDeadline('da', until)).toMatch(/^\d{1,2}\. \w+ \d{4} kl\. \d\d\.\d\d$/);
    await checkPage('form');

    await page.locator('button', { hasText: 'Send anmodningen' }).click();
    await expect(page.locator('.error-summary')).toBeDefined();
    await expect(page.locator('#f-reasons-error').textContent()).resolves.toContain('Skriv, hvorfor I mener, at afgørelsen skal ændres.');
    await checkPage('reasons-missing');

    const pdfFile = path.join(os.tmpdir(), `nyt-budget-${submitted.id}.pdf`);
    fs.writeFileSync(pdfFile, await samplePdf('Budget uden husleje'));
    await page.locator('#f-reasons').fill('Vi har fået lokalerne gratis, så huslejen er ude af budgettet. Se det nye budget.');
    await page.locator('#f-reconsideration_files').setInputFiles(pdfFile);
    await page.locator('button', { hasText: 'Send anmodningen' }).click();
    await expect(page.locator('.alert-success').textContent()).resolves.toContain('Vi har modtaget jeres henvendelse');
    await eventually(async () => {
      await page.reload();
      return ((await page.locator('#case-status .alert-heading').textContent()) ?? '').includes('Genovervejelse anmodet') ? true : undefined;
    }, 'the status on the page');
    expect(await page.locator('#reconsideration-heading').count()).toBe(0);
    await checkPage('requested');

    const stored = await stack.db.reconsideration.findFirstOrThrow({ where: { applicationId: submitted.id } });
    expect(stored.reasons).toContain('lokalerne gratis');
    expect(stored.documentIds).toHaveLength(1);
    expect(await stack.db.document.findUniqueOrThrow({ where: { id: stored.documentIds[0]! } })).toMatchObject({ kind: 'reconsideration', filename: path.basename(pdfFile) });
    requested = submitted;
  });

  it('puts the request in the caseworker’s queue, and the case page answers it: reasons required, then upheld', async () => {
    const staffContext = await newContext(browser);
    const staffPage = await staffContext.newPage();
    try {
      await signInThroughPage(staffPage, stack.baseUrl, caseworker, '/personale/sager?status=RECONSIDERATION_REQUESTED');
      await expect(staffPage.locator(`a[href="/personale/sager/${requested.id}"]`).count()).resolves.toBe(1);
      await shots.take(staffPage, 'queue');
      expect(await accessibilityViolations(staffPage)).toEqual([]);

      await staffPage.goto(`${stack.baseUrl}/personale/sager/${requested.id}`);
      await expect(staffPage.locator('form[action$="/genovervejelse"] blockquote').textContent()).resolves.toContain('lokalerne gratis');
      await staffPage.locator('form[action$="/genovervejelse"] input[name="answer"][value="uphold"]').check();
      await staffPage.locator('form[action$="/genovervejelse"] button[type="submit"]').click();
      await expect(staffPage.locator('#f-reasonText-error').textContent()).resolves.toContain('begrundelse');
      await shots.take(staffPage, 'answer-reasons-missing');
      expect(await accessibilityViolations(staffPage)).toEqual([]);

      await staffPage.locator('#f-reasonText').fill('Også uden husleje går budgettet mest til udflugter, som puljen ikke støtter.');
      await staffPage.locator('form[action$="/genovervejelse"] button[type="submit"]').click();
      await expect(staffPage.locator('.alert-success').first().textContent()).resolves.toContain('Svaret er registreret');
      await shots.take(staffPage, 'answered');
      await waitForStatus(requested.handle, 'DECIDED');
      expect(await stack.db.reconsideration.findFirstOrThrow({ where: { applicationId: requested.id } })).toMatchObject({ outcome: 'upheld', answeredBy: caseworker.email });
    } finally {
      await staffContext.close();
    }
  });

  it('refuses a form sent after the period has run out, saying until when it could be asked, and stores nothing', async () => {
    const { submitted, link } = await refusedCase('4s');
    await page.goto(link);
    await expect(page.locator('#reconsideration-heading').count()).resolves.toBe(1);
    await page.locator('#f-reasons').fill('Vi er uenige i afgørelsen.');
    expect(await submitted.handle.result()).toBe('DECIDED');

    const response = page.waitForResponse((r) => r.url().endsWith('/genovervejelse'));
    await page.locator('button', { hasText: 'Send anmodningen' }).click();
    expect((await response).status()).toBe(409);
    await expect(page.locator('.alert-warning').textContent()).resolves.toMatch(/Fristen for at bede om genovervejelse udløb den \d{1,2}\. \w+ \d{4}\./);
    expect(await page.locator('#reconsideration-heading').count()).toBe(0);
    await checkPage('period-over');
    expect(await stack.db.reconsideration.count({ where: { applicationId: submitted.id } })).toBe(0);
    expect(await stack.db.document.count({ where: { applicationId: submitted.id, kind: 'reconsideration' } })).toBe(0);
  });
});
