import crypto from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, newContext, screenshots, type Screenshots } from '../support/browser';
import { createOpenRound, eventually, postJson, TEST_CRITERIA } from '../support/fixtures';
import { parsePdf } from '../support/pdf-text';
import { mailPart, mailsFor, submitCase, waitForStatus } from '../support/process';
import { signedInStaff, signInThroughPage } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';
import { caseStateQuery } from '../../workflows/messages';
import { formatMoney, t } from '../../locale';

// The caseworker's and approver's pages in a real browser without JavaScript, against the real
// stack: sign in, filter the queue, claim, ask the association, decide above the four-eyes
// threshold, preview the letter, second signature, and the decision email with the PDF.

// A whole case in a browser, axe on every page: minutes on a busy machine.
const JOURNEY_TIMEOUT_MS = 420_000;

let stack: TestStack;
let browser: Browser;
let shots: Screenshots;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  shots = screenshots('casework');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Clicks a submit button and waits for the page the form leads to. */
async function submit(page: Page, button: Locator): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), button.click()]);
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
  await shots.take(page, name);
}

const contactEmail = () => `inge+${crypto.randomUUID().slice(0, 8)}@faellesbord.dk`;

describe('casework pages', () => {
  it('caseworker claims, asks, decides above the threshold; the approver approves; the letter is emailed', async () => {
    const round = await createOpenRound(stack.db, { maxAmount: 100_000, fourEyesThreshold: 5_000 });
    const email = contactEmail();
    const submitted = await submitCase(stack, round.id, { amountRequested: 12_000, contact: { name: 'Inge Hansen', email } });
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    const caseworker = await signedInStaff(stack, ['caseworker'], 'Karin Sagsbehandler');
    const approver = await signedInStaff(stack, ['approver'], 'Lene Leder');
    const page = await (await newContext(browser, { javaScriptEnabled: false })).newPage();

    // The queue, reached through sign-in, filtered to this round and then to waiting cases.
    await signInThroughPage(page, stack.baseUrl, caseworker, `/personale/sager?roundId=${round.id}`);
    expect(await page.locator('h1').textContent()).toBe('Sager');
    await expectAccessible(page, 'queue');
    await page.locator('#f-status').selectOption('IN_QUEUE');
    await page.locator('#f-sort').selectOption('newest');
    await submit(page, page.getByRole('button', { name: 'Vis sager' }));
    expect(new URL(page.url()).searchParams.get('status')).toBe('IN_QUEUE');
    expect(new URL(page.url()).searchParams.get('roundId')).toBe(round.id);
    const row = page.locator('tr', { hasText: submitted.reference });
    await expect(row.count()).resolves.toBe(1);
    expect(await row.locator('.gf-sla').textContent()).toMatch(/^0 af 1 dag\b/);
    await expectAccessible(page, 'queue-filtered');

    // Claim in one click: the case page opens, saying so.
    await submit(page, page.getByRole('button', { name: `Tag sagen ${submitted.reference}` }));
    expect(new URL(page.url()).pathname).toBe(`/personale/sager/${submitted.id}`);
    expect(await page.locator('.alert-success').textContent()).toContain('Du er nu sagsbehandler');
    expect(await page.locator('main').textContent()).toContain('Foreningen Fælles Bord');
    expect(await stack.db.staffAccessLog.count({ where: { applicationId: submitted.id, staffEmail: caseworker.email, purpose: 'case_view' } })).toBeGreaterThan(0);
    expect(await stack.db.staffAuditLog.count({ where: { applicationId: submitted.id, action: 'case.claim' } })).toBe(1);
    await expectAccessible(page, 'case-claimed');

    // Asking without saying what is missing is refused on the page, nothing sent.
    await submit(page, page.getByRole('button', { name: 'Send anmodningen' }));
    expect(await page.title()).toMatch(/^Fejl: /);
    expect(await page.locator('#error-summary a').first().getAttribute('href')).toBe('#f-items');
    await expectAccessible(page, 'request-without-items');

    await page.getByLabel('Foreningens vedtægter').check();
    await page.locator('#f-message').fill('Send venligst jeres vedtægter, så vi kan se formålsparagraffen.');
    await submit(page, page.getByRole('button', { name: 'Send anmodningen' }));
    expect(await page.locator('.alert-success').textContent()).toContain('Anmodningen er sendt');
    // The page the post redirects to shows the new state: waiting for the association, no form to send again.
    expect(await page.locator('main').textContent()).toContain('Venter på svar fra foreningen');
    expect(await page.getByRole('button', { name: 'Send anmodningen' }).count()).toBe(0);
    expect((await submitted.handle.query(caseStateQuery)).status).toBe('AWAITING_APPLICANT');

    // The association answers through the API with the token from its receipt.
    const answer = await postJson(`${stack.baseUrl}/api/v1/applications/${submitted.id}/supplements`, { text: 'Vedtægterne er vedhæftet vores hjemmeside: §2 formål.' }, { authorization: `Bearer ${submitted.accessToken}` });
    expect(answer.status).toBe(202);
    // The case comes back to her: still hers, under review, in her own list, and she is told by email.
    const returned = await waitForStatus(submitted.handle, 'IN_REVIEW');
    expect(returned.assignee).toBe(caseworker.email);
    const [told] = await mailsFor(caseworker.email, 1);
    // The API's answer is a signal: the read model follows the workflow a moment later.
    await eventually(async () => ((await stack.db.application.findUniqueOrThrow({ where: { id: submitted.id } })).status === 'IN_REVIEW' ? true : undefined), 'the read model');
    expect(mailPart(told!, 'text/plain')).toContain('Hej Karin Sagsbehandler');
    await page.goto(`${stack.baseUrl}/personale/sager?assignee=me&roundId=${round.id}`);
    const mine = page.locator('tr', { hasText: submitted.reference });
    await expect(mine.count()).resolves.toBe(1);
    expect(await mine.textContent()).toContain('Under behandling');
    await expectAccessible(page, 'queue-mine-after-answer');

    await page.goto(`${stack.baseUrl}/personale/sager/${submitted.id}`);
    expect(await page.locator('main').textContent()).toContain('§2 formål');
    expect(await page.locator('main').textContent()).not.toContain('Sagen er taget af');

    // A partial grant without reasons is refused with the error above the reasons field.
    await page.getByLabel('Delvist bevilget').check();
    await page.locator('#f-amountGranted').fill('10000');
    await submit(page, page.getByRole('button', { name: 'Træf afgørelse', exact: true }));
    expect(await page.title()).toMatch(/^Fejl: /);
    expect(await page.locator('#error-summary a').first().getAttribute('href')).toBe('#f-reasonText');
    expect(await page.locator('#f-amountGranted').inputValue()).toBe('10000');
    await expectAccessible(page, 'decide-without-reasons');

    // The letter preview: the PDF as it would be sent, nothing decided.
    await page.getByLabel(TEST_CRITERIA[1]!.label.da).check();
    await page.locator('#f-reasonText').fill('Budgettet rummer udgifter til forplejning ud over puljens ramme.');
    const form = page.locator('form[action$="/afgoerelse"]');
    const fields = Object.fromEntries(
      await form.locator('input[type=hidden], input:checked, input[type=text], textarea').evaluateAll((inputs) => inputs.map((input) => [(input as unknown as { name: string }).name, (input as unknown as { value: string }).value])),
    ) as Record<string, string>;
    const preview = await page.request.post(`${stack.baseUrl}/personale/sager/${submitted.id}/brev-udkast`, { form: fields, headers: { origin: stack.baseUrl } });
    expect(preview.status()).toBe(200);
    expect(preview.headers()['content-type']).toBe('application/pdf');
    const previewText = (await parsePdf(await preview.body())).text;
    expect(previewText).toContain('Foreningen Fælles Bord');
    expect(previewText).toContain('forplejning ud over puljens ramme');
    expect((await submitted.handle.query(caseStateQuery)).status).toBe('IN_REVIEW');

    await submit(page, page.getByRole('button', { name: 'Træf afgørelse', exact: true }));
    expect(await page.locator('.alert-success').textContent()).toContain('venter nu på en godkenders underskrift');
    expect(await page.getByRole('button', { name: 'Træf afgørelse', exact: true }).count()).toBe(0);
    expect((await submitted.handle.query(caseStateQuery)).status).toBe('AWAITING_APPROVAL');
    await expectAccessible(page, 'decision-proposed');

    // The approver: the decision waits on the approvals page; a return needs a comment.
    const approverPage = await (await newContext(browser, { javaScriptEnabled: false })).newPage();
    await signInThroughPage(approverPage, stack.baseUrl, approver, '/personale/godkendelser');
    const proposal = approverPage.locator('article', { has: approverPage.locator(`#proposal-${submitted.id}`) });
    expect(await proposal.textContent()).toContain(`Delvist bevilget, ${formatMoney('da', 1_000_000n)}`);
    await expectAccessible(approverPage, 'approvals');
    await submit(approverPage, proposal.getByRole('button', { name: 'Send tilbage med en kommentar' }));
    expect(await approverPage.title()).toMatch(/^Fejl: /);
    await expectAccessible(approverPage, 'return-without-comment');

    await approverPage.goto(`${stack.baseUrl}/personale/godkendelser`);
    await submit(approverPage, approverPage.locator('article', { has: approverPage.locator(`#proposal-${submitted.id}`) }).getByRole('button', { name: 'Godkend afgørelsen' }));
    expect(await approverPage.locator('.alert-success').textContent()).toContain('godkendt');
    await expectAccessible(approverPage, 'approved');
    await waitForStatus(submitted.handle, 'REPORT_DUE');

    // The decision email carries the letter as a PDF.
    const mails = await mailsFor(email, 3);
    expect(mails.some((mail) => mail.raw.includes('application/pdf'))).toBe(true);
    const decision = await stack.db.decision.findFirstOrThrow({ where: { applicationId: submitted.id } });
    expect(decision).toMatchObject({ outcome: 'partially_approved', amountGrantedOre: 1_000_000n, decidedBy: caseworker.email, approvedBy: approver.email });
  }, JOURNEY_TIMEOUT_MS);

  it('says plainly when the case changed while the page was open', async () => {
    const round = await createOpenRound(stack.db);
    const submitted = await submitCase(stack, round.id);
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    const caseworker = await signedInStaff(stack, ['caseworker'], 'Karin Sagsbehandler');
    const colleague = await signedInStaff(stack, ['caseworker'], 'Kim Kollega');
    const page = await (await newContext(browser, { javaScriptEnabled: false })).newPage();
    await signInThroughPage(page, stack.baseUrl, caseworker, `/personale/sager/${submitted.id}`);

    // A colleague claims it in the meantime.
    expect((await postJson(`${stack.baseUrl}/api/v1/applications/${submitted.id}/assignment`, {}, colleague.headers)).status).toBe(200);
    await submit(page, page.locator('.gf-actions').getByRole('button', { name: 'Tag sagen' }));
    expect(await page.locator('.alert-warning').textContent()).toContain('Sagen har ændret sig, mens du havde siden åben. Den er nu: Under behandling');
    expect(await page.locator('main').textContent()).toContain('Sagen er taget af Kim Kollega');
    // Only the colleague works the case now; this caseworker may take it over, nothing else.
    expect(await page.getByRole('button', { name: 'Træf afgørelse', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Send anmodningen' }).count()).toBe(0);
    const state = await waitForStatus(submitted.handle, 'IN_REVIEW');
    expect(state.assignee).toBe(colleague.email);
    await expectAccessible(page, 'stale-state');
  }, JOURNEY_TIMEOUT_MS);

  it('reviews a follow-up report: send back needs a comment; accepting proposes a claim for unspent money', async () => {
    const round = await createOpenRound(stack.db);
    const submitted = await submitCase(stack, round.id, { amountRequested: 12_000 });
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    const caseworker = await signedInStaff(stack, ['caseworker'], 'Karin Sagsbehandler');
    const api = (path: string, body: unknown, headers: Record<string, string>) => postJson(`${stack.baseUrl}/api/v1${path}`, body, headers);
    expect((await api(`/applications/${submitted.id}/assignment`, {}, caseworker.headers)).status).toBe(200);
    expect((await api(`/applications/${submitted.id}/decision`, { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: '' } }, caseworker.headers)).status).toBe(200);
    await waitForStatus(submitted.handle, 'REPORT_DUE');
    const report = { narrative: 'Vi holdt 11 af 12 fællesspisninger.', spentKroner: 11_000, participants: 320, volunteers: 8, storyConsent: false };
    expect((await api(`/applications/${submitted.id}/reports`, report, { authorization: `Bearer ${submitted.accessToken}` })).status).toBe(202);
    await waitForStatus(submitted.handle, 'REPORT_SUBMITTED');

    const page = await (await newContext(browser, { javaScriptEnabled: false })).newPage();
    await signInThroughPage(page, stack.baseUrl, caseworker, '/personale/opfoelgning');
    const card = () => page.locator('article', { has: page.locator(`#report-${submitted.id}`) });
    expect(await card().textContent()).toContain(t('da', 'casework.repaymentNote', { amount: formatMoney('da', 100_000n) }));
    expect(await card().textContent()).toContain('Vi holdt 11 af 12 fællesspisninger.');
    await expectAccessible(page, 'reports');

    await submit(page, card().getByRole('button', { name: 'Send tilbage med en kommentar' }));
    expect(await page.title()).toMatch(/^Fejl: /);
    expect(await page.locator('#error-summary a').first().getAttribute('href')).toBe(`#f-comment-${submitted.id}`);
    await expectAccessible(page, 'report-send-back-without-comment');

    await submit(page, card().getByRole('button', { name: 'Godkend afrapporteringen' }));
    expect(await page.locator('.alert-success').textContent()).toContain('Afrapporteringen er godkendt');
    const reviewed = await stack.db.followUpReport.findFirstOrThrow({ where: { applicationId: submitted.id } });
    expect(reviewed).toMatchObject({ reviewOutcome: expect.any(String), reviewedBy: caseworker.email, repaymentOre: 100_000n });
    expect(await stack.db.staffAuditLog.count({ where: { applicationId: submitted.id, action: 'report.accept' } })).toBe(1);
    // The claim is the caseworker's decision of its own, on the case page.
    await waitForStatus(submitted.handle, 'REPAYMENT_PROPOSED');
    expect(await page.locator('main').textContent()).toContain(t('da', 'casework.repayment.toDecide'));
    await expectAccessible(page, 'report-accepted');
  }, JOURNEY_TIMEOUT_MS);
});
