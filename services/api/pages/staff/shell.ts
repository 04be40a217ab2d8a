import type { Request, Response } from 'express';
import type { Language } from '../../../../lib/languages';
import type { StaffIdentity, StaffRole } from '../../../../lib/staff-auth';
import { CSRF_FIELD, csrfToken } from '../../http/csrf';
import { hasRole, staffOf, staffTokenOf } from '../../http/staff';
import { hiddenField } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import { renderPage, sendPage, type SiteSettings } from '../layout';
import { STAFF_TEXTS } from './texts';

export type StaffArea = 'queue' | 'approvals' | 'reports' | 'statistics' | 'admin';

const AREAS: { area: StaffArea; href: string; label: keyof typeof STAFF_TEXTS; roles: StaffRole[] }[] = [
  { area: 'queue', href: '/personale/sager', label: 'navQueue', roles: ['caseworker', 'approver'] },
  { area: 'approvals', href: '/personale/godkendelser', label: 'navApprovals', roles: ['approver'] },
  { area: 'reports', href: '/personale/opfoelgning', label: 'navReports', roles: ['caseworker', 'approver'] },
  { area: 'statistics', href: '/statistik', label: 'navStatistics', roles: ['politician', 'caseworker', 'approver'] },
  { area: 'admin', href: '/personale/admin', label: 'navAdmin', roles: ['admin'] },
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
  hasErrors?: boolean;
}

/** A staff page: the page shell with the areas the signed-in member's roles open, and sign-out. */
export function renderStaffPage(req: Request, res: Response, site: SiteSettings, cookieSecret: string, options: StaffPageOptions): string {
  const staff = staffOf(res);
  const { language } = options;
  const navigation = staff
    ? AREAS.filter((area) => hasRole(staff, ...area.roles)).map((area) => ({
        href: area.href,
        label: STAFF_TEXTS[area.label][language],
        current: area.area === options.area,
      }))
    : undefined;
  const user = staff
    ? html`<span>${staff.name}</span>
        <form method="post" action="/personale/log-ud" class="gf-inline-form">
          ${staffCsrfField(res, cookieSecret)}
          <button type="submit" class="button button-tertiary">${STAFF_TEXTS.signOut[language]}</button>
        </form>`
    : undefined;
  return renderPage(req, site, { title: options.title, language, main: options.main, navigation, user, hasErrors: options.hasErrors });
}

export function sendStaffPage(req: Request, res: Response, site: SiteSettings, cookieSecret: string, options: StaffPageOptions, status = 200): void {
  sendPage(res, renderStaffPage(req, res, site, cookieSecret, options), status);
}
