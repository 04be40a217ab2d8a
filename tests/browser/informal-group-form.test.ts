import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, newContext, screenshots, type Screenshots } from '../support/browser';
import { createOpenRound, isoDay } from '../support/fixtures';
import { mailPart, mailsFor } from '../support/process';
import { signedInStaff } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';
import { grantApplicationWorkflowId } from '../../domain/workflow-ids';

// A self-organised group applies through the web form in a round that takes groups: the
// pre-check offers the group, the organisation step asks for the group and then its sponsoring
// association, the summary says who applies through whom; the sponsor confirms on its own page;
// the caseworker sees the group. Each page at 1280 and 390 px, checked with axe.

jest.setTimeout(600_000);

let stack: TestStack;
let browser: Browser;
let shots: Screenshots;
let round: { id: string; slug: string };
const SPONSOR_EMAIL = `formand+${crypto.randomUUID().slice(0, 8)}@paaroerende.example.dk`;

beforeAll(async () => {
  stack = await startTestStack();
  round = await createOpenRound(stack.db, { maxAmount: 20_000, informalGroups: 'sponsor' });
  browser = await launchBrowser();
  shots = screenshots('informal-group-form');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Screenshots at 1280 and 390 px, no sideways scroll at 390, and axe clean. */
async function check(page: Page, name: string): Promise<void> {
  await shots.take(page, name);
  expect([name, await accessibilityViolations(page)]).toEqual([name, []]);
  await page.setViewportSize({ width: 390, height: 900 });
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await shots.take(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

function typedDay(days: number): string {
  const [year, month, day] = isoDay(days).split('-');
  return `${day}.${month}.${year}`;
}

const next = (page: Page) => page.locator('.gf-form-actions button[value="next"]').click();

it('takes a self-organised group with its sponsor through the form, and the sponsor confirms', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);

  await page.goto(`${stack.baseUrl}/ansoeg/${round.slug}`);
  await expect(page.locator('label[for="f-precheck-applicant-3"]').textContent()).resolves.toBe('En selvorganiseret gruppe uden CVR-nummer, med en forening som sponsor');
  await page.locator('#f-precheck-applicant-3').check();
  for (const question of ['social', 'finished', 'children']) await page.locator(`#f-precheck-${question}-0`).check();
  await check(page, 'precheck');
  await page.getByRole('button', { name: 'Fortsæt' }).click();

  // The group is chosen already; a group of one is refused with its field named.
  expect(await page.locator('#f-applicant-kind-1').isChecked()).toBe(true);
  await page.locator('#f-applicant-groupName').fill('Strikkecaféen på Nørregade');
  await page.locator('#f-applicant-members').fill('1');
  await page.locator('#f-organization-cvr').fill('9910 2748');
  await page.locator('#f-organization-email').focus();
  await page.locator('#cvr-status', { hasText: 'Pårørendenetværket Eksempel Kommune' }).waitFor();
  await page.locator('#f-organization-email').fill(SPONSOR_EMAIL);
  await next(page);
  expect(await page.locator('#error-summary a[href="#f-applicant-members"]').textContent()).toBe('Antal personer i gruppen: Skriv, hvor mange I er i gruppen, som et helt tal (mindst 2).');
  await check(page, 'organization-group-errors');
  await page.locator('#f-applicant-members').fill('6');
  await next(page);

  expect(await page.locator('h1').textContent()).toBe('Kontaktperson');
  await expect(page.locator('main').textContent()).resolves.toContain('For en selvorganiseret gruppe er kontaktpersonen den voksne');
  await check(page, 'contact-group');
  const email = `maja+${crypto.randomUUID().slice(0, 8)}@example.dk`;
  await page.locator('#f-contact-name').fill('Maja Holm');
  await page.locator('#f-contact-email').fill(email);
  await next(page);

  await page.locator('#f-project-title').fill('Strikkecafé for ensomme');
  await page.locator('#f-project-purpose').fill('Vi strikker sammen og taler om livet.');
  await page.locator('#f-project-targetGroup-0').check();
  await page.locator('#f-project-activities').fill('Strikkecafé hver onsdag på biblioteket.');
  await page.locator('#f-project-startDate').fill(typedDay(30));
  await page.locator('#f-project-endDate').fill(typedDay(120));
  await page.locator('#f-project-volunteers').fill('3');
  await page.locator('#f-project-expectedParticipants').fill('15');
  await page.locator('#f-project-isNew-0').check();
  await next(page);

  await page.locator('#f-budget-lines-0-category').selectOption('materials');
  await page.locator('#f-budget-lines-0-description').fill('Garn og pinde');
  await page.locator('#f-budget-lines-0-amount').fill('4000');
  await page.locator('#f-amountRequested').fill('4000');
  await next(page);
  await page.locator('#f-declarations-truthful').check();
  await next(page);

  expect(await page.locator('h1').textContent()).toBe('Tjek ansøgningen, før I sender');
  await expect(page.locator('main').textContent()).resolves.toContain('Selvorganiseret gruppe: Strikkecaféen på Nørregade (6 personer), med Pårørendenetværket Eksempel Kommune som sponsor');
  await check(page, 'summary-group');
  await page.getByRole('button', { name: 'Send ansøgningen' }).click();
  expect(await page.locator('h1').textContent()).toBe('Ansøgningen er sendt');

  const application = await stack.db.application.findFirstOrThrow({ where: { contactEmail: email } });
  expect(application).toMatchObject({ applicantKind: 'informalGroup', groupName: 'Strikkecaféen på Nørregade', organizationCvr: '99102748' });

  // The case page the group sees: who applies through whom, and that the sponsor has yet to confirm.
  await page.goto((await page.locator('a.gf-case-link').getAttribute('href'))!.replace(/^https?:\/\/[^/]+/, stack.baseUrl));
  await expect(page.locator('main').textContent()).resolves.toContain('Vi venter på, at Pårørendenetværket Eksempel Kommune bekræfter at være sponsor.');
  await check(page, 'case-page-group');

  // The sponsor's email and its confirmation page.
  const [mail] = await mailsFor(SPONSOR_EMAIL, 1, 30_000);
  const link = /(https?:\/\/\S+\/sponsorat\/\S+)/.exec(mailPart(mail!, 'text/plain'))![1]!.replace(/^https?:\/\/[^/]+/, stack.baseUrl);
  const sponsorPage = await (await newContext(browser)).newPage();
  await sponsorPage.goto(link);
  expect(sponsorPage.url()).not.toContain('adgang=');
  await expect(sponsorPage.locator('h1').textContent()).resolves.toBe('Er Pårørendenetværket Eksempel Kommune sponsor for Strikkecaféen på Nørregade?');
  await check(sponsorPage, 'sponsor-confirmation');
  await sponsorPage.getByRole('button', { name: 'Bekræft' }).click();
  await sponsorPage.locator('#error-summary').waitFor();
  await check(sponsorPage, 'sponsor-confirmation-errors');
  await sponsorPage.locator('#f-confirmedBy').fill('Lise Holm, formand');
  await sponsorPage.locator('#f-confirm').check();
  await sponsorPage.getByRole('button', { name: 'Bekræft' }).click();
  await expect(sponsorPage.locator('main .alert-success').textContent()).resolves.toContain('Lise Holm, formand bekræftede');
  await check(sponsorPage, 'sponsor-confirmed');

  // The caseworker's case page.
  const caseworker = await signedInStaff(stack, ['caseworker'], 'Sanne Sagsbehandler');
  const staffContext = await newContext(browser);
  await staffContext.addCookies([{ name: 'gf_staff', value: caseworker.token, url: stack.baseUrl }]);
  const staffPage = await staffContext.newPage();
  await staffPage.goto(`${stack.baseUrl}/personale/sager/${application.id}`);
  await expect(staffPage.locator('#applicant-heading').textContent()).resolves.toBe('Ansøger');
  await expect(staffPage.locator('main').textContent()).resolves.toContain('Bekræftet');
  await check(staffPage, 'staff-case-group');
  await stack.temporal.workflow.getHandle(grantApplicationWorkflowId(application.id)).terminate('test finished').catch(() => undefined);
  await context.close();
});
