import type { Config } from '../../lib/config';
import type { StaffPerson } from '../../lib/staff-people';
import { parseDuration } from '../../lib/durations';
import { isLanguage, type Language } from '../../lib/languages';
import type { Application, FundingRound } from '../../prisma/generated/client';
import { formatCaseReference } from '../../domain/reference';
import { defaultLegalFrame, frameDepartment, resolvedLegalFrame } from '../../domain/legal-frame';
import { DEFAULT_JURISDICTION, type Jurisdiction } from '../../lib/jurisdiction';
import { processSettingsSchema } from '../../domain/round-settings';
import { deadlineAfter } from '../../domain/time-zone';
import type { DecisionOutcome, DecisionReasons } from '../../domain/decision-rules';
import type { ReportRequirement } from '../../domain/tiers';
import { t } from '../../locale';
import { maskKontonummer } from '../../lib/bank-account';
import type { AfvisningLetterData, DecisionLetterData, LetterCommon, Supersedes } from './letter-data';

export type MunicipalitySettings = Pick<
  Config,
  'MUNICIPALITY_NAME' | 'MUNICIPALITY_DEPARTMENT' | 'MUNICIPALITY_ADDRESS' | 'MUNICIPALITY_EMAIL' | 'MUNICIPALITY_PHONE' | 'MUNICIPALITY_TIME_ZONE' | 'PUBLIC_BASE_URL'
> & {
  /** Whose law the letters state and whose legal frame fills a round's blanks; Danish when not given. */
  JURISDICTION?: Jurisdiction;
};

interface CriterionDefinition {
  code: string;
  label: Partial<Record<Language, string>>;
}

/** A decision as the letter states it: stored, or proposed on the case page for a preview. */
export interface LetterDecision {
  outcome: DecisionOutcome;
  amountGrantedOre: bigint;
  reasons: DecisionReasons;
  conditions: string[];
  decidedBy: string;
  date: Date;
}

type CaseWithRound = Application & { round: FundingRound };

/** A chosen criterion as the reader's letter words it: a reason every round knows, or the round's own wording. */
function wordCriterion(code: string, roundCriteria: CriterionDefinition[], language: Language): string {
  if (code === 'late_submission') return t(language, 'letter.criterion.late_submission');
  const label = roundCriteria.find((c) => c.code === code)?.label;
  return label?.[language] ?? label?.da ?? code;
}

/**
 * Who the letter names as caseworker: the staff member who decided, by name, title and direct
 * phone. Without a known staff member with a name, the department speaks, reached on the
 * municipality's own address and phone; an email address is never printed as a name.
 */
function caseworkerOf(decidedBy: string, person: StaffPerson | undefined, municipality: MunicipalitySettings): LetterCommon['caseworker'] {
  if (person && person.email === decidedBy) return { name: person.name, title: person.title, email: person.email, phone: person.phone };
  return { name: municipality.MUNICIPALITY_DEPARTMENT, email: municipality.MUNICIPALITY_EMAIL, phone: municipality.MUNICIPALITY_PHONE };
}

/** The municipality as a round's letters present it: with the department its frame names, if any. */
function forRound(municipality: MunicipalitySettings, round: FundingRound): MunicipalitySettings {
  const department = frameDepartment(round.legalFrame);
  return department ? { ...municipality, MUNICIPALITY_DEPARTMENT: department } : municipality;
}

/** The municipality's own contact: what a round without a contact person of its own falls back to. */
export function municipalityContactOf(municipality: MunicipalitySettings) {
  return { name: municipality.MUNICIPALITY_DEPARTMENT, phone: municipality.MUNICIPALITY_PHONE, email: municipality.MUNICIPALITY_EMAIL };
}

/** The round's frame as the letter prints it; the reconsideration date runs from the letter's date. */
function frameOf(round: FundingRound, language: Language, date: Date, municipality: MunicipalitySettings): LetterCommon['frame'] {
  const law = municipality.JURISDICTION ?? DEFAULT_JURISDICTION;
  const frame = resolvedLegalFrame(round.legalFrame, defaultLegalFrame(law, municipalityContactOf(municipality)));
  const period = parseDuration(processSettingsSchema.parse(round.processSettings ?? {}).reconsiderationPeriod);
  return {
    law,
    legalBasis: frame.legalBasis,
    guidelines: frame.guidelines,
    decisionMaker: frame.decisionMaker,
    contact: frame.contact,
    complaintGuidance: frame.complaintGuidance[language],
    reconsiderBy: deadlineAfter(date, period),
  };
}

