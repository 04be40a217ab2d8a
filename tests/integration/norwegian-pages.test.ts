import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applicationBody, createOpenRound, eventually, isoDay, postJson } from '../support/fixtures';
import { submitCase, waitForStatus, type SubmittedCase } from '../support/process';
import { parsePdf } from '../support/pdf-text';
import { signedInStaff } from '../support/staff';
import { startTestStack, testConfig, type TestStack } from '../support/stack';
import { NORWEGIAN_SCHEME_SLUG, seedNorwegianDemoRound } from '../../services/api/seed-norway';

// Everything a Norwegian municipality (JURISDICTION=NO) shows, read as its people read it: the
// public pages, the form, the association's case page, the staff's pages, the emails, the
// decision letter, the copy of the application, the council brief, open data and the dashboard —
// in bokmål, with no Danish-only term (CVR, NemKonto, børneattest, serviceloven, virk.dk …), with
// Norwegian amounts ("12 000 kr") and dates ("1. mars 2027"), and the municipality's own name.

let norway: TestStack;
let round: { id: string; slug: string };
let submitted: SubmittedCase;
let caseworker: Awaited<ReturnType<typeof signedInStaff>>;
let admin: Awaited<ReturnType<typeof signedInStaff>>;
let approver: Awaited<ReturnType<typeof signedInStaff>>;
let politician: Awaited<ReturnType<typeof signedInStaff>>;
/** What other suites put in the shared database (round, scheme, association and activity names) is data, not the service's words. */
let dataNames: string[] = [];
/** The documents of this file, for looking at: pdftoppm -png -r 80 <file> <out> */
const DOCUMENTS_DIR = path.join(os.tmpdir(), 'grantflow-norwegian-pages');

/** Words only a Danish municipality uses: its register, payout account, laws and institutions. */
const DANISH_ONLY: RegExp[] = [
  /\bCVR\b/,
  /NemKonto/i,
  /virk\.dk/i,
  /servicelov/i,
  /børneattest/i,
  /kommunalbestyrelse/i,
  /kommunalfuldmagt/i,
  /Ankestyrelsen/,
  /Folketing/,
  /\bdansk(e)?\b/i,
  /Danmark/i,
  /aktindsigt/i,
  /afgørelse/i,
  /genvurdering/i,
  /genovervejelse/i,
  /udvalgsbrief/i,
  /(?<!forvaltningsloven )§ ?18\b/,
  /Digitaliseringsstyrelsen/,
  /webtilgængelighed/i,
  /Erhvervsstyrelsen/,
  /\bDKK\b/,
  // Danish thousands ("12.000 kr."), not Norwegian ("12 000 kr").
  /\d\.\d{3} kr/,
];

function danishTermsIn(text: string): string[] {
  const spaced = (value: string) => value.replace(/[\u00a0\u202f\s]+/g, ' ');
  let shown = spaced(text);
  for (const name of dataNames) shown = shown.split(spaced(name)).join(' ');
  return DANISH_ONLY.flatMap((pattern) => {
    const found = new RegExp(pattern.source, `${pattern.flags}g`);
    return [...shown.matchAll(found)].map((match) => `${match[0]} … ${shown.slice(Math.max(0, match.index! - 60), match.index! + 60).replace(/\s+/g, ' ')}`);
  });
}

/** A page's text as a reader sees it: no markup, scripts or the language switcher, nor words marked as another language. */
function visibleText(markup: string): string {
  return markup
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<nav class="language-switcher"[\s\S]*?<\/nav>/g, ' ')
    .replace(/<span lang="da">[^<]*<\/span>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}

const checked: Record<string, string> = {};

async function page(pathAndQuery: string, cookie = ''): Promise<string> {
  const response = await fetch(`${norway.baseUrl}${pathAndQuery}`, { headers: cookie ? { cookie } : {} });
  expect([pathAndQuery, response.status]).toEqual([pathAndQuery, 200]);
  const markup = await response.text();
  expect(markup).toContain('<html lang="nb">');
  const text = visibleText(markup);
  checked[pathAndQuery] = text;
  return text;
}

