import type { Request } from 'express';
import { statusLabel as labelOfStatus, type Language } from '../../../../locale';
import { criteriaOf } from '../../casework/decision';
import type { CaseStatus } from '../../../../domain/status';
import { html, type SafeHtml } from '../../../../lib/html';
import { CASEWORK_TEXTS as T, fill } from './texts';

const LOCALES: Record<Language, string> = { da: 'da-DK', nb: 'nb-NO', en: 'en-GB' };
const TIME_ZONE = 'Europe/Copenhagen';

export function kroner(amount: number | bigint, language: Language): string {
  return fill(T.kroner[language], { amount: new Intl.NumberFormat(LOCALES[language]).format(amount) });
}

export function kronerFromOre(ore: bigint, language: Language): string {
  return kroner(ore / 100n, language);
}

export function dateTime(value: Date | string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(new Date(value));
}

export function date(value: Date | string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium', timeZone: TIME_ZONE }).format(new Date(value));
}

export function statusLabel(status: string, language: Language): string {
  return labelOfStatus(language, status);
}

export function fileSize(bytes: number, language: Language): string {
  const format = new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 1 });
  return bytes >= 1_000_000 ? `${format.format(bytes / 1_000_000)} MB` : `${format.format(Math.max(1, Math.round(bytes / 1000)))} kB`;
}

/** A DKFDS alert: success after an action, warning when the case changed meanwhile. */
export function alert(kind: 'success' | 'warning' | 'info' | 'error', text: string): SafeHtml {
  return html`<div class="alert alert-${kind}" role="${kind === 'warning' || kind === 'error' ? 'alert' : 'status'}"><div class="alert-body"><p class="alert-text">${text}</p></div></div>`;
}

/** The message for ?udfoert=<what> after a POST-redirect-GET. */
export function doneNotice(req: Request, language: Language): SafeHtml | '' {
  const done = req.query.udfoert;
  if (typeof done !== 'string') return '';
  const key = `done_${done}` as keyof typeof T;
  return key in T ? alert('success', T[key][language]) : '';
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
