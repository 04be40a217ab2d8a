import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { CASE_STATUSES } from '../../domain/status';
import { formatDate, statusLabel } from '../../locale';
import { DEFAULT_REPORTING_TIERS } from '../../domain/tiers';
import { accessibilityViolations, launchBrowser, newContext, screenshots, type Screenshots } from '../support/browser';
import { createOpenRound, eventually, isoDay } from '../support/fixtures';
import { mailsFor, type SinkMessage } from '../support/process';
import { startTestStack, type TestStack } from '../support/stack';

// An association's whole way in: landing page, pre-check, the form with a mistake fixed from the
// error summary, a document, the summary, the receipt, the receipt email, and the case page the
// email's link opens. With JavaScript and without; every page and error state checked with axe.

// axe takes seconds per page, and every page and error state is checked.
jest.setTimeout(900_000);

let stack: TestStack;
let browser: Browser;
let shots: Screenshots;
let round: { id: string; slug: string; name: string };

// A minimal PDF: what matters is that the file's bytes say PDF, whatever it is called.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

beforeAll(async () => {
  stack = await startTestStack();
  // Statutes at every amount (the default tiers): the documents step is part of every journey.
  round = await createOpenRound(stack.db, { maxAmount: 50_000, excludedCostCategories: ['wages', 'premises'], reportingTiers: [...DEFAULT_REPORTING_TIERS] });
  browser = await launchBrowser();
  shots = screenshots('apply-journey');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/**
 * Screenshot and axe on the page as it is now, after at least 0.7 s on it (a person spends more):
 * the form time is counted in whole seconds per view, so a page left within half a second counts
 * none, and the journey expects time on every step.
 */
async function check(page: Page, name: string): Promise<void> {
  const reading = new Promise((resolve) => setTimeout(resolve, 700));
  await shots.take(page, name);
  expect([name, await accessibilityViolations(page)]).toEqual([name, []]);
  await reading;
}

function quotedPrintableDecoded(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function caseLinkIn(message: SinkMessage): string {
  const link = /https?:\/\/[^\s"<>]*\/sag\/[0-9a-f-]{36}\?adgang=[A-Za-z0-9_-]+/.exec(quotedPrintableDecoded(message.raw))?.[0];
  if (!link) throw new Error('no case link in the receipt email');
  return link;
}

/** A day from today as the form's hint asks for it: dd.mm.åååå. */
function typedDay(days: number): string {
  const [year, month, day] = isoDay(days).split('-');
  return `${day}.${month}.${year}`;
}

const next = (page: Page) => page.locator('.gf-form-actions button[value="next"]').click();

interface JourneyOptions {
  javaScript: boolean;
  prefix: string;
}

/** The journey from the landing page to the receipt; returns the contact's email and the receipt's reference. */
async function applyThroughTheForm(page: Page, options: JourneyOptions): Promise<{ email: string; reference: string; caseUrl: string }> {
  const { javaScript, prefix } = options;
  page.setDefaultTimeout(10_000);
  const email = `inge+${crypto.randomUUID().slice(0, 8)}@faellesbord.dk`;

  await page.goto(`${stack.baseUrl}/`);
  expect(await page.locator('h1').textContent()).toBe('Søg tilskud til jeres forening');
  await expect(page.locator(`#round-${round.slug}`).textContent()).resolves.toContain(round.name);
  await check(page, `${prefix}landing`);
  await page.locator(`a[href="/ansoeg/${round.slug}"]`).click();

  // Pre-check: nothing answered is an error state of its own; then the answers that may apply.
  expect(await page.locator('h1').textContent()).toBe('Kan I søge?');
  await check(page, `${prefix}precheck`);
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  expect(await page.title()).toMatch(/^Fejl: /);
  await check(page, `${prefix}precheck-errors`);
  await page.locator('#f-precheck-applicant-0').check();
  await page.locator('#f-precheck-social-0').check();
  await page.locator('#f-precheck-finished-0').check();
  await page.locator('#f-precheck-children-0').check();
  await page.getByRole('button', { name: 'Fortsæt' }).click();

  // The association, with a CVR number one digit off.
  expect(await page.locator('h1').textContent()).toBe('Foreningen');
  await check(page, `${prefix}organization`);
  await page.locator('#f-organization-cvr').fill('13748137');
  await page.locator('#f-organization-email').fill('kasserer@faellesbord.dk');
  if (javaScript) {
    // Leaving the field checks the check digit at once.
    await page.locator('#f-organization-email').focus();
    await expect(page.locator('#f-organization-cvr-error').textContent()).resolves.toContain('CVR-nummeret er ikke gyldigt');
  }
  await next(page);
  expect(await page.title()).toMatch(/^Fejl: Foreningen/);
  const summaryLink = page.locator('#error-summary a[href="#f-organization-cvr"]');
  // The summary names the field; the message above the field says what is wrong.
  expect(await summaryLink.textContent()).toBe('CVR-nummer: CVR-nummeret er ikke gyldigt. Tjek at du har skrevet de 8 cifre rigtigt.');
  expect(await page.locator('#f-organization-cvr-error').textContent()).toContain('CVR-nummeret er ikke gyldigt');
  expect(await page.locator('#error-summary a[href="#f-organization-name"]').textContent()).toBe('Foreningens navn: Feltet skal udfyldes.');
  // What was typed is still there.
  expect(await page.locator('#f-organization-email').inputValue()).toBe('kasserer@faellesbord.dk');
  await check(page, `${prefix}organization-errors`);
  await summaryLink.click();
  expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('f-organization-cvr');
  await page.locator('#f-organization-cvr').fill('1374 8136');
  if (javaScript) {
    // The register fills in the name and address as the field is left.
    await page.locator('#f-organization-email').focus();
    const name = page.locator('#f-organization-name');
    await eventually(async () => ((await name.inputValue()) === 'Foreningen Fælles Bord' ? true : undefined), 'the name from the register', 10_000);
    expect(await page.locator('#f-organization-address').inputValue()).toBe('Kirkestræde 4, 9991 Eksempelby');
  }
  await next(page);

  expect(await page.locator('h1').textContent()).toBe('Kontaktperson');
  await check(page, `${prefix}contact`);
  await page.locator('#f-contact-name').fill('Inge Hansen');
  await page.locator('#f-contact-email').fill(email);
  await next(page);

  expect(await page.locator('h1').textContent()).toBe('Aktiviteten');
  await check(page, `${prefix}project`);
  await page.locator('#f-project-title').fill('Fællesspisning for ensomme ældre');
  await page.locator('#f-project-purpose').fill('Et ugentligt måltid, der bryder ensomheden.');
  await page.locator('#f-project-targetGroup-0').check();
  await page.locator('#f-project-activities').fill('Vi laver mad sammen hver torsdag og spiser i foreningens lokale.');
  // Dates as the hint says: day.month.year.
  expect(await page.locator('#f-project-startDate-hint').textContent()).toBe('Skriv datoen som dd.mm.åååå, fx 01.03.2027.');
  await page.locator('#f-project-startDate').fill(typedDay(30));
  await page.locator('#f-project-endDate').fill(typedDay(120));
  await page.locator('#f-project-volunteers').fill('8');
  await page.locator('#f-project-expectedParticipants').fill('40');
  await page.locator('#f-project-isNew-0').check();
  // Carried over from the pre-check.
  expect(await page.locator('#f-project-childrenUnder15-1').isChecked()).toBe(true);
  await next(page);

  expect(await page.locator('h1').textContent()).toBe('Budget og beløb');
  await check(page, `${prefix}budget`);
  expect(await page.getByRole('link', { name: 'Hvad betyder ”medfinansiering”?' }).getAttribute('href')).toBe('/ordliste#medfinansiering');
  await page.locator('#f-budget-lines-0-category').selectOption('food');
  await page.locator('#f-budget-lines-0-description').fill('Råvarer til 12 fællesspisninger');
  await page.locator('#f-budget-lines-0-amount').fill('7.000');
  await page.locator('#f-budget-lines-1-category').selectOption('wages');
  if (javaScript) {
    // An excluded category is pointed out as soon as it is chosen.
    expect(await page.locator('#f-budget-lines-1-warning').isVisible()).toBe(true);
    await check(page, `${prefix}budget-excluded-warning`);
    await page.locator('#f-budget-lines-1-category').selectOption('materials');
    expect(await page.locator('#f-budget-lines-1-warning').isVisible()).toBe(false);
  }
  await page.locator('#f-budget-lines-1-description').fill('Service og køkkengrej');
  await page.locator('#f-budget-lines-1-amount').fill('2500');
  await page.locator('#f-budget-lines-2-category').selectOption('transport');
  await page.locator('#f-budget-lines-2-description').fill('Bus til udflugt');
  await page.locator('#f-budget-lines-2-amount').fill('400');
  await page.locator('#f-amountRequested').fill('9500');
  // The running total: as the amounts are typed with JavaScript, after each post without.
  if (javaScript) expect(await page.locator('#budget-total').textContent()).toBe('9.900 kr.');
  // A line that should not be there goes with its own button; everything else typed stays.
  await page.getByRole('button', { name: 'Fjern linje 3' }).click();
  expect(await page.locator('#budget-total').textContent()).toBe('9.500 kr.');
  expect(await page.locator('#f-budget-lines-1-description').inputValue()).toBe('Service og køkkengrej');
  expect(await page.locator('#f-amountRequested').inputValue()).toBe('9500');
  expect(await page.getByRole('button', { name: 'Fjern linje 3' }).count()).toBe(javaScript ? 0 : 1);
  if (javaScript) expect(await page.locator('#budget-announce').textContent()).toBe('Linje 3 er fjernet.');
  else {
    expect(await page.locator('main .alert-success').textContent()).toContain('Linje 3 er fjernet.');
    expect(await page.locator('#f-budget-lines-2-description').inputValue()).toBe('');
    await check(page, `${prefix}budget-line-removed`);
  }
  if (!javaScript) {
    // Without JavaScript the excluded category is refused when the step is saved, said once.
    await next(page);
    expect(await page.locator('#error-summary a[href="#f-budget-lines-1-category"]').textContent()).toContain('Puljen støtter ikke denne type udgift');
    expect(await page.locator('#f-budget-lines-1-warning').isVisible()).toBe(false);
    const row = await page.locator('.gf-budget-row').nth(1).innerText();
    expect(row.split('Puljen støtter ikke denne type udgift').length - 1).toBe(1);
    expect(await page.locator('#f-budget-lines-0-amount').inputValue()).toBe('7000');
    await check(page, `${prefix}budget-errors`);
    await page.locator('#f-budget-lines-1-category').selectOption('materials');
  }
  await next(page);

  expect(await page.locator('h1').textContent()).toBe('Erklæringer');
  await check(page, `${prefix}declarations`);
  // Terms the association may not know link to their explanation in the glossary.
  expect(await page.getByRole('link', { name: 'Hvad betyder ”på tro og love”?' }).getAttribute('href')).toBe('/ordliste#paa-tro-og-love');
  await page.locator('#f-declarations-truthful').check();
  await page.locator('#f-declarations-contactLater').check();
  await next(page);

  // Documents: the amount asks for the statutes. A program renamed .pdf is refused, by its content.
  expect(await page.locator('h1').textContent()).toBe('Dokumenter');
  await check(page, `${prefix}documents`);
  await page.locator('#f-statutes').setInputFiles({ name: 'vedtaegter.pdf', mimeType: 'application/pdf', buffer: EXE });
  await next(page);
  expect(await page.locator('#error-summary a[href="#f-statutes"]').textContent()).toContain('er ikke en filtype, vi kan modtage');
  await check(page, `${prefix}documents-errors`);
  await page.locator('#f-statutes').setInputFiles({ name: 'vedtaegter.pdf', mimeType: 'application/pdf', buffer: PDF });
  await next(page);

  expect(await page.locator('h1').textContent()).toBe('Tjek ansøgningen, før I sender');
  const summary = await page.locator('main').textContent();
  expect(summary).toContain('Foreningen Fælles Bord');
  expect(summary).toContain('vedtaegter.pdf');
  expect(summary).toContain('9.500 kr.');
  // Dates as people write them, not as the form's data holds them.
  expect(summary).toContain(formatDate('da', isoDay(30), 'long'));
  expect(summary).not.toContain(isoDay(30));
  await check(page, `${prefix}summary`);
  await page.getByRole('button', { name: 'Send ansøgningen' }).click();

  expect(await page.locator('h1').textContent()).toBe('Ansøgningen er sendt');
  const reference = (await page.locator('.gf-reference').textContent())!;
  expect(reference).toMatch(/^GF-\d{4}-\d{5}$/);
  const caseUrl = (await page.locator('a.gf-case-link').getAttribute('href'))!;
  await check(page, `${prefix}receipt`);
  return { email, reference, caseUrl };
}

describe('applying through the web form', () => {
  it('goes from the landing page to the case page, with JavaScript', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const started = performance.now();
    const { email, reference } = await applyThroughTheForm(page, { javaScript: true, prefix: 'js-' });
    process.stderr.write(`[apply-journey] with JavaScript, screenshots and axe: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

    const application = await stack.db.application.findFirstOrThrow({ where: { contactEmail: email }, include: { documents: true, draft: true } });
    expect(application.documents.map((d) => [d.kind, d.filename])).toEqual([['statutes', 'vedtaegter.pdf']]);
    expect(application.draft?.furthestStep).toBe('summary');
    const seconds = application.draft?.stepSeconds as Record<string, number>;
    expect(Object.keys(seconds).sort()).toEqual(['budget', 'contact', 'declarations', 'documents', 'organization', 'precheck', 'project', 'summary']);

    // The receipt email's private link opens the case page with the case's status.
    const [receipt] = await mailsFor(email, 1, 30_000);
    await page.goto(caseLinkIn(receipt!).replace(/^https?:\/\/[^/]+/, stack.baseUrl));
    expect(page.url()).not.toContain('adgang=');
    const main = (await page.locator('main').textContent())!;
    expect(main).toContain(reference);
    const statuses = CASE_STATUSES.map((status) => statusLabel('da', status));
    expect(statuses.some((label) => main.includes(label))).toBe(true);
    await check(page, 'js-case-page');
    await context.close();
  });

  it('reaches the receipt without JavaScript', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    const { email, caseUrl } = await applyThroughTheForm(page, { javaScript: false, prefix: 'nojs-' });
    const application = await stack.db.application.findFirstOrThrow({ where: { contactEmail: email } });
    // The server filled in the name and address from the register.
    expect(application.organizationName).toBe('Foreningen Fælles Bord');
    expect(caseUrl).toContain(`/sag/${application.id}?adgang=`);
    await context.close();
  });

  it('stops at a clear page, not an error, when the association cannot apply', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/ansoeg/${round.slug}`);
    await page.locator('#f-precheck-applicant-1').check();
    await page.locator('#f-precheck-social-0').check();
    await page.locator('#f-precheck-finished-0').check();
    await page.locator('#f-precheck-children-0').check();
    const response = page.waitForResponse((r) => r.url().includes('kan-ikke-soege'));
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    expect((await response).status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('I kan ikke søge denne pulje');
    expect(await page.locator('main').textContent()).toContain('virk.dk');
    expect(await page.title()).not.toMatch(/Fejl/);
    await check(page, 'cannot-apply');
    // The same page in English, by the plain-link switcher.
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.locator('h1').textContent()).toBe('You cannot apply to this round');
    await page.goto(`${stack.baseUrl}/ansoeg/${round.slug}`);
    expect(await page.locator('h1').textContent()).toBe('Can you apply?');
    await context.close();
  });

  it('saves on demand, emails the private link, and resumes where the association left off', async () => {
    const first = await newContext(browser, { javaScriptEnabled: false });
    const page = await first.newPage();
    await page.goto(`${stack.baseUrl}/ansoeg/${round.slug}`);
    for (const id of ['applicant-0', 'social-0', 'finished-0', 'children-1']) await page.locator(`#f-precheck-${id}`).check();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    await page.locator('#f-organization-cvr').fill('13748136');
    await page.locator('#f-organization-email').fill('ikke en mail');
    await page.getByRole('button', { name: 'Gem og fortsæt senere' }).click();
    expect(await page.locator('h1').textContent()).toBe('Gem og fortsæt senere');
    await check(page, 'save-later');
    await page.locator('#f-email').fill('forkert');
    await page.getByRole('button', { name: 'Send linket' }).click();
    await check(page, 'save-later-errors');
    const email = `kasserer+${crypto.randomUUID().slice(0, 8)}@faellesbord.dk`;
    await page.locator('#f-email').fill(email);
    await page.getByRole('button', { name: 'Send linket' }).click();
    expect(await page.locator('main').textContent()).toContain(`Vi har sendt linket til ${email}`);
    await first.close();

    const [message] = await mailsFor(email, 1);
    const link = /https?:\/\/[^\s"<>]*\/kladde\/[0-9a-f-]{36}\?adgang=[A-Za-z0-9_-]+/.exec(quotedPrintableDecoded(message!.raw))![0];
    const second = await newContext(browser, { javaScriptEnabled: false });
    const resumed = await second.newPage();
    await resumed.goto(link.replace(/^https?:\/\/[^/]+/, stack.baseUrl));
    // The token leaves the address bar; what was typed, even the invalid email, is back.
    expect(resumed.url()).not.toContain('adgang=');
    expect(await resumed.locator('h1').textContent()).toBe('Foreningen');
    expect(await resumed.locator('#f-organization-cvr').inputValue()).toBe('13748136');
    expect(await resumed.locator('#f-organization-email').inputValue()).toBe('ikke en mail');
    // Another draft's address with this draft's cookie opens nothing.
    const other = await resumed.goto(`${stack.baseUrl}/kladde/${crypto.randomUUID()}/trin/forening`);
    expect(other?.status()).toBe(401);
    await second.close();
  });
});
