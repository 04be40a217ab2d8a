import type { Config } from '../../lib/config';
import type { StaffPerson } from '../../lib/staff-people';
import { isLanguage, type Language } from '../../lib/languages';
import type { Application, FundingRound } from '../../prisma/generated/client';
import { formatCaseReference } from '../../domain/reference';
import type { DecisionOutcome, DecisionReasons } from '../../domain/decision-rules';
import type { ReportRequirement } from '../../domain/tiers';
import { t } from '../../locale';
import type { DecisionLetterData, Supersedes } from './letter-data';
import type { LetterParties } from './parts';

export type MunicipalitySettings = Pick<
  Config,
  | 'MUNICIPALITY_NAME'
  | 'MUNICIPALITY_DEPARTMENT'
  | 'MUNICIPALITY_ADDRESS'
  | 'MUNICIPALITY_EMAIL'
  | 'MUNICIPALITY_PHONE'
  | 'MUNICIPALITY_TIME_ZONE'
  | 'GUIDELINES_NAME'
  | 'GUIDELINES_ADOPTED_ON'
  | 'GUIDELINES_ADOPTED_BY'
  | 'APPEAL_GUIDANCE_DA'
  | 'APPEAL_GUIDANCE_NB'
  | 'APPEAL_GUIDANCE_EN'
>;

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

/** A chosen criterion as the reader's letter words it: a reason every round knows, or the round's own wording. */
function wordCriterion(code: string, roundCriteria: CriterionDefinition[], language: Language): string {
  if (code === 'late_submission') return t(language, 'letter.criterion.late_submission');
  return roundCriteria.find((c) => c.code === code)?.label[language] ?? code;
}

/**
 * Who the letter names as caseworker: the staff member who decided, by name, title and direct
 * phone. Without a known staff member with a name, the department speaks, reached on the
 * municipality's own address and phone; an email address is never printed as a name.
 */
function caseworkerOf(decidedBy: string, person: StaffPerson | undefined, municipality: MunicipalitySettings): DecisionLetterData['caseworker'] {
  if (person && person.email === decidedBy) return { name: person.name, title: person.title, email: person.email, phone: person.phone };
  return { name: municipality.MUNICIPALITY_DEPARTMENT, email: municipality.MUNICIPALITY_EMAIL, phone: municipality.MUNICIPALITY_PHONE };
}

/** Everything the letter says, from the case, its round, the decision, who decided and the municipality. */
export function decisionLetterData({
  application,
  decision,
  caseworker,
  municipality,
  payoutDate,
  reporting,
  supersedes,
}: {
  application: Application & { round: FundingRound };
  decision: LetterDecision;
  /** The staff member `decision.decidedBy` names, looked up by the caller (lib/staff-people). */
  caseworker?: StaffPerson;
  municipality: MunicipalitySettings;
  payoutDate?: string;
  reporting?: { requirement: ReportRequirement; dueAt: string };
  supersedes?: Supersedes;
}): DecisionLetterData {
  const parties = letterParties({ application, decidedBy: decision.decidedBy, caseworker, municipality });
  const { language } = parties;
  return {
    ...parties,
    date: decision.date,
    roundName: application.round.name,
    project: {
      title: application.projectTitle,
      startDate: application.startDate.toISOString().slice(0, 10),
      endDate: application.endDate.toISOString().slice(0, 10),
    },
    outcome: decision.outcome,
    amountRequestedOre: application.amountRequestedOre,
    amountGrantedOre: decision.amountGrantedOre,
    reasons: wordReasons(application, decision.reasons, language),
    conditions: decision.conditions,
    reporting: reporting ? { requirement: reporting.requirement, dueDate: new Date(reporting.dueAt) } : undefined,
    payoutDate: payoutDate ? new Date(`${payoutDate}T12:00:00Z`) : undefined,
    ...(supersedes ? { supersedes } : {}),
  };
}

/** The reasons as the reader's letter words them: each chosen criterion in the round's own wording. */
export function wordReasons(application: { round: FundingRound }, reasons: DecisionReasons, language: Language): DecisionReasons {
  const roundCriteria = (application.round.decisionCriteria as unknown as CriterionDefinition[]) ?? [];
  return { criteria: reasons.criteria.map((code) => wordCriterion(code, roundCriteria, language)), text: reasons.text };
}

/** Who writes to whom about which case, in the application's language: every letter's head and signature. */
export function letterParties({
  application,
  decidedBy,
  caseworker,
  municipality,
}: {
  application: Application & { round: FundingRound };
  decidedBy: string;
  caseworker?: StaffPerson;
  municipality: MunicipalitySettings;
}): LetterParties {
  const language: Language = isLanguage(application.language) ? application.language : 'da';
  return {
    language,
    municipality: {
      name: municipality.MUNICIPALITY_NAME,
      department: municipality.MUNICIPALITY_DEPARTMENT,
      address: municipality.MUNICIPALITY_ADDRESS,
      email: municipality.MUNICIPALITY_EMAIL,
      phone: municipality.MUNICIPALITY_PHONE,
      guidelines: { name: municipality.GUIDELINES_NAME, adoptedOn: municipality.GUIDELINES_ADOPTED_ON, adoptedBy: municipality.GUIDELINES_ADOPTED_BY },
    },
    reference: formatCaseReference(application.referenceNumber, application.submittedAt ?? application.createdAt),
    recipient: {
      organizationName: application.organizationName,
      cvr: application.organizationCvr,
      contactName: application.contactName,
      address: (application.submission as { organization?: { address?: string } }).organization?.address,
    },
    appealGuidance: { da: municipality.APPEAL_GUIDANCE_DA, nb: municipality.APPEAL_GUIDANCE_NB, en: municipality.APPEAL_GUIDANCE_EN }[language],
    caseworker: caseworkerOf(decidedBy, caseworker, municipality),
  };
}
