import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReportingTier } from '../../domain/tiers';
import { caseStateQuery } from '../../workflows/messages';
import { applicationBody, createOpenRound, eventually, getJson, postJson } from '../support/fixtures';
import { NORWEGIAN_DEMO_ROUND_SLUG, NORWEGIAN_SCHEME_SLUG, seedNorwegianDemoRound } from '../../services/api/seed-norway';
import { submitCase, waitForStatus, type SubmittedCase } from '../support/process';
import { parsePdf } from '../support/pdf-text';
import { recordHistory } from '../support/histories';
import { signedInStaff } from '../support/staff';
import { startTestStack, testConfig, type TestStack } from '../support/stack';

// A Norwegian municipality (JURISDICTION=NO) on the real stack: an organisation applies with its
// 9-digit organisasjonsnummer; the decision is an enkeltvedtak whose letter states Norwegian law
// (begrunnelse, klage within three weeks, partsinnsyn and offentleglova) and no Danish law; the
// klage goes to the municipality, which changes its decision (fvl § 33) or forwards the klage with
// its assessment to the klagenemnd, whose decision is registered and sent; a late klage is refused.
// The round's frame names only its contact: the rest is the Norwegian legal frame defaults.

let norway: TestStack;
let caseworker: Awaited<ReturnType<typeof signedInStaff>>;
/** The letters of this file, for looking at: pdftoppm -png -r 80 <file> <out> */
const LETTERS_DIR = path.join(os.tmpdir(), 'grantflow-norwegian-letters');

const TIERS: ReportingTier[] = [
  { upToKroner: 10_000, requirement: 'declaration', applicationDocuments: [] },
  { upToKroner: null, requirement: 'short_report', applicationDocuments: [] },
];
const CONTACT = { name: 'Kari Nordmann', phone: '400 12 345', email: 'frivillighet@eksempel.no' };
/** Words of Danish law a Norwegian municipality's letters never use. */
const DANISH_LAW = ['serviceloven', 'Ankestyrelsen', 'Folketingets Ombudsmand', 'forvaltningsloven § 22', 'forvaltningsloven § 9', 'børneattest', 'genovervejelse'];

beforeAll(async () => {
  norway = await startTestStack({ config: testConfig({ JURISDICTION: 'NO' }) });
  caseworker = await signedInStaff(norway, ['caseworker'], 'Kari Saksbehandler');
  fs.mkdirSync(LETTERS_DIR, { recursive: true });
});

afterAll(async () => {
  await norway?.stop();
});

const url = (p: string) => `${norway.baseUrl}/api/v1${p}`;
const applicant = (c: SubmittedCase) => ({ authorization: `Bearer ${c.accessToken}` });

