import crypto from 'node:crypto';
import type { Database, Prisma } from '../../lib/db';
import { kronerToOre } from '../../domain/money';
import { CaseScript, writeCase, type CaseApplicant } from './case-script';
import { DEMO_CULTURE_FRAME, DEMO_LEGAL_FRAME, seedDemoSchemes } from '../../services/api/seed';
import { calendarDateIn, endOfDayIn } from '../../domain/time-zone';

// A realistic year of cases for the statistics to show in development: three rounds (two of the
// § 18 scheme, one of the culture and activity pool), a few hundred applications along every path
// (quick approvals, missing documents, second signatures, rejections with reasons, lapsed,
// withdrawn, deadline rounds waiting to close),
// drafts that stopped at every step, and follow-up reports, most with a story about their own activity. All names
// are fictional. Written as read-model rows directly: no workflows run for these cases, so none
// is left where a caseworker would act on it (in the queue, in review, a report to review).

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const DEMO_ROUND_PREFIX = 'demo-statistik-';

/** A small seeded generator, so every seeded database looks the same. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (low: number, high: number) => low + next() * (high - low),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

const ASSOCIATIONS = [
  'Foreningen Fælles Bord', 'Nordby Seniorklub', 'Café Naboskab', 'Lektiecafé Søndermarken', 'Frivilligcenter Østby', 'Besøgsvennerne i Vestby',
  'Mødrehjælpens Netværk Eksempelby', 'Klubben for Pårørende', 'Strikkecaféen Maskefald', 'Gå-holdet Sundby', 'Sorggruppen Lysglimt', 'Spis Sammen Syd',
  'Ungdomsrådgivningen Kompasset', 'Foreningen Åben Dør', 'Flygtningevenner Eksempelby', 'Madklubben Gryden', 'Natteravnene Centrum', 'Hjerteforeningen lokalt',
  'Demensvenner Eksempelby', 'Søndagscaféen', 'Motionsvennerne 60+', 'Familienetværket Bølgen', 'Cykling uden alder Eksempelby', 'Rådgivningen Bænken',
  'Sammen om Sindet', 'Kvindenetværket Broen', 'Fællesskabshuset Lyngen', 'Weekendcaféen Hjemme', 'Bydelsmødrene Nord', 'Spejdernes Venner',
];
// Each activity with the story its association tells in the report: a story is only ever shown
// under the activity it is about.
export const DEMO_STORY_OF: Readonly<Record<string, string>> = {
  'Fællesspisning hver torsdag': 'Hver torsdag spiste op mod 40 naboer sammen. Flere af de ældre fortæller, at det er ugens eneste varme måltid i selskab med andre.',
  'Besøgsvenner til ensomme ældre': 'Besøgsvennerne har skabt 31 nye venskaber i år. En af vores ældste deltagere kalder det “grunden til at stå op om tirsdagen”.',
  'Lektiehjælp for skolebørn': 'Lektiecaféen blev et fast holdepunkt: 22 børn kom næsten hver uge, og tre af de frivillige er selv tidligere brugere.',
  'Sorggruppe for efterladte': 'Sorggruppen mødtes tolv gange. Deltagerne har nu dannet deres egen gågruppe, der fortsætter uden os.',
  'Gåture med samtale': 'Gåturene samlede hver uge omkring 15 deltagere. Flere fortæller, at det er lettere at tale om det svære, når man går side om side.',
  'Weekendcafé for socialt udsatte': 'Weekendcaféen holdt åbent 48 weekender. Mange kom for kaffen og blev for fællesskabet.',
  'Sommerlejr for familier': 'Sommerlejren gav 18 familier, som ellers ikke kommer på ferie, fire dage ved vandet. Børnene taler stadig om kanoturen.',
  'Strikke- og snakkeværksted': 'Strikkeværkstedet samlede tre generationer om samme bord, og overskuddet af huer gik til varmestuen.',
  'Cykelture for plejehjemsbeboere': 'Cykelturene fik beboerne ud i byen igen. En beboer så havnen for første gang i syv år.',
  'Netværksgruppe for pårørende': 'Pårørendegruppen mødtes hver anden uge. Flere siger, at de for første gang har mødt nogen, der forstår deres hverdag.',
  'Madlavning med nyankomne': 'Ved komfuret lærte nyankomne og gamle naboer hinanden at kende; opskrifterne er nu samlet i et lille hæfte.',
  'Åben rådgivning om økonomi': 'Rådgivningen hjalp 64 husstande med at få overblik over regningerne, og mange kom igen for at fortælle, at det var lykkedes.',
  'Motion for seniorer': 'Holdene voksede fra 12 til 30 seniorer, og flere træner nu også sammen uden for holdtiderne.',
  'Familieudflugter': 'Udflugterne gik til skoven, stranden og dyreparken. For flere af børnene var det første gang.',
  'Samtalegrupper for unge': 'De unge i samtalegrupperne fortæller, at de føler sig mindre alene; to grupper fortsætter selv efter forløbet.',
};
const ACTIVITIES = Object.keys(DEMO_STORY_OF);
const CONTACT_FIRST = ['Inge', 'Jens', 'Karen', 'Lars', 'Mette', 'Niels', 'Ole', 'Pia', 'Rasmus', 'Sanne', 'Tove', 'Ulla', 'Vagn', 'Yasmin', 'Ahmad'];
const CONTACT_LAST = ['Hansen', 'Jensen', 'Madsen', 'Nielsen', 'Poulsen', 'Olsen', 'Berg', 'Holm', 'Lund', 'Kristensen'];
const TARGET_GROUPS = ['lonely', 'older_people', 'vulnerable_children_families', 'socially_vulnerable', 'mental_health', 'disability', 'refugees_migrants'];
const MISSING = ['Vedtægter (foreningens love)', 'Seneste årsregnskab', 'Budget for hele aktiviteten', 'Bekræftelse af, at I indhenter børneattester'];

export interface DemoSeedResult {
  rounds: number;
  applications: number;
  drafts: number;
  skipped: boolean;
}

/** Seeds the demo year once; a database that already has it is left alone. */
export async function seedDemoStatistics(db: Database, now = new Date()): Promise<DemoSeedResult> {
  // Rounds seeded before rounds could be marked demo are marked now: none is offered to applicants.
  const existing = (await db.fundingRound.updateMany({ where: { slug: { startsWith: DEMO_ROUND_PREFIX } }, data: { demo: true } })).count;
  if (existing > 0) return { rounds: 0, applications: 0, drafts: 0, skipped: true };
  const random = generator(2026);
  const year = now.getUTCFullYear();
  const criteria = [
    { code: 'target_group', label: { da: 'Aktiviteten når kun i begrænset omfang puljens målgrupper.', nb: 'Aktiviteten når bare i begrenset grad puljens målgrupper.', en: 'The activity reaches the round’s target groups only to a limited extent.' } },
    { code: 'excluded_costs', label: { da: 'En del af budgettet dækker udgifter, puljen ikke støtter.', nb: 'En del av budsjettet dekker utgifter puljen ikke støtter.', en: 'Part of the budget covers costs the round does not support.' } },
    { code: 'voluntary_core', label: { da: 'Den frivillige indsats er ikke bærende i aktiviteten.', nb: 'Den frivillige innsatsen er ikke bærende.', en: 'Voluntary effort is not at the core of the activity.' } },
  ];
  // The summer activities are a round of the culture and activity pool, so the statistics can be cut by scheme.
  const { cultureSchemeId } = await seedDemoSchemes(db);
  const round = (slug: string, name: string, mode: 'continuous' | 'deadline', opensAt: Date, closesAt: Date | null, budgetKroner: number, culture = false) =>
    db.fundingRound.create({
      data: {
        slug: `${DEMO_ROUND_PREFIX}${slug}`,
        ...(culture ? { schemeId: cultureSchemeId } : {}),
        name,
        description: 'Demodata til statistikken.',
        budgetOre: kronerToOre(budgetKroner),
        maxAmountOre: kronerToOre(75_000),
        opensAt,
        closesAt,
        mode,
        targetGroups: TARGET_GROUPS,
        excludedCostCategories: ['wages', 'premises'],
        decisionCriteria: criteria,
        processSettings: { decisionTarget: 'P30D' },
        legalFrame: (culture ? DEMO_CULTURE_FRAME : DEMO_LEGAL_FRAME) as object,
        demo: true,
      },
    });
  const yearAgo = new Date(now.getTime() - 365 * DAY);
  const continuous = await round('loebende', `§18-puljen ${year - 1}–${year} (løbende)`, 'continuous', yearAgo, null, 6_500_000);
  // A deadline is a date: it ends as that day ends on the municipality's clocks.
  const deadlineAfter = (days: number) => endOfDayIn(calendarDateIn(new Date(yearAgo.getTime() + days * DAY)));
  const winter = await round('vinter', `Vinterpuljen ${year - 1}`, 'deadline', yearAgo, deadlineAfter(60), 700_000);
  const summer = await round('sommer', `Sommeraktiviteter ${year}`, 'deadline', new Date(yearAgo.getTime() + 150 * DAY), deadlineAfter(210), 750_000, true);

  let applications = 0;
  // Every sixth case is a two-year activity (long-term collaboration), the rest run about three months.
  const write = (who: CaseApplicant, script: CaseScript) => {
    const start = script.at(30 * DAY);
    const activity = applications % 6 === 5 ? { startDate: start, endDate: new Date(start.getTime() + 730 * DAY) } : undefined;
    return writeCase(db, activity ? { ...who, activity } : who, script);
  };
  const usedCvr: string[] = [];
  const applicant = (roundId: string): CaseApplicant => {
    const returning = usedCvr.length > 10 && random.chance(0.35);
    const index = Math.floor(random.next() * ASSOCIATIONS.length);
    const cvr = returning ? random.pick(usedCvr) : String(20_000_000 + Math.floor(random.next() * 9_000_000));
    usedCvr.push(cvr);
    return {
      roundId,
      cvr,
      organizationName: ASSOCIATIONS[index]!,
      contactName: `${random.pick(CONTACT_FIRST)} ${random.pick(CONTACT_LAST)}`,
      contactEmail: `kontakt${usedCvr.length}@demo-forening.dk`,
      projectTitle: random.pick(ACTIVITIES),
      targetGroup: random.pick(TARGET_GROUPS),
      volunteers: Math.round(random.between(2, 70)),
      contactLater: random.chance(0.6),
    };
  };
  const report = (script: CaseScript, decidedAfter: number, grantedOre: bigint, activity: string) => {
    const dueAt = script.at(decidedAfter + 150 * DAY);
    script.reportDue(decidedAfter, dueAt);
    if (script.at(decidedAfter + 150 * DAY - 30 * DAY) < now) script.reportReminded(decidedAfter + 120 * DAY);
    const submitAfter = decidedAfter + random.between(100, 175) * DAY;
    // A report still waiting for review would sit in the caseworkers' list with no workflow behind it.
    if (script.at(submitAfter + 7 * DAY) > now) return;
    // Most reports tell the activity's story; most associations consent to its use, and most consented stories are approved.
    const story = random.chance(0.8) ? DEMO_STORY_OF[activity]! : null;
    const storyConsent = story !== null && random.chance(0.7);
    const spent = Number(grantedOre / 100n) - (random.chance(0.2) ? Math.round(random.between(500, 3_000)) : 0);
    script.reportSubmitted(submitAfter, {
      narrative: 'Aktiviteten blev gennemført som beskrevet i ansøgningen.',
      ...(story ? { story } : {}),
      storyConsent,
      spentKroner: spent,
      participants: Math.round(random.between(10, 120)),
      volunteers: Math.round(random.between(3, 30)),
      documentIds: [],
    });
    script.reportAccepted(submitAfter + 7 * DAY, grantedOre - BigInt(spent) * 100n);
    if (storyConsent && random.chance(0.85)) script.storyReviewed(submitAfter + 8 * DAY, random.chance(0.9) ? { text: story!, activity } : null);
  };

  // Continuous round: about 230 applications spread over the year.
  for (let i = 0; i < 230; i++) {
    const submittedAt = new Date(yearAgo.getTime() + random.between(0, 360) * DAY + random.between(8, 20) * HOUR);
    const requested = kronerToOre(Math.round(random.between(3, 75)) * 1_000);
    const who = applicant(continuous.id);
    const script = new CaseScript(submittedAt, requested);
    const age = now.getTime() - submittedAt.getTime();
    const queue = random.between(0.2, 12) * DAY;
    const review = random.between(0.5, 14) * DAY;
    const path = random.next();
    let t = 0;
    if (path < 0.3) {
      t = random.between(0, 1) * HOUR;
      script.requested(t, [random.pick(MISSING), ...(random.chance(0.3) ? [random.pick(MISSING)] : [])]);
      if (random.chance(0.4)) script.reminded(t + 7 * DAY);
      if (path < 0.04 && age > 15 * DAY) {
        script.lapsed(t + 14 * DAY);
        await write(who, script);
        applications += 1;
        continue;
      }
      t += random.between(1, 13) * DAY;
      if (t > age) continue;
      script.received(t);
    } else {
      script.queued(random.between(1, 30) * 60_000);
    }
    if (path > 0.97 && age > 3 * DAY) {
      script.withdrawn(t + random.between(1, 10) * DAY);
      await write(who, script);
      applications += 1;
      continue;
    }
    t += queue;
    if (t > age) continue;
    script.claimed(t);
    if (random.chance(0.12)) {
      script.requested(t + DAY, [random.pick(MISSING)], 'caseworker@grantflow.local');
      t += DAY + random.between(2, 10) * DAY;
      if (t > age) continue;
      script.received(t);
      t += random.between(0.5, 4) * DAY;
      script.claimed(t);
    }
    t += review;
    if (t > age) continue;
    const roll = random.next();
    const outcome = roll < 0.68 ? 'approved' : roll < 0.85 ? 'partially_approved' : 'rejected';
    const granted = outcome === 'approved' ? requested : outcome === 'partially_approved' ? (requested * 6n) / 10n / 100_000n * 100_000n || 100_000n : 0n;
    const reasons = outcome === 'approved' ? { criteria: [], text: '' } : { criteria: [random.pick(criteria).code], text: '' };
    const fourEyes = outcome !== 'rejected' && granted > kronerToOre(50_000);
    const approvalWait = random.between(0.3, 6) * DAY;
    script.decided(t, outcome, granted, reasons, fourEyes ? t + approvalWait : undefined);
    if (fourEyes) t += approvalWait;
    if (outcome !== 'rejected') {
      script.paid(t);
      report(script, t, granted, who.projectTitle);
    }
    await write(who, script);
    applications += 1;
  }

  // Deadline rounds: applications wait for the round to close, then one allocation decides them.
  for (const deadline of [winter, summer]) {
    const opens = deadline.opensAt.getTime();
    const closes = deadline.closesAt!.getTime();
    const allocatedAt = closes + random.between(12, 20) * DAY;
    let allocated = 0n;
    for (let i = 0; i < 40; i++) {
      const submittedAt = new Date(opens + random.between(0, (closes - opens) / DAY - 1) * DAY + random.between(8, 20) * HOUR);
      const requested = kronerToOre(Math.round(random.between(5, 40)) * 1_000);
      const who = applicant(deadline.id);
      const script = new CaseScript(submittedAt, requested);
      const after = (at: number) => at - submittedAt.getTime();
      if (random.chance(0.15)) {
        script.requested(0, [random.pick(MISSING)]);
        script.received(random.between(2, 9) * DAY);
      } else {
        script.queued(5 * 60_000);
      }
      const roll = random.next();
      const wanted = roll < 0.6 ? 'approved' : roll < 0.8 ? 'partially_approved' : 'rejected';
      const share = wanted === 'approved' ? requested : wanted === 'partially_approved' ? requested / 2n : 0n;
      // As in a real allocation, a deadline round grants no more than its budget.
      const fits = allocated + share <= deadline.budgetOre;
      const outcome = fits ? wanted : 'rejected';
      const granted = fits ? share : 0n;
      allocated += granted;
      script.decided(after(allocatedAt), outcome, granted, outcome === 'approved' ? { criteria: [], text: '' } : { criteria: [random.pick(criteria).code], text: '' });
      if (outcome !== 'rejected') {
        script.paid(after(allocatedAt));
        report(script, after(allocatedAt), granted, who.projectTitle);
      }
      await write(who, script);
      applications += 1;
    }
  }

  // Drafts: one per application (submitted), and about 140 that stopped along the way.
  const steps = ['organization', 'contact', 'project', 'budget', 'declarations', 'summary'];
  const stopWeights = [0.18, 0.08, 0.3, 0.28, 0.1, 0.06];
  const submittedApplications = await db.application.findMany({
    where: { round: { slug: { startsWith: DEMO_ROUND_PREFIX } } },
    select: { id: true, roundId: true, submittedAt: true },
  });
  const drafts: Prisma.ApplicationDraftCreateManyInput[] = submittedApplications.map((application) => ({
    tokenHash: crypto.randomBytes(32).toString('hex'),
    roundId: application.roundId,
    currentStep: 'summary',
    furthestStep: 'summary',
    stepSeconds: Object.fromEntries(steps.map((step) => [step, Math.round(random.between(30, step === 'project' || step === 'budget' ? 1_200 : 300))])),
    createdAt: new Date(application.submittedAt!.getTime() - random.between(0.3, 30) * HOUR),
    submittedAt: application.submittedAt,
    applicationId: application.id,
  }));
  for (let i = 0; i < 140; i++) {
    let roll = random.next();
    const stopIndex = stopWeights.findIndex((weight) => (roll -= weight) < 0);
    const furthest = steps[stopIndex < 0 ? 2 : stopIndex]!;
    drafts.push({
      tokenHash: crypto.randomBytes(32).toString('hex'),
      roundId: random.chance(0.8) ? continuous.id : summer.id,
      currentStep: furthest,
      furthestStep: furthest,
      stepSeconds: Object.fromEntries(steps.slice(0, steps.indexOf(furthest) + 1).map((step) => [step, Math.round(random.between(20, 600))])),
      createdAt: new Date(yearAgo.getTime() + random.between(0, 360) * DAY),
      submittedAt: null,
    });
  }
  await db.applicationDraft.createMany({ data: drafts });
  return { rounds: 3, applications, drafts: drafts.length, skipped: false };
}

/** Development start-up: the demo year goes into a database that has no applications yet. */
export async function seedDemoStatisticsIfEmpty(databaseUrl: string): Promise<DemoSeedResult | null> {
  const { createDatabase } = await import('../../lib/db');
  const db = createDatabase(databaseUrl);
  try {
    if ((await db.application.count()) > 0) return null;
    return await seedDemoStatistics(db);
  } finally {
    await db.$disconnect();
  }
}
