import type { Config } from '../../../lib/config';
import { legalFrameGaps, shippedLegalFrame, withFrameDefaults, type CompleteLegalFrame, type LegalFrame } from '../../../domain/legal-frame';
import { ApiError } from '../http/errors';

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

/** The frame to store, or a 400 naming every missing field (nothing is stored). */
export function frameToStore(frame: LegalFrame, rules: FrameRules): LegalFrame {
  const completed = rules.requireComplete ? frame : withFrameDefaults(frame, rules.defaults);
  const gaps = legalFrameGaps(completed);
  if (gaps.length) throw new ApiError(400, 'legal_frame_incomplete', 'errors.legalFrame.incomplete', gaps);
  return completed;
}
