jest.setTimeout(300_000);

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatDate } from '../../locale';
import { clickAndLoad, launchBrowser, lookAtBothWidths, newContext, screenshots, type Screenshots } from '../support/browser';
import { createOpenRound, eventually, postJson } from '../support/fixtures';
import { mailTo, subjectOf, submitCase, waitForStatus, type SinkMessage, type SubmittedCase } from '../support/process';
import { signedInStaff, signInThroughPage } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// A repayment on the pages: the caseworker sees the proposed claim on the case page and decides
// it (a reduction without reasons comes back with the field's error); the association sees the
// claim on its own case page in plain Danish (amount, deadline, account, the letter); staff
// register the payment and the case closes.

let stack: TestStack;
let browser: Browser;
let shots: Screenshots;
let caseworker: Awaited<ReturnType<typeof signedInStaff>>;
let staffContext: BrowserContext;
let staffPage: Page;
let associationContext: BrowserContext;
let associationPage: Page;

const api = (p: string) => `${stack.baseUrl}/api/v1${p}`;

const look = (page: Page, name: string) => lookAtBothWidths(page, shots, name);

function linkIn(message: SinkMessage, applicationId: string): string {
  const text = message.raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
  const match = new RegExp(`https?://[^\\s"<>]*/sag/${applicationId}\\?adgang=([A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error('no private link in the email');
  return `${stack.baseUrl}/sag/${applicationId}?adgang=${match[1]}`;
}

/** 12,000 kr granted, 9,000 kr spent, the report accepted: 3,000 kr proposed. */
async function acceptedWithUnspent(): Promise<SubmittedCase> {
  const round = await createOpenRound(stack.db, { process: { repaymentDue: 'P30D', repaymentReminders: ['-P7D', 'P7D'] } });
  const submitted = await submitCase(stack, round.id, { amountRequested: 12_000 });
  await waitForStatus(submitted.handle, 'IN_QUEUE');
  expect((await postJson(api(`/applications/${submitted.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
  expect((await postJson(api(`/applications/${submitted.id}/decision`), { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: '' }, conditions: [] }, caseworker.headers)).status).toBe(200);
  await waitForStatus(submitted.handle, 'REPORT_DUE');
  const report = { narrative: 'Vi holdt 9 af 12 fællesspisninger.', spentKroner: 9_000, participants: 250, volunteers: 8, storyConsent: false };
  expect((await postJson(api(`/applications/${submitted.id}/reports`), report, { authorization: `Bearer ${submitted.accessToken}` })).status).toBe(202);
  await waitForStatus(submitted.handle, 'REPORT_SUBMITTED');
  expect((await postJson(api(`/reports/${submitted.id}/review`), { accept: true }, caseworker.headers)).status).toBe(200);
  return submitted;
}

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  shots = screenshots('repayment');
  caseworker = await signedInStaff(stack, ['caseworker'], 'Karen Sagsbehandler');
  staffContext = await newContext(browser, { javaScriptEnabled: false });
  staffPage = await staffContext.newPage();
  associationContext = await newContext(browser);
  associationPage = await associationContext.newPage();
});

afterAll(async () => {
  await staffContext?.close();
  await associationContext?.close();
  await browser?.close();
  await stack?.stop();
});

describe('a repayment claim on the pages', () => {
  it('is decided on the staff case page, shown to the association with how to pay, and closed when registered as paid', async () => {
    const c = await acceptedWithUnspent();
    const recipient = (await stack.db.application.findUniqueOrThrow({ where: { id: c.id } })).contactEmail;

    await signInThroughPage(staffPage, stack.baseUrl, caseworker, `/personale/sager/${c.id}`);
    const section = () => staffPage.locator('section', { has: staffPage.locator('#repayment-heading') });
    expect(await section().textContent()).toContain('Tilskud 12.000 kr., brugt 9.000 kr. Foreslået krav: 3.000 kr.');
    await look(staffPage, 'staff-proposal');

    // Reduce without reasons: the form comes back with the field's error, nothing decided.
    await section().getByLabel('Nedsæt kravet').check();
    await section().locator('#f-amount').fill('2000');
    await clickAndLoad(staffPage, section().getByRole('button', { name: 'Send afgørelsen' }));
    expect(await staffPage.title()).toMatch(/^Fejl: /);
    expect(await staffPage.locator('#f-reasons-error').textContent()).toContain('Skriv begrundelsen for afgørelsen.');
    expect(await staffPage.locator('#f-amount').inputValue()).toBe('2000');
    expect((await stack.db.repayment.findFirstOrThrow({ where: { applicationId: c.id } })).outcome).toBeNull();
    await look(staffPage, 'staff-reasons-missing');

    await section().locator('#f-reasons').fill('Foreningen har dokumenteret 1.000 kr. til leje af køkken, som ikke kom med i regnskabet.');
    await clickAndLoad(staffPage, section().getByRole('button', { name: 'Send afgørelsen' }));
    expect(await staffPage.locator('.alert-success').textContent()).toContain('Afgørelsen om tilbagebetaling er truffet.');
    await waitForStatus(c.handle, 'REPAYMENT_DUE');
    const claim = await stack.db.repayment.findFirstOrThrow({ where: { applicationId: c.id } });
    expect(claim).toMatchObject({ outcome: 'reduced', claimedOre: 200_000n });
    await staffPage.reload();
    expect(await section().textContent()).toContain(`Betales senest ${formatDate('da', claim.dueAt!)}.`);
    await look(staffPage, 'staff-claimed');

    // The association, from the link in the claim's email.
    const claimMail = await eventually(async () => (await mailTo(recipient)).find((m) => subjectOf(m).startsWith('Krav om tilbagebetaling')), 'the claim email');
    await associationPage.goto(linkIn(claimMail, c.id));
    const claimSection = associationPage.locator('section', { has: associationPage.locator('#repayment-heading') });
    const shown = await claimSection.textContent();
    expect(shown).toContain(`I skal betale 2.000 kr. tilbage senest ${formatDate('da', claim.dueAt!)}.`);
    expect(shown).toContain('Reg.nr.9999');
    expect(shown).toContain('Kontonr.0001234567');
    expect(shown).toContain(c.reference);
    expect(await claimSection.getByRole('link', { name: 'Hent brevet om tilbagebetaling (PDF)' }).count()).toBe(1);
    expect(await associationPage.locator('#case-status').textContent()).toContain('Tilbagebetaling afventer');
    await look(associationPage, 'association-claim');

    // Registered as paid: the case closes, and the association's page says so.
    await staffPage.locator('#f-paidOn').fill(new Date().toISOString().slice(0, 10));
    await clickAndLoad(staffPage, staffPage.getByRole('button', { name: 'Registrér som indbetalt' }));
    expect(await staffPage.locator('.alert-success').textContent()).toContain('Indbetalingen er registreret');
    expect(await c.handle.result()).toBe('CLOSED');
    await look(staffPage, 'staff-paid');
    await associationPage.reload();
    expect(await claimSection.textContent()).toContain('Vi har registreret jeres betaling af 2.000 kr.');
    await look(associationPage, 'association-paid');
  });
});
