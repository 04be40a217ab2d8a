import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { ensureDebianPackage } from '../../infra/debian-package';

// Browser tests drive Debian's Chromium with playwright-core: Playwright's own browser download
// is not available everywhere, and a system Chromium is what CI machines can install.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's chromium package, installed when missing and this process may (root with apt-get). */
export function ensureChromium(): string {
  return ensureDebianPackage({
    binary: CHROMIUM_PATH,
    pkg: 'chromium',
    neededBy: 'Browser tests (CHROMIUM_PATH points elsewhere)',
    log: (line) => process.stderr.write(`[browser] ${line}\n`),
  });
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = ensureChromium();
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS, headless: true });
}

const contextsWithoutJavaScript = new WeakSet<BrowserContext>();

export async function newContext(browser: Browser, options: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: options.locale ?? 'da-DK',
    viewport: { width: 1280, height: 900 },
  });
  if (options.javaScriptEnabled === false) contextsWithoutJavaScript.add(context);
  return context;
}

/**
 * Where a suite writes its screenshots (and files to look at beside them): emptied and printed
 * once when screenshots are wanted, so a reader finds this run's; otherwise left as it was.
 */
export function screenshotFolder(suite: string): string {
  const folder = path.resolve(process.env.SCREENSHOT_DIR ?? path.join('test-results', 'screenshots'), suite);
  if (screenshotsWanted()) fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  if (screenshotsWanted()) process.stderr.write(`[browser] screenshots of ${suite}: ${folder}\n`);
  return folder;
}

export interface Screenshots {
  folder: string;
  take(page: Page, name: string): Promise<string>;
}

/**
 * Whether the browser tests write screenshots (`npm run test:screenshots` sets SCREENSHOTS=1).
 * A whole-page PNG of every step at two widths is about a quarter of a browser test's time and
 * checks nothing by itself, so `npm test` looks at the pages (axe, overflow, content) without them.
 */
export function screenshotsWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SCREENSHOTS === '1' || env.SCREENSHOTS === 'true';
}

export function screenshots(suite: string): Screenshots {
  const folder = screenshotFolder(suite);
  const wanted = screenshotsWanted();
  let count = 0;
  return {
    folder,
    async take(page, name) {
      count += 1;
      const file = path.join(folder, `${String(count).padStart(2, '0')}-${name}.png`);
      if (wanted) await page.screenshot({ path: file, fullPage: true });
      return file;
    },
  };
}

/** axe-core at WCAG 2.0/2.1 A and AA: the violations, described well enough to fix from a test failure. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // axe runs as a script in the page: a page without JavaScript is checked as a copy, served from
  // the same address (so its stylesheets load) in a context that allows scripts.
  if (contextsWithoutJavaScript.has(page.context())) {
    const browser = page.context().browser();
    if (!browser) throw new Error('page has no browser');
    const markup = await page.content();
    const url = page.url();
    const copyContext = await browser.newContext({ viewport: page.viewportSize() ?? undefined });
    try {
      const copy = await copyContext.newPage();
      await copy.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: markup }));
      await copy.goto(url);
      return await accessibilityViolations(copy);
    } finally {
      await copyContext.close();
    }
  }
  // Only the violations are read, so axe gathers only them (it still runs every rule of the tags).
  // Legacy mode runs axe in the page itself; the default opens a blank page for every check to
  // merge the results of cross-origin frames, which these pages do not have. The violations are
  // the same either way, in a fraction of the time.
  const result = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode()
    .analyze();
  return result.violations.map(
    (violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 5).join(', ')}`,
  );
}

/**
 * Screenshots at 1280 and 390 px, axe at both, and no sideways scroll on the phone; back at 1280 after.
 * With `within`, also no element of that part of the page reaching past the screen's right edge
 * (which a box that clips or scrolls its content would hide from the page's own width).
 */
export async function lookAtBothWidths(page: Page, shots: Screenshots, name: string, options: { within?: string } = {}): Promise<void> {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(viewport);
    await shots.take(page, `${name}-${viewport.width}`);
    expect([name, viewport.width, await accessibilityViolations(page)]).toEqual([name, viewport.width, []]);
    expect([name, viewport.width, Number(await page.evaluate('document.documentElement.scrollWidth')) <= viewport.width]).toEqual([name, viewport.width, true]);
    if (options.within) {
      const past = await page.locator(`${options.within} *`).evaluateAll((elements, width) => elements.filter((e) => e.getBoundingClientRect().right > width).map((e) => e.outerHTML.slice(0, 80)), viewport.width);
      expect([name, viewport.width, past]).toEqual([name, viewport.width, []]);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Clicks (a selector or a locator) and waits for the page the click loads. */
export async function clickAndLoad(page: Page, target: string | Locator): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), (typeof target === 'string' ? page.locator(target) : target).click()]);
}
