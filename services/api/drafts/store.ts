import type { Database } from '../../../lib/db';
import type { Language } from '../../../lib/languages';
import { generateAccessToken, sha256Hex } from '../../../lib/tokens';
import { FORM_STEPS, furthestOf, STEP_KEYS, type DraftAnswers, type DraftPosition, type FormStep } from '../../../domain/draft-steps';

/** What a draft's `data` column holds: the answers as typed, and the pre-check's answers. */
export interface DraftData {
  answers: DraftAnswers;
  precheck?: Record<string, string>;
}

export function draftData(stored: unknown): DraftData {
  const data = (stored && typeof stored === 'object' ? stored : {}) as Partial<DraftData>;
  return { answers: data.answers && typeof data.answers === 'object' ? data.answers : {}, ...(data.precheck ? { precheck: data.precheck } : {}) };
}

/** A new draft with its private token (≥ 128 bits; only the hash is stored). */
export async function createDraft(
  db: Database,
  input: {
    roundId: string;
    language: Language;
    answers?: DraftAnswers;
    precheck?: Record<string, string>;
    precheckSeconds?: number;
    /** A member's draft: what it was pre-filled from, and whether the organisation had applied before. */
    prefilledFrom?: object;
    returningApplicant?: boolean;
  },
): Promise<{ id: string; token: string }> {
  const token = generateAccessToken();
  const data: DraftData = { answers: input.answers ?? {}, ...(input.precheck ? { precheck: input.precheck } : {}) };
  const draft = await db.applicationDraft.create({
    data: {
      tokenHash: sha256Hex(token),
      roundId: input.roundId,
      language: input.language,
      data: data as object,
      currentStep: FORM_STEPS[0],
      furthestStep: FORM_STEPS[0],
      stepSeconds: input.precheckSeconds ? { precheck: input.precheckSeconds } : {},
      ...(input.prefilledFrom ? { prefilledFrom: input.prefilledFrom } : {}),
      ...(input.returningApplicant !== undefined ? { returningApplicant: input.returningApplicant } : {}),
    },
    select: { id: true },
  });
  return { id: draft.id, token };
}

/**
 * Replaces one step's answers (valid or not: what was typed is never lost) and moves the draft
 * to `position`; the furthest position reached only ever grows.
 */
export async function storeStepAnswers(
  db: Database,
  draft: { id: string; data: unknown; furthestStep: string },
  step: FormStep,
  answers: DraftAnswers,
  position: DraftPosition,
  language: Language,
): Promise<DraftData> {
  const data = draftData(draft.data);
  const merged: DraftAnswers = { ...data.answers };
  for (const key of STEP_KEYS[step]) {
    if (answers[key] === undefined) delete merged[key];
    else merged[key] = answers[key];
  }
  const next: DraftData = { ...data, answers: merged };
  await db.applicationDraft.update({
    where: { id: draft.id },
    data: {
      data: next as object,
      currentStep: position,
      furthestStep: furthestOf(draft.furthestStep as DraftPosition, position),
      language,
    },
  });
  if (step === 'organization') await settleReturningApplicant(db, draft.id, (merged.organization as { cvr?: unknown } | undefined)?.cvr);
  return next;
}

/**
 * Once a draft names its organisation number, whether that organisation had a submitted
 * application before the draft was started; decided once (the statistics split form time by it).
 * A member's draft knows it from the start; a draft opened by its private link learns the number
 * on the organisation step.
 */
async function settleReturningApplicant(db: Database, draftId: string, number: unknown): Promise<void> {
  if (typeof number !== 'string' || !/^\d{8,9}$/.test(number)) return;
  await db.$executeRaw`
    UPDATE application_drafts d
       SET returning_applicant = EXISTS (SELECT 1 FROM applications a WHERE a.organization_cvr = ${number} AND a.submitted_at < d.created_at)
     WHERE d.id = ${draftId}::uuid AND d.returning_applicant IS NULL`;
}

/** Whether the organisation number had a submitted application before `before` (a member's draft, at its start). */
export async function hadSubmittedBefore(db: Database, number: string, before: Date): Promise<boolean> {
  return (await db.application.count({ where: { organizationCvr: number, submittedAt: { lt: before } } })) > 0;
}

/** Moves the draft to a position without changing its answers (e.g. opening the summary). */
export async function moveTo(db: Database, draft: { id: string; furthestStep: string }, position: DraftPosition): Promise<void> {
  await db.applicationDraft.update({
    where: { id: draft.id },
    data: { currentStep: position, furthestStep: furthestOf(draft.furthestStep as DraftPosition, position) },
  });
}

/** Adds active seconds to a step, atomically (two tabs may post at once). */
export async function addActiveSeconds(db: Database, draftId: string, position: string, seconds: number): Promise<void> {
  if (seconds <= 0) return;
  await db.$executeRaw`
    UPDATE application_drafts
       SET step_seconds = jsonb_set(step_seconds, ARRAY[${position}]::text[], to_jsonb(COALESCE((step_seconds->>${position})::int, 0) + ${seconds}::int))
     WHERE id = ${draftId}::uuid`;
}