async function pdfText(pdf: Buffer, name: string): Promise<string> {
  fs.writeFileSync(path.join(DOCUMENTS_DIR, `${name}.pdf`), pdf);
  return (await parsePdf(pdf)).text.replace(/\s+/g, ' ');
}

beforeAll(async () => {
  norway = await startTestStack({ config: testConfig({ JURISDICTION: 'NO' }) });
  fs.mkdirSync(DOCUMENTS_DIR, { recursive: true });
  await seedNorwegianDemoRound(norway.db);
  const scheme = await norway.db.scheme.findUniqueOrThrow({ where: { slug: NORWEGIAN_SCHEME_SLUG } });
  const created = await createOpenRound(norway.db, { maxAmount: 50_000 });
  round = await norway.db.fundingRound.update({ where: { id: created.id }, data: { schemeId: scheme.id, name: 'Frivillig 2027' } });
  caseworker = await signedInStaff(norway, ['caseworker'], 'Kari Saksbehandler');
  admin = await signedInStaff(norway, ['admin'], 'Ingrid Berg');
  approver = await signedInStaff(norway, ['approver'], 'Per Hansen');
  politician = await signedInStaff(norway, ['politician'], 'Ola Johansen');

  // An organisation whose volunteers have responsibility for minors: the politiattest question, declared.
  const body = applicationBody(round.id);
  submitted = await submitCase(norway, round.id, {
    organization: { cvr: '100 000 008', name: 'Frivilligsentralen i Eksempelby', email: 'post@frivilligsentralen.example.no', bankAccount: '1234.56.78903' },
    contact: { name: 'Ola Nordmann', email: `ola+${crypto.randomUUID().slice(0, 8)}@frivilligsentralen.example.no` },
    project: { ...body.project, title: 'Leksehjelp for barn', purpose: 'Gratis leksehjelp to ettermiddager i uka.', activities: 'Frivillige hjelper barn med lekser på biblioteket.', place: 'Eksempelby bibliotek', startDate: '2027-03-01', endDate: '2027-06-30', childrenUnder15: true },
    budget: { lines: [{ category: 'food', description: 'Frukt og drikke', amount: 9_000 }, { category: 'materials', description: 'Skrivesaker', amount: 3_000 }], cofinancing: [] },
    declarations: { truthful: true, childCertificates: true, contactLater: true },
  });
  await waitForStatus(submitted.handle, 'IN_QUEUE');
  expect((await postJson(`${norway.baseUrl}/api/v1/applications/${submitted.id}/assignment`, {}, caseworker.headers)).status).toBe(200);
  const decision = await postJson(
    `${norway.baseUrl}/api/v1/applications/${submitted.id}/decision`,
    { outcome: 'partially_approved', amountGranted: 8_000, reasons: { criteria: ['budget_share'], text: 'Skrivesakene dekkes av biblioteket; vi gir tilskudd til frukt og drikke.' }, conditions: [] },
    caseworker.headers,
  );
  expect(decision.status).toBe(200);
  await waitForStatus(submitted.handle, 'PAYOUT_SCHEDULED');

  // The schemes' own texts (the Danish § 18 scheme the migrations create, other suites' schemes) are data too.
  const rounds = await norway.db.fundingRound.findMany({ select: { name: true, description: true, legalFrame: true } });
  const schemes = await norway.db.scheme.findMany({ select: { name: true, description: true, legalFrame: true } });
  const applications = await norway.db.application.findMany({ select: { organizationName: true, projectTitle: true } });
  const legalBasis = (frame: unknown) => String((frame as { legalBasis?: unknown } | null)?.legalBasis ?? '');
  dataNames = [
    ...rounds.flatMap((r) => [r.name, r.description ?? '', legalBasis(r.legalFrame)]),
    ...schemes.flatMap((s) => [...Object.values(s.name as Record<string, string>), ...Object.values(s.description as Record<string, string>), legalBasis(s.legalFrame)]),
    ...applications.flatMap((a) => [a.organizationName, a.projectTitle]),
  ]
    .filter((name) => name && name.length > 3)
    .sort((a, b) => b.length - a.length);
}, 180_000);

