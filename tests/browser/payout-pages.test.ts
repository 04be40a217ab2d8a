jest.setTimeout(180_000);

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseCsv, toCsv } from '../../domain/csv';
import { launchBrowser, lookAtBothWidths, newContext, screenshots, type Screenshots } from '../support/browser';
import { createOpenRound, eventually, postJson } from '../support/fixtures';
import { submitCase, waitForStatus, type SubmittedCase } from '../support/process';
import { signedInStaff, signInThroughPage } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// The pages after a grant, as the association and the approver see them: the money "udbetales
// den …" until finance confirms it, the report form's opening date before it opens, and the
// approver's payout page where finance's confirmation file is uploaded.

let stack: TestStack;
let browser: Browser;
let shots: Screenshots;
let submitted: SubmittedCase;
let caseworker: Awaited<ReturnType<typeof signedInStaff>>;
let approver: Awaited<ReturnType<typeof signedInStaff>>;
let association: BrowserContext;
let staffContext: BrowserContext;
let casePage: Page;
let staffPage: Page;
let runId: string;

const api = (p: string) => `${stack.baseUrl}/api/v1${p}`;

const look = (page: Page, name: string) => lookAtBothWidths(page, shots, name);

async function text(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  shots = screenshots('payout-pages');
  // The report window opens a day before the report is due, long after the decision.
  const round = await createOpenRound(stack.db, { process: { reportOpensBeforeDue: 'P1D', reconsiderationPeriod: '1h' } });
  caseworker = await signedInStaff(stack, ['caseworker']);
  approver = await signedInStaff(stack, ['approver'], 'Lene Leder');
  submitted = await submitCase(stack, round.id, { amountRequested: 12_000 });
  await waitForStatus(submitted.handle, 'IN_QUEUE');
  expect((await postJson(api(`/applications/${submitted.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
  const decided = await postJson(api(`/applications/${submitted.id}/decision`), { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: '' }, conditions: [] }, caseworker.headers);
  expect(decided.status).toBe(200);
  await waitForStatus(submitted.handle, 'PAYOUT_SCHEDULED');

  association = await newContext(browser);
  casePage = await association.newPage();
  staffContext = await newContext(browser);
  staffPage = await staffContext.newPage();
  await signInThroughPage(staffPage, stack.baseUrl, approver, '/personale/udbetalinger');
});

afterAll(async () => {
  await association?.close();
  await staffContext?.close();
  await browser?.close();
  await stack?.stop();
});

describe('after a grant, before finance has paid', () => {
  it('the association’s page says when the money will be paid and when the report form opens', async () => {
    await eventually(async () => {
      await casePage.goto(`${stack.baseUrl}/sag/${submitted.id}?adgang=${submitted.accessToken}`);
      return (await text(casePage, '#case-status .alert-heading')) === 'Status: Udbetales' && (await casePage.locator('#payout-heading').count()) ? true : undefined;
    }, 'the page in PAYOUT_SCHEDULED');
    const section = await text(casePage, 'section[aria-labelledby="payout-heading"]');
    expect(section).toMatch(/^Udbetaling 12\.000 kr\. udbetales den \d{1,2}\. \w+ \d{4} til foreningens NemKonto\. Formularen til afrapportering åbner den/);
    expect(await casePage.locator('form[action$="/afrapportering"]').count()).toBe(0);
    expect(await casePage.content()).not.toContain('er udbetalt');
    await expect(casePage.locator('.gf-case-step[aria-current="step"]').textContent()).resolves.toContain('Udbetaling');
    await look(casePage, 'association-payout-scheduled');
  });

  it('the approver’s payout page makes the file for finance, and the staff case page says it was sent', async () => {
    await staffPage.goto(`${stack.baseUrl}/personale/udbetalinger`);
    await Promise.all([staffPage.waitForURL(/\/personale\/udbetalinger\?dannet=\d+$/), staffPage.click('button:has-text("Dan udbetalingsfil")')]);
    runId = (await stack.db.payout.findUniqueOrThrow({ where: { payoutKey: `payout:${submitted.id}` } })).payoutRunId!;
    expect(runId).toBeTruthy();
    await look(staffPage, 'approver-payout-run');

    await staffPage.goto(`${stack.baseUrl}/personale/sager/${submitted.id}`);
    expect(await text(staffPage, 'section[aria-labelledby="payout-heading"]')).toMatch(/12\.000 kr\. udbetales den .* \(sendt til økonomi .*\)/);
    await look(staffPage, 'staff-case-payout-scheduled');
  });

  it('refuses a confirmation file without line ids next to the file field', async () => {
    const file = path.join(os.tmpdir(), `bekraeftelse-forkert-${runId}.csv`);
    fs.writeFileSync(file, toCsv([['Sagsnummer', 'Beløb'], [submitted.reference, '12000,00']]));
    await staffPage.goto(`${stack.baseUrl}/personale/udbetalinger`);
    await staffPage.setInputFiles(`#f-file-${runId}`, file);
    const [response] = await Promise.all([staffPage.waitForNavigation(), staffPage.click(`form[action="/personale/udbetalinger/${runId}/bekraeftelse"] button`)]);
    expect(response?.status()).toBe(400);
    expect(await staffPage.title()).toMatch(/^Fejl: /);
    expect(await text(staffPage, '#error-summary')).toContain('Filen har ingen kolonne "Linje-id"');
    await look(staffPage, 'approver-confirmation-refused');
  });

  it('the approver’s payout page lists a group’s payout held until its sponsor confirms, and no file takes it', async () => {
    const round = await createOpenRound(stack.db, { informalGroups: 'sponsor' });
    const sponsor = { cvr: '99102748', name: 'Pårørendenetværket Eksempel Kommune', email: `formand+${crypto.randomUUID().slice(0, 8)}@paaroerende.example.dk` };
    const group = await submitCase(stack, round.id, { applicant: { kind: 'informalGroup', groupName: 'Strikkecaféen på Nørregade', members: 6 }, organization: sponsor });
    await waitForStatus(group.handle, 'IN_QUEUE');
    expect((await postJson(api(`/applications/${group.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
    const decided = await postJson(api(`/applications/${group.id}/decision`), { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: '' }, conditions: [] }, caseworker.headers);
    expect(decided.status).toBe(200);
    await waitForStatus(group.handle, 'PAYOUT_SCHEDULED');

    await staffPage.goto(`${stack.baseUrl}/personale/udbetalinger`);
    await Promise.all([staffPage.waitForURL(/\/personale\/udbetalinger\?dannet=\d+$/), staffPage.click('button:has-text("Dan udbetalingsfil")')]);
    expect((await stack.db.payout.findUniqueOrThrow({ where: { payoutKey: `payout:${group.id}` } })).payoutRunId).toBeNull();
    expect(await text(staffPage, '#held-payouts')).toBe('Venter på sponsorens bekræftelse');
    const heldCase = staffPage.locator(`section[aria-labelledby="held-payouts"] li:has(a[href="/personale/sager/${group.id}"])`);
    expect(await heldCase.locator('a').textContent()).toMatch(/^Strikkecaféen på Nørregade \(GF-\d{4}-\d+\)$/);
    expect(((await heldCase.textContent()) ?? '').replace(/\s+/g, ' ').trim()).toMatch(/ 12\.000 kr\. til Pårørendenetværket Eksempel Kommune · sponsoren blev spurgt den \d{1,2}\. \S+ \d{4}$/);
    await look(staffPage, 'approver-payouts-held');
  });
});

describe('after finance confirmed the payout', () => {
  it('an uploaded confirmation file makes the case PAID, and both case pages say it was paid', async () => {
    const exported = parseCsv(await (await staffContext.request.get(`${stack.baseUrl}/api/v1/payout-runs/${runId}/export.csv`)).text());
    const line = exported.find((row) => row[0] === submitted.reference)!;
    const file = path.join(os.tmpdir(), `bekraeftelse-${runId}.csv`);
    fs.writeFileSync(file, toCsv([[...exported[0]!, 'Betalt den'], [...line, '2027-01-04']]));
    await staffPage.goto(`${stack.baseUrl}/personale/udbetalinger`);
    await staffPage.setInputFiles(`#f-file-${runId}`, file);
    await Promise.all([staffPage.waitForURL(/bekraeftet=1&foer=0$/), staffPage.click(`form[action="/personale/udbetalinger/${runId}/bekraeftelse"] button`)]);
    expect(await staffPage.locator('.alert-success').textContent()).toContain('1 linje er registreret som betalt. Ingen var registreret i forvejen.');
    await look(staffPage, 'approver-confirmed');

    await waitForStatus(submitted.handle, 'PAID');
    await eventually(async () => {
      await casePage.reload();
      return (await text(casePage, '#case-status .alert-heading')) === 'Status: Udbetalt' ? true : undefined;
    }, 'the page in PAID');
    expect(await text(casePage, 'section[aria-labelledby="payout-heading"]')).toContain('12.000 kr. er udbetalt til foreningens NemKonto den 4. januar 2027.');
    expect(await casePage.content()).not.toContain('udbetales den');
    await look(casePage, 'association-paid');

    await staffPage.goto(`${stack.baseUrl}/personale/sager/${submitted.id}`);
    expect(await text(staffPage, 'section[aria-labelledby="payout-heading"]')).toContain('12.000 kr. udbetalt den 4. januar 2027 (bekræftet af Lene Leder,');
    await look(staffPage, 'staff-case-paid');
  });
});
