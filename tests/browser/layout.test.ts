import type { Browser } from 'playwright-core';
import { accessibilityViolations, launchBrowser, newContext, screenshots } from '../support/browser';
import { startTestStack, type TestStack } from '../support/stack';
import { glossaryTermsFor } from '../../domain/jurisdiction';

// The page shell every page shares: language switcher without JavaScript, an error page in the
// visitor's language, and no accessibility violations in the shell itself.
describe('page shell', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows a not-found page in Danish by default and switches language by a plain link', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false, locale: 'en-GB' });
    const page = await context.newPage();
    const response = await page.goto(`${stack.baseUrl}/findes-ikke`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('html').getAttribute('lang')).toBe('da');
    expect(await page.locator('h1').textContent()).toBe('Siden findes ikke');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    // The choice is remembered for the next page.
    await page.goto(`${stack.baseUrl}/andet-sted`);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    await context.close();
  });

  it('marks the current language, and only it, as current in every language', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    const names = { da: 'Dansk', nb: 'Norsk (bokmål)', en: 'English' } as const;
    for (const current of ['da', 'nb', 'en'] as const) {
      await page.goto(`${stack.baseUrl}/?lang=${current}`);
      const switcher = page.locator('.language-switcher');
      expect(await switcher.locator('[aria-current]').allTextContents()).toEqual([names[current]]);
      // Looks current: bold and not underlined; every other language an ordinary underlined link.
      for (const [language, name] of Object.entries(names)) {
        const item = language === current ? switcher.locator('[aria-current]') : switcher.getByRole('link', { name });
        const style = await item.evaluate((element) => {
          const computed = element.ownerDocument.defaultView!.getComputedStyle(element);
          return { weight: Number(computed.fontWeight), underline: computed.textDecorationLine.includes('underline') };
        });
        expect({ language, bold: style.weight >= 600, underline: style.underline }).toEqual({ language, bold: language === current, underline: language !== current });
      }
    }
    await context.close();
  });

  it('has a glossary, linked from the footer, whose terms are reachable by their anchor', async () => {
    const shots = screenshots('layout');
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/findes-ikke`);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Ordliste: hvad betyder ordene?' }).click();
    expect(new URL(page.url()).pathname).toBe('/ordliste');
    expect(await page.locator('h1').textContent()).toBe('Ordliste');
    // A Danish deployment's glossary: the CVR number, not the Norwegian organisation number.
    expect(await page.locator('dl.gf-glossary dt').count()).toBe(glossaryTermsFor('DK').length);
    expect(await accessibilityViolations(page)).toEqual([]);
    await shots.take(page, 'glossary-da');

    await page.goto(`${stack.baseUrl}/ordliste?lang=en#partshoering`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('#partshoering').textContent()).toBe('consultation of the applicant (partshøring)');
    expect(await page.locator('#partshoering').isVisible()).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it('serves the design system without exposing anything else', async () => {
    const css = await fetch(`${stack.baseUrl}/assets/dkfds/css/dkfds-virkdk.min.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    const outside = await fetch(`${stack.baseUrl}/assets/dkfds/../package.json`);
    expect(outside.status).toBe(404);
  });
});
