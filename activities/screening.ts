import type pg from 'pg';
import type { Database } from '../lib/db';
import { isUniqueViolation } from '../lib/db';
import { isLanguage, type Language } from '../lib/languages';
import { roundReportingTiers } from '../domain/rounds';
import type { ApplicationInput } from '../domain/application-input';
import { screenApplication as screen, type EarlierReportStatus, type MissingItem, type ScreeningResult } from '../domain/eligibility';
import { kronerToOre } from '../domain/money';
import { formatCaseReference } from '../domain/reference';
import { describeMissingItem } from '../locale';
import type { BusinessRegister, RegisterLookup } from '../lib/register';
import type { Jurisdiction } from '../domain/jurisdiction';
import { applicantOf } from '../domain/informal-groups';
import { readEarlierGrants, readScreenedApplication, type ScreenedApplication } from './screening-reads';

export interface ScreeningOutcome {
  lateSubmission: boolean;
  needsJudgement: boolean;
  /** What the applicant must still send, worded in the application's language. */
  missingItems: string[];
}


/** The automatic checks' result and the row that stores it for the caseworker. */
export interface Screening {
  result: ScreeningResult;
  row: { screeningKey: string; applicationId: string; results: object; missingItems: object; checklist: object; registerLookup: object };
}

/** Runs the automatic eligibility checks on a loaded application; writes nothing. */
export async function evaluateScreening(
  { sql, register, jurisdiction }: { sql: pg.Pool; register: BusinessRegister; jurisdiction: Jurisdiction },
  application: ScreenedApplication,
  screeningKey: string,
): Promise<Screening> {
  // A register that does not answer throws, and Temporal retries the activity: not "not found".
  const lookup: RegisterLookup = await register.lookup(application.organizationCvr);
  const submission = application.submission as unknown as ApplicationInput;
  const result = screen({
    jurisdiction,
    submittedAt: application.submittedAt ?? application.createdAt,
    round: {
      closesAt: application.round.closesAt,
      maxAmountOre: application.round.maxAmountOre,
      excludedCostCategories: application.round.excludedCostCategories,
      reportingTiers: roundReportingTiers(application.round),
    },
    application: {
      // A group's sponsor is the organisation: its number is the one checked, its reports the ones counted.
      applicant: applicantOf(submission),
      organizationName: application.organizationName,
      cvr: application.organizationCvr,
      amountRequestedOre: application.amountRequestedOre,
      project: { startDate: submission.project.startDate, endDate: submission.project.endDate, childrenUnder15: submission.project.childrenUnder15 },
      budgetLines: submission.budget.lines.map((line) => ({ ...line, amountOre: kronerToOre(line.amount) })),
      declarations: submission.declarations,
      documents: application.documents,
    },
    register: lookup.found ? { found: true, active: lookup.entity.active, name: lookup.entity.name } : { found: false },
    earlierGrants: await earlierGrants(sql, application.organizationCvr, application.id),
  });
  return {
    result,
    row: {
      screeningKey,
      applicationId: application.id,
      results: { rules: result.results, lateSubmission: result.lateSubmission, needsJudgement: result.needsJudgement },
      missingItems: result.missingItems as object,
      checklist: result.manualChecklist as object,
      registerLookup: lookup as object,
    },
  };
}

/** What the workflow learns from a screening, stored or just run. */
export function screeningOutcome(result: { lateSubmission: boolean; needsJudgement: boolean }, missing: MissingItem[], language: Language, law?: Jurisdiction): ScreeningOutcome {
  return {
    lateSubmission: result.lateSubmission,
    needsJudgement: result.needsJudgement,
    missingItems: missing.map((item) => describeMissingItem(language, item, law)),
  };
}

/** The outcome of a screening row stored earlier (a retried activity answers from it). */
export function storedScreeningOutcome(stored: { results: unknown; missingItems: unknown }, language: Language, law?: Jurisdiction): ScreeningOutcome {
  return screeningOutcome(stored.results as { lateSubmission: boolean; needsJudgement: boolean }, stored.missingItems as MissingItem[], language, law);
}

export function applicationLanguage(application: { language: string }): Language {
  return isLanguage(application.language) ? application.language : 'da';
}

/** Runs the automatic eligibility checks and stores their results for the caseworker. */
export function createScreeningActivities(deps: { db: Database; sql: pg.Pool; register: BusinessRegister; jurisdiction: Jurisdiction }) {
  const { db } = deps;
  return {
    async screenApplication({ applicationId, screeningKey }: { applicationId: string; screeningKey: string }): Promise<ScreeningOutcome> {
      const application = await readScreenedApplication(deps.sql, applicationId);
      const language = applicationLanguage(application);
      const existing = await db.screening.findUnique({ where: { screeningKey } });
      if (existing) return storedScreeningOutcome(existing, language, deps.jurisdiction);

      const { result, row } = await evaluateScreening(deps, application, screeningKey);
      try {
        await db.screening.create({ data: row });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      return screeningOutcome(result, result.missingItems, language, deps.jurisdiction);
    },
  };
}

/** The association's earlier grants and where their follow-up reports stand (rule E9). */
async function earlierGrants(sql: pg.Pool, cvr: string, exceptApplicationId: string) {
  const granted = await readEarlierGrants(sql, cvr, exceptApplicationId);
  const now = Date.now();
  return granted.map((application) => {
    const { report } = application;
    let reportStatus: EarlierReportStatus = 'not_due';
    if (report?.reviewOutcome === 'accepted') reportStatus = 'accepted';
    else if (report?.submittedAt) reportStatus = 'submitted';
    else if (report && report.dueAt.getTime() <= now) reportStatus = 'overdue';
    return { reference: formatCaseReference(application.referenceNumber, application.submittedAt ?? application.createdAt), reportStatus };
  });
}
