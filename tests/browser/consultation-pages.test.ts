jest.setTimeout(300_000);

import type { Browser, Locator, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, newContext, screenshots, type Screenshots } from '../support/browser';
import { createOpenRound, eventually } from '../support/fixtures';
import { mailsFor, submitCase, subjectOf, waitForStatus, type SinkMessage } from '../support/process';
import { samplePdf } from '../support/sample-files';
import { signedInStaff, signInThroughPage } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// Partshøring in the browser, without JavaScript: the caseworker sends the facts from the case
// page, the association reads them on its own case page and answers with text and a file, and
// the caseworker sees the comments. Screenshots go to test-results/screenshots/consultation/.

let stack: TestStack;
let browser: Browser;
let shots: Screenshots;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  shots = screenshots('consultation');
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

/** The private link in an email (quoted-printable undone). */
function linkIn(message: SinkMessage, applicationId: string): string {
  const text = message.raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
  const match = new RegExp(`https?://[^\\s"<>]*/sag/${applicationId}\\?adgang=([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error('no private link in the email');
  return `${stack.baseUrl}/sag/${applicationId}?adgang=${match[1]}`;
}

describe('partshøring pages', () => {
  it('caseworker sends facts → the association comments with a file on its case page → the caseworker reads the comments', async () => {
    const round = await createOpenRound(stack.db, { process: { answerDeadline: 'P14D', answerReminders: ['P7D'] } });
    const submitted = await submitCase(stack, round.id, { amountRequested: 12_000 });
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    const caseworker = await signedInStaff(stack, ['caseworker'], 'Karen Sagsbehandler');
    const staffPage = await (await newContext(browser, { javaScriptEnabled: false })).newPage();
    await signInThroughPage(staffPage, stack.baseUrl, caseworker, `/personale/sager/${submitted.id}`);
    await submit(staffPage, staffPage.getByRole('button', { name: 'Tag sagen' }).first());
    await expectAccessible(staffPage, 'caseworker-consult-form');

    // Without a fact the form comes back with the error at the first fact, nothing sent.
    await submit(staffPage, staffPage.getByRole('button', { name: 'Send til partshøring' }));
    expect(await staffPage.locator('#error-summary a').first().getAttribute('href')).toBe('#f-fact-1');
    expect(await staffPage.locator('#f-fact-1-error').textContent()).toContain('Skriv mindst én oplysning');
    expect(await stack.db.consultation.count({ where: { applicationId: submitted.id } })).toBe(0);
    await expectAccessible(staffPage, 'caseworker-consult-error');

    await staffPage.fill('#f-fact-1', 'Jeres rapport for tilskuddet i 2025 viser i gennemsnit 6 deltagere pr. gang, ikke de 40, I regner med.');
    await staffPage.locator('#f-source-1').selectOption('earlier_report');
    await staffPage.fill('#f-fact-2', 'Ved vores besøg den 20. november var lokalet lukket.');
    await staffPage.locator('#f-source-2').selectOption('own_findings');
    const deadline = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await staffPage.fill('#f-answerBy', deadline);
    await staffPage.fill('#f-consultationMessage', 'Skriv til os, hvis tallene ikke passer.');
    await submit(staffPage, staffPage.getByRole('button', { name: 'Send til partshøring' }));
    expect(await staffPage.locator('.alert-success').textContent()).toContain('sendt til partshøring');
    await waitForStatus(submitted.handle, 'AWAITING_COMMENTS');
    const consultation = await stack.db.consultation.findFirstOrThrow({ where: { applicationId: submitted.id } });
    expect(consultation.message).toBe('Skriv til os, hvis tallene ikke passer.');
    expect(consultation.facts).toEqual([
      { text: expect.stringContaining('6 deltagere'), source: 'earlier_report' },
      { text: expect.stringContaining('lokalet lukket'), source: 'own_findings' },
    ]);
    expect(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(consultation.answerBy)).toBe(deadline);
    expect(await stack.db.staffAuditLog.count({ where: { applicationId: submitted.id, action: 'case.consult' } })).toBe(1);
    await expectAccessible(staffPage, 'caseworker-consultation-sent');

    // The association follows the link in the email.
    const { contactEmail } = await stack.db.application.findUniqueOrThrow({ where: { id: submitted.id } });
    const mail = (await mailsFor(contactEmail, 2)).find((m) => subjectOf(m).startsWith('Jeres bemærkninger'))!;
    const page = await (await newContext(browser)).newPage();
    await page.goto(linkIn(mail, submitted.id));
    expect((await page.locator('#case-status .alert-heading').textContent())?.trim()).toBe('Status: Venter på foreningens bemærkninger (partshøring)');
    const section = page.locator('section[aria-labelledby="consultation-heading"]');
    expect(await section.textContent()).toContain('6 deltagere pr. gang');
    expect(await section.textContent()).toContain('Kilde: Kommunens egne undersøgelser');
    await expectAccessible(page, 'association-consultation-form');

    await submit(page, page.getByRole('button', { name: 'Send bemærkninger' }));
    expect(await page.locator('#f-comments-error').textContent()).toContain('Skriv jeres bemærkninger, eller vedhæft et dokument.');
    await expectAccessible(page, 'association-consultation-error');

    await page.fill('#f-comments', 'Tallet 6 er fra vinteren, hvor vi kun havde åbent om formiddagen. Nu kommer der 30-40 hver gang; se deltagerlisten.');
    await page.setInputFiles('#f-comment_files', { name: 'deltagerliste.pdf', mimeType: 'application/pdf', buffer: await samplePdf('Deltagerliste') });
    await Promise.all([page.waitForURL(`**/sag/${submitted.id}?sendt=bemaerkninger`), page.getByRole('button', { name: 'Send bemærkninger' }).click()]);
    expect(await page.locator('.alert-success').textContent()).toContain('Vi har modtaget jeres bemærkninger');
    await waitForStatus(submitted.handle, 'IN_REVIEW');
    await expectAccessible(page, 'association-comments-sent');

    // Back with the caseworker: the comments and the file on the case page.
    await eventually(async () => ((await stack.db.consultation.findFirstOrThrow({ where: { applicationId: submitted.id } })).answeredAt ? true : undefined), 'the comments stored');
    await staffPage.goto(`${stack.baseUrl}/personale/sager/${submitted.id}`);
    const consultations = staffPage.locator('section[aria-labelledby="consultations-heading"]');
    expect(await consultations.textContent()).toContain('Nu kommer der 30-40');
    expect(await consultations.textContent()).toContain('deltagerliste.pdf');
    expect(await consultations.textContent()).toContain('Partshøring 1, sendt');
    await expectAccessible(staffPage, 'caseworker-comments-received');
    await submitted.handle.terminate('test finished');
  });
});
