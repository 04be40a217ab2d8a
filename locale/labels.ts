import { CASE_STATUSES, type CaseStatus } from '../domain/status';
import type { Language } from '../lib/languages';
import { t } from './translate';

export function isCaseStatus(value: unknown): value is CaseStatus {
  return typeof value === 'string' && (CASE_STATUSES as readonly string[]).includes(value);
}

/** Where a case is, in words an association's volunteer understands; an unknown code as it is. */
export function statusLabel(language: Language, status: string): string {
  return isCaseStatus(status) ? t(language, `common.status.${status}`) : status;
}
