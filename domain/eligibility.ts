import { organizationNumberRule } from '../lib/organization-number';
import { DEFAULT_JURISDICTION, type Jurisdiction } from './jurisdiction';
import { oreToKroner } from './money';
import { calendarDateIn, requiredApplicationDocuments, type ReportingTier } from './tiers';
import { isInformalGroup, type Applicant } from './informal-groups';

// Automatic screening of a submitted application against the §18 eligibility checklist
// (DOMAIN.md §3). Screening prepares the caseworker's work; it does not decide:
// - 'fail' means the rule is not met as submitted. Where the applicant can put it right, the
//   result lists what is missing and the case goes back to the applicant.
// - 'needs_judgement' means a caseworker has to look (the rules are guidance, and no association
//   has a right to support).
// - Only a late submission (E11) leads to an automatic rejection, because late applications are
//   not considered at all; that is reported separately as `lateSubmission`.

export type RuleId = 'E1' | 'E7' | 'E8' | 'E9' | 'E10' | 'E11' | 'AMOUNT' | 'DOCUMENTS' | 'SPONSOR';
export type RuleOutcome = 'pass' | 'fail' | 'needs_judgement';

/**
 * Why a rule came out as it did, as `<rule>.<reason>`. Screenings are stored with these keys; the
 * locale layer words them in the reader's language.
 */
export type EligibilityReasonKey =
  | `E1.${'active' | 'invalidCvr' | 'inactive' | 'notInRegister'}`
  // The same for a Norwegian organisasjonsnummer in Enhetsregisteret (JURISDICTION=NO).
  | `E1.${'activeOrgnr' | 'invalidOrgnr' | 'inactiveOrgnr' | 'notInRegisterOrgnr'}`
  | `E7.${'startsAfterSubmission' | 'startedBeforeSubmission' | 'startDateUnreadable'}`
  | `E8.${'noExcludedCosts' | 'excludedCosts'}`
  | `E9.${'allReported' | 'reportsMissing' | 'reportsAwaitingReview'}`
  | `E10.${'noChildren' | 'declared' | 'declarationMissing'}`
  | `E11.${'noDeadline' | 'onTime' | 'late'}`
  | `AMOUNT.${'withinMaximum' | 'overMaximum'}`
  | `DOCUMENTS.${'noneRequired' | 'complete' | 'missing'}`
  // A self-organised group through a sponsoring association (domain/informal-groups.ts).
  | 'SPONSOR.sponsoredGroup';

export interface MissingItem {
  code: 'document' | 'child_certificate_declaration' | 'earlier_report';
  /** The document kind, the declaration's field, or the earlier case's reference. */
  detail: string;
}

/**
 * `values` fill the placeholders of the reason's text. By convention (the locale layer formats
 * them by name): names ending in `At` are ISO instants, in `Date` calendar dates (YYYY-MM-DD), in
 * `Kroner` whole kroner; `documents` and `categories` are codes joined by VALUE_LIST_SEPARATOR.
 */
export interface RuleResult {
  rule: RuleId;
  outcome: RuleOutcome;
  reasonKey: EligibilityReasonKey;
  values: Record<string, string | number>;
  missing: MissingItem[];
}

export type EarlierReportStatus = 'accepted' | 'submitted' | 'due' | 'overdue' | 'not_due';

export interface ScreeningInput {
  /** Whose organisation numbers rule E1 checks: a CVR number (DK, the default) or an organisasjonsnummer (NO). */
  jurisdiction?: Jurisdiction;
  submittedAt: Date;
  round: {
    /** null for a continuous round (no deadline). */
    closesAt: Date | null;
    maxAmountOre: bigint;
    excludedCostCategories: string[];
    reportingTiers: readonly ReportingTier[];
  };
  application: {
    /** An association, or a self-organised group whose `cvr` is its sponsor's. Left out: an association. */
    applicant?: Applicant;
    /** The name the application gives the organisation (for a group: the sponsor). */
    organizationName?: string;
    cvr: string;
    amountRequestedOre: bigint;
    project: { startDate: string /* YYYY-MM-DD */; endDate: string; childrenUnder15: boolean };
    budgetLines: { category: string; description: string; amountOre: bigint }[];
    declarations: { truthful: boolean; childCertificates: boolean };
    documents: { kind: string }[];
  };
  /** The business register (CVR) lookup for the application's CVR number. */
  register: { found: false } | { found: true; active: boolean; name: string };
  earlierGrants: { reference: string; reportStatus: EarlierReportStatus }[];
}

export type ManualRuleId = 'E2' | 'E3' | 'E4' | 'E5' | 'E6' | 'E12' | 'E13';
export type ChecklistLabelKey = `checklist.${ManualRuleId}`;
export interface ChecklistItem {
  rule: ManualRuleId;
  labelKey: ChecklistLabelKey;
}

export interface ScreeningResult {
  results: RuleResult[];
  missingItems: MissingItem[];
  lateSubmission: boolean;
  needsJudgement: boolean;
  manualChecklist: ChecklistItem[];
}

