import type { Request } from 'express';
import type { Language } from '../../../../locale';
import type { FieldErrors } from '../forms';
import type { SiteSettings } from '../layout';

export interface UploadLimitsShown {
  maxFileBytes: number;
  maxFiles: number;
}

/** What the last post left to show: a confirmation, or a form's errors with what was typed. */
export interface CasePageState {
  notice?: string;
  /** Something the page could not do (the case moved on meanwhile): shown above everything. */
  warning?: string;
  errors?: FieldErrors;
  /** The typed values of the form that failed, by field name. */
  values?: Record<string, string>;
}

export interface CasePageContext {
  req: Request;
  site: SiteSettings;
  language: Language;
  csrf: string;
  limits: UploadLimitsShown;
  /** The account repayments are paid to ("reg.nr. kontonr."). */
  repaymentAccount: string;
}
