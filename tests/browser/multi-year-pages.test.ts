jest.setTimeout(180_000);

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, lookAtBothWidths, newContext, screenshots, type Screenshots } from '../support/browser';
import { applicationBody, createOpenRound, eventually, isoDay, postJson } from '../support/fixtures';
import { submitCase, waitForStatus, type SubmittedCase } from '../support/process';
import { signedInStaff, signInThroughPage } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// A three-year grant's year plan as the association and the approver see it: each year paid,
// to be paid on a date, or to come once the previous year's report is accepted.

let stack: TestStack;
let browser: Browser;
let shots: Screenshots;
let submitted: SubmittedCase;
let association: BrowserContext;
let staffContext: BrowserContext;

const api = (p: string) => `${stack.baseUrl}/api/v1${p}`;

const look = (page: Page, name: string) => lookAtBothWidths(page, shots, name);

async function text(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  shots = screenshots('multi-year-pages');
  // The report form opens a day before each report is due: the plan is what the page shows.
  const round = await createOpenRound(stack.db, { grantYears: 3, yearlyBudgets: [200_000, 200_000, 200_000], process: { reportOpensBeforeDue: 'P1D', reconsiderationPeriod: '1h' } });
  const caseworker = await signedInStaff(stack, ['caseworker']);
  const base = applicationBody(round.id);
  submitted = await submitCase(stack, round.id, {
    amountRequested: 30_000,
    project: { ...base.project, endDate: isoDay(3 * 365 + 30) },
    budget: { ...base.budget, lines: [...base.budget.lines, { category: 'activities', description: 'Udflugter over tre år', amount: 18_000 }] },
  });
  await waitForStatus(submitted.handle, 'IN_QUEUE');
  expect((await postJson(api(`/applications/${submitted.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
  const decided = await postJson(api(`/applications/${submitted.id}/decision`), { outcome: 'approved', amountGranted: 30_000, reasons: { criteria: [], text: '' }, conditions: [] }, caseworker.headers);
  expect(decided.status).toBe(200);
  await waitForStatus(submitted.handle, 'PAYOUT_SCHEDULED');
  association = await newContext(browser);
  staffContext = await newContext(browser);
});

afterAll(async () => {
  await association?.close();
  await staffContext?.close();
  await browser?.close();
  await stack?.stop();
});

describe('a three-year grant’s year plan', () => {
  it('the association sees year 1 to be paid on its date and years 2 and 3 to come after each report', async () => {
    const page = await association.newPage();
    await eventually(async () => {
      await page.goto(`${stack.baseUrl}/sag/${submitted.id}?adgang=${submitted.accessToken}`);
      return (await page.locator('#payout-heading').count()) ? true : undefined;
    }, 'the payout section');
    const section = await text(page, 'section[aria-labelledby="payout-heading"]');
    expect(section).toMatch(/År 1: 10\.000 kr\. udbetales den \d{1,2}\. \w+ \d{4} til foreningens NemKonto\./);
    expect(section).toContain('År 2: 10.000 kr. udbetales, når afrapporteringen for år 1 er godkendt.');
    expect(section).toContain('År 3: 10.000 kr. udbetales, når afrapporteringen for år 2 er godkendt.');
    await look(page, 'association-year-plan');
  });

  it('the approver sees the same plan with what finance has', async () => {
    const approver = await signedInStaff(stack, ['approver'], 'Lene Leder');
    const page = await staffContext.newPage();
    await signInThroughPage(page, stack.baseUrl, approver, `/personale/sager/${submitted.id}`);
    const section = await text(page, 'section[aria-labelledby="payout-heading"]');
    expect(section).toMatch(/År 1: 10\.000 kr\. udbetales den .* \(ikke sendt til økonomi endnu\)/);
    expect(section).toContain('År 3: 10.000 kr. registreres til udbetaling, når afrapporteringen for år 2 er godkendt');
    await look(page, 'staff-year-plan');
  });
});
