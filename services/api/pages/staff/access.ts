import type { Request, RequestHandler } from 'express';
import type { StaffAction } from '../../../../domain/staff-policy';
import { may, staffOf } from '../../http/staff';
import { html } from '../../../../lib/html';
import type { SiteSettings } from '../layout';
import { pageLanguage } from '../page-language';
import { sendStaffPage } from './shell';
import { t } from '../../../../locale';

/** Where a local path may send the browser after sign-in: only our own pages. */
export function safeNextPath(next: unknown): string | undefined {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : undefined;
}

/**
 * Guards staff pages: an anonymous visitor is sent to sign in (and back here afterwards), a
 * staff member whose roles do not allow the action (domain/staff-policy.ts) gets a 403 page; with
 * no action named, any signed-in staff member passes. A form that does one of several things
 * names its action from the request.
 */
export function staffPagesFor(site: SiteSettings, cookieSecret: string, action?: StaffAction | ((req: Request) => StaffAction)): RequestHandler {
  return (req, res, next) => {
    const staff = staffOf(res);
    if (!staff) {
      if (req.method === 'GET' || req.method === 'HEAD') {
        res.redirect(303, `/personale/log-ind?next=${encodeURIComponent(req.originalUrl)}`);
        return;
      }
      // A post without a valid session (or without its CSRF token) changes nothing.
      const language = pageLanguage(req, res);
      sendStaffPage(req, res, site, cookieSecret, { title: t(language, 'staff.sessionEnded'), language, main: html`<h1>${t(language, 'staff.signIn')}</h1><p>${t(language, 'staff.sessionEnded')}</p><p><a href="/personale/log-ind">${t(language, 'staff.submit')}</a></p>` }, res.locals.staffCsrfRejected ? 403 : 401);
      return;
    }
    if (!may(staff, typeof action === 'function' ? action(req) : action)) {
      const language = pageLanguage(req, res);
      sendStaffPage(req, res, site, cookieSecret, { title: t(language, 'staff.forbidden'), language, main: html`<h1>${t(language, 'staff.forbidden')}</h1><p>${t(language, 'staff.forbiddenBody')}</p>` }, 403);
      return;
    }
    next();
  };
}
