import { patched } from '@temporalio/workflow';
import { yearlyAmountsOre, yearsLater } from '../domain/grant-years';
import { activities } from './activities';
import type { CaseContext } from './case-journal';
import { reportChild, type ReportChild, type ReportTerms } from './report-child';
import type { GrantYearPlan } from './grant-terms';

/**
 * Grants of a round that grants for several years pay once a year: the first year on the
 * decision, each later year once the previous year's report is accepted. Cases of single-year
 * rounds never reach this patch.
 */
export const MULTI_YEAR_PATCH = 'multi-year-grant';

/** One year of a long-term grant: its payment and when its report is due. */
export type { GrantYearPlan } from './grant-terms';

/** The years of the case's grant, or null for a single-year grant (or a case from before long-term grants). */
export function grantYearPlan({ input }: CaseContext, amountGrantedOre: number, finalTerms: ReportTerms): GrantYearPlan[] | null {
  const years = input.round.grantYears ?? 1;
  if (years <= 1 || !patched(MULTI_YEAR_PATCH)) return null;
  return planYears(years, amountGrantedOre, finalTerms);
}

/**
 * A changed decision (reconsideration) sets the years anew: each year's share of the new amount,
 * the report terms the new amount calls for. Only the first year is paid while it can change,
 * so the first year's payout difference is all there is to settle.
 */
export function replannedGrantYears(plan: GrantYearPlan[], amountGrantedOre: number, finalTerms: ReportTerms): { plan: GrantYearPlan[]; firstYearDifferenceOre: number } {
  const next = planYears(plan.length, amountGrantedOre, finalTerms);
  return { plan: next, firstYearDifferenceOre: next[0]!.amountOre - plan[0]!.amountOre };
}

/** The shape of the letter's year plan. */
export function letterYears(plan: GrantYearPlan[]): { year: number; amountOre: number; reportDueAt: string }[] {
  return plan.map((year) => ({ year: year.year, amountOre: year.amountOre, reportDueAt: year.terms.dueAt }));
}

function planYears(years: number, amountGrantedOre: number, finalTerms: ReportTerms): GrantYearPlan[] {
  return yearlyAmountsOre(amountGrantedOre, years).map((amountOre, index) => ({
    year: index + 1,
    amountOre,
    // The activity runs over all the years; the round's rule sets when the last report is due,
    // and each earlier year's report is due a year before the next one's.
    terms: { requirement: finalTerms.requirement, dueAt: yearsLater(finalTerms.dueAt, index - (years - 1)) },
  }));
}

/** Starts the first year's report; the first year's payout is registered with the decision. */
export async function startFirstGrantYear(context: CaseContext, report: ReportChild, plan: GrantYearPlan[]): Promise<void> {
  const first = plan[0]!;
  await report.start(first.terms, first.amountOre, { year: 1, of: plan.length, firstSequence: 1 });
}

/**
 * The later years, one at a time: when the previous year's report is accepted, the year's payout
 * is registered (PAYOUT_SCHEDULED until finance confirms it) and the year's report starts, a new
 * run of the report workflow, so no year's history grows with the others'.
 */
export async function laterGrantYears(context: CaseContext, firstReport: ReportChild): Promise<void> {
  const { input, memory, journal } = context;
  const { applicationId, round } = input;
  let previous = firstReport;
  for (let index = 1; memory.grantYearPlan && index < memory.grantYearPlan.length; index += 1) {
    await previous.result();
    // The plan as the decision in force has it: a reconsideration may have changed the amounts.
    const plan = memory.grantYearPlan;
    if (!plan || memory.decision?.outcome === 'rejected') break;
    const year = plan[index]!;
    const scheduledFor = new Date(Date.now() + round.timings.payoutAfterMs).toISOString().slice(0, 10);
    await journal.inOrder(() => activities.registerPayout({ applicationId, amountOre: year.amountOre, scheduledFor, year: year.year }));
    await journal.record('payout_scheduled', 'system', 'PAYOUT_SCHEDULED', { amountOre: year.amountOre, scheduledFor, year: year.year });
    const firstSequence = await activities.nextReportSequence({ applicationId });
    const report = reportChild(context);
    await report.start(year.terms, year.amountOre, { year: year.year, of: plan.length, firstSequence });
    previous = report;
  }
  await previous.result();
}
