jest.setTimeout(180_000);

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, lookAtBothWidths, newContext, screenshots } from '../support/browser';
import { createOpenRound, eventually, postJson } from '../support/fixtures';
import { submitCase, waitForStatus, type SubmittedCase } from '../support/process';
import { signedInStaff, signInThroughPage } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// A caseworker reads a report's story on the case page, is stopped while it names the
// association, approves an anonymised wording, and a politician finds it on the dashboard under
// the activity. At 1280 and 390 pixels wide, without accessibility violations.

let stack: TestStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let submitted: SubmittedCase;
const shots = screenshots('story-review');
const STORY = 'Hos Foreningen Fælles Bord spiste 40 naboer sammen hver torsdag. Ring til Inge på 12 34 56 78.';
const PUBLISHED = 'Hver torsdag spiste 40 naboer sammen. For flere var det ugens eneste varme måltid i selskab med andre.';

/** The page at both widths, and nothing in the section past a 390-pixel screen's edge. */
const look = (name: string, section: string) => lookAtBothWidths(page, shots, name, { within: section });

beforeAll(async () => {
  stack = await startTestStack();
  const round = await createOpenRound(stack.db);
  const caseworker = await signedInStaff(stack, ['caseworker']);
  submitted = await submitCase(stack, round.id);
  await waitForStatus(submitted.handle, 'IN_QUEUE');
  await postJson(`${stack.baseUrl}/api/v1/applications/${submitted.id}/assignment`, {}, caseworker.headers);
  await postJson(`${stack.baseUrl}/api/v1/applications/${submitted.id}/decision`, { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: '' }, conditions: [] }, caseworker.headers);
  await waitForStatus(submitted.handle, 'REPORT_DUE');
  const report = { narrative: 'Gennemført.', spentKroner: 12_000, participants: 40, volunteers: 8, story: STORY, storyConsent: true };
  await postJson(`${stack.baseUrl}/api/v1/applications/${submitted.id}/reports`, report, { authorization: `Bearer ${submitted.accessToken}` });
  await waitForStatus(submitted.handle, 'REPORT_SUBMITTED');
  await eventually(async () => (await stack.db.followUpReport.findFirst({ where: { applicationId: submitted.id, submittedAt: { not: null } } })) ?? undefined, 'the saved report');
  browser = await launchBrowser();
  context = await newContext(browser);
  page = await context.newPage();
  await signInThroughPage(page, stack.baseUrl, caseworker, `/personale/sager/${submitted.id}`);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

it('stops an approval that names the association, then publishes the anonymised wording under the activity', async () => {
  await page.goto(`${stack.baseUrl}/personale/sager/${submitted.id}#story-heading`);
  expect(await page.locator('#f-storyText').inputValue()).toBe(STORY);
  expect(await page.locator('#f-storyActivity').inputValue()).toBe('Fællesspisning for ensomme ældre');
  await look('case-story', 'section:has(#story-heading)');

  await Promise.all([page.waitForURL(/historie$/), page.getByRole('button', { name: 'Godkend til offentliggørelse' }).click()]);
  expect(await page.locator('#error-summary a[href="#f-storyText"]').textContent()).toContain('foreningens navn »Foreningen Fælles Bord«');
  expect(await page.locator('#f-storyText-error').textContent()).toContain('telefonnummeret »12 34 56 78«');
  await look('case-story-personal-data', 'section:has(#story-heading)');

  await page.locator('#f-storyText').fill(PUBLISHED);
  await Promise.all([page.waitForURL(/udfoert=storyApproved/), page.getByRole('button', { name: 'Godkend til offentliggørelse' }).click()]);
  expect(await page.locator('#story-heading ~ dl').textContent()).toContain(PUBLISHED);
  await look('case-story-approved', 'section:has(#story-heading)');

  const politician = await signedInStaff(stack, ['politician']);
  const politicianPage = await (await newContext(browser)).newPage();
  page = politicianPage;
  await signInThroughPage(page, stack.baseUrl, politician, '/statistik');
  const round = await stack.db.application.findUniqueOrThrow({ where: { id: submitted.id }, select: { roundId: true } });
  await page.goto(`${stack.baseUrl}/statistik?roundId=${round.roundId}`);
  const story = page.locator('.gf-story');
  expect(await story.count()).toBe(1);
  expect(await story.locator('blockquote').textContent()).toBe(PUBLISHED);
  expect(await story.locator('figcaption strong').textContent()).toBe('Fællesspisning for ensomme ældre');
  expect(await page.locator('.gf-stories').textContent()).not.toContain('Fælles Bord');
  await look('dashboard-story', '.gf-stories');
});
