import type { Config } from '../../../lib/config';
import type { Language } from '../../../lib/languages';
import { legalFrameGaps, legalFrameSchema, shippedLegalFrame, withFrameDefaults, type CompleteLegalFrame, type LegalFrame } from '../../../domain/legal-frame';
import { roundInputSchema, type RoundInput } from '../../../domain/round-input';
import { ApiError } from '../http/errors';
import { validated } from './validated';

/**
 * How a round's legal frame is completed when it is saved. Production stores what the
 * administrator gave and refuses a round that lacks part of its frame; development and tests fill
 * the blanks from the shipped § 18 frame with the municipality as contact, so every round is complete.
 */
export interface FrameRules {
  requireComplete: boolean;
  defaults: CompleteLegalFrame;
}

/** The municipality's own contact details: the contact a frame falls back to. */
export function municipalityContact(config: Pick<Config, 'MUNICIPALITY_DEPARTMENT' | 'MUNICIPALITY_PHONE' | 'MUNICIPALITY_EMAIL'>): CompleteLegalFrame['contact'] {
  return { name: config.MUNICIPALITY_DEPARTMENT, phone: config.MUNICIPALITY_PHONE, email: config.MUNICIPALITY_EMAIL };
}

export function frameRulesFrom(config: Pick<Config, 'NODE_ENV' | 'MUNICIPALITY_DEPARTMENT' | 'MUNICIPALITY_PHONE' | 'MUNICIPALITY_EMAIL'>): FrameRules {
  return { requireComplete: config.NODE_ENV === 'production', defaults: shippedLegalFrame(municipalityContact(config)) };
}

function completed(frame: LegalFrame, rules: FrameRules): LegalFrame {
  return rules.requireComplete ? frame : withFrameDefaults(frame, rules.defaults);
}

/**
 * The round as it will be stored, its frame completed by the rules, or a 400 naming every field
 * that is wrong or missing — the frame's gaps together with any other refusal — and nothing stored.
 */
export function validatedRound(input: unknown, language: Language, rules: FrameRules): RoundInput {
  const frame = legalFrameSchema.safeParse((input as { legalFrame?: unknown } | null)?.legalFrame ?? {});
  const gaps = frame.success ? legalFrameGaps(completed(frame.data, rules)) : [];
  let round: RoundInput;
  try {
    round = validated(roundInputSchema, input, language);
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) error.issues.push(...gaps);
    throw error;
  }
  if (gaps.length) throw new ApiError(400, 'legal_frame_incomplete', 'errors.legalFrame.incomplete', gaps);
  return { ...round, legalFrame: completed(round.legalFrame, rules) };
}
