import { z } from 'zod';
import { legalFrameGaps, legalFrameSchema, type LegalFrame } from './legal-frame';
import { decisionCriteriaSchema, slugSchema, type DecisionCriterion } from './round-input';
import { DEFAULT_REPORTING_TIERS, type ReportingTier } from './tiers';
import { reportingTiersSchema } from './tier-schemas';

// A grant scheme: § 18 grants, a culture or activity pool under the municipality's general
// powers, a senior pool. Its name and description are what applicants read on the landing page
// and the form; its legal frame, decision criteria and reporting tiers are what a new round of
// it starts from. A round copies them when it is created (and may change its copy), so a later
// change to the scheme never changes the rules of a round already announced.

const text = (max: number) => z.string().trim().min(1).max(max);

/** Read in every language the service writes in: all three are required. */
const inEveryLanguage = (max: number) => z.strictObject({ da: text(max), nb: text(max), en: text(max) });

export const schemeInputSchema = z
  .strictObject({
    slug: slugSchema,
    name: inEveryLanguage(200),
    description: inEveryLanguage(2000),
    /** The contact person, a committee's meeting date and complaint guidance may be left to each round. */
    legalFrame: legalFrameSchema.prefault({}),
    decisionCriteria: decisionCriteriaSchema.default([]),
    reportingTiers: reportingTiersSchema.default(() => DEFAULT_REPORTING_TIERS.map((tier) => ({ ...tier, applicationDocuments: [...tier.applicationDocuments] }))),
  })
  .superRefine((scheme, ctx) => {
    for (const gap of schemeFrameGaps(scheme.legalFrame)) ctx.addIssue({ code: 'custom', path: gap.path.split('.'), message: gap.message });
  });

export type SchemeInput = z.output<typeof schemeInputSchema>;

/** A change: only the fields sent change; `legalFrame`, when sent, replaces the scheme's frame as a whole. */
export const schemeUpdateSchema = z
  .strictObject({
    slug: slugSchema,
    name: inEveryLanguage(200),
    description: inEveryLanguage(2000),
    legalFrame: legalFrameSchema,
    decisionCriteria: decisionCriteriaSchema,
    reportingTiers: reportingTiersSchema,
  })
  .partial();

export type SchemeUpdate = z.output<typeof schemeUpdateSchema>;

/** What a scheme's frame must always say, in every environment: the rules and who decides. */
const SCHEME_FRAME_FIELDS = ['legalFrame.legalBasis', 'legalFrame.guidelines.name', 'legalFrame.guidelines.adoptedOn', 'legalFrame.guidelines.adoptedBy', 'legalFrame.decisionMaker.body'];

/**
 * The scheme frame's missing fields. Its legal basis is the one thing that tells one scheme's
 * letters from another's, so it is never filled in from elsewhere (a kommunalfuldmagt scheme must
 * not borrow § 18's); the contact person and a committee's meeting date belong to each round.
 */
export function schemeFrameGaps(frame: LegalFrame): { path: string; message: string }[] {
  return legalFrameGaps(frame).filter((gap) => SCHEME_FRAME_FIELDS.includes(gap.path));
}

/** The scheme as a round starts from it. */
export interface SchemeDefaults {
  legalFrame: LegalFrame;
  decisionCriteria: DecisionCriterion[];
  reportingTiers: ReportingTier[];
}

/**
 * A new round's input with what it leaves out taken from its scheme: the decision criteria and
 * reporting tiers when it sends none. (Its legal frame is completed field by field when the round
 * is validated, services/api/admin/round-frame.ts.)
 */
export function withSchemeDefaults(input: unknown, scheme: SchemeDefaults): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const round = input as Record<string, unknown>;
  return {
    ...round,
    ...(round.decisionCriteria === undefined ? { decisionCriteria: scheme.decisionCriteria } : {}),
    ...(round.reportingTiers === undefined && scheme.reportingTiers.length > 0 ? { reportingTiers: scheme.reportingTiers } : {}),
  };
}
