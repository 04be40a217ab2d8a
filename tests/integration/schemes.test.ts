import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CaseScript, writeCase, type CaseApplicant } from '../../infra/demo/case-script';
import { claimUpdate, decideUpdate } from '../../workflows/messages';
import { FAST_PROCESS, getJson, insertApplication, postJson } from '../support/fixtures';
import { parsePdf } from '../support/pdf-text';
import { submitCase, waitForStatus } from '../support/process';
import { SECTION_18_SCHEME_SLUG } from '../support/schemes';
import { startTestStack, type TestStack } from '../support/stack';
import { signedInStaff } from '../support/staff';

// Grant schemes on the real stack: an administrator creates a scheme under the municipality's
// general powers and a round in it; a case in that round is decided with a letter that cites the
// scheme's basis and never § 18; the statistics cut by scheme count that scheme's cases only.

const CULTURE_FRAME = {
  legalBasis: 'kommunalfuldmagtsreglerne (de uskrevne regler om kommunens opgaver)',
  guidelines: { name: 'Retningslinjer for Kultur- og aktivitetspuljen', adoptedOn: '2026-02-05', adoptedBy: 'Kultur- og Fritidsudvalget' },
  decisionMaker: { kind: 'delegation', body: 'Kultur- og Fritidsudvalget' },
  // The culture administration sends the pool's letters, not the deployment's own department.
  department: 'Kultur og Fritid',
};

const CULTURE_CRITERIA = [
  { code: 'open_to_all', label: { da: 'Aktiviteten er ikke åben for alle borgere i kommunen.', nb: 'Aktiviteten er ikke åpen for alle innbyggerne i kommunen.', en: 'The activity is not open to everyone in the municipality.' } },
];

function schemeBody(slug: string, overrides: Record<string, unknown> = {}) {
  return {
    slug,
    name: { da: 'Kultur- og aktivitetspuljen', nb: 'Kultur- og aktivitetspuljen', en: 'Culture and activity pool' },
    description: {
      da: 'Tilskud til kultur- og fritidsaktiviteter for alle kommunens borgere.',
      nb: 'Tilskudd til kultur- og fritidsaktiviteter for alle innbyggerne i kommunen.',
      en: 'Grants for culture and leisure activities open to everyone in the municipality.',
    },
    legalFrame: CULTURE_FRAME,
    decisionCriteria: CULTURE_CRITERIA,
    reportingTiers: [{ upToKroner: null, requirement: 'declaration', applicationDocuments: [] }],
    ...overrides,
  };
}

function roundBody(scheme: string | undefined, overrides: Record<string, unknown> = {}) {
  return {
    ...(scheme === undefined ? {} : { scheme }),
    slug: `kulturpuljen-${crypto.randomUUID().slice(0, 8)}`,
    name: 'Kultur- og aktivitetspuljen 2027',
    budget: 400_000,
    maxAmount: 50_000,
    opensAt: new Date(Date.now() - 86_400_000).toISOString(),
    closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    processSettings: FAST_PROCESS,
    ...overrides,
  };
}

