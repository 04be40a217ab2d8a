import type { Config } from '../../../lib/config';
import type { Language } from '../../../lib/languages';
import { defaultLegalFrame, legalFrameGaps, legalFrameSchema, withFrameDefaults, type CompleteLegalFrame, type LegalFrame } from '../../../domain/legal-frame';
import { jurisdictionRules } from '../../../domain/jurisdiction';
import { roundInputSchema, type RoundInput } from '../../../domain/round-input';
import { ApiError } from '../http/errors';
import { validated } from './validated';
import { messageKey } from '../../../domain/message-key';
import { withSchemeDefaults, type SchemeDefaults } from '../../../domain/scheme-input';

/**
 * How a round's legal frame is completed when it is saved: every blank from its scheme's frame
 * first. Production then refuses a round that still lacks part of its frame; development and
 * tests fill what remains (in practice the contact person) from the shipped frame with the
 * municipality as contact, so every round is complete. A scheme always has its own legal basis
 * and guidelines (domain/scheme-input.ts), so the shipped § 18 ones never reach another scheme's round.
 */
export interface FrameRules {
  requireComplete: boolean;
  defaults: CompleteLegalFrame;
  /** The jurisdiction's period to ask again (a Norwegian klage: three weeks) for a round that sets none. */
  reconsiderationPeriod?: string;
}

/** The municipality's own contact details: the contact a frame falls back to. */
export function municipalityContact(config: Pick<Config, 'MUNICIPALITY_DEPARTMENT' | 'MUNICIPALITY_PHONE' | 'MUNICIPALITY_EMAIL'>): CompleteLegalFrame['contact'] {
  return { name: config.MUNICIPALITY_DEPARTMENT, phone: config.MUNICIPALITY_PHONE, email: config.MUNICIPALITY_EMAIL };
}

/** The frame defaults of the municipality's jurisdiction: Denmark's § 18 frame, or Norway's enkeltvedtak frame. */
export function frameRulesFrom(config: Pick<Config, 'NODE_ENV' | 'JURISDICTION' | 'MUNICIPALITY_DEPARTMENT' | 'MUNICIPALITY_PHONE' | 'MUNICIPALITY_EMAIL'>): FrameRules {
  return {
    requireComplete: config.NODE_ENV === 'production',
    defaults: defaultLegalFrame(config.JURISDICTION, municipalityContact(config)),
    reconsiderationPeriod: jurisdictionRules(config.JURISDICTION).reconsiderationPeriod,
  };
}

/** The round with the jurisdiction's period to ask again where it sets none. */
function withPeriodDefault(input: unknown, period: string | undefined): unknown {
  if (!period || !input || typeof input !== 'object' || Array.isArray(input)) return input;
  const round = input as { processSettings?: unknown };
  const settings = round.processSettings ?? {};
  if (typeof settings !== 'object' || Array.isArray(settings) || (settings as { reconsiderationPeriod?: unknown }).reconsiderationPeriod !== undefined) return input;
  return { ...round, processSettings: { ...settings, reconsiderationPeriod: period } };
}

/**
 * The round's frame: its blanks from its scheme's frame, then (outside production) the contact
 * from the municipality, named as the round's department where it has one.
 */
function completed(frame: LegalFrame, rules: FrameRules, scheme: LegalFrame): LegalFrame {
  const fromScheme = withFrameDefaults(frame, scheme);
  if (rules.requireComplete) return fromScheme;
  // A round whose letters come from a department of its own names that department as the contact.
  const contact = fromScheme.department ? { ...rules.defaults.contact, name: fromScheme.department } : rules.defaults.contact;
  return withFrameDefaults(fromScheme, { ...rules.defaults, contact });
}

/**
 * The round as it will be stored, its frame completed from its scheme and the rules, or a 400
 * naming every field that is wrong or missing — an unknown scheme, the frame's gaps, any other
 * refusal — and nothing stored. `scheme` is null when the round names no scheme that exists.
 */
export function validatedRound(input: unknown, language: Language, rules: FrameRules, scheme: SchemeDefaults | null): RoundInput {
  const schemeFrame = scheme?.legalFrame ?? legalFrameSchema.parse({});
  const withDefaults = withPeriodDefault(scheme ? withSchemeDefaults(input, scheme) : input, rules.reconsiderationPeriod);
  const frame = legalFrameSchema.safeParse((withDefaults as { legalFrame?: unknown } | null)?.legalFrame ?? {});
  // Without its scheme a round's frame cannot be judged: the scheme's issue says what is wrong.
  const gaps = frame.success && scheme ? legalFrameGaps(completed(frame.data, rules, schemeFrame)) : [];
  const schemeIssues = scheme || typeof (input as { scheme?: unknown } | null)?.scheme !== 'string' ? [] : [{ path: 'scheme', message: messageKey('errors.scheme.unknown') }];
  let round: RoundInput;
  try {
    round = validated(roundInputSchema, withDefaults, language);
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) error.issues.push(...schemeIssues, ...gaps);
    throw error;
  }
  if (schemeIssues.length) throw new ApiError(400, 'validation_failed', 'errors.validation.failed', schemeIssues);
  if (gaps.length) throw new ApiError(400, 'legal_frame_incomplete', 'errors.legalFrame.incomplete', gaps);
  return { ...round, legalFrame: completed(round.legalFrame, rules, schemeFrame) };
}