const MANUAL_RULES: readonly ManualRuleId[] = ['E2', 'E3', 'E4', 'E5', 'E6', 'E12', 'E13'];

/** The checklist rules no machine can settle; the caseworker ticks them off. */
export const MANUAL_CHECKLIST: readonly ChecklistItem[] = Object.freeze(
  MANUAL_RULES.map((rule) => ({ rule, labelKey: `checklist.${rule}` as const })),
);

/** Lists in `values` are joined with this; the locale layer splits on it to name each item. */
export const VALUE_LIST_SEPARATOR = ', ';

function result(
  rule: RuleId,
  outcome: RuleOutcome,
  reasonKey: EligibilityReasonKey,
  values: Record<string, string | number> = {},
  missing: MissingItem[] = [],
): RuleResult {
  return { rule, outcome, reasonKey, values, missing };
}

/** A result that names a list of things in one value and asks for each of them as missing. */
function resultAskingFor(
  rule: RuleId,
  outcome: RuleOutcome,
  reasonKey: EligibilityReasonKey,
  listName: string,
  missing: { code: MissingItem['code']; details: string[] },
): RuleResult {
  const values = { [listName]: missing.details.join(VALUE_LIST_SEPARATOR) };
  return result(rule, outcome, reasonKey, values, missing.details.map((detail) => ({ code: missing.code, detail })));
}

/** Rule E1's reasons name the jurisdiction's number and register (CVR; organisasjonsnummer, Enhetsregisteret). */
const E1_REASONS: Record<Jurisdiction, Record<'invalid' | 'notInRegister' | 'inactive' | 'active', EligibilityReasonKey>> = {
  DK: { invalid: 'E1.invalidCvr', notInRegister: 'E1.notInRegister', inactive: 'E1.inactive', active: 'E1.active' },
  NO: { invalid: 'E1.invalidOrgnr', notInRegister: 'E1.notInRegisterOrgnr', inactive: 'E1.inactiveOrgnr', active: 'E1.activeOrgnr' },
};

