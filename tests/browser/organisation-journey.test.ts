import crypto from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { clickAndLoad, launchBrowser, lookAtBothWidths, newContext, screenshots, type Screenshots } from '../support/browser';
import { createOpenRound, isoDay } from '../support/fixtures';
import { mailPart, mailsFor, mailTo, subjectOf } from '../support/process';
import { startTestStack, type TestStack } from '../support/stack';

// Two members of one association share a draft: Inge starts it through the form, signs in for the
// association by the link in her email (the first member, so its administrator) and adds Bo; Bo
// signs in by his own link, finds the draft on the association's page, finishes it and sends it;
// both see the case, with Bo named in its timeline. Every page at a desktop's and a phone's width,
// screenshotted and checked with axe.

jest.setTimeout(600_000);

// A fictional association of the local register (infra/register), so the form and the screening know it.
const CVR = '99104112';
const marker = crypto.randomUUID().slice(0, 8);
const inge = `inge-${marker}@lektiecafe.example.dk`;
const bo = `bo-${marker}@lektiecafe.example.dk`;

let stack: TestStack;
let browser: Browser;
let shots: Screenshots;
let round: { id: string; slug: string };

beforeAll(async () => {
  stack = await startTestStack();
  // The default test tiers: nothing to upload at this amount, so the form goes from the declarations to the summary.
  round = await createOpenRound(stack.db, { maxAmount: 20_000 });
  browser = await launchBrowser();
  shots = screenshots('organisation-journey');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const look = (page: Page, name: string) => lookAtBothWidths(page, shots, name);
const click = clickAndLoad;

const next = (page: Page) => click(page, '.gf-form-actions button[value="next"]');

/** Asks for a sign-in link on the page, reads it in the SMTP sink as the member would, and uses it. */
async function signInByEmail(page: Page, email: string, name: string): Promise<void> {
  const before = (await mailTo(email)).length;
  await page.goto(`${stack.baseUrl}/forening/log-ind`);
  await look(page, `${name}-sign-in`);
  await page.locator('#f-organisationNumber').fill(CVR);
  await page.locator('#f-email').fill(email);
  await click(page, 'main form button[type="submit"]');
  expect(new URL(page.url()).pathname).toBe('/forening/log-ind/sendt');
  await look(page, `${name}-sign-in-sent`);
  const messages = await mailsFor(email, before + 1);
  const mail = messages[before]!;
  expect(subjectOf(mail)).toBe('Log ind for Lektiecaféen Sønderby');
  const text = mailPart(mail, 'text/plain');
  process.stderr.write(`[organisation-journey] the sign-in email to ${email}:\n${text}\n`);
  expect(text).toContain('Linket virker én gang i 20 minutter.');
  const link = new URL(/https?:\/\/\S+\/forening\/log-ind\/link\?adgang=[A-Za-z0-9_-]+/.exec(text)![0]);
  await page.goto(`${stack.baseUrl}${link.pathname}${link.search}`);
  await look(page, `${name}-sign-in-link`);
  await click(page, 'main form button[type="submit"]');
  expect(new URL(page.url()).pathname).toBe('/forening');
}

describe('two members of one association', () => {
  let ingePage: Page;
  let boPage: Page;
  let contexts: BrowserContext[];
  let draftId: string;
  let sentApplicationId: string;

  beforeAll(async () => {
    contexts = [await newContext(browser), await newContext(browser, { javaScriptEnabled: false })];
    ingePage = await contexts[0]!.newPage();
    boPage = await contexts[1]!.newPage();
    for (const page of [ingePage, boPage]) page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    for (const context of contexts ?? []) await context.close();
  });

  it('Inge starts a draft with the association and herself as contact', async () => {
    await ingePage.goto(`${stack.baseUrl}/ansoeg/${round.slug}`);
    for (const question of ['applicant', 'social', 'finished', 'children']) await ingePage.locator(`#f-precheck-${question}-0`).check();
    await click(ingePage, 'main button[type="submit"]');
    draftId = /\/kladde\/([0-9a-f-]{36})\//.exec(ingePage.url())![1]!;
    await ingePage.locator('#f-organization-cvr').fill(CVR);
    // Leaving the field looks the number up in the register, which fills in the name.
    await ingePage.locator('#f-organization-cvr').press('Tab');
    await ingePage.waitForFunction("document.querySelector('#f-organization-name')?.value === 'Lektiecaféen Sønderby'");
    await ingePage.locator('#f-organization-email').fill(`kasserer-${marker}@lektiecafe.example.dk`);
    await next(ingePage);
    await ingePage.locator('#f-contact-name').fill('Inge Hansen');
    await ingePage.locator('#f-contact-email').fill(inge);
    await next(ingePage);
    expect(new URL(ingePage.url()).pathname).toBe(`/kladde/${draftId}/trin/aktivitet`);
  });

  it('Inge signs in for the association by the link in her email, becomes its administrator and adds Bo', async () => {
    await signInByEmail(ingePage, inge, 'inge');
    expect(await ingePage.locator('main').textContent()).toContain('Lektiecaféen Sønderby');
    await expect(ingePage.locator(`main a[href="/kladde/${draftId}"]`).count()).resolves.toBe(1);
    await look(ingePage, 'inge-overview');
    await click(ingePage, 'nav a[href="/forening/medlemmer"]');
    expect(await ingePage.locator('main').textContent()).toContain('Administrator');
    await ingePage.locator('#f-inviteEmail').fill(bo);
    await click(ingePage, 'main form[action="/forening/medlemmer/inviter"] button[type="submit"]');
    expect(await ingePage.locator('.alert-success').textContent()).toContain('Medlemmet er tilføjet.');
    await look(ingePage, 'inge-members');
    // Adding him again is refused, and says why.
    await ingePage.locator('#f-inviteEmail').fill(bo);
    await click(ingePage, 'main form[action="/forening/medlemmer/inviter"] button[type="submit"]');
    expect(await ingePage.locator('#error-summary').textContent()).toContain('Adressen er allerede medlem af foreningen.');
    await look(ingePage, 'inge-members-already-member');
    const [invitation] = await mailsFor(bo, 1);
    process.stderr.write(`[organisation-journey] the invitation to ${bo}:\n${mailPart(invitation!, 'text/plain')}\n`);
  });

  it('Bo signs in by his own link (without JavaScript), finishes the shared draft and sends it', async () => {
    await signInByEmail(boPage, bo, 'bo');
    await click(boPage, `main a[href="/kladde/${draftId}"]`);
    expect(new URL(boPage.url()).pathname).toBe(`/kladde/${draftId}/trin/aktivitet`);
    await boPage.locator('#f-project-title').fill('Lektiehjælp hver tirsdag');
    await boPage.locator('#f-project-purpose').fill('Børn får hjælp til lektierne og et sted at være.');
    await boPage.locator('#f-project-targetGroup-0').check();
    await boPage.locator('#f-project-activities').fill('Frivillige hjælper med lektier i biblioteket.');
    const typed = (days: number) => isoDay(days).split('-').reverse().join('.');
    await boPage.locator('#f-project-startDate').fill(typed(30));
    await boPage.locator('#f-project-endDate').fill(typed(120));
    await boPage.locator('#f-project-volunteers').fill('6');
    await boPage.locator('#f-project-expectedParticipants').fill('25');
    await boPage.locator('#f-project-isNew-0').check();
    await next(boPage);
    await boPage.locator('#f-budget-lines-0-category').selectOption('food');
    await boPage.locator('#f-budget-lines-0-description').fill('Frugt og saft');
    await boPage.locator('#f-budget-lines-0-amount').fill('4000');
    await boPage.locator('#f-amountRequested').fill('4000');
    await next(boPage);
    await boPage.locator('#f-declarations-truthful').check();
    await next(boPage);
    expect(new URL(boPage.url()).pathname).toBe(`/kladde/${draftId}/opsummering`);
    await look(boPage, 'bo-summary');
    await click(boPage, 'main form[action$="/send"] button[type="submit"]');
    const applicationId = (await stack.db.applicationDraft.findUniqueOrThrow({ where: { id: draftId } })).applicationId!;
    sentApplicationId = applicationId;
    expect(new URL(boPage.url()).pathname).toBe(`/sag/${applicationId}`);
    expect(await boPage.locator('.gf-timeline').textContent()).toContain(`${bo}: sendte ansøgningen`);
    expect(await stack.db.application.findUniqueOrThrow({ where: { id: applicationId } })).toMatchObject({ organizationCvr: CVR, organizationName: 'Lektiecaféen Sønderby', contactEmail: inge });
    await look(boPage, 'bo-case');
  });

  it('Inge sees the case Bo sent, and who sent it', async () => {
    await ingePage.goto(`${stack.baseUrl}/forening`);
    expect(await ingePage.locator('main').textContent()).toContain('Foreningen har ingen kladder.');
    await look(ingePage, 'inge-overview-after');
    // Other cases of the same organisation number may stand in the list (suites share a database).
    await click(ingePage, `main a[href="/sag/${sentApplicationId}"]`);
    expect(await ingePage.locator('.gf-timeline').textContent()).toContain(`${bo}: sendte ansøgningen`);
    await look(ingePage, 'inge-case');
  });
});
