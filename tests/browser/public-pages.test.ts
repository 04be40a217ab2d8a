import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, newContext, screenshots } from '../support/browser';
import { createOpenRound } from '../support/fixtures';
import { startTestStack, testConfig, type TestStack } from '../support/stack';

// The privacy notice and the accessibility statement: pages of their own in every language, linked
// from every footer and from the form's contact step, their facts from the settings; and what
// every public page carries: a description, an icon, fingerprinted assets, touch targets ≥ 24 px.
jest.setTimeout(300_000);

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startTestStack({
    worker: false,
    config: testConfig({ PRIVACY_DPO_EMAIL: 'dpo@testkommune.dk', PRIVACY_RECIPIENTS: 'Test IT A/S (databehandler); Revisionen', ACCESSIBILITY_FEEDBACK_EMAIL: 'web@testkommune.dk' }),
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const PAGES = [
  { path: '/privatliv', titles: { da: 'Privatlivspolitik: sådan behandler vi dine oplysninger', nb: 'Personvernerklæring: slik behandler vi opplysningene dine', en: 'Privacy notice: how we handle your information' } },
  { path: '/tilgaengelighed', titles: { da: 'Tilgængelighedserklæring', nb: 'Tilgjengelighetserklæring', en: 'Accessibility statement' } },
] as const;

async function smallTargets(page: Page): Promise<string[]> {
  return page.locator('header a, footer a').evaluateAll((links) =>
    links
      .map((link) => ({ text: link.textContent?.trim() ?? '', box: link.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height < 24)
      .map(({ text, box }) => `${text}: ${Math.round(box.height)} px`),
  );
}

describe('privacy notice and accessibility statement', () => {
  it('are pages in da, nb and en, reached from the footer, with the configured facts and no axe violations', async () => {
    const shots = screenshots('public-pages');
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      const context = await newContext(browser, { javaScriptEnabled: false });
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      for (const { path, titles } of PAGES) {
        for (const language of ['da', 'nb', 'en'] as const) {
          await page.goto(`${stack.baseUrl}/?lang=${language}`);
          if (path === '/privatliv') {
            expect([language, await smallTargets(page)]).toEqual([language, []]);
            await shots.take(page, `landing-${language}-${viewport.width}`);
          }
          const footerLink = page.getByRole('contentinfo').locator(`a[href="${path}"]`);
          await footerLink.click();
          expect(new URL(page.url()).pathname).toBe(path);
          expect(await page.locator('html').getAttribute('lang')).toBe(language);
          expect(await page.locator('h1').textContent()).toBe(titles[language]);
          expect(await page.locator('meta[name="description"]').getAttribute('content')).toMatch(/^.{40,}$/);
          expect([path, language, await accessibilityViolations(page)]).toEqual([path, language, []]);
          expect([path, language, await smallTargets(page)]).toEqual([path, language, []]);
          await shots.take(page, `${path.slice(1)}-${language}-${viewport.width}`);
        }
      }
      await context.close();
    }
  });

  it('say who is responsible, whom to ask and where to complain, from the settings', async () => {
    const privacy = await (await fetch(`${stack.baseUrl}/privatliv?lang=en`)).text();
    expect(privacy).toContain(stack.config.MUNICIPALITY_NAME);
    expect(privacy).toContain('href="mailto:dpo@testkommune.dk"');
    expect(privacy).toContain('<li>Test IT A/S (databehandler)</li>');
    expect(privacy).toContain('<li>Revisionen</li>');
    expect(privacy).toContain('Datatilsynet, Carl Jacobsens Vej 35');
    const statement = await (await fetch(`${stack.baseUrl}/tilgaengelighed`)).text();
    expect(statement).toContain('href="mailto:web@testkommune.dk"');
    expect(statement).toContain('Digitaliseringsstyrelsen');
    expect(statement).toContain('delvist kravene i WCAG 2.1');
  });

  it('name Norway\'s authorities for a Norwegian municipality, and a configured status', async () => {
    const norwegian = await startTestStack({ worker: false, config: testConfig({ MUNICIPALITY_COUNTRY: 'NO', ACCESSIBILITY_STATUS: 'full', ACCESSIBILITY_KNOWN_ISSUES: 'Kart uten tekst' }) });
    try {
      const privacy = await (await fetch(`${norwegian.baseUrl}/privatliv?lang=nb`)).text();
      expect(privacy).toContain('Postboks 458 Sentrum, 0105 Oslo');
      const statement = await (await fetch(`${norwegian.baseUrl}/tilgaengelighed?lang=nb`)).text();
      expect(statement).toContain('uutilsynet.no');
      expect(statement).toContain('likestillings- og diskrimineringsloven');
      expect(statement).toContain('Sidene oppfyller kravene i WCAG 2.1');
      expect(statement).toContain('<li>Kart uten tekst</li>');
    } finally {
      await norwegian.stop();
    }
  });

  it('are linked from the application form\'s contact step', async () => {
    const round = await createOpenRound(stack.db, { maxAmount: 50_000 });
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/ansoeg/${round.slug}`);
    for (const id of ['applicant-0', 'social-0', 'finished-0', 'children-0']) await page.locator(`#f-precheck-${id}`).check();
    await page.getByRole('button', { name: 'Fortsæt' }).click();
    const contactStep = page.url().replace(/\/trin\/[^/?]+/, '/trin/kontakt');
    await page.goto(contactStep);
    expect(await page.locator('h1').textContent()).toBe('Kontaktperson');
    const link = page.getByRole('link', { name: /privatlivspolitik/ });
    expect(await link.getAttribute('href')).toBe('/privatliv');
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('every public page', () => {
  it('has an icon, fingerprinted assets cached for a year, and is kept for back/forward unless it shows a draft', async () => {
    const landing = await fetch(`${stack.baseUrl}/`);
    expect(landing.headers.get('cache-control')).toBe('private, no-cache');
    const markup = await landing.text();
    const icon = /<link rel="icon" href="([^"]+)"/.exec(markup)?.[1];
    expect(icon).toMatch(/^\/assets\/v\/[\w-]+\/favicon\.svg$/);
    const assets = [...markup.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/assets\/v\/[\w-]+\//);
      const response = await fetch(`${stack.baseUrl}${asset}`);
      expect([asset, response.status, response.headers.get('cache-control')]).toEqual([asset, 200, 'public, max-age=31536000, immutable']);
    }
    const favicon = await fetch(`${stack.baseUrl}/favicon.ico`);
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get('content-type')).toMatch(/icon/);
    expect((await fetch(`${stack.baseUrl}/ordliste`)).headers.get('cache-control')).toBe('private, no-cache');
    expect((await fetch(`${stack.baseUrl}/kladde/00000000-0000-4000-8000-000000000000`)).headers.get('cache-control')).toBe('no-store');
  });
});