afterAll(async () => {
  await submitted?.handle.terminate('test finished').catch(() => undefined);
  await norway?.stop();
});

describe('a Norwegian municipality’s public pages', () => {
  it('say who runs them, in bokmål, with no Danish-only term', async () => {
    const landing = await page('/');
    expect(landing).toContain('Eksempel kommune');
    expect(landing).toContain('organisasjonsnummer');
    for (const route of ['/puljer', '/ordliste', '/privatliv', '/tilgaengelighed', `/ansoeg/${round.slug}`, `/ansoeg/${round.slug}/kan-ikke-soege?grund=no_cvr`]) await page(route);
    for (const [route, text] of Object.entries(checked)) expect({ route, danish: danishTermsIn(text) }).toEqual({ route, danish: [] });
  });

  it('ask about the politiattest as Norwegian law frames it: minors or people with disabilities', async () => {
    const precheck = await page(`/ansoeg/${round.slug}`);
    expect(precheck).toContain('tillits- eller ansvarsforhold overfor mindreårige eller personer med funksjonsnedsettelse');
    expect(precheck).not.toMatch(/barn under 15/);
  });

  it('have a Norwegian glossary: organisasjonsnummer, enkeltvedtak, klage, politiattest, kontonummer', async () => {
    const glossary = await page('/ordliste');
    for (const term of ['organisasjonsnummer', 'enkeltvedtak', 'begrunnelse', 'klage', 'forhåndsvarsling', 'innsyn', 'politiattest', 'kontonummer', 'tilskuddsordning']) expect(glossary).toContain(term);
    expect(glossary).toContain('Brønnøysundregistrene');
    expect(glossary).toContain('forvaltningsloven § 29');
  });

  it('walk the form in bokmål: the organisasjonsnummer, the kontonummer and the politiattest declaration', async () => {
    const draft = await postJson(`${norway.baseUrl}/api/v1/drafts`, { roundId: round.id });
    expect(draft.status).toBe(201);
    const cookie = `gf_kladde=${draft.body.token}`;
    const patch = (step: string, answers: unknown) =>
      fetch(`${norway.baseUrl}/api/v1/drafts/${draft.body.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${draft.body.token}` }, body: JSON.stringify({ step, answers }) });
    expect((await patch('project', { project: { ...applicationBody(round.id).project, childrenUnder15: true } })).status).toBe(200);
    const texts: Record<string, string> = {};
    for (const step of ['forening', 'kontakt', 'aktivitet', 'budget', 'erklaeringer']) texts[step] = await page(`/kladde/${draft.body.id}/trin/${step}?tjek=1`, cookie);
    texts.summary = await page(`/kladde/${draft.body.id}/opsummering`, cookie);
    expect(texts.forening).toContain('Organisasjonsnummer');
    expect(texts.forening).toContain('Organisasjonens kontonummer');
    expect(texts.erklaeringer).toContain('Vi krever politiattest av frivillige');
    expect(texts.erklaeringer).toContain('Hva betyr «politiattest»?');
    expect(texts.erklaeringer).toContain('Hva betyr «på tro og ære»?');
    expect(texts.erklaeringer).toContain('Bekreft at dere krever politiattest av dem.');
    for (const [step, text] of Object.entries(texts)) expect({ step, danish: danishTermsIn(text) }).toEqual({ step, danish: [] });
  });
});

