import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, newContext, screenshots, type Screenshots } from '../support/browser';
import { createOpenRound, eventually, postJson } from '../support/fixtures';
import { submitCase, waitForStatus, type SubmittedCase } from '../support/process';
import { samplePdf } from '../support/sample-files';
import { signedInStaff, signInThroughPage } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// The staff workspace uses the screen: a typical case (claimed, asked, answered with documents,
// with notes) fits in three screens at 1280×900 with its actions in the first; the queue, the
// case and the rounds table pass axe on a desktop and on a phone, and dates in tables do not wrap.

jest.setTimeout(300_000);

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

let stack: TestStack;
let browser: Browser;
let shots: Screenshots;
let submitted: SubmittedCase;
let caseworker: Awaited<ReturnType<typeof signedInStaff>>;
let admin: Awaited<ReturnType<typeof signedInStaff>>;

const api = (path: string) => `${stack.baseUrl}/api/v1${path}`;

async function upload(applicationId: string, token: string, name: string): Promise<string> {
  const form = new FormData();
  form.append('kind', 'answer');
  form.append('files', new Blob([new Uint8Array(await samplePdf(name))], { type: 'application/pdf' }), name);
  const response = await fetch(api(`/applications/${applicationId}/documents`), { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  if (response.status !== 201) throw new Error(`upload failed: ${response.status}`);
  return ((await response.json()) as { documents: { id: string }[] }).documents[0]!.id;
}

/** How the page uses the viewport: its height in screens and the width of its main content. */
async function layoutOf(page: Page): Promise<{ screens: number; mainWidth: number; sidewaysScroll: boolean }> {
  // Scripts in the page are strings: the tests compile without the browser's types.
  return page.evaluate(`({
    screens: Math.round((document.documentElement.scrollHeight / window.innerHeight) * 100) / 100,
    mainWidth: Math.round(document.querySelector('main').getBoundingClientRect().width),
    sidewaysScroll: document.documentElement.scrollWidth > document.documentElement.clientWidth,
  })`);
}

/** The elements that run past the right edge of the screen (none, when nothing scrolls sideways). */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(`[...document.querySelectorAll('body *')]
    .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !element.closest('.table--responsive-scroll'))
    .map((element) => (element.closest('section[aria-labelledby]')?.getAttribute('aria-labelledby') ?? '') + ' ' + element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + (element.className ? '.' + String(element.className).split(' ').join('.') : ''))
    .slice(0, 10)`);
}

/** Whether the element's box lies inside the viewport as the page is scrolled now. */
function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.evaluate(`(() => {
    const box = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
  })()`);
}

