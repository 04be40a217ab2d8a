import type { Request, Response } from 'express';
import { t, type MessageKey, type Language } from '../../../../locale';
import { ApiError } from '../../http/errors';
import type { FieldErrors } from '../forms';
import type { SafeHtml } from '../../../../lib/html';
import type { SiteSettings } from '../layout';
import { alert } from '../staff/alert';
import { sendStaffPage } from '../staff/shell';

export interface AdminPageDependencies {
  site: SiteSettings;
  cookieSecret: string;
}

/** An administration page in the staff shell, with the admin area marked in the navigation. */
export function sendAdminPage(
  deps: AdminPageDependencies,
  req: Request,
  res: Response,
  page: { title: string; language: Language; main: SafeHtml; errors?: FieldErrors },
  status = 200,
): void {
  res.set('Cache-Control', 'no-store');
  sendStaffPage(req, res, deps.site, deps.cookieSecret, { ...page, area: 'admin' }, status);
}

/** The field messages of a refused change, in the page's language (field name = the issue's path). */
export function fieldErrorsOf(error: ApiError, language: Language): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const message = issue.message.startsWith('i18n:') ? t(language, issue.message.slice(5) as MessageKey, error.values) : issue.message;
    errors[issue.path || '_form'] ??= message;
  }
  return errors;
}

/** What a POST-redirect-GET confirms (?gemt=<notice>), as a success alert; nothing for another value. */
export type AdminNotice = 'created' | 'profile' | 'password' | 'deactivated' | 'reactivated' | 'round_created' | 'round_saved' | 'scheme_created' | 'scheme_saved' | 'outbox_sent' | 'outbox_resend';

export function noticeAlert(req: Request, allowed: readonly AdminNotice[], language: Language): SafeHtml | '' {
  const notice = allowed.find((code) => code === req.query.gemt);
  return notice ? alert('success', t(language, `admin.notice.${notice}`)) : '';
}
