import crypto from 'node:crypto';
import type { Browser } from 'playwright-core';
import { createDatabase, type Database } from '../lib/db';
import { generateAccessToken, sha256Hex } from '../lib/tokens';
import { launchBrowser } from '../tests/support/browser';
import { createOpenRound } from '../tests/support/fixtures';
import { answerPrecheck, click, fillAssociation, fillProject, sendFromSummary, Typist, type Association } from '../tests/support/form-journey';
import { log, printTable, round1, runBenchmark, writeResults } from './support/output';
import { startBenchStack } from './support/stack';

// npm run bench:form-time — what the profile saves a returning association: headless Chromium
// (playwright-core, without JavaScript, as the form works without it) fills in one application
// as a first-time association, typing every field key by key with a fixed delay per character,
// then one as a signed-in member of the same association a year later, started from the
// association's page: the association and contact steps come filled in from the profile and the
// last application, and only the project is typed. For each: fields and characters typed, wall
// seconds, and the active seconds the server recorded on the draft (the statistics' form time).
//
//   BENCH_FORM_TIME_DELAY_MS   delay per typed character (default 60 ms, a quick typist)

// An association of the local register (infra/register), so the register fills the profile's address.
const association: Association = {
  cvr: '13748136',
  name: 'Foreningen Fælles Bord',
  email: 'kasserer@faellesbord.dk',
  phone: '+45 11 22 33 44',
  address: 'Kirkestræde 4, 9991 Eksempelby',
  contactName: 'Inge Hansen',
  contactEmail: 'inge@faellesbord.dk',
  contactPhone: '+45 55 66 77 88',
};

interface Journey {
  journey: string;
  fields: number;
  characters: number;
  wallSeconds: number;
  activeSeconds: number;
}

/** A member's session of the association, as signing in by the emailed link makes it. */
async function memberSession(db: Database): Promise<string> {
  const organisation = await db.organisation.upsert({ where: { number: association.cvr }, create: { number: association.cvr, name: association.name }, update: {} });
  const member = await db.organisationMember.create({ data: { organisationId: organisation.id, email: association.contactEmail, role: 'admin' } });
  const token = generateAccessToken();
  await db.organisationSession.create({ data: { tokenHash: sha256Hex(token), memberId: member.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  return token;
}

async function activeSeconds(db: Database, draftId: string): Promise<number> {
  const draft = await db.applicationDraft.findUniqueOrThrow({ where: { id: draftId } });
  return Object.values(draft.stepSeconds as Record<string, number>).reduce((sum, seconds) => sum + Number(seconds), 0);
}

async function journey(browser: Browser, db: Database, baseUrl: string, roundSlug: string, delayMs: number, member?: string): Promise<Journey> {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'da-DK', viewport: { width: 1280, height: 900 } });
  if (member) await context.addCookies([{ name: 'gf_forening', value: member, url: baseUrl }]);
  const page = await context.newPage();
  const typist = new Typist(page, delayMs);
  const started = process.hrtime.bigint();
  if (member) {
    await page.goto(`${baseUrl}/forening`);
    await click(page, `main a[href="/ansoeg/${roundSlug}"]`);
  } else {
    await page.goto(`${baseUrl}/ansoeg/${roundSlug}`);
  }
  const draftId = await answerPrecheck(page, typist);
  await fillAssociation(page, typist, association);
  await fillProject(page, typist, member ? 'Fællesspisning, andet år' : 'Fællesspisning');
  await sendFromSummary(page);
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  await context.close();
  const sent = await db.applicationDraft.findUniqueOrThrow({ where: { id: draftId } });
  if (!sent.submittedAt) throw new Error(`the ${member ? 'returning' : 'first-time'} application was not sent`);
  return { journey: member ? 'returning (signed in, pre-filled)' : 'first time', ...typist.count, wallSeconds, activeSeconds: await activeSeconds(db, draftId) };
}

async function main(): Promise<void> {
  const delayMs = Number(process.env.BENCH_FORM_TIME_DELAY_MS ?? 60);
  const stack = await startBenchStack('form_time', { temporal: true, smtp: true });
  const db = createDatabase(stack.databaseUrl);
  try {
    // Nothing to upload at this amount: the declarations lead to the summary.
    const round = await createOpenRound(db, { maxAmount: 20_000 });
    await stack.startService('api');
    const browser = await launchBrowser();
    const journeys: Journey[] = [];
    try {
      journeys.push(await journey(browser, db, stack.baseUrl, round.slug, delayMs));
      log(`first time: ${journeys[0]!.fields} fields, ${round1(journeys[0]!.wallSeconds)} s`);
      journeys.push(await journey(browser, db, stack.baseUrl, round.slug, delayMs, await memberSession(db)));
      log(`returning: ${journeys[1]!.fields} fields, ${round1(journeys[1]!.wallSeconds)} s`);
    } finally {
      await browser.close();
    }
    const rows = journeys.map((j) => ({ journey: j.journey, 'fields typed': j.fields, 'characters typed': j.characters, 'wall seconds': round1(j.wallSeconds), 'active seconds (server)': j.activeSeconds }));
    printTable(`One application, first time and returning (${delayMs} ms per character, Chromium without JavaScript)`, rows);
    const [first, returning] = journeys as [Journey, Journey];
    writeResults(
      'form-time',
      [
        { figure: 'fields typed, first time → returning', value: `${first.fields} → ${returning.fields}`, goal: 'fewer', met: returning.fields < first.fields },
        { figure: 'active form seconds, first time → returning', value: `${first.activeSeconds} → ${returning.activeSeconds} s`, goal: '—', met: null },
      ],
      { delayMs, journeys, run: crypto.randomUUID() },
    );
  } finally {
    await db.$disconnect();
    await stack.stop();
  }
}

runBenchmark(main);