async function check(page: Page, name: string): Promise<void> {
  await shots.take(page, name);
  expect(await accessibilityViolations(page)).toEqual([]);
}

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  shots = screenshots('staff-workspace');
  caseworker = await signedInStaff(stack, ['caseworker'], 'Karin Sagsbehandler');
  admin = await signedInStaff(stack, ['admin'], 'Administrator Anna');
  await createOpenRound(stack.db, { closesAt: null });
  const round = await createOpenRound(stack.db);
  // A typical case: claimed, asked for its statutes and accounts, answered with two documents.
  // An association of its own: other test files' cases under the shared fixture CVR would flag its
  // earlier-grants check (E9) and unfold the checks, so the layout measured would depend on them.
  submitted = await submitCase(stack, round.id, { organization: { cvr: '99104112', name: 'Lektiecaféen Sønderby', email: 'kasserer@lektiecafe.dk' } });
  await waitForStatus(submitted.handle, 'IN_QUEUE');
  expect((await postJson(api(`/applications/${submitted.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
  const asked = await postJson(api(`/applications/${submitted.id}/information-requests`), { items: ['Foreningens vedtægter', 'Seneste årsregnskab'], message: 'Send dem som PDF.' }, caseworker.headers);
  expect(asked.status).toBe(201);
  await waitForStatus(submitted.handle, 'AWAITING_APPLICANT');
  const documentIds = [await upload(submitted.id, submitted.accessToken, 'vedtaegter.pdf'), await upload(submitted.id, submitted.accessToken, 'aarsregnskab-2025.pdf')];
  const answered = await postJson(api(`/applications/${submitted.id}/supplements`), { text: 'Her er vedtægterne og regnskabet.', documentIds }, { authorization: `Bearer ${submitted.accessToken}` });
  expect(answered.status).toBe(202);
  await waitForStatus(submitted.handle, 'IN_REVIEW');
  await eventually(async () => ((await stack.db.application.findUniqueOrThrow({ where: { id: submitted.id } })).status === 'IN_REVIEW' ? true : undefined), 'the read model');
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the staff workspace', () => {
  it('shows a typical case in at most three screens at 1280×900, its actions in the first and in view while scrolling', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signInThroughPage(page, stack.baseUrl, caseworker, `/personale/sager/${submitted.id}`);
    for (const text of ['Kontaktet foreningen om forplejningen.', 'Regnskabet er godkendt af bestyrelsen.']) {
      await page.locator('#f-text').fill(text);
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Tilføj noten' }).click()]);
    }
    expect(await page.locator('main').textContent()).toContain('Regnskabet er godkendt af bestyrelsen.');
    // The case as it opens from the queue (no confirmation above it).
    await page.goto(`${stack.baseUrl}/personale/sager/${submitted.id}`);

    const layout = await layoutOf(page);
    process.stderr.write(`[workspace] case page at 1280×900: ${JSON.stringify(layout)}\n`);
    await shots.take(page, 'case-desktop');
    expect(layout.screens).toBeLessThanOrEqual(3);
    expect(layout.sidewaysScroll).toBe(false);
    expect(await inViewport(page, '#actions-heading')).toBe(true);
    expect(await inViewport(page, '.gf-action-index a[href="#action-decide"]')).toBe(true);
    // The sections a caseworker reads, each under its own heading.
    for (const id of ['application-heading', 'checks-heading', 'answers-heading', 'timeline-heading', 'notes-heading']) {
      expect(await page.locator(`#${id}`).count()).toBe(1);
    }
    expect(await accessibilityViolations(page)).toEqual([]);

    // Scrolled to the end of the page, the actions are still in view.
    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    expect(await inViewport(page, '#actions-heading')).toBe(true);

    // On a phone the actions follow the case; a link at the top leads to them.
    await page.setViewportSize(PHONE);
    await page.reload();
    process.stderr.write(`[workspace] case page at 390×844: ${JSON.stringify(await layoutOf(page))}\n`);
    expect(await overflowing(page)).toEqual([]);
    expect((await layoutOf(page)).sidewaysScroll).toBe(false);
    const skip = page.getByRole('link', { name: 'Til handlinger' });
    expect(await skip.getAttribute('href')).toBe('#actions-heading');
    await check(page, 'case-phone');

    // A refused decision comes back first among the actions: its messages show in the first screen.
    await page.setViewportSize(DESKTOP);
    await page.goto(`${stack.baseUrl}/personale/sager/${submitted.id}`);
    await page.getByLabel('Delvist bevilget').check();
    await page.locator('#f-amountGranted').fill('10000');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Træf afgørelse', exact: true }).click()]);
    expect(await page.title()).toMatch(/^Fejl: /);
    expect(await inViewport(page, '#action-decide')).toBe(true);
    await check(page, 'case-decision-refused');
    await context.close();
  });

  it('shows the queue wide, with the sort box wide enough for its choices, at both widths', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signInThroughPage(page, stack.baseUrl, caseworker, '/personale/sager');
    expect(await page.locator('tr', { hasText: submitted.reference }).count()).toBe(1);
    const layout = await layoutOf(page);
    process.stderr.write(`[workspace] queue at 1280×900: ${JSON.stringify(layout)}\n`);
    expect(layout.mainWidth).toBeGreaterThan(1100);
    // Every choice of every filter fits its box (text width plus the box's padding and arrow).
    const cut = await page.evaluate(`(() => {
      const canvas = document.createElement('canvas').getContext('2d');
      return [...document.querySelectorAll('.gf-filters select')].flatMap((select) => {
        const style = getComputedStyle(select);
        canvas.font = style.fontWeight + ' ' + style.fontSize + ' ' + style.fontFamily;
        const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return [...select.options].filter((option) => canvas.measureText(option.text).width > room).map((option) => select.name + ': ' + option.text);
      });
    })()`);
    expect(cut).toEqual([]);
    await check(page, 'queue-desktop');
    await page.setViewportSize(PHONE);
    await page.reload();
    expect(await overflowing(page)).toEqual([]);
    expect((await layoutOf(page)).sidewaysScroll).toBe(false);
    await check(page, 'queue-phone');
    await context.close();
  });

  it('shows the rounds table wide, one line a period, at both widths', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signInThroughPage(page, stack.baseUrl, admin, '/personale/admin/puljer');
    expect(await page.locator('h1').textContent()).toBe('Puljer');
    const layout = await layoutOf(page);
    process.stderr.write(`[workspace] rounds at 1280×900: ${JSON.stringify(layout)}\n`);
    expect(layout.mainWidth).toBeGreaterThan(1100);
    // The lines each period takes: its text's boxes, counted by where each ends.
    const lines: number[] = await page.evaluate(`[...document.querySelectorAll('main table tbody tr td:nth-child(4)')].map((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.bottom))).size;
    })`);
    process.stderr.write(`[workspace] rounds table, lines a period: ${JSON.stringify(lines)}\n`);
    expect(lines.length).toBeGreaterThan(1);
    expect(Math.max(...lines)).toBe(1);
    await check(page, 'rounds-desktop');
    await page.setViewportSize(PHONE);
    await page.reload();
    expect(await overflowing(page)).toEqual([]);
    expect((await layoutOf(page)).sidewaysScroll).toBe(false);
    await check(page, 'rounds-phone');
    await context.close();
  });
});