describe('grant schemes', () => {
  let stack: TestStack;
  let admin: { token: string; headers: Record<string, string> };
  let caseworker: { email: string; headers: Record<string, string> };

  beforeAll(async () => {
    stack = await startTestStack();
    admin = await signedInStaff(stack, ['admin']);
    caseworker = await signedInStaff(stack, ['caseworker'], 'Karin Holm');
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const api = (path: string) => `${stack.baseUrl}/api/v1${path}`;

  async function createScheme(slug: string, overrides: Record<string, unknown> = {}) {
    const response = await postJson(api('/admin/schemes'), schemeBody(slug, overrides), admin.headers);
    expect(response.status).toBe(201);
    return response.body as { id: string; slug: string };
  }

  it('the migration made a § 18 scheme that every round written without one belongs to', async () => {
    const { body } = await getJson(api('/admin/schemes'), admin.headers);
    const section18 = (body.schemes as { slug: string; legalFrame: { legalBasis: string } }[]).find((scheme) => scheme.slug === SECTION_18_SCHEME_SLUG);
    expect(section18?.legalFrame.legalBasis).toBe('serviceloven § 18');
  });

  it('an administrator creates a scheme and a round in it; the round starts from the scheme’s frame, criteria and tiers', async () => {
    const scheme = await createScheme(`kultur-${crypto.randomUUID().slice(0, 8)}`);
    const created = await postJson(api('/rounds'), roundBody(scheme.slug), admin.headers);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      scheme: scheme.slug,
      decisionCriteria: CULTURE_CRITERIA,
      reportingTiers: [{ upToKroner: null, requirement: 'declaration', applicationDocuments: [] }],
      legalFrame: {
        ...CULTURE_FRAME,
        // The scheme leaves the contact to its rounds; outside production the municipality's is
        // filled in, named as the scheme's own department.
        contact: { name: CULTURE_FRAME.department, phone: stack.config.MUNICIPALITY_PHONE, email: stack.config.MUNICIPALITY_EMAIL },
      },
    });
    const stored = await stack.db.fundingRound.findUniqueOrThrow({ where: { id: created.body.id }, include: { scheme: true } });
    expect(stored.scheme.id).toBe(scheme.id);

    // Once the round has applications its scheme is fixed: its cases are counted and written under it.
    await insertApplication(stack.db, created.body.id);
    const moved = await fetch(api(`/rounds/${created.body.id}`), {
      method: 'PATCH',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ scheme: SECTION_18_SCHEME_SLUG }),
    });
    expect(moved.status).toBe(409);
    expect(((await moved.json()) as { error: { issues: { path: string }[] } }).error.issues.map((issue) => issue.path)).toEqual(['scheme']);

    // A later change to the scheme does not reach the round already created.
    const changed = await fetch(api(`/admin/schemes/${scheme.id}`), {
      method: 'PATCH',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ legalFrame: { ...CULTURE_FRAME, legalBasis: 'kommunalfuldmagten' } }),
    });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { legalFrame: { legalBasis: string } }).legalFrame.legalBasis).toBe('kommunalfuldmagten');
    const round = await getJson(api(`/rounds/${created.body.id}`), admin.headers);
    expect(round.body.legalFrame.legalBasis).toBe(CULTURE_FRAME.legalBasis);
  });

  it('refuses bad input with field messages in the caller’s language, and stores nothing', async () => {
    const schemesBefore = await stack.db.scheme.count();
    const roundsBefore = await stack.db.fundingRound.count();

    // A scheme must name its legal basis: it is what its letters cite, never borrowed from § 18.
    const noBasis = await postJson(api('/admin/schemes'), schemeBody(`uden-grundlag-${crypto.randomUUID().slice(0, 8)}`, { legalFrame: { ...CULTURE_FRAME, legalBasis: '' } }), admin.headers);
    expect(noBasis.status).toBe(400);
    expect(noBasis.body.error.issues).toEqual(expect.arrayContaining([{ path: 'legalFrame.legalBasis', message: 'Skriv retsgrundlaget, fx »serviceloven § 18«.' }]));

    const noEnglish = await postJson(api('/admin/schemes?lang=en'), schemeBody(`uden-engelsk-${crypto.randomUUID().slice(0, 8)}`, { name: { da: 'Seniorpuljen', nb: 'Seniorpuljen' } }), admin.headers);
    expect(noEnglish.status).toBe(400);
    expect(noEnglish.body.error.issues.map((issue: { path: string }) => issue.path)).toContain('name.en');

    const taken = await postJson(api('/admin/schemes'), schemeBody(SECTION_18_SCHEME_SLUG), admin.headers);
    expect(taken.status).toBe(409);
    expect(taken.body.error.issues).toEqual([{ path: 'slug', message: 'Der findes allerede en ordning med dette kortnavn. Vælg et andet.' }]);

    const unknown = await postJson(api('/rounds?lang=en'), roundBody('no-such-scheme'), admin.headers);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues).toEqual(expect.arrayContaining([{ path: 'scheme', message: 'There is no such scheme. Choose one of the municipality’s grant schemes.' }]));

    const missing = await postJson(api('/rounds'), roundBody(undefined), admin.headers);
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues.map((issue: { path: string }) => issue.path)).toContain('scheme');

    // The JSON API is for admins; a caseworker cannot create a scheme.
    const notAdmin = await postJson(api('/admin/schemes'), schemeBody(`sagsbehandler-${crypto.randomUUID().slice(0, 8)}`), caseworker.headers);
    expect(notAdmin.status).toBe(403);

    const stats = await getJson(api('/stats/summary?scheme=ingen-ordning&lang=nb'), admin.headers);
    expect(stats.status).toBe(400);
    expect(stats.body.error.issues).toEqual([{ path: 'scheme', message: 'Ordningen finnes ikke. Velg en av kommunens tilskuddsordninger.' }]);

    expect(await stack.db.scheme.count()).toBe(schemesBefore);
    expect(await stack.db.fundingRound.count()).toBe(roundsBefore);
  });

  it('a refusal in the culture pool cites the pool’s basis and guidelines in its letter, never § 18', async () => {
    const scheme = await createScheme(`kultur-brev-${crypto.randomUUID().slice(0, 8)}`);
    const created = await postJson(api('/rounds'), roundBody(scheme.slug), admin.headers);
    expect(created.status).toBe(201);
    const submitted = await submitCase(stack, created.body.id, { amountRequested: 12_000 });
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    await submitted.handle.executeUpdate(claimUpdate, { args: [{ caseworker: caseworker.email }] });
    await submitted.handle.executeUpdate(decideUpdate, {
      args: [{ caseworker: caseworker.email, outcome: 'rejected', amountGrantedOre: 0, reasons: { criteria: ['open_to_all'], text: 'Fællesspisningen er kun for foreningens medlemmer.' }, conditions: [] }],
    });
    expect(await submitted.handle.result()).toBe('DECIDED');

    const letter = await stack.db.document.findFirstOrThrow({ where: { applicationId: submitted.id, kind: 'decision_letter' } });
    // Kept for a person to look at.
    const folder = path.join(os.tmpdir(), 'grantflow-scheme-letters');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'kulturpulje-afslag.pdf'), letter.content);
    const text = (await parsePdf(letter.content)).text.replace(/\s+/g, ' ');
    expect(text).toContain('Afgørelsen er truffet efter kommunalfuldmagtsreglerne (de uskrevne regler om kommunens opgaver).');
    expect(text).toContain('Retningslinjer for Kultur- og aktivitetspuljen, vedtaget af Kultur- og Fritidsudvalget');
    expect(text).toContain('Afgørelsen er truffet af forvaltningen efter delegation fra Kultur- og Fritidsudvalget.');
    expect(text).toContain('Aktiviteten er ikke åben for alle borgere i kommunen.');
    expect(text).not.toMatch(/§ ?18|serviceloven/i);
    // From the culture administration, in the letterhead and by the signature.
    expect(text.split('Kultur og Fritid').length - 1).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain(stack.config.MUNICIPALITY_DEPARTMENT);
  });

  it('statistics cut by scheme count only that scheme’s cases', async () => {
    const culture = await createScheme(`kultur-tal-${crypto.randomUUID().slice(0, 8)}`);
    const senior = await createScheme(`senior-tal-${crypto.randomUUID().slice(0, 8)}`, {
      name: { da: 'Seniorpuljen', nb: 'Seniorpuljen', en: 'Senior pool' },
    });
    const roundIn = async (schemeSlug: string, name: string) =>
      (await postJson(api('/rounds'), roundBody(schemeSlug, { name, opensAt: '2025-01-01T00:00:00Z', closesAt: null }), admin.headers)).body.id as string;
    const [cultureRound, seniorRound] = [await roundIn(culture.slug, 'Kulturpuljen 2025'), await roundIn(senior.slug, 'Seniorpuljen 2025')];

    // Five culture cases (three granted) and six senior cases (all refused), in June 2025.
    const applicant = (roundId: string, index: number): CaseApplicant => ({
      roundId,
      cvr: String(30_000_000 + index),
      organizationName: `Forening ${index}`,
      contactName: 'Inge Hansen',
      contactEmail: `kontakt${index}@forening.dk`,
      projectTitle: `Aktivitet ${index}`,
      targetGroup: 'lonely',
      volunteers: 10,
      contactLater: false,
    });
    const day = 86_400_000;
    for (let index = 0; index < 5; index += 1) {
      const script = new CaseScript(new Date(`2025-06-0${index + 2}T08:00:00Z`), 1_000_000n).queued(0).claimed(day);
      script.decided(3 * day, index < 3 ? 'approved' : 'rejected', index < 3 ? 1_000_000n : 0n, index < 3 ? undefined : { criteria: ['open_to_all'], text: '' });
      await writeCase(stack.db, applicant(cultureRound, index), script);
    }
    for (let index = 5; index < 11; index += 1) {
      const script = new CaseScript(new Date(`2025-06-${index + 5}T08:00:00Z`), 500_000n).queued(0).claimed(day).decided(2 * day, 'rejected', 0n, { criteria: ['open_to_all'], text: '' });
      await writeCase(stack.db, applicant(seniorRound, index), script);
    }

    const summary = async (query: string) => {
      const response = await getJson(api(`/stats/summary?from=2025-06-01&to=2025-06-30${query}`), admin.headers);
      expect(response.status).toBe(200);
      return response.body;
    };
    const cultureFigures = await summary(`&scheme=${culture.slug}`);
    expect(cultureFigures.schemeId).toBe(culture.id);
    expect(cultureFigures.reach.submitted).toBe(5);
    expect(cultureFigures.outcomes.decided).toBe(5);
    expect(cultureFigures.outcomes.grantedKroner).toBe(30_000);
    expect(cultureFigures.budget.map((round: { roundId: string }) => round.roundId)).toEqual([cultureRound]);

    const seniorFigures = await summary(`&scheme=${senior.slug}`);
    expect(seniorFigures.reach.submitted).toBe(6);
    expect(seniorFigures.outcomes.grantedKroner).toBe(0);

    // Every scheme together has at least both (other suites share the database).
    const all = await summary('');
    expect(all.schemeId).toBeNull();
    expect(all.reach.submitted).toBeGreaterThanOrEqual(11);

    // A round of another scheme gives nothing when cut by this one.
    const mismatched = await summary(`&scheme=${culture.slug}&roundId=${seniorRound}`);
    expect(mismatched.reach.submitted).toBe(0);

    // The dashboard offers the scheme as a filter and shows only its rounds' budget.
    const dashboard = async (query: string) => fetch(`${stack.baseUrl}/statistik?from=2025-06-01&to=2025-06-30${query}`, { headers: { cookie: `gf_staff=${admin.token}` } });
    const page = await dashboard(`&scheme=${culture.slug}&roundId=`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<option value="${culture.slug}" selected>`);
    expect(html).toContain(`scheme=${culture.slug}`);
    const budgetSection = html.slice(html.indexOf('id="budget-heading"'));
    expect(budgetSection).toContain('Kulturpuljen 2025');
    expect(budgetSection).not.toContain('Seniorpuljen 2025');
    const refused = await dashboard('&scheme=ingen-ordning');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Ordningen findes ikke.');

    // The council brief takes the same filter.
    const brief = await fetch(api(`/stats/council-brief.pdf?from=2025-06-01&to=2025-06-30&scheme=${culture.slug}`), { headers: admin.headers });
    expect(brief.status).toBe(200);
    expect(brief.headers.get('content-type')).toBe('application/pdf');
  });

  it('the landing page shows open rounds under their scheme with the scheme’s description', async () => {
    const scheme = await createScheme(`kultur-forside-${crypto.randomUUID().slice(0, 8)}`, {
      name: { da: 'Kulturpuljen for alle', nb: 'Kulturpuljen for alle', en: 'Culture pool for everyone' },
    });
    const created = await postJson(api('/rounds'), roundBody(scheme.slug, { name: 'Kulturpuljen 2027 (løbende)' }), admin.headers);
    expect(created.status).toBe(201);
    const listed = await getJson(api('/rounds?lang=en'));
    expect(listed.body.rounds.find((round: { id: string }) => round.id === created.body.id).scheme).toEqual({ slug: scheme.slug, name: 'Culture pool for everyone' });
    const page = await (await fetch(`${stack.baseUrl}/?lang=en`)).text();
    const section = page.slice(page.indexOf(`id="scheme-${scheme.slug}"`));
    expect(section).toContain('Culture pool for everyone');
    expect(section).toContain('Grants for culture and leisure activities open to everyone in the municipality.');
    expect(section.indexOf('Kulturpuljen 2027 (løbende)')).toBeGreaterThan(0);
    const precheck = await (await fetch(`${stack.baseUrl}/ansoeg/${created.body.slug}?lang=en`)).text();
    expect(precheck).toContain('Does the activity fit the round’s purpose?');
    expect(precheck).toContain('Grants for culture and leisure activities open to everyone in the municipality.');
  });
});