describe('a Norwegian case, as the organisation reads it', () => {
  it('the case page: Norwegian amounts and dates, the masked kontonummer', async () => {
    const text = await page(`/sag/${submitted.id}`, `gf_case=${submitted.accessToken}`);
    expect(text).toMatch(/8 000 kr/);
    expect(text).toMatch(/12 000 kr/);
    expect(text).toContain('•••• •• 78903');
    expect(danishTermsIn(text)).toEqual([]);
  });

  it('the emails: receipt and decision in bokmål, their terms the Norwegian glossary’s', async () => {
    const emails = await eventually(async () => {
      const rows = await norway.db.outboxEmail.findMany({ where: { applicationId: submitted.id }, orderBy: { createdAt: 'asc' } });
      return rows.some((row) => row.kind === 'decision') ? rows : undefined;
    }, 'the decision email');
    expect(emails.length).toBeGreaterThanOrEqual(2);
    for (const email of emails) {
      const text = `${email.subject}\n${email.text}\n${visibleText(email.html)}`;
      expect({ kind: email.kind, danish: danishTermsIn(text) }).toEqual({ kind: email.kind, danish: [] });
      expect(email.text).toContain('Eksempel kommune');
    }
    const decision = emails.find((email) => email.kind === 'decision')!;
    expect(decision.text).toMatch(/8 000 kr/);
    expect(decision.text).toContain('/ordliste#tilskudd');
    expect(decision.text).toContain('/ordliste#klage');
    expect(decision.text).not.toContain('/ordliste#tilsagn');
  });

  it('the decision letter and the copy of the application: bokmål, organisasjonsnummer, politiattest, Norwegian formats', async () => {
    const letter = await eventually(() => norway.db.document.findFirst({ where: { applicationId: submitted.id, kind: 'decision_letter' } }).then((row) => row ?? undefined), 'the decision letter');
    const letterText = await pdfText(Buffer.from(letter.content), 'enkeltvedtak');
    expect(letterText).toContain('Org.nr. 100000008');
    expect(letterText).toMatch(/8 000 kr/);
    expect(letterText).toMatch(/1\. mars 2027/);
    expect(letterText).toContain('Eksempel kommune');
    expect(letterText).toContain('politiattest');
    expect(danishTermsIn(letterText)).toEqual([]);

    const response = await fetch(`${norway.baseUrl}/sag/${submitted.id}/ansoegning.pdf`, { headers: { cookie: `gf_case=${submitted.accessToken}` } });
    expect(response.status).toBe(200);
    const copy = await pdfText(Buffer.from(await response.arrayBuffer()), 'soknad');
    expect(copy).toContain('Organisasjonsnummer');
    expect(copy).toContain('Vi krever politiattest av frivillige');
    expect(copy).toMatch(/12 000 kr/);
    expect(copy).toMatch(/1\. mars 2027/);
    expect(danishTermsIn(copy)).toEqual([]);
  });
});

