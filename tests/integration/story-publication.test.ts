import fs from 'node:fs';
import path from 'node:path';
import { createDatabase, type Database } from '../../lib/db';
import { DEMO_STORY_OF, seedDemoStatistics } from '../../infra/demo/demo-data';
import { applicationBody, createOpenRound, eventually, getJson, insertApplication, postJson } from '../support/fixtures';
import { parsePdf } from '../support/pdf-text';
import { submitCase, waitForStatus, type SubmittedCase } from '../support/process';
import { startTestStack, type TestStack } from '../support/stack';
import { signedInStaff } from '../support/staff';

// A story from a follow-up report reaches politicians (dashboard, council brief, statistics
// API) only when the association consented with that report and a caseworker approved an
// anonymised wording; it is always shown under its own case's activity and never names the
// association.

const ASSOCIATION = 'Foreningen Fælles Bord';
const localDay = (offsetDays = 0) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date(Date.now() + offsetDays * 86_400_000));

describe('stories for politicians', () => {
  let stack: TestStack;
  let roundId: string;
  let caseworker: Awaited<ReturnType<typeof signedInStaff>>;
  let politician: Awaited<ReturnType<typeof signedInStaff>>;
  const period = () => `from=${localDay(-7)}&to=${localDay()}&roundId=${roundId}`;

  beforeAll(async () => {
    stack = await startTestStack();
    roundId = (await createOpenRound(stack.db)).id;
    caseworker = await signedInStaff(stack, ['caseworker']);
    politician = await signedInStaff(stack, ['politician']);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** A granted case whose association sent in its report with a story, with or without consent. */
  async function reportedCase(title: string, story: string, storyConsent: boolean, contactLater = true): Promise<SubmittedCase> {
    const base = applicationBody(roundId);
    const submitted = await submitCase(stack, roundId, { project: { ...base.project, title }, declarations: { ...base.declarations, contactLater } });
    const applicant = { authorization: `Bearer ${submitted.accessToken}` };
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    expect((await postJson(`${stack.baseUrl}/api/v1/applications/${submitted.id}/assignment`, {}, caseworker.headers)).status).toBe(200);
    const decided = await postJson(
      `${stack.baseUrl}/api/v1/applications/${submitted.id}/decision`,
      { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: '' }, conditions: [] },
      caseworker.headers,
    );
    expect(decided.status).toBe(200);
    await waitForStatus(submitted.handle, 'REPORT_DUE');
    const report = { narrative: 'Aktiviteten blev gennemført.', spentKroner: 12_000, participants: 40, volunteers: 8, story, storyConsent };
    expect((await postJson(`${stack.baseUrl}/api/v1/applications/${submitted.id}/reports`, report, applicant)).status).toBe(202);
    await waitForStatus(submitted.handle, 'REPORT_SUBMITTED');
    await eventually(async () => (await stack.db.followUpReport.findFirst({ where: { applicationId: submitted.id, submittedAt: { not: null } } })) ?? undefined, 'the saved report');
    return submitted;
  }

  const cookie = () => ({ cookie: `gf_staff=${caseworker.token}` });

  /** Posts the case page's story form as the caseworker's browser would, with the page's CSRF token. */
  async function reviewStory(applicationId: string, fields: Record<string, string>) {
    const page = await fetch(`${stack.baseUrl}/personale/sager/${applicationId}`, { headers: cookie() });
    expect(page.status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const response = await fetch(`${stack.baseUrl}/personale/sager/${applicationId}/historie`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...cookie(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, sequence: '1', ...fields }),
    });
    return { status: response.status, location: response.headers.get('location'), text: await response.text() };
  }

  const storyEvents = (applicationId: string) => stack.db.caseEvent.findMany({ where: { applicationId, type: { in: ['story_approved', 'story_declined'] } }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
  const storyAudits = (applicationId: string) => stack.db.staffAuditLog.findMany({ where: { applicationId, action: { startsWith: 'story.' } } });
  const dashboard = async () => (await fetch(`${stack.baseUrl}/statistik?${period()}`, { headers: { cookie: `gf_staff=${politician.token}` } })).text();
  const brief = async () => (await parsePdf(Buffer.from(await (await fetch(`${stack.baseUrl}/api/v1/stats/council-brief.pdf?${period()}`, { headers: politician.headers })).arrayBuffer()))).text;

  const mealStory = `Hos ${ASSOCIATION} spiste 40 naboer sammen hver torsdag. Skriv til inge@faellesbord.dk eller ring 12 34 56 78.`;
  const mealPublished = 'Hver torsdag spiste 40 naboer sammen. For flere var det ugens eneste varme måltid i selskab med andre.';
  const walkStory = 'Vi gik hver tirsdag langs åen, og to af deltagerne er nu faste gåmakkere.';
  const walkPublished = 'Hver tirsdag gik en gruppe langs åen; to deltagere er nu faste gåmakkere.';
  let meal: SubmittedCase;
  let walk: SubmittedCase;
  let knit: SubmittedCase;

  it('stores each consent on its own, and shows nothing to politicians before a caseworker approves', async () => {
    [meal, walk, knit] = await Promise.all([
      reportedCase('Fællesspisning i Nordby', mealStory, true, true),
      reportedCase('Gåture langs åen', walkStory, true, false),
      reportedCase('Strikkecafé', 'Vi strikkede huer til varmestuen hver onsdag.', false, true),
    ]);
    const stored = async (id: string) => {
      const application = await stack.db.application.findUniqueOrThrow({ where: { id }, include: { reports: true } });
      return { contactLater: application.consentContactLater, storyConsent: application.reports[0]!.storyConsent, review: application.reports[0]!.storyReview };
    };
    expect(await stored(meal.id)).toEqual({ contactLater: true, storyConsent: true, review: null });
    expect(await stored(walk.id)).toEqual({ contactLater: false, storyConsent: true, review: null });
    expect(await stored(knit.id)).toEqual({ contactLater: true, storyConsent: false, review: null });

    const summary = await getJson(`${stack.baseUrl}/api/v1/stats/summary?${period()}`, politician.headers);
    expect(summary.status).toBe(200);
    expect(summary.body.stories).toEqual([]);
    const page = await dashboard();
    expect(page).toContain('Ingen delte fortællinger i perioden.');
    for (const text of ['spiste 40 naboer', 'langs åen', 'huer til varmestuen']) {
      expect(page).not.toContain(text);
      expect(await brief()).not.toContain(text);
    }
  });

  it('shows staff the story with the consent in the words the association ticked', async () => {
    const page = await (await fetch(`${stack.baseUrl}/personale/sager/${meal.id}`, { headers: cookie() })).text();
    expect(page).toContain('Kommunen må bruge vores historie i orienteringer til politikerne');
    expect(page).toContain('Kommunen må kontakte os senere om aktiviteten');
    expect(page).toContain('Godkend til offentliggørelse');
    const withoutConsent = await (await fetch(`${stack.baseUrl}/personale/sager/${knit.id}`, { headers: cookie() })).text();
    expect(withoutConsent).toContain('foreningen har ikke givet samtykke med den nuværende tekst');
    expect(withoutConsent).not.toContain('Godkend til offentliggørelse');
  });

  it('refuses approval without the association’s consent, storing nothing', async () => {
    const refused = await reviewStory(knit.id, { decision: 'approve', storyActivity: 'Strikkecafé', storyText: 'Huer til varmestuen.' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('foreningen har ikke givet samtykke til det med afrapporteringen');
    expect((await stack.db.followUpReport.findFirstOrThrow({ where: { applicationId: knit.id } })).storyReview).toBeNull();
    expect(await storyEvents(knit.id)).toEqual([]);
    expect(await storyAudits(knit.id)).toEqual([]);
  });

  it('migrates an old application’s tick to consent to contact only, and an old report’s tick to no consent to publish', async () => {
    const old = await insertApplication(stack.db, roundId, { status: 'PAID' });
    await stack.db.application.update({ where: { id: old.id }, data: { submission: { declarations: { truthful: true, childCertificates: false, shareStory: true } } } });
    const story = 'Hos Foreningen Fælles Bord kom der flere naboer end ventet.';
    await stack.db.followUpReport.create({
      data: { applicationId: old.id, sequence: 1, requirement: 'declaration', dueAt: new Date(), submittedAt: new Date(), content: { narrative: 'Gennemført.', story, shareStory: true } },
    });
    const migration = fs.readFileSync(path.join(__dirname, '../../prisma/migrations/20261202124500_separate_consents_story_review/migration.sql'), 'utf8');
    const updates = migration.match(/^UPDATE[\s\S]*?;/gm)!;
    expect(updates).toHaveLength(1);
    for (const statement of updates) await stack.db.$executeRawUnsafe(statement);

    const migrated = await stack.db.application.findUniqueOrThrow({ where: { id: old.id }, include: { reports: true } });
    expect(migrated.consentContactLater).toBe(true);
    expect(migrated.reports[0]).toMatchObject({ storyConsent: null, storyReview: null });
    const page = await (await fetch(`${stack.baseUrl}/personale/sager/${old.id}`, { headers: cookie() })).text();
    expect(page).toContain('Ikke spurgt med den nuværende tekst');
    expect((await reviewStory(old.id, { decision: 'approve', storyActivity: 'Fællesspisning', storyText: 'Der kom flere naboer end ventet.' })).status).toBe(409);
    expect(await storyEvents(old.id)).toEqual([]);
  });

  it('refuses approval while the text holds personal data, naming each finding at its field', async () => {
    const refused = await reviewStory(meal.id, { decision: 'approve', storyActivity: `${ASSOCIATION}: fællesspisning`, storyText: mealStory });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('e-mailadressen »inge@faellesbord.dk«');
    expect(refused.text).toContain('telefonnummeret »12 34 56 78«');
    expect(refused.text).toContain(`foreningens navn »${ASSOCIATION}«`);
    expect(refused.text).toMatch(/id="f-storyText-error"/);
    expect(refused.text).toMatch(/id="f-storyActivity-error"/);
    expect((await stack.db.followUpReport.findFirstOrThrow({ where: { applicationId: meal.id } })).storyReview).toBeNull();
    expect(await storyEvents(meal.id)).toEqual([]);
  });

  it('publishes an approved story anonymised, each under its own case’s activity, audited and recorded as a case event', async () => {
    expect(await reviewStory(meal.id, { decision: 'approve', storyActivity: 'Fællesspisning i Nordby', storyText: mealPublished })).toMatchObject({ status: 303, location: `/personale/sager/${meal.id}?udfoert=storyApproved` });
    expect((await reviewStory(walk.id, { decision: 'approve', storyActivity: 'Gåture langs åen', storyText: walkPublished })).status).toBe(303);

    const events = await storyEvents(meal.id);
    expect(events).toEqual([expect.objectContaining({ type: 'story_approved', actor: caseworker.email, fromStatus: 'REPORT_SUBMITTED', toStatus: 'REPORT_SUBMITTED' })]);
    expect(await storyAudits(meal.id)).toEqual([expect.objectContaining({ action: 'story.approve', staffEmail: caseworker.email })]);
    // The same approval sent again changes nothing.
    expect((await reviewStory(meal.id, { decision: 'approve', storyActivity: 'Fællesspisning i Nordby', storyText: mealPublished })).status).toBe(303);
    expect(await storyEvents(meal.id)).toHaveLength(1);

    const summary = await getJson(`${stack.baseUrl}/api/v1/stats/summary?${period()}`, politician.headers);
    const month = localDay().slice(0, 7);
    expect(summary.body.stories).toEqual(
      expect.arrayContaining([
        { round: 'Testpulje §18', activity: 'Fællesspisning i Nordby', month, text: mealPublished },
        { round: 'Testpulje §18', activity: 'Gåture langs åen', month, text: walkPublished },
      ]),
    );
    expect(summary.body.stories).toHaveLength(2);
    expect(JSON.stringify(summary.body)).not.toContain('Fælles Bord');

    const page = await dashboard();
    const figure = (activity: string) => new RegExp(`<figure class="gf-story">\\s*<blockquote><p>([^<]*)</p></blockquote>\\s*<figcaption><strong>${activity}</strong>`).exec(page)?.[1];
    expect(figure('Fællesspisning i Nordby')).toBe(mealPublished);
    expect(figure('Gåture langs åen')).toBe(walkPublished);
    expect(page).not.toContain('Fælles Bord');
    expect(page).toContain('Foreningerne har sat flueben ved: »Kommunen må bruge vores historie');

    const text = await brief();
    expect(text.replace(/\s+/g, ' ')).toContain('Hver tirsdag gik en gruppe langs åen');
    expect(text).not.toContain('Fælles Bord');
  });

  it('takes a declined story off again', async () => {
    expect((await reviewStory(walk.id, { decision: 'decline' })).status).toBe(303);
    const summary = await getJson(`${stack.baseUrl}/api/v1/stats/summary?${period()}`, politician.headers);
    expect(summary.body.stories.map((s: { activity: string }) => s.activity)).toEqual(['Fællesspisning i Nordby']);
    expect((await storyEvents(walk.id)).map((e) => e.type)).toEqual(['story_approved', 'story_declined']);
  });
});

// The demo year after the tests above, in this file's own database: it reads the demo rounds only.
describe('the demo year’s stories', () => {
  let db: Database;

  beforeAll(() => {
    db = createDatabase(process.env.DATABASE_URL!);
  });

  afterAll(async () => {
    await db?.$disconnect();
  });

  it('seeds the demo year with each story under the activity it tells about', async () => {
    expect((await seedDemoStatistics(db)).applications).toBeGreaterThan(200);
    const reports = await db.followUpReport.findMany({
      where: { application: { round: { demo: true } } },
      select: { content: true, storyReview: true, publishedStory: true, publishedActivity: true, application: { select: { projectTitle: true } } },
    });
    const told = reports.filter((r) => typeof (r.content as { story?: string } | null)?.story === 'string');
    expect(told.length).toBeGreaterThan(20);
    for (const report of told) expect((report.content as { story: string }).story).toBe(DEMO_STORY_OF[report.application.projectTitle]);
    const approved = told.filter((r) => r.storyReview === 'approved');
    expect(approved.length).toBeGreaterThan(10);
    for (const report of approved) {
      expect(report.publishedActivity).toBe(report.application.projectTitle);
      expect(report.publishedStory).toBe(DEMO_STORY_OF[report.application.projectTitle]);
    }
  });
});
