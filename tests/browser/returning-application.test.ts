import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, lookAtBothWidths, newContext, screenshots, type Screenshots } from '../support/browser';
import { createOpenRound } from '../support/fixtures';
import { answerPrecheck, click, fillAssociation, fillProject, sendFromSummary, Typist, type Association } from '../support/form-journey';
import { randomCvr, signInLinkFor } from '../support/organisation';
import { startTestStack, testConfig, type TestStack } from '../support/stack';

// A returning association's application against a first-time one, in a browser without
// JavaScript: the first time every field is typed; a year later a member signs in, starts from
// "Start en ansøgning" on the association's page, finds the association and contact steps filled
// in from the profile, and types only the project. Counted: fields and characters typed, never
// seconds. The profile page and a pre-filled step are screenshotted at 1280 and 390 px.

jest.setTimeout(600_000);

const marker = crypto.randomUUID().slice(0, 8);
const cvr = randomCvr();
const registerFile = path.join(os.tmpdir(), `register-returning-${marker}.json`);
const association: Association = {
  cvr,
  name: `Spisefællesskabet ${marker}`,
  email: `kasse-${marker}@spis.example.dk`,
  phone: '+45 11 22 33 44',
  address: 'Registervej 1, 9991 Eksempelby',
  contactName: 'Inge Hansen',
  contactEmail: `inge-${marker}@spis.example.dk`,
  contactPhone: '+45 55 66 77 88',
};

let stack: TestStack;
let browser: Browser;
let shots: Screenshots;
let round: { id: string; slug: string };

beforeAll(async () => {
  // The association is in the register (the local implementation, a file of this test's own), with the address it gives.
  fs.writeFileSync(
    registerFile,
    JSON.stringify({ associations: [{ cvr, name: association.name, status: 'Aktiv', formCode: 115, formName: 'Frivillig forening', address: { street: 'Registervej 1', postalCode: '9991', city: 'Eksempelby', municipalityCode: 999 } }] }),
  );
  stack = await startTestStack({ config: testConfig({ BUSINESS_REGISTER_FILE: registerFile }) });
  // Nothing to upload at this amount: the declarations lead to the summary.
  round = await createOpenRound(stack.db, { maxAmount: 20_000 });
  browser = await launchBrowser();
  shots = screenshots('returning-application');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  fs.rmSync(registerFile, { force: true });
});

const look = (page: Page, name: string) => lookAtBothWidths(page, shots, name);

describe('a returning association', () => {
  let firstTime: Typist;
  let returning: Typist;

  it('applies the first time, typing every field', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/ansoeg/${round.slug}`);
    firstTime = new Typist(page);
    const draftId = await answerPrecheck(page, firstTime);
    await fillAssociation(page, firstTime, association);
    await fillProject(page, firstTime, 'Fællesspisning 2026');
    await sendFromSummary(page);
    const draft = await stack.db.applicationDraft.findUniqueOrThrow({ where: { id: draftId } });
    expect([draft.returningApplicant, draft.prefilledFrom, draft.applicationId !== null]).toEqual([false, null, true]);
    await context.close();
  });

  it('a year later a member signs in and starts the next application filled in from the profile', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/forening/log-ind`);
    await page.locator('#f-organisationNumber').fill(cvr);
    await page.locator('#f-email').fill(association.contactEmail);
    await click(page, 'main form button[type="submit"]');
    await page.goto(await signInLinkFor(stack.baseUrl, association.contactEmail));
    await click(page, 'main form button[type="submit"]');

    await click(page, 'main a[href="/forening/profil"]');
    expect(await page.locator('#f-name').inputValue()).toBe(association.name);
    expect(await page.locator('#f-street').inputValue()).toBe('Registervej 1');
    expect(await page.locator('main').textContent()).toContain('Det siger registret');
    await look(page, 'profile');

    await page.goto(`${stack.baseUrl}/forening`);
    await click(page, `main a[href="/ansoeg/${round.slug}"]`);
    returning = new Typist(page);
    const draftId = await answerPrecheck(page, returning);
    expect(await page.locator('main .alert-info').textContent()).toContain('Udfyldt fra jeres profil og sidste ansøgning — tjek at det stadig passer');
    await look(page, 'prefilled-organisation-step');
    await fillAssociation(page, returning, association);
    await fillProject(page, returning, 'Fællesspisning 2027');
    await sendFromSummary(page);

    const draft = await stack.db.applicationDraft.findUniqueOrThrow({ where: { id: draftId } });
    expect(draft.returningApplicant).toBe(true);
    const profile = await stack.db.organisationProfile.findFirstOrThrow({ where: { organisation: { number: cvr } } });
    const sent = await stack.db.application.findUniqueOrThrow({ where: { id: draft.applicationId! } });
    expect({ name: sent.organizationName, email: sent.organizationEmail, contactName: sent.contactName, contactEmail: sent.contactEmail, project: sent.projectTitle }).toEqual({
      name: profile.name,
      email: profile.email,
      contactName: profile.contactName,
      contactEmail: profile.contactEmail,
      project: 'Fællesspisning 2027',
    });
    expect((sent.submission as { organization: { address: string } }).organization.address).toBe(`${profile.street}, ${profile.postcode} ${profile.city}`);
    await context.close();
  });

  it('needed fewer typed fields and characters than the first time', () => {
    process.stderr.write(`[returning-application] typed first time ${JSON.stringify(firstTime.count)}, returning ${JSON.stringify(returning.count)}\n`);
    expect(returning.count.fields).toBeLessThan(firstTime.count.fields);
    expect(returning.count.characters).toBeLessThan(firstTime.count.characters);
    // Exactly the association's eight fields fewer: the project is typed anew.
    expect(firstTime.count.fields - returning.count.fields).toBe(8);
  });
});