/** E1: an organisation number (CVR, organisasjonsnummer) that passes modulus 11 and belongs to an active entity. */
export function checkCvr(cvrAsWritten: string, register: ScreeningInput['register'], jurisdiction: Jurisdiction = DEFAULT_JURISDICTION): RuleResult {
  const rule = organizationNumberRule(jurisdiction);
  const reasons = E1_REASONS[jurisdiction];
  const cvr = rule.normalize(cvrAsWritten);
  if (!rule.isValid(cvr)) return result('E1', 'fail', reasons.invalid, { cvr: cvrAsWritten });
  // An unknown number is "unverified", not a failure: the register can lag behind a new
  // association, or the lookup can miss; a person checks.
  if (!register.found) return result('E1', 'needs_judgement', reasons.notInRegister, { cvr });
  if (!register.active) return result('E1', 'fail', reasons.inactive, { cvr, name: register.name });
  return result('E1', 'pass', reasons.active, { cvr, name: register.name });
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** E7: the activity has not already taken place when the application is made. */
export function checkNotStartedBeforeSubmission(startDate: string, submittedAt: Date): RuleResult {
  if (!CALENDAR_DATE.test(startDate)) return result('E7', 'needs_judgement', 'E7.startDateUnreadable', { startDate });
  const submittedDate = calendarDateIn(submittedAt);
  // Starting on the day of the application is fine; starting earlier may mean it is already done.
  if (startDate < submittedDate) {
    return result('E7', 'needs_judgement', 'E7.startedBeforeSubmission', { startDate, submittedDate });
  }
  return result('E7', 'pass', 'E7.startsAfterSubmission', { startDate });
}

/** E8: budget lines in cost categories the round does not normally fund; the caseworker decides. */
export function checkExcludedCosts(
  budgetLines: ScreeningInput['application']['budgetLines'],
  excludedCategories: readonly string[],
): RuleResult {
  const excluded = new Set(excludedCategories);
  const flaggedLines = budgetLines.filter((line) => excluded.has(line.category));
  if (flaggedLines.length === 0) return result('E8', 'pass', 'E8.noExcludedCosts');
  const categories = [...new Set(flaggedLines.map((line) => line.category))];
  const excludedOre = flaggedLines.reduce((sum, line) => sum + line.amountOre, 0n);
  return result('E8', 'needs_judgement', 'E8.excludedCosts', {
    categories: categories.join(VALUE_LIST_SEPARATOR),
    excludedKroner: oreToKroner(excludedOre),
  });
}

/** E9: earlier grants have been reported on; no new grant while a report is outstanding. */
export function checkEarlierReports(earlierGrants: ScreeningInput['earlierGrants']): RuleResult {
  const outstanding = earlierGrants.filter((grant) => grant.reportStatus === 'due' || grant.reportStatus === 'overdue');
  if (outstanding.length > 0) {
    const references = outstanding.map((grant) => grant.reference);
    return resultAskingFor('E9', 'needs_judgement', 'E9.reportsMissing', 'references', { code: 'earlier_report', details: references });
  }
  const awaitingReview = earlierGrants.filter((grant) => grant.reportStatus === 'submitted');
  if (awaitingReview.length > 0) {
    const references = awaitingReview.map((grant) => grant.reference).join(VALUE_LIST_SEPARATOR);
    return result('E9', 'needs_judgement', 'E9.reportsAwaitingReview', { references });
  }
  return result('E9', 'pass', 'E9.allReported');
}

/** The declaration field the applicant ticks; named so a page can point at it. */
export const CHILD_CERTIFICATE_FIELD = 'declarations.childCertificates';

/** E10: volunteers in contact with children under 15 need a børneattest; the applicant declares it. */
export function checkChildCertificates(
  childrenUnder15: boolean,
  declarations: ScreeningInput['application']['declarations'],
): RuleResult {
  if (!childrenUnder15) return result('E10', 'pass', 'E10.noChildren');
  if (declarations.childCertificates) return result('E10', 'pass', 'E10.declared');
  return result('E10', 'fail', 'E10.declarationMissing', {}, [
    { code: 'child_certificate_declaration', detail: CHILD_CERTIFICATE_FIELD },
  ]);
}

/** E11: submitted by the deadline. Arriving exactly at the deadline is on time. */
export function checkDeadline(submittedAt: Date, closesAt: Date | null): RuleResult {
  if (closesAt === null) return result('E11', 'pass', 'E11.noDeadline');
  const values = { submittedAt: submittedAt.toISOString(), closesAt: closesAt.toISOString() };
  if (submittedAt.getTime() > closesAt.getTime()) return result('E11', 'fail', 'E11.late', values);
  return result('E11', 'pass', 'E11.onTime', values);
}

/** AMOUNT: within the round's maximum. Above it is for the caseworker (a partial grant is possible). */
export function checkAmount(requestedOre: bigint, maxAmountOre: bigint): RuleResult {
  const values = { requestedKroner: oreToKroner(requestedOre), maxKroner: oreToKroner(maxAmountOre) };
  if (requestedOre > maxAmountOre) return result('AMOUNT', 'needs_judgement', 'AMOUNT.overMaximum', values);
  return result('AMOUNT', 'pass', 'AMOUNT.withinMaximum', values);
}

/** DOCUMENTS: what the requested amount's tier asks to be uploaded with the application. */
export function checkDocuments(
  requestedOre: bigint,
  documents: ScreeningInput['application']['documents'],
  tiers: readonly ReportingTier[],
): RuleResult {
  const required = requiredApplicationDocuments(requestedOre, tiers);
  if (required.length === 0) return result('DOCUMENTS', 'pass', 'DOCUMENTS.noneRequired');
  const uploaded = new Set(documents.map((document) => document.kind));
  const missingKinds = required.filter((kind) => !uploaded.has(kind));
  if (missingKinds.length === 0) return result('DOCUMENTS', 'pass', 'DOCUMENTS.complete');
  return resultAskingFor('DOCUMENTS', 'fail', 'DOCUMENTS.missing', 'documents', { code: 'document', details: missingKinds });
}

/**
 * SPONSOR: a self-organised group has no organisation number of its own, so rule E1 and the earlier
 * reports (E9) are the sponsoring association's, which receives the payout. Whether the group and
 * its sponsor fit the round, and whether the sponsor has confirmed, is for the caseworker.
 */
export function checkSponsoredGroup(applicant: Applicant | undefined, sponsorName: string): RuleResult | undefined {
  if (!isInformalGroup(applicant)) return undefined;
  return result('SPONSOR', 'needs_judgement', 'SPONSOR.sponsoredGroup', { groupName: applicant.groupName, members: applicant.members, sponsorName });
}

function uniqueMissingItems(items: MissingItem[]): MissingItem[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.code}\u0000${item.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function screenApplication(input: ScreeningInput): ScreeningResult {
  const { application, round } = input;
  const results: RuleResult[] = [
    checkCvr(application.cvr, input.register, input.jurisdiction),
    checkNotStartedBeforeSubmission(application.project.startDate, input.submittedAt),
    checkExcludedCosts(application.budgetLines, round.excludedCostCategories),
    checkEarlierReports(input.earlierGrants),
    checkChildCertificates(application.project.childrenUnder15, application.declarations),
    checkDeadline(input.submittedAt, round.closesAt),
    checkAmount(application.amountRequestedOre, round.maxAmountOre),
    checkDocuments(application.amountRequestedOre, application.documents, round.reportingTiers),
  ];
  const sponsored = checkSponsoredGroup(application.applicant, input.register.found ? input.register.name : (application.organizationName ?? application.cvr));
  if (sponsored) results.unshift(sponsored);
  return {
    results,
    missingItems: uniqueMissingItems(results.flatMap((ruleResult) => ruleResult.missing)),
    lateSubmission: results.some((ruleResult) => ruleResult.rule === 'E11' && ruleResult.outcome === 'fail'),
    needsJudgement: results.some((ruleResult) => ruleResult.outcome === 'needs_judgement'),
    manualChecklist: MANUAL_CHECKLIST.map((item) => ({ ...item })),
  };
}
