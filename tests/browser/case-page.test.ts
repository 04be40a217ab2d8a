jest.setTimeout(180_000);

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { reportStateQuery } from '../../workflows/messages';
import { accessibilityViolations, launchBrowser, newContext, screenshots, type Screenshots } from '../support/browser';
import { createOpenRound, eventually, postJson } from '../support/fixtures';
import { mailPart, mailsFor, submitCase, waitForStatus, type SinkMessage, type SubmittedCase } from '../support/process';
import { sampleExe, samplePdf } from '../support/sample-files';
import { signedInStaff } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// The association's own case page, driven as a volunteer would: the link from the email, an
// answer to an information request (first with a file that is not what its name says), the
// decision and letter, and the follow-up report. Caseworker steps go through the JSON API.

let stack: TestStack;
let browser: Browser;
let shots: Screenshots;
let submitted: SubmittedCase;
let caseworker: { email: string; headers: Record<string, string> };
let context: BrowserContext;
let page: Page;
let caseLink: string;

const api = (path: string) => `${stack.baseUrl}/api/v1${path}`;

/** The private link in an email (quoted-printable undone). */
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

async function statusHeading(target: Page = page): Promise<string> {
  return ((await target.locator('#case-status .alert-heading').textContent()) ?? '').trim();
}

/** The page reads the database, which follows the workflow a moment later. */
async function reloadUntilStatus(label: string): Promise<void> {
  await eventually(async () => {
    await page.reload();
    return (await statusHeading()) === `Status: ${label}` ? true : undefined;
  }, `the page to show ${label}`);
}

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  shots = screenshots('case-page');
  const round = await createOpenRound(stack.db, { process: { answerDeadline: '1h', answerReminders: ['30m'] } });
  submitted = await submitCase(stack, round.id, { amountRequested: 12_000 });
  await waitForStatus(submitted.handle, 'IN_QUEUE');
  caseworker = await signedInStaff(stack, ['caseworker']);
  context = await newContext(browser);
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

