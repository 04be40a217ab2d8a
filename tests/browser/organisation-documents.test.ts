import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_REPORTING_TIERS } from '../../domain/tiers';
import { generateAccessToken, sha256Hex } from '../../lib/tokens';
import { clickAndLoad, launchBrowser, lookAtBothWidths, newContext, screenshots, type Screenshots } from '../support/browser';
import { applicationBody, createOpenRound } from '../support/fixtures';
import { randomCvr } from '../support/organisation';
import { samplePdf } from '../support/sample-files';
import { startTestStack, type TestStack } from '../support/stack';

// A member uploads the association's statutes once on /forening/dokumenter; the next draft's
// documents step offers them ("Brug jeres vedtægter fra arkivet"), and one click attaches them.
// Each page at a desktop's and a phone's width, screenshotted and checked with axe.

jest.setTimeout(600_000);

const number = randomCvr();
const marker = crypto.randomUUID().slice(0, 8);
const inge = `inge-${marker}@forening.example.dk`;

let stack: TestStack;
let browser: Browser;
let shots: Screenshots;
let folder: string;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  shots = screenshots('organisation-documents');
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vedtaegter-'));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

const look = (page: Page, name: string) => lookAtBothWidths(page, shots, name);
const click = clickAndLoad;

it('a member uploads the statutes once, and the next draft’s documents step offers them', async () => {
  // Inge is the association's administrator, signed in (the sign-in itself is the organisation journey's).
  const organisation = await stack.db.organisation.create({ data: { number, name: 'Lektiecaféen' } });
  const member = await stack.db.organisationMember.create({ data: { organisationId: organisation.id, email: inge, role: 'admin' } });
  const session = generateAccessToken();
  await stack.db.organisationSession.create({ data: { tokenHash: sha256Hex(session), memberId: member.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  const context = await newContext(browser);
  await context.addCookies([{ name: 'gf_forening', value: session, url: stack.baseUrl }]);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);

  await page.goto(`${stack.baseUrl}/forening`);
  await click(page, 'main a[href="/forening/dokumenter"]');
  expect(await page.locator('h1').textContent()).toBe('Foreningens dokumenter');
  expect(await page.locator('main').textContent()).toContain('Foreningen har ingen dokumenter her endnu.');
  await look(page, 'documents-empty');

  const file = path.join(folder, 'vedtægter.pdf');
  fs.writeFileSync(file, await samplePdf('Vedtægter for Lektiecaféen'));
  await page.locator('#f-kind-0').check();
  await page.locator('#f-file').setInputFiles(file);
  await click(page, 'main form[action="/forening/dokumenter"] button[type="submit"]');
  expect(await page.locator('.alert-success').textContent()).toContain('Dokumentet er gemt.');
  expect(await page.locator('main').textContent()).toContain('vedtægter.pdf');
  await look(page, 'documents-kept');

  // A new draft of the association, at an amount that asks for the statutes.
  const round = await createOpenRound(stack.db, { reportingTiers: [...DEFAULT_REPORTING_TIERS] });
  const { roundId: _round, ...answers } = applicationBody(round.id, { organization: { cvr: number, name: 'Lektiecaféen', email: inge }, contact: { name: 'Inge Hansen', email: inge } });
  const draft = await stack.db.applicationDraft.create({ data: { tokenHash: sha256Hex(generateAccessToken()), roundId: round.id, data: { answers } as object, currentStep: 'documents', furthestStep: 'documents' } });
  await page.goto(`${stack.baseUrl}/kladde/${draft.id}/dokumenter`);
  const offer = page.locator('button[name="fromArchive"]').first();
  expect(await offer.textContent()).toMatch(/^Brug jeres vedtægter fra arkivet \(uploadet \d+\. \w+ \d{4}\)$/);
  await look(page, 'documents-step-offer');

  await click(page, 'button[name="fromArchive"]');
  const statutes = page.locator('.form-group', { has: page.locator('#f-statutes') });
  expect(await statutes.textContent()).toContain('vedtægter.pdf');
  expect(await statutes.textContent()).toContain('fra foreningens dokumenter');
  // Attached, the statutes are offered no more (and no accounts are kept to offer).
  expect(await page.locator('button[name="fromArchive"]').count()).toBe(0);
  await look(page, 'documents-step-attached');
  const attached = await stack.db.document.findMany({ where: { draftId: draft.id }, select: { kind: true, filename: true, fromOrganisationDocumentId: true } });
  expect(attached).toEqual([{ kind: 'statutes', filename: 'vedtægter.pdf', fromOrganisationDocumentId: expect.any(String) }]);
  await context.close();
});
