import crypto from 'node:crypto';
import type { Database } from '../../lib/db';
import { kronerToOre } from '../../domain/money';
import type { ProcessSettings } from '../../domain/round-settings';
import type { ReportingTier } from '../../domain/tiers';
import { grantApplicationWorkflowId } from '../../domain/workflow-ids';

/** A calendar date `days` from today (UTC), as the form sends it. */
export function isoDay(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Durations of seconds, so a whole case — reminders, lapse, SLA, report due, overdue — runs
 * against the real server while a test waits.
 */
export const FAST_PROCESS: Partial<ProcessSettings> = {
  answerDeadline: '6s',
  answerReminders: ['2s', '4s'],
  decisionTarget: '1h',
  payoutAfter: '0s',
  reportDue: { kind: 'after_activity_end', duration: '1h' },
  // Longer than any activity in the tests runs: the report form is open from the decision on.
  reportOpensBeforeDue: 'P3650D',
  reportReminders: ['-P30D', 'P0D', 'P14D'],
  reportEscalationAfter: 'P21D',
  reportResubmissionDeadline: 'P30D',
  // A decided case stays open this long for a request for reconsideration; the reconsideration
  // tests set a longer one.
  reconsiderationPeriod: '2s',
  // No acceptance of the grant before payout, as in rounds announced before it existed; the
  // acceptance tests set a period.
  acceptancePeriod: 'P0D',
};

/** Up to 50,000 kr nothing to upload; above it the statutes are required with the application. */
export const TEST_TIERS: ReportingTier[] = [
  { upToKroner: 50_000, requirement: 'declaration', applicationDocuments: [] },
  { upToKroner: null, requirement: 'accounts', applicationDocuments: ['statutes'] },
];

export const TEST_CRITERIA = [
  { code: 'target_group', label: { da: 'Aktiviteten når kun få i målgruppen.', nb: 'Aktiviteten når bare få i målgruppen.', en: 'The activity reaches few people in the target group.' } },
  { code: 'budget_share', label: { da: 'En stor del af budgettet går til udgifter, puljen ikke dækker.', nb: 'En stor del av budsjettet går til utgifter puljen ikke dekker.', en: 'A large part of the budget is for costs the round does not cover.' } },
];

/** An open, continuous funding round with its own slug. */
export async function createOpenRound(
  db: Database,
  overrides: {
    maxAmount?: number;
    opensAt?: Date;
    closesAt?: Date | null;
    process?: Partial<ProcessSettings>;
    fourEyesThreshold?: number;
    excludedCostCategories?: string[];
    reportingTiers?: ReportingTier[];
    mode?: 'continuous' | 'deadline';
    budget?: number;
    legalFrame?: object;
    grantYears?: number;
    yearlyBudgets?: number[];
    /** Whether self-organised groups may apply through a sponsor (domain/informal-groups.ts). */
    informalGroups?: 'none' | 'sponsor';
  } = {},
) {
  return db.fundingRound.create({
    data: {
      slug: `test-round-${crypto.randomUUID()}`,
      name: 'Testpulje §18',
      budgetOre: kronerToOre(overrides.budget ?? 500_000),
      maxAmountOre: kronerToOre(overrides.maxAmount ?? 50_000),
      opensAt: overrides.opensAt ?? new Date(Date.now() - 86_400_000),
      closesAt: overrides.closesAt === undefined ? new Date(Date.now() + 30 * 86_400_000) : overrides.closesAt,
      mode: overrides.mode ?? 'continuous',
      fourEyesThresholdOre: kronerToOre(overrides.fourEyesThreshold ?? 50_000),
      excludedCostCategories: overrides.excludedCostCategories ?? ['wages', 'premises'],
      decisionCriteria: TEST_CRITERIA,
      reportingTiers: (overrides.reportingTiers ?? TEST_TIERS) as object[],
      processSettings: { ...FAST_PROCESS, ...overrides.process },
      ...(overrides.legalFrame ? { legalFrame: overrides.legalFrame } : {}),
      ...(overrides.informalGroups ? { informalGroups: overrides.informalGroups } : {}),
      ...(overrides.grantYears ? { grantYears: overrides.grantYears, yearlyBudgetsOre: (overrides.yearlyBudgets ?? []).map(kronerToOre) } : {}),
    },
  });
}

/** A valid submission body for the round (CVR 13748136 passes the modulus-11 check). */
export function applicationBody(roundId: string, overrides: Record<string, unknown> = {}) {
  return {
    roundId,
    organization: { cvr: '13748136', name: 'Foreningen Fælles Bord', email: 'kasserer@faellesbord.dk' },
    contact: { name: 'Inge Hansen', email: 'inge@faellesbord.dk' },
    project: {
      title: 'Fællesspisning for ensomme ældre',
      purpose: 'Et ugentligt måltid, der bryder ensomheden.',
      targetGroup: 'lonely',
      activities: 'Vi laver mad sammen hver torsdag og spiser i foreningens lokale.',
      startDate: isoDay(30),
      endDate: isoDay(120),
      place: 'Nordby Medborgerhus',
      volunteers: 8,
      expectedParticipants: 40,
      isNew: true,
      childrenUnder15: false,
    },
    budget: {
      lines: [
        { category: 'food', description: 'Råvarer til 12 fællesspisninger', amount: 9_000 },
        { category: 'materials', description: 'Service og køkkengrej', amount: 3_000 },
      ],
      cofinancing: [],
    },
    amountRequested: 12_000,
    declarations: { truthful: true, childCertificates: false, contactLater: true },
    ...overrides,
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

export async function getJson(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An application row as intake stores it, without starting a workflow (for API-only tests). */
export async function insertApplication(
  db: Database,
  roundId: string,
  overrides: Partial<{ status: 'IN_QUEUE' | 'PAID'; organizationName: string; amountRequestedOre: bigint; amountGrantedOre: bigint; submittedAt: Date }> = {},
) {
  const id = crypto.randomUUID();
  return db.application.create({
    data: {
      id,
      roundId,
      status: overrides.status ?? 'IN_QUEUE',
      organizationCvr: '13748136',
      organizationName: overrides.organizationName ?? 'Foreningen Fælles Bord',
      organizationEmail: 'kasserer@faellesbord.dk',
      contactName: 'Inge Hansen',
      contactEmail: 'inge@faellesbord.dk',
      projectTitle: 'Fællesspisning',
      projectPurpose: 'Et ugentligt måltid mod ensomhed',
      targetGroup: 'lonely',
      isNewActivity: true,
      volunteers: 8,
      expectedParticipants: 40,
      startDate: new Date(`${isoDay(30)}T00:00:00Z`),
      endDate: new Date(`${isoDay(120)}T00:00:00Z`),
      amountRequestedOre: overrides.amountRequestedOre ?? 1_200_000n,
      amountGrantedOre: overrides.amountGrantedOre ?? null,
      submission: {},
      workflowId: grantApplicationWorkflowId(id),
      submittedAt: overrides.submittedAt ?? new Date(),
      // Marked as started, so the intake's reconciler never tries to start a process for it.
      workflowStartedAt: new Date(),
    },
  });
}
