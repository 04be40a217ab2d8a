import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, newContext, screenshots, type Screenshots } from '../support/browser';
import { createOpenRound, eventually, getJson } from '../support/fixtures';
import { submitCase, waitForStatus } from '../support/process';
import { signedInStaff, signInThroughPage } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';
import { caseStateQuery } from '../../workflows/messages';
import { t } from '../../locale';

// A deadline round's allocation page in a browser without JavaScript: the proposal, a refusal
// naming each case whose begrundelse says nothing about it, the confirmation with the round's
// criteria, the second signature by another approver, and the cases outside the allocation.

let stack: TestStack;
let browser: Browser;
let shots: Screenshots;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  shots = screenshots('allocation');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function submit(page: Page, button: Locator): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), button.click()]);
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
  await shots.take(page, name);
}

const lines = (amount: number) => ({ lines: [{ category: 'food', description: 'Råvarer til 12 fællesspisninger', amount }], cofinancing: [] });

describe('the allocation page', () => {
  it('refuses a generic begrundelse per case, takes a confirmation, a second signature from someone else, and lists the cases left out', async () => {
    const round = await createOpenRound(stack.db, {
      mode: 'deadline',
      budget: 60_000,
      maxAmount: 60_000,
      fourEyesThreshold: 20_000,
      closesAt: new Date(Date.now() + 15_000),
      reportingTiers: [
        { upToKroner: 45_000, requirement: 'declaration', applicationDocuments: [] },
        { upToKroner: null, requirement: 'accounts', applicationDocuments: ['statutes'] },
      ],
      process: { answerDeadline: '10m', answerReminders: [] },
    });
    const inAllocation = [];
    for (const amount of [40_000, 30_000, 20_000]) inAllocation.push(await submitCase(stack, round.id, { amountRequested: amount, budget: lines(amount) }));
    const waiting = await submitCase(stack, round.id, { amountRequested: 50_000, budget: lines(50_000) });
    for (const c of inAllocation) await waitForStatus(c.handle, 'IN_QUEUE');
    await waitForStatus(waiting.handle, 'AWAITING_APPLICANT');

    const first = await signedInStaff(stack, ['caseworker', 'approver'], 'Torben Lund');
    const second = await signedInStaff(stack, ['approver'], 'Lene Leder');
    const page = await (await newContext(browser, { javaScriptEnabled: false })).newPage();
    const address = `/personale/godkendelser/puljer/${round.id}`;
    await eventually(async () => ((await getJson(`${stack.baseUrl}/api/v1/rounds/${round.id}/allocation`, first.headers)).body.status === 'CLOSED' ? true : undefined), 'the round to close', 60_000);
    await signInThroughPage(page, stack.baseUrl, first, address);
    expect(new URL(page.url()).pathname).toBe(address);
    expect(await page.locator('main').textContent()).toContain(t('da', 'casework.outsideExplained'));
    expect(await page.locator('main').textContent()).toContain(waiting.reference);
    await expectAccessible(page, 'closed');

    // A sentence any refusal could carry: refused on the page, each case named, nothing confirmed.
    await page.locator('#f-reasons').fill('Ansøgningen opfylder ikke kriterierne.');
    await submit(page, page.getByRole('button', { name: t('da', 'casework.confirmAllocation') }));
    const summary = await page.locator('#error-summary').textContent();
    for (const c of inAllocation) expect(summary).toContain(c.reference);
    expect(summary).toContain(t('da', 'errors.decision.reasonsGeneric'));
    expect(await stack.db.decision.count({ where: { application: { roundId: round.id } } })).toBe(0);
    await expectAccessible(page, 'refused');

    await page.locator('#f-reasons').fill('Puljen fik ansøgninger for 90.000 kr. til et budget på 60.000 kr., så hvert beløb er nedsat med en tredjedel.');
    await page.getByLabel(t('da', 'casework.allocationOwnReason', { reference: inAllocation[0]!.reference, association: 'Foreningen Fælles Bord' })).fill('Råvarerne er regnet til 12 fællesspisninger; med 40 deltagere rækker 26.600 kr. til de første 8.');
    await page.locator('input[name="criteria"][value="budget_share"]').check();
    await submit(page, page.getByRole('button', { name: t('da', 'casework.confirmAllocation') }));
    expect(await page.locator('.alert-success').textContent()).toContain(t('da', 'casework.done.allocationAwaiting'));
    expect(await page.locator('main').textContent()).toContain(t('da', 'casework.allocationOwnConfirmation'));
    await expectAccessible(page, 'awaiting-second-signature');

    const other = await (await newContext(browser, { javaScriptEnabled: false })).newPage();
    await signInThroughPage(other, stack.baseUrl, second, address);
    await submit(other, other.getByRole('button', { name: t('da', 'casework.approveAllocation') }));
    expect(await other.locator('.alert-success').textContent()).toContain(t('da', 'casework.done.allocated'));
    expect(await other.locator('main').textContent()).toContain('Lene Leder');
    for (const c of inAllocation) await waitForStatus(c.handle, 'REPORT_DUE');
    await eventually(async () => ((await waiting.handle.query(caseStateQuery)).decidedSeparately ? true : undefined), 'the waiting case to be decided on its own');
    await other.reload();
    await expectAccessible(other, 'allocated');

    // The case left out says on its own page that it is decided on its own.
    await other.goto(`${stack.baseUrl}/personale/sager/${waiting.id}`);
    expect(await other.locator('main').textContent()).toContain(t('da', 'casework.decidedSeparately'));
    await expectAccessible(other, 'case-outside-allocation');

    const letter = await stack.db.document.findFirstOrThrow({ where: { applicationId: inAllocation[0]!.id, kind: 'decision_letter' } });
    fs.writeFileSync(path.join(shots.folder, 'letter-from-allocation.pdf'), letter.content);
    for (const c of inAllocation) await stack.temporal.workflow.getHandle(`grant-report-${c.id}`).terminate('test finished');
  }, 300_000);
});