describe('a Norwegian municipality’s staff pages', () => {
  it('the queue, the case, approvals, follow-up, payouts and the profile name the organisasjonsnummer and Norwegian law', async () => {
    const staff = `gf_staff=${caseworker.token}`;
    const casePage = await page(`/personale/sager/${submitted.id}`, staff);
    expect(casePage).toContain('Organisasjonsnummer');
    expect(casePage).toContain('100000008');
    expect(casePage).toContain('Aktiv organisasjon med gyldig organisasjonsnummer');
    expect(casePage).toContain('krever politiattest');
    expect(danishTermsIn(casePage)).toEqual([]);
    const texts: Record<string, string> = {
      queue: await page('/personale/sager', staff),
      followUp: await page('/personale/opfoelgning', staff),
      profile: await page('/personale/profil', staff),
      approvals: await page('/personale/godkendelser', `gf_staff=${approver.token}`),
      payouts: await page('/personale/udbetalinger', `gf_staff=${approver.token}`),
    };
    expect(texts.profile).toContain('Foreningens organisasjonsnummer');
    for (const [name, text] of Object.entries(texts)) expect({ name, danish: danishTermsIn(text) }).toEqual({ name, danish: [] });
  });

  it('the access and audit logs take a 9-digit organisasjonsnummer, and refuse a CVR number with a Norwegian message', async () => {
    const cookie = `gf_staff=${admin.token}`;
    const found = await page('/personale/admin/adgangslog?cvr=100+000+008', cookie);
    expect(found).toContain('Frivilligsentralen i Eksempelby (org.nr. 100000008)');
    expect(found).toContain('Organisasjonens organisasjonsnummer');
    expect(danishTermsIn(found)).toEqual([]);
    const audit = await page('/personale/admin/revisionslog?cvr=100000008', cookie);
    expect(audit).toContain('(org.nr. 100000008)');
    expect(danishTermsIn(audit)).toEqual([]);
    const refused = await fetch(`${norway.baseUrl}/personale/admin/adgangslog?cvr=13748136`, { headers: { cookie } });
    expect(refused.status).toBe(400);
    expect(visibleText(await refused.text())).toContain('Søk på enten en organisasjons organisasjonsnummer (9 sifre)');
    const api = await fetch(`${norway.baseUrl}/api/v1/admin/access-log?cvr=100000008`, { headers: admin.headers });
    expect(api.status).toBe(200);
    for (const route of ['/personale/admin', '/personale/admin/puljer', '/personale/admin/ordninger', `/personale/admin/puljer/${round.id}`]) {
      // The round's texts are kept in every language the service speaks, Danish too: its fields are named so.
      const text = (await page(route, cookie)).replace(/på dansk/g, ' ');
      expect({ route, danish: danishTermsIn(text) }).toEqual({ route, danish: [] });
    }
  });
});

describe('a Norwegian municipality’s statistics', () => {
  const period = () => `from=${isoDay(-30)}&to=${isoDay(0)}`;

  it('the dashboard: bokmål headings, Norwegian figures, the brief offered in bokmål', async () => {
    const text = await page(`/statistik?${period()}&roundId=${round.id}`, `gf_staff=${politician.token}`);
    expect(text).toContain('Statistikk: tilskudd til frivillige lag og foreninger');
    expect(text).toContain('Notat til utvalget for perioden (PDF)');
    expect(text).toContain('etter organisasjonsnummer');
    expect(danishTermsIn(text)).toEqual([]);
  });

  it('the council brief: in bokmål, for the municipality’s own scheme, with Norwegian amounts and dates', async () => {
    const response = await fetch(`${norway.baseUrl}/api/v1/stats/council-brief.pdf?${period()}&roundId=${round.id}`, { headers: politician.headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/utvalgsnotat-/);
    const brief = await pdfText(Buffer.from(await response.arrayBuffer()), 'utvalgsnotat');
    expect(brief).toContain('Notat til utvalget: tilskudd til frivillige lag og foreninger');
    expect(brief).toContain('Eksempel kommune');
    expect(brief).toContain('etter organisasjonsnummer');
    expect(brief).toMatch(/\d{1,2}\. \p{L}+ \d{4}/u);
    expect(brief).toMatch(/8 000 kr/);
    expect(danishTermsIn(brief)).toEqual([]);
  });

  it('open data: Norwegian column names and target groups, the organisasjonsnummer', async () => {
    const csvResponse = await fetch(`${norway.baseUrl}/api/v1/open-data/grants.csv?roundId=${round.id}`);
    expect(csvResponse.headers.get('content-disposition')).toContain('tilskudd.csv');
    const csv = (await csvResponse.text()).replace(/^\uFEFF/, '');
    const [header, row] = csv.split(/\r?\n/);
    expect(header).toContain('Organisasjonsnummer');
    expect(danishTermsIn(header!)).toEqual([]);
    expect(row).toContain('100000008');
    const json = (await (await fetch(`${norway.baseUrl}/api/v1/open-data/grants.json?roundId=${round.id}`)).json()) as { grants: { targetGroupLabel: string; cvr: string }[] };
    expect(json.grants).toEqual([expect.objectContaining({ cvr: '100000008' })]);
    const nb = await import('../../locale/catalogues/nb/common.json');
    expect(Object.values(nb)).toContain(json.grants[0]!.targetGroupLabel);
  });
});