function commonOf(application: CaseWithRound, date: Date, caseworker: LetterCommon['caseworker'], municipality: MunicipalitySettings): LetterCommon {
  const language: Language = isLanguage(application.language) ? application.language : 'da';
  return {
    language,
    municipality: {
      name: municipality.MUNICIPALITY_NAME,
      department: municipality.MUNICIPALITY_DEPARTMENT,
      address: municipality.MUNICIPALITY_ADDRESS,
      email: municipality.MUNICIPALITY_EMAIL,
      phone: municipality.MUNICIPALITY_PHONE,
    },
    frame: frameOf(application.round, language, date, municipality),
    date,
    reference: formatCaseReference(application.referenceNumber, application.submittedAt ?? application.createdAt),
    recipient: {
      organizationName: application.organizationName,
      cvr: application.organizationCvr,
      contactName: application.contactName,
      address: (application.submission as { organization?: { address?: string } }).organization?.address,
      ...(application.groupName ? { groupName: application.groupName } : {}),
    },
    roundName: application.round.name,
    project: {
      title: application.projectTitle,
      startDate: application.startDate.toISOString().slice(0, 10),
      endDate: application.endDate.toISOString().slice(0, 10),
    },
    caseworker,
    glossaryUrl: new URL('/ordliste', municipality.PUBLIC_BASE_URL).toString(),
    ...(application.payoutAccount ? { payoutAccount: maskKontonummer(application.payoutAccount) } : {}),
  };
}

/** Everything the letter says, from the case, its round, the decision, who decided and the municipality. */
export function decisionLetterData({
  application,
  decision,
  caseworker,
  municipality,
  payoutDate,
  acceptBy,
  reporting,
  grantYears,
  consultation,
  supersedes,
}: {
  application: CaseWithRound;
  decision: LetterDecision;
  /** The staff member `decision.decidedBy` names, looked up by the caller (lib/staff-people). */
  caseworker?: StaffPerson;
  municipality: MunicipalitySettings;
  payoutDate?: string;
  acceptBy?: string;
  reporting?: { requirement: ReportRequirement; dueAt: string };
  grantYears?: { year: number; amountOre: number; reportDueAt: string }[];
  consultation?: DecisionLetterData['consultation'];
  supersedes?: Supersedes;
}): DecisionLetterData {
  const common = letterParties({ application, date: decision.date, decidedBy: decision.decidedBy, caseworker, municipality });
  return {
    ...common,
    outcome: decision.outcome,
    amountRequestedOre: application.amountRequestedOre,
    amountGrantedOre: decision.amountGrantedOre,
    reasons: wordReasons(application, decision.reasons, common.language),
    conditions: decision.conditions,
    reporting: reporting ? { requirement: reporting.requirement, dueDate: new Date(reporting.dueAt) } : undefined,
    payoutDate: payoutDate ? new Date(`${payoutDate}T12:00:00Z`) : undefined,
    ...(acceptBy ? { acceptBy: new Date(acceptBy) } : {}),
    ...(grantYears ? { grantYears: grantYears.map((year) => ({ year: year.year, amountOre: BigInt(year.amountOre), reportDueDate: new Date(year.reportDueAt) })) } : {}),
    consultation,
    ...(supersedes ? { supersedes } : {}),
  };
}

/** The reasons as the reader's letter words them: each chosen criterion in the round's own wording. */
export function wordReasons(application: { round: FundingRound }, reasons: DecisionReasons, language: Language): DecisionReasons {
  const roundCriteria = (application.round.decisionCriteria as unknown as CriterionDefinition[]) ?? [];
  return { criteria: reasons.criteria.map((code) => wordCriterion(code, roundCriteria, language)), text: reasons.text };
}

/**
 * Who writes to whom about which case, under which frame, on a given date: every letter's common
 * part, from the department the round's frame names (else the deployment's).
 */
export function letterParties({
  application,
  date,
  decidedBy,
  caseworker,
  municipality,
}: {
  application: CaseWithRound;
  date: Date;
  decidedBy: string;
  caseworker?: StaffPerson;
  municipality: MunicipalitySettings;
}): LetterCommon {
  municipality = forRound(municipality, application.round);
  return commonOf(application, date, caseworkerOf(decidedBy, caseworker, municipality), municipality);
}

/** The afvisning of a late application: the round's deadline and when the application arrived. */
export function afvisningLetterData({ application, date, municipality }: { application: CaseWithRound; date: Date; municipality: MunicipalitySettings }): AfvisningLetterData {
  // Decided by the process itself: the department signs.
  const common = letterParties({ application, date, decidedBy: 'system', municipality });
  const deadline = application.round.closesAt;
  if (!deadline) throw new Error(`Round ${application.round.id} has no deadline: an application to it cannot arrive late`);
  // No committee meeting weighs a late application: the administration refuses it under the
  // committee's delegation, whoever decides the round's grants.
  const decisionMaker = { kind: 'delegation' as const, body: common.frame.decisionMaker.body };
  return { ...common, frame: { ...common.frame, decisionMaker }, deadline, receivedAt: application.submittedAt ?? application.createdAt };
}