/** A Norwegian organisation's application, decided by the caseworker; its klage period running. */
async function decided(options: { outcome: 'partially_approved' | 'rejected'; amount: number; period?: string }): Promise<SubmittedCase> {
  const round = await createOpenRound(norway.db, { reportingTiers: TIERS, process: { reconsiderationPeriod: options.period ?? '1h' }, legalFrame: { contact: CONTACT } });
  const submitted = await submitCase(norway, round.id, {
    organization: { cvr: '100 000 008', name: 'Frivilligsentralen i Eksempelby', email: 'post@frivilligsentralen.example.no', bankAccount: '1234.56.78903' },
    contact: { name: 'Ola Nordmann', email: `ola+${crypto.randomUUID().slice(0, 8)}@frivilligsentralen.example.no` },
    project: { ...applicationBody(round.id).project, title: 'Middag for eldre', purpose: 'Et ukentlig måltid mot ensomhet.', activities: 'Vi lager mat sammen hver torsdag.' },
  });
  expect(await norway.db.application.findUniqueOrThrow({ where: { id: submitted.id }, select: { organizationCvr: true, language: true } })).toEqual({ organizationCvr: '100000008', language: 'nb' });
  await waitForStatus(submitted.handle, 'IN_QUEUE');
  expect((await postJson(url(`/applications/${submitted.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
  const reasons = { criteria: ['budget_share'], text: 'Halvparten av budsjettet går til husleie, som ordningen etter retningslinjene ikke dekker.' };
  const decision = await postJson(url(`/applications/${submitted.id}/decision`), { outcome: options.outcome, amountGranted: options.amount, reasons, conditions: [] }, caseworker.headers);
  expect(decision.status).toBe(200);
  await waitForStatus(submitted.handle, options.outcome === 'rejected' ? 'DECIDED' : 'REPORT_DUE');
  await eventually(async () => ((await submitted.handle.query(caseStateQuery)).reconsiderableUntil ? true : undefined), 'the klage period');
  return submitted;
}

async function letterText(documentKey: string, name: string): Promise<string> {
  const document = await norway.db.document.findUniqueOrThrow({ where: { documentKey } });
  fs.writeFileSync(path.join(LETTERS_DIR, `${name}.pdf`), document.content);
  return (await parsePdf(document.content)).text.replace(/\s+/g, ' ');
}

async function letterOf(applicationId: string, suffix: string, name: string): Promise<{ id: string; text: string }> {
  const document = await norway.db.document.findFirstOrThrow({ where: { applicationId, documentKey: { endsWith: suffix } } });
  return { id: document.id, text: await letterText(document.documentKey, name) };
}

function expectNoDanishLaw(text: string): void {
  for (const danish of DANISH_LAW) expect(text).not.toContain(danish);
}

describe('a Norwegian municipality’s enkeltvedtak and klage', () => {
  it('refuses with a begrunnelse; the klage is forwarded to the klagenemnd with the municipality’s assessment; the klagenemnd’s decision is registered and sent', async () => {
    const c = await decided({ outcome: 'rejected', amount: 0 });
    const decisionLetter = await letterText(`letter:${c.id}:1`, 'enkeltvedtak-avslag-nb');
    for (const phrase of [
      'ENKELTVEDTAK OM TILSKUDD',
      'Org.nr. 100000008',
      'Hvorfor dere ikke får tilskudd (begrunnelse)',
      'husleie',
      'Vedtaket bygger på kommunestyrets budsjettvedtak og på Retningslinjer for tilskudd til frivillige lag og foreninger',
      'enkeltvedtak (forvaltningsloven § 2 første ledd bokstav b)',
      'forvaltningsloven §§ 24 og 25',
      'Klagefristen er 3 uker fra den dagen dette brevet kom fram til dere (forvaltningsloven § 29)',
      'kommunens klagenemnd, som avgjør saken (forvaltningsloven § 28 andre ledd)',
      'partsinnsyn, forvaltningsloven § 18',
      'offentleglova',
    ]) {
      expect(decisionLetter).toContain(phrase);
    }
    expectNoDanishLaw(decisionLetter);
    const decisionEmail = await norway.db.outboxEmail.findFirstOrThrow({ where: { applicationId: c.id, kind: 'decision' } });
    expect(decisionEmail.text).toContain('Dere kan klage på vedtaket innen 3 uker');

    // The klage: through the API with the association's private link, in bokmål by default.
    expect((await postJson(url(`/applications/${c.id}/reconsideration`), { reasons: 'Vi mener aktiviteten treffer målgruppen godt; se vedlagt oversikt.' }, applicant(c))).status).toBe(202);
    const requested = await waitForStatus(c.handle, 'RECONSIDERATION_REQUESTED');
    expect(requested.reconsideration).toMatchObject({ procedure: 'klage', answersAllowed: ['change', 'forward'] });
    const received = await eventually(() => norway.db.outboxEmail.findFirst({ where: { applicationId: c.id, kind: 'reconsideration_received' } }).then((row) => row ?? undefined), 'the klage receipt');
    expect(received.subject).toContain('Vi har mottatt klagen deres');

    // The municipality does not uphold on its own: it changes the decision or forwards the klage.
    const uphold = await postJson(url(`/applications/${c.id}/reconsideration/answer`), { answer: 'uphold', reasons: { criteria: ['target_group'], text: 'x' } }, caseworker.headers);
    expect(uphold.status).toBe(400);
    expect(uphold.body.error.issues).toEqual([expect.objectContaining({ path: 'answer' })]);
    const forwarded = await postJson(
      url(`/applications/${c.id}/reconsideration/answer`),
      { answer: 'forward', reasons: { criteria: ['target_group'], text: 'Oversikten viser 6 deltakere fra målgruppen av 40; det endrer ikke vurderingen.' } },
      caseworker.headers,
    );
    expect(forwarded.status).toBe(200);
    expect(forwarded.body.status).toBe('FORWARDED_TO_APPEALS_BOARD');
    const forwardLetter = await letterOf(c.id, ':forwarded', 'klage-oversendt-nb');
    expect(forwardLetter.text).toContain('Vi har sendt klagen deres til klagenemnda');
    expect(forwardLetter.text).toContain('6 deltakere fra målgruppen');
    expect(forwardLetter.text).toContain('(forvaltningsloven § 33 andre ledd)');
    expect(forwardLetter.text).toContain('Org.nr. 100000008');
    expectNoDanishLaw(forwardLetter.text);

    const missingText = await postJson(url(`/applications/${c.id}/reconsideration/board-decision`), { boardOutcome: 'upheld', decidedOn: '2026-12-01', text: '' }, caseworker.headers);
    expect(missingText.status).toBe(400);
    expect(missingText.body.error.issues).toEqual([expect.objectContaining({ path: 'text' })]);
    const board = await postJson(
      url(`/applications/${c.id}/reconsideration/board-decision`),
      { boardOutcome: 'upheld', decidedOn: '2026-12-01', text: 'Klagenemnda er enig i kommunens vurdering: aktiviteten når for få i målgruppen.' },
      caseworker.headers,
    );
    expect(board.status).toBe(200);
    expect(board.body.status).toBe('DECIDED');
    const boardLetter = await letterOf(c.id, ':board_upheld', 'klagenemnd-nb');
    expect(boardLetter.text).toContain('Klagenemnda har opprettholdt vedtaket');
    expect(boardLetter.text).toContain('1. desember 2026');
    expect(boardLetter.text).toContain('kan ikke påklages');
    expectNoDanishLaw(boardLetter.text);

    const row = await norway.db.reconsideration.findFirstOrThrow({ where: { applicationId: c.id } });
    expect(row).toMatchObject({ procedure: 'klage', outcome: 'forwarded', boardOutcome: 'upheld', boardText: expect.stringContaining('enig i kommunens vurdering') });
    const emails = await norway.db.outboxEmail.findMany({ where: { applicationId: c.id, kind: { in: ['reconsideration_forwarded', 'appeals_board_decision'] } }, orderBy: { createdAt: 'asc' } });
    expect(emails.map((e) => [e.kind, e.attachmentIds])).toEqual([
      ['reconsideration_forwarded', [forwardLetter.id]],
      ['appeals_board_decision', [boardLetter.id]],
    ]);
    expect(emails[1]!.subject).toContain('Klagenemndas vedtak');
    // The klagenemnd's decision is final: no further klage, and the refusal's workflow ends.
    const after = await postJson(url(`/applications/${c.id}/reconsideration`), { reasons: 'Vi klager igjen.' }, applicant(c));
    expect(after.status).toBe(409);
    expect(after.body.error.issues).toEqual([expect.objectContaining({ path: 'reconsiderableUntil' })]);
    expect(await c.handle.result()).toBe('DECIDED');
    await recordHistory(c.handle, 'klage-forwarded-board-upheld');
  });

  it('is granted by the municipality itself under fvl § 33: a changed enkeltvedtak with its own letter, the difference in Norwegian kroner', async () => {
    const c = await decided({ outcome: 'rejected', amount: 0 });
    expect((await postJson(url(`/applications/${c.id}/reconsideration`), { reasons: 'Budsjettet var feil; husleien betales av kommunen.' }, applicant(c))).status).toBe(202);
    await waitForStatus(c.handle, 'RECONSIDERATION_REQUESTED');
    const changed = await postJson(
      url(`/applications/${c.id}/reconsideration/answer`),
      { answer: 'change', outcome: 'partially_approved', amountGranted: 6_000, reasons: { criteria: [], text: 'Husleien dekkes av kommunen; vi gir tilskudd til maten, men ikke til utstyr som laget allerede har.' } },
      caseworker.headers,
    );
    expect(changed.status).toBe(200);
    await waitForStatus(c.handle, 'REPORT_DUE');
    const text = await letterText(`letter:${c.id}:2`, 'endret-etter-klage-nb');
    expect(text).toContain('forvaltningsloven § 33 første ledd');
    expect(text).toMatch(/utbetalt 6\s000 kr mer/);
    expect(text).toContain('etter reglene om politiattest');
    expectNoDanishLaw(text);
    expect(await norway.db.payout.findUniqueOrThrow({ where: { payoutKey: `payout:${c.id}:2` } })).toMatchObject({ amountOre: 600_000n, decisionSequence: 2 });
  });

  it('refuses a klage after the three weeks with the date, in bokmål, and stores nothing', async () => {
    const late = await decided({ outcome: 'rejected', amount: 0, period: '1s' });
    expect(await late.handle.result()).toBe('DECIDED');
    const refused = await postJson(url(`/applications/${late.id}/reconsideration`), { reasons: 'Vi er uenige i vedtaket.' }, applicant(late));
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('reconsideration_not_allowed');
    expect(refused.body.error.issues).toEqual([expect.objectContaining({ path: 'reconsiderableUntil', message: expect.stringMatching(/^Klagefristen gikk ut \d{1,2}\. \p{L}+ \d{4}\./u) })]);
    expect(await norway.db.reconsideration.count({ where: { applicationId: late.id } })).toBe(0);
    expect(await norway.db.caseEvent.count({ where: { applicationId: late.id, type: { startsWith: 'reconsideration' } } })).toBe(0);
  });

  it('npm start’s Norwegian demo: a round of the scheme for voluntary organisations under the Norwegian frame, three weeks for a klage', async () => {
    await seedNorwegianDemoRound(norway.db);
    await seedNorwegianDemoRound(norway.db);
    const round = await norway.db.fundingRound.findUniqueOrThrow({ where: { slug: NORWEGIAN_DEMO_ROUND_SLUG }, include: { scheme: true } });
    expect(round.scheme.slug).toBe(NORWEGIAN_SCHEME_SLUG);
    expect(round.processSettings).toEqual({ reconsiderationPeriod: 'P3W' });
    expect(round.legalFrame).toMatchObject({ legalBasis: 'kommunestyrets budsjettvedtak', decisionMaker: { kind: 'delegation', body: 'Hovedutvalg for helse og omsorg' } });
    const listed = await getJson(url('/rounds'));
    expect(listed.body.rounds.find((r: { id: string }) => r.id === round.id)).toMatchObject({ scheme: { slug: NORWEGIAN_SCHEME_SLUG } });
    // An organisation applies to it with its organisasjonsnummer.
    const submitted = await submitCase(norway, round.id, { organization: { cvr: '100001373', name: 'Leksehjelpen Nordby', email: 'post@leksehjelpen.example.no', bankAccount: '1234.56.78903' } });
    await waitForStatus(submitted.handle, 'IN_QUEUE');
  });

  it('is changed to a grant by the klagenemnd: paid to the account the organisation gave, and its report received and accepted', async () => {
    const c = await decided({ outcome: 'rejected', amount: 0 });
    expect((await postJson(url(`/applications/${c.id}/reconsideration`), { reasons: 'Aktiviteten når flere i målgruppen enn kommunen la til grunn.' }, applicant(c))).status).toBe(202);
    await waitForStatus(c.handle, 'RECONSIDERATION_REQUESTED');
    const forwarded = await postJson(
      url(`/applications/${c.id}/reconsideration/answer`),
      { answer: 'forward', reasons: { criteria: ['target_group'], text: 'Kommunen står ved vurderingen av målgruppen.' } },
      caseworker.headers,
    );
    expect(forwarded.body.status).toBe('FORWARDED_TO_APPEALS_BOARD');
    const board = await postJson(
      url(`/applications/${c.id}/reconsideration/board-decision`),
      { boardOutcome: 'changed', decidedOn: '2026-12-02', text: 'Klagenemnda finner at aktiviteten når målgruppen, og gir tilskudd til maten.', outcome: 'partially_approved', amountGranted: 8_000 },
      caseworker.headers,
    );
    expect(board.status).toBe(200);
    await waitForStatus(c.handle, 'REPORT_DUE');
    const letter = await letterText(`letter:${c.id}:2`, 'klagenemnd-endret-nb');
    expect(letter).toContain('Org.nr. 100000008');
    expect(letter).toContain('•••• •• 78903');
    expectNoDanishLaw(letter);
    expect(await norway.db.reconsideration.findFirstOrThrow({ where: { applicationId: c.id } })).toMatchObject({ outcome: 'forwarded', boardOutcome: 'changed' });

    // Paid to the kontonummer the organisation gave (the Norwegian payout file carries it in full:
    // tests/integration/norwegian-payout.test.ts; a run here would claim other suites' payouts too).
    expect(await norway.db.payout.findUniqueOrThrow({ where: { payoutKey: `payout:${c.id}:2` } })).toMatchObject({ amountOre: 800_000n, decisionSequence: 2 });
    expect(await norway.db.application.findUniqueOrThrow({ where: { id: c.id }, select: { payoutAccount: true } })).toEqual({ payoutAccount: '12345678903' });

    // The report, as for any grant.
    const report = { narrative: 'Vi lagde middag hver torsdag for 30 eldre.', spentKroner: 8_000, participants: 30, volunteers: 6, story: '', storyConsent: false };
    expect((await postJson(url(`/applications/${c.id}/reports`), report, applicant(c))).status).toBe(202);
    await waitForStatus(c.handle, 'REPORT_SUBMITTED');
    const reviewed = await postJson(url(`/reports/${c.id}/review`), { accept: true }, caseworker.headers);
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.status).toBe('CLOSED');
  });
});
