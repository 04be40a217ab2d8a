import type { Request, Response } from 'express';
import type { Language } from '../../../../lib/languages';
import type { StaffIdentity, StaffRole } from '../../../../lib/staff-auth';
import { CSRF_FIELD, csrfToken } from '../../http/csrf';
import { hasRole, staffOf, staffTokenOf } from '../../http/staff';
import { errorSummary, hiddenField, type FieldErrors } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import { renderPage, sendPage, type SiteSettings } from '../layout';
import { t } from '../../../../locale';

export type StaffArea = 'queue' | 'approvals' | 'payouts' | 'reports' | 'statistics' | 'admin';

const AREAS: { area: StaffArea; href: string; roles: StaffRole[] }[] = [
  { area: 'queue', href: '/personale/sager', roles: ['caseworker', 'approver'] },
  { area: 'approvals', href: '/personale/godkendelser', roles: ['approver'] },
  { area: 'payouts', href: '/personale/udbetalinger', roles: ['approver'] },
  { area: 'reports', href: '/personale/opfoelgning', roles: ['caseworker', 'approver'] },
  { area: 'statistics', href: '/statistik', roles: ['politician', 'caseworker', 'approver'] },
  { area: 'admin', href: '/personale/admin', roles: ['admin'] },
];

/** Where a staff member lands after signing in: the first area their roles open. */
export function homeOf(staff: StaffIdentity): string {
  return AREAS.find((area) => hasRole(staff, ...area.roles))?.href ?? '/statistik';
}

/** The CSRF token for forms posted with the staff session cookie. */
export function staffCsrfToken(res: Response, secret: string): string {
  return csrfToken(secret, staffTokenOf(res) ?? '');
}

/** The hidden CSRF field every staff form carries. */
export function staffCsrfField(res: Response, secret: string): SafeHtml {
  return hiddenField(CSRF_FIELD, staffCsrfToken(res, secret));
}

export interface StaffPageOptions {
  title: string;
  language: Language;
  main: SafeHtml;
  area?: StaffArea;
  /** A refused form's messages: summarised above the page's content, and the title says so. */
  errors?: FieldErrors;
}

/** A staff page: the page shell with the areas the signed-in member's roles open, and sign-out. */
export function renderStaffPage(req: Request, res: Response, site: SiteSettings, cookieSecret: string, options: StaffPageOptions): string {
  const staff = staffOf(res);
  const { language } = options;
  const navigation = staff
    ? AREAS.filter((area) => hasRole(staff, ...area.roles)).map((area) => ({
        href: area.href,
        label: t(language, `staff.nav.${area.area}`),
        current: area.area === options.area,
      }))
    : undefined;
  const user = staff
    ? html`<span>${staff.name}</span>
        <form method="post" action="/personale/log-ud" class="gf-inline-form">
          ${staffCsrfField(res, cookieSecret)}
          <button type="submit" class="button button-tertiary">${t(language, 'staff.signOut')}</button>
        </form>`
    : undefined;
  const errors = options.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  const main = hasErrors ? html`${errorSummary(errors, language)}${options.main}` : options.main;
  return renderPage(req, site, { title: options.title, language, main, navigation, user, hasErrors });
}

export function sendStaffPage(req: Request, res: Response, site: SiteSettings, cookieSecret: string, options: StaffPageOptions, status = 200): void {
  sendPage(res, renderStaffPage(req, res, site, cookieSecret, options), status);
}
