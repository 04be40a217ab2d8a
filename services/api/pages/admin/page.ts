import type { Request, Response } from 'express';
import { t, type MessageKey, type Language } from '../../../../locale';
import { ApiError } from '../../http/errors';
import type { FieldErrors } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import type { SiteSettings } from '../layout';
import { sendStaffPage } from '../staff/shell';
import { ADMIN_TEXTS } from './texts';

export interface AdminPageDependencies {
  site: SiteSettings;
  cookieSecret: string;
}

/** An administration page in the staff shell, with the admin area marked in the navigation. */
export function sendAdminPage(
  deps: AdminPageDependencies,
  req: Request,
  res: Response,
  page: { title: string; language: Language; main: SafeHtml; hasErrors?: boolean },
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

/** A refusal that concerns no single field, shown above the form. */
export function problemAlert(message: string | undefined): SafeHtml {
  return message ? html`<div class="alert alert-error" role="alert"><div class="alert-body"><p class="alert-text">${message}</p></div></div>` : html``;
}

/** A confirmation after a change (POST-redirect-GET carries it as ?gemt=<key>). */
export function noticeAlert(message: string | undefined): SafeHtml {
  return message ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${message}</p></div></div>` : html``;
}

export function noticeOf<K extends keyof typeof ADMIN_TEXTS>(req: Request, allowed: readonly K[], language: Language): string | undefined {
  const key = typeof req.query.gemt === 'string' ? (req.query.gemt as K) : undefined;
  return key && allowed.includes(key) ? ADMIN_TEXTS[key][language] : undefined;
}

/** Replaces {name} placeholders. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

/** A date and time as Danish readers expect it, in Danish time. */
export function formatInstant(iso: string, language: Language): string {
  const locale = language === 'nb' ? 'nb-NO' : language === 'en' ? 'en-GB' : 'da-DK';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Copenhagen' }).format(new Date(iso));
}

export function formatKroner(amount: number, language: Language): string {
  const locale = language === 'nb' ? 'nb-NO' : language === 'en' ? 'en-GB' : 'da-DK';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(amount);
}
