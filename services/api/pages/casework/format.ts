import type { Request } from 'express';
import { hasMessage, t, type Language } from '../../../../locale';
import { criteriaOf } from '../../casework/decision';
import type { SafeHtml } from '../../../../lib/html';
import { alert } from '../staff/alert';
import { memberActionLabel } from '../../organisation/words';

/** What a POST-redirect-GET confirms (?udfoert=<done>). */
const DONE = ['claimed', 'released', 'requested', 'consulted', 'decided', 'proposed', 'note', 'judged', 'approved', 'returned', 'accepted', 'sentBack', 'allocated', 'allocationAwaiting', 'allocationReturned', 'reconsidered', 'boardDecision', 'storyApproved', 'storyDeclined', 'repaymentDecided', 'repaymentPaid', 'linksRevoked', 'grantChangeDecided', 'payoutAccountCorrected'] as const;

/** The message for ?udfoert=<what> after a POST-redirect-GET. */
export function doneNotice(req: Request, language: Language): SafeHtml | '' {
  const done = DONE.find((code) => code === req.query.udfoert);
  return done ? alert('success', t(language, `casework.done.${done}`)) : '';
}

/** A form field's value as a list (a repeated field arrives as an array, a single one as a string). */
export function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The round's wording of the criteria chosen as reasons (a code the round no longer has stays as it is). */
export function criteriaText(round: { decisionCriteria: unknown }, codes: readonly string[], language: Language): string {
  const criteria = criteriaOf(round);
  return codes.map((code) => {
    const label = criteria.find((c) => c.code === code)?.label;
    return label?.[language] ?? label?.da ?? code;
  }).join(' ');
}

/** What happened in a timeline entry, in words for staff; an event the catalogue does not name gets none (its status change says it). */
export function eventName(language: Language, type: string, details?: unknown): string {
  if (type === 'member_action') return t(language, 'organisation.caseEvent.staff', { action: memberActionLabel(language, details) });
  const key = `casework.event.${type}`;
  return hasMessage(language, key) ? t(language, key) : '';
}

/** Who did it: the association, the system, or the staff member (by address) as recorded. */
export function actorName(language: Language, actor: string): string {
  const key = `casework.actor.${actor}`;
  return hasMessage(language, key) ? t(language, key) : actor;
}
