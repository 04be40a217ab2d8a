import type { Request, Response } from 'express';
import type { Language } from '../../../../lib/languages';
import type { StaffIdentity } from '../../../../lib/staff-auth';
import type { StaffAction } from '../../../../domain/staff-policy';
import { CSRF_FIELD, csrfToken } from '../../http/csrf';
import { may, staffOf, staffTokenOf } from '../../http/staff';
import { errorSummary, hiddenField, type FieldErrors } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import { renderPage, sendPage, type SiteSettings } from '../layout';
import { t } from '../../../../locale';

export type StaffArea = 'queue' | 'approvals' | 'payouts' | 'reports' | 'statistics' | 'admin' | 'helpers';

/** Each area of the menu, shown to those its page's action allows (the page's own guard). */
export const STAFF_AREAS: { area: StaffArea; href: string; action: StaffAction }[] = [
  { area: 'queue', href: '/personale/sager', action: 'case.read' },
  { area: 'approvals', href: '/personale/godkendelser', action: 'case.approve' },
  { area: 'payouts', href: '/personale/udbetalinger', action: 'payoutRun.read' },
  { area: 'reports', href: '/personale/opfoelgning', action: 'report.read' },
  { area: 'statistics', href: '/statistik', action: 'stats.read' },
  { area: 'admin', href: '/personale/admin', action: 'admin.overview' },
  { area: 'helpers', href: '/personale/kladder', action: 'draft.prepare' },
];

/** Where a staff member lands after signing in: the first area their roles open. */
export function homeOf(staff: StaffIdentity): string {
  return STAFF_AREAS.find((area) => may(staff, area.action))?.href ?? '/statistik';
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
    ? STAFF_AREAS.filter((area) => may(staff, area.action)).map((area) => ({
        href: area.href,
        label: t(language, `staff.nav.${area.area}`),
        current: area.area === options.area,
      }))
    : undefined;
  const user = staff
    ? html`<span>${may(staff, 'ties.declare') ? html`<a href="/personale/profil">${staff.name}</a>` : staff.name}</span>
        <form method="post" action="/personale/log-ud" class="gf-inline-form">
          ${staffCsrfField(res, cookieSecret)}
          <button type="submit" class="button button-tertiary">${t(language, 'staff.signOut')}</button>
        </form>`
    : undefined;
  const errors = options.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  const main = hasErrors ? html`${errorSummary(errors, language)}${options.main}` : options.main;
  return renderPage(req, site, { title: options.title, language, main, navigation, user, hasErrors, wide: true });
}

export function sendStaffPage(req: Request, res: Response, site: SiteSettings, cookieSecret: string, options: StaffPageOptions, status = 200): void {
  sendPage(res, renderStaffPage(req, res, site, cookieSecret, options), status);
}