describe('the association’s case page', () => {
  it('opens from the link in the information request email, and keeps the token out of the address', async () => {
    expect((await postJson(api(`/applications/${submitted.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
    const asked = await postJson(
      api(`/applications/${submitted.id}/information-requests`),
      { items: ['Foreningens vedtægter'], message: 'Vi mangler jeres vedtægter.\nSend dem som PDF.' },
      caseworker.headers,
    );
    expect(asked.status).toBe(201);
    await waitForStatus(submitted.handle, 'AWAITING_APPLICANT');
    const { contactEmail } = await stack.db.application.findUniqueOrThrow({ where: { id: submitted.id } });
    const mails = await mailsFor(contactEmail, 2);
    caseLink = linkIn(mails.at(-1)!, submitted.id);

    const response = await page.goto(caseLink);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(`${stack.baseUrl}/sag/${submitted.id}`);
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'gf_case');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: `/sag/${submitted.id}` });

    expect(await page.locator('h1').textContent()).toBe('Fællesspisning for ensomme ældre');
    expect(await statusHeading()).toBe('Status: Venter på svar fra foreningen');
    expect(await page.locator('[aria-current="step"]').textContent()).toContain('Behandling');
    await expect(page.locator('.gf-timeline').textContent()).resolves.toContain('Kommunen har bedt om flere oplysninger');
    await expect(page.locator('#request-heading ~ ul').textContent()).resolves.toContain('Foreningens vedtægter');
    await expect(page.locator('body').textContent()).resolves.toContain('Forventet svar senest');
    await checkPage('awaiting-answer');
  });

  it('refuses an .exe named .pdf with the reason next to the field, keeping the typed answer', async () => {
    await page.fill('#f-text', 'Her er vores vedtægter.');
    await page.setInputFiles('#f-answer_files', { name: 'vedtaegter.pdf', mimeType: 'application/pdf', buffer: sampleExe() });
    const [response] = await Promise.all([page.waitForNavigation(), page.click('button:has-text("Send svar")')]);
    expect(response?.status()).toBe(400);
    expect(await page.title()).toMatch(/^Fejl: /);
    const summary = page.locator('#error-summary');
    await expect(summary.locator('a').getAttribute('href')).resolves.toBe('#f-answer_files');
    await expect(page.locator('#f-answer_files-error').textContent()).resolves.toContain('"vedtaegter.pdf" er ikke en filtype, vi kan modtage');
    expect(await page.inputValue('#f-text')).toBe('Her er vores vedtægter.');
    expect(await stack.db.document.count({ where: { applicationId: submitted.id, kind: 'answer' } })).toBe(0);
    expect(await stack.db.informationRequest.count({ where: { applicationId: submitted.id, answeredAt: { not: null } } })).toBe(0);
    await checkPage('answer-disguised-file-error');
  });

  it('takes the answer with a real PDF, and the page right after shows the case back with its caseworker, without the form', async () => {
    await page.setInputFiles('#f-answer_files', { name: 'vedtægter.pdf', mimeType: 'application/pdf', buffer: await samplePdf('Vedtægter') });
    await Promise.all([page.waitForURL(`**/sag/${submitted.id}?sendt=svar`), page.click('button:has-text("Send svar")')]);
    // No reload: the page the post redirects to already shows the new state.
    await expect(page.locator('.alert-success').textContent()).resolves.toContain('Tak. Vi har modtaget jeres svar');
    expect(await statusHeading()).toBe('Status: Under behandling');
    expect(await page.locator('#f-text').count()).toBe(0);
    expect(await page.locator('button:has-text("Send svar")').count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toContain('Venter på svar');
    const application = await stack.db.application.findUniqueOrThrow({ where: { id: submitted.id } });
    expect(application).toMatchObject({ status: 'IN_REVIEW', assignee: caseworker.email });
    const [toCaseworker] = await mailsFor(caseworker.email, 1);
    const text = mailPart(toCaseworker!, 'text/plain');
    expect(text).toContain('har sendt de oplysninger, du bad om');
    expect(text).toContain(`/personale/sager/${submitted.id}`);
    const request = await stack.db.informationRequest.findFirstOrThrow({ where: { applicationId: submitted.id } });
    const answer = request.answer as { text: string; documentIds: string[] };
    expect(answer.text).toBe('Her er vores vedtægter.');
    expect(answer.documentIds).toHaveLength(1);
    await expect(page.locator('a[href*="/dokumenter/"]').textContent()).resolves.toContain('vedtægter.pdf');
    await checkPage('answered');
  });

  it('shows the decision with the letter, and the declaration form once a report is due', async () => {
    expect((await postJson(api(`/applications/${submitted.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
    const decided = await postJson(
      api(`/applications/${submitted.id}/decision`),
      { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: '' }, conditions: [] },
      caseworker.headers,
    );
    expect(decided.status).toBe(200);
    await waitForStatus(submitted.handle, 'REPORT_DUE');
    await reloadUntilStatus('Afrapportering afventer');
    await eventually(async () => {
      await page.reload();
      return (await page.locator('a[href$="/afgoerelse.pdf"]').count()) ? true : undefined;
    }, 'the letter link');
    await expect(page.locator('#decision-heading + p').textContent()).resolves.toContain('I har fået tilskud på 12.000 kr.');
    const letter = await context.request.get(`${stack.baseUrl}/sag/${submitted.id}/afgoerelse.pdf`);
    expect(letter.status()).toBe(200);
    expect(letter.headers()['content-type']).toBe('application/pdf');
    expect(letter.headers()['content-disposition']).toMatch(/^attachment; /);
    expect((await letter.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await expect(page.locator('#report-heading').textContent()).resolves.toBe('Afrapportering: Erklæring');
    await checkPage('report-due');
  });

  it('explains what is wrong in the report form, then takes a valid report', async () => {
    await page.fill('#f-spentKroner', 'mange');
    await page.fill('#f-participants', '38');
    await page.fill('#f-volunteers', '8');
    const [response] = await Promise.all([page.waitForNavigation(), page.click('button:has-text("Send afrapportering")')]);
    expect(response?.status()).toBe(400);
    expect(await page.title()).toMatch(/^Fejl: /);
    const links = await page.locator('#error-summary a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['#f-declaration', '#f-spentKroner']);
    expect(await page.inputValue('#f-participants')).toBe('38');
    await checkPage('report-errors');

    await page.check('#f-declaration');
    await page.fill('#f-spentKroner', '11.000');
    await page.fill('#f-story', 'Else på 84 kom hver torsdag og tog sin nabo med.');
    await page.check('#f-storyConsent');
    await Promise.all([page.waitForURL(`**/sag/${submitted.id}?sendt=afrapportering`), page.click('button:has-text("Send afrapportering")')]);
    // Right after the post, without a reload: the new state, the thanks, and no form to send again.
    expect(await statusHeading()).toBe('Status: Afrapportering modtaget');
    await expect(page.locator('.alert-success').textContent()).resolves.toContain('Tak. Vi har modtaget afrapporteringen');
    expect(await page.locator('button:has-text("Send afrapportering")').count()).toBe(0);
    const report = stack.temporal.workflow.getHandle(`grant-report-${submitted.id}`);
    expect((await report.query(reportStateQuery)).status).toBe('REPORT_SUBMITTED');
    const stored = await eventually(
      async () => (await stack.db.followUpReport.findFirst({ where: { applicationId: submitted.id, submittedAt: { not: null } } })) ?? undefined,
      'the stored report',
    );
    expect(stored.content).toMatchObject({ spentKroner: 11_000, participants: 38, volunteers: 8, storyConsent: true, story: 'Else på 84 kom hver torsdag og tog sin nabo med.' });
    expect((stored.content as { narrative: string }).narrative).toMatch(/^Vi erklærer på tro og love/);
    await checkPage('report-submitted');
  });
});

describe('access and withdrawal without JavaScript', () => {
  let other: SubmittedCase;
  let plain: BrowserContext;
  let plainPage: Page;

  beforeAll(async () => {
    other = await submitCase(stack, (await stack.db.application.findUniqueOrThrow({ where: { id: submitted.id } })).roundId);
    await waitForStatus(other.handle, 'IN_QUEUE');
    plain = await newContext(browser, { javaScriptEnabled: false });
    plainPage = await plain.newPage();
  });

  afterAll(async () => {
    await plain?.close();
  });

  it('shows the status from the email link without JavaScript', async () => {
    await plainPage.goto(caseLink);
    expect(plainPage.url()).toBe(`${stack.baseUrl}/sag/${submitted.id}`);
    expect(await statusHeading(plainPage)).toBe('Status: Afrapportering modtaget');
    await shots.take(plainPage, 'no-javascript');
    expect(await accessibilityViolations(plainPage)).toEqual([]);
  });

  it('never opens a case with another application’s link', async () => {
    const crossed = await plainPage.goto(`${stack.baseUrl}/sag/${submitted.id}?adgang=${other.accessToken}`);
    expect(crossed?.status()).toBe(403);
    expect(await plainPage.locator('h1').textContent()).toBe('Linket giver ikke adgang til denne sag');
    expect(await plainPage.locator('body').textContent()).not.toContain('Fællesspisning');
    await shots.take(plainPage, 'wrong-link');
    expect(await accessibilityViolations(plainPage)).toEqual([]);

    const fresh = await newContext(browser, { javaScriptEnabled: false });
    const noCookie = await (await fresh.newPage()).goto(`${stack.baseUrl}/sag/${other.id}`);
    expect(noCookie?.status()).toBe(403);
    await fresh.close();
  });

  it('withdraws after a confirmation step', async () => {
    await plainPage.goto(`${stack.baseUrl}/sag/${other.id}?adgang=${other.accessToken}`);
    expect(await statusHeading(plainPage)).toBe('Status: Venter på en sagsbehandler');
    await plainPage.click('a:has-text("Træk ansøgningen tilbage")');
    expect(await plainPage.locator('h1').textContent()).toBe('Vil I trække ansøgningen tilbage?');
    await shots.take(plainPage, 'withdraw-confirmation');
    expect(await accessibilityViolations(plainPage)).toEqual([]);
    await plainPage.fill('#f-reason', 'Vi fik pengene fra en fond.');
    await plainPage.click('button:has-text("Ja, træk ansøgningen tilbage")');
    expect(plainPage.url()).toBe(`${stack.baseUrl}/sag/${other.id}?sendt=tilbagetrukket`);
    expect(await statusHeading(plainPage)).toBe('Status: Trukket tilbage');
    await expect(plainPage.locator('.alert-success').textContent()).resolves.toContain('Ansøgningen er trukket tilbage');
    await waitForStatus(other.handle, 'WITHDRAWN');
    expect(await plainPage.locator('a:has-text("Træk ansøgningen tilbage")').count()).toBe(0);
    await shots.take(plainPage, 'withdrawn');
    expect(await accessibilityViolations(plainPage)).toEqual([]);
  });
});
