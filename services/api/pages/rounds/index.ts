import crypto from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { Config } from '../../../../lib/config';
import type { Database } from '../../../../lib/db';
import { zodErrorMap, type Language } from '../../../../locale';
import { CONFIRM_PATH, ROUNDS_FEED_PATH, ROUNDS_PATH, SUBSCRIBE_PATH, SUBSCRIPTION_SENT_PATH, UNSUBSCRIBE_PATH } from '../../../../lib/round-links';
import { roundSubscriptionInputSchema, subscriptionFormInput } from '../../../../domain/round-subscription-input';
import { slugSchema } from '../../../../domain/round-input';
import { csrfToken, verifyCsrf } from '../../http/csrf';
import { cookieName, secureCookies } from '../../http/cookies';
import { ApiError, errorBody, zodIssues } from '../../http/errors';
import type { RateLimits } from '../../http/rate-limits';
import { municipalityContact } from '../../admin/round-frame';
import { confirmRoundSubscription, pendingConfirmation, requestRoundSubscription, tokenFrom, unsubscribeRoundAlerts } from '../../round-catalogue/subscriptions';
import type { FieldErrors } from '../forms';
import { sendPage, sendPublicPage, type SiteSettings } from '../layout';
import { pageLanguage, readCookie } from '../page-language';
import { roundCalendarFile, roundsFeed } from './calendar';
import { catalogue, catalogueRound, catalogueRounds } from '../../round-catalogue/catalogue';
import { cataloguePage, type SubscriptionForm } from './catalogue-page';
import { confirmedPage, confirmLinkInvalidPage, confirmPage, subscriptionSentPage, unsubscribedPage, unsubscribePage } from './subscription-pages';

// Before anything is stored the subscription form's CSRF token is bound to a random cookie of its own.
const SUBSCRIBE_COOKIE = 'gf_puljer';

/** The form's fields as the page names them: the schema's `schemes` is the checkboxes' `ordning`. */
const FORM_FIELD: Record<string, string> = { email: 'email', schemes: 'ordning' };

export interface RoundPageDependencies {
  config: Config;
  db: Database;
  site: SiteSettings;
  publicBaseUrl: string;
  rateLimits: RateLimits;
}

/** The public round catalogue, its calendar feed, and the round alerts' subscription pages. */
export function roundPages(deps: RoundPageDependencies): Router {
  const router = Router();
  const { db, site, publicBaseUrl } = deps;
  const secret = deps.config.COOKIE_SECRET;
  const calendarOptions = (language: Language) => ({ language, publicBaseUrl, municipalityName: site.municipalityName });

  function formNonce(req: Request, res: Response): string {
    const existing = readCookie(req, cookieName(req, SUBSCRIBE_COOKIE, 'path'));
    if (existing && /^[A-Za-z0-9_-]{22,}$/.test(existing)) return existing;
    const nonce = crypto.randomBytes(18).toString('base64url');
    res.cookie(cookieName(req, SUBSCRIBE_COOKIE, 'path'), nonce, { httpOnly: true, sameSite: 'lax', secure: secureCookies(deps.config), path: ROUNDS_PATH });
    return nonce;
  }

  async function showCatalogue(req: Request, res: Response, language: Language, form: Omit<SubscriptionForm, 'csrf'>, status = 200) {
    const page = cataloguePage(req, site, language, await catalogue(db), { ...form, csrf: csrfToken(secret, formNonce(req, res)) });
    if (status === 200) sendPublicPage(res, page);
    else sendPage(res, page, status);
  }

  router.get(ROUNDS_PATH, async (req, res) => {
    await showCatalogue(req, res, pageLanguage(req, res), { email: '', allSchemes: true, schemes: [], errors: {} });
  });

  router.post(SUBSCRIBE_PATH, async (req, res) => {
    const language = pageLanguage(req, res);
    verifyCsrf(req, secret, readCookie(req, cookieName(req, SUBSCRIBE_COOKIE, 'path')) ?? '', publicBaseUrl);
    const fields = subscriptionFormInput(req.body ?? {});
    const errors: FieldErrors = {};
    let status = 400;
    const parsed = roundSubscriptionInputSchema.safeParse(fields, { error: zodErrorMap(language) });
    if (!parsed.success) {
      for (const issue of zodIssues(parsed.error, language)) errors[FORM_FIELD[issue.path.split('.')[0]!] ?? 'email'] ??= issue.message;
    } else {
      try {
        await requestRoundSubscription({ db, rateLimits: deps.rateLimits, publicBaseUrl, municipalityName: site.municipalityName, municipalityContact: municipalityContact(deps.config) }, parsed.data, language);
      } catch (failure) {
        if (!(failure instanceof ApiError) || failure.status >= 500) throw failure;
        status = failure.status;
        if (failure.retryAfterSeconds !== undefined) res.set('Retry-After', String(failure.retryAfterSeconds));
        const { message, issues } = errorBody(failure, language).error;
        for (const issue of issues.length ? issues : [{ path: 'email', message }]) errors[FORM_FIELD[issue.path] ?? 'email'] ??= issue.message;
      }
    }
    if (Object.keys(errors).length) {
      await showCatalogue(req, res, language, { ...fields, errors }, status);
      return;
    }
    res.redirect(303, SUBSCRIPTION_SENT_PATH);
  });

  router.get(SUBSCRIPTION_SENT_PATH, (req, res) => {
    sendPublicPage(res, subscriptionSentPage(req, site, pageLanguage(req, res)));
  });

  router.get(CONFIRM_PATH, async (req, res) => {
    const language = pageLanguage(req, res);
    const token = tokenFrom(req.query.adgang);
    const pending = token ? await pendingConfirmation(db, token) : undefined;
    // The address bar holds a token: never stored, not even for the back button.
    if (!token || !pending) sendPage(res, confirmLinkInvalidPage(req, site, language), 404);
    else sendPage(res, confirmPage(req, site, language, token));
  });

  router.post(CONFIRM_PATH, async (req, res) => {
    const language = pageLanguage(req, res);
    const token = tokenFrom(req.body?.adgang ?? req.query.adgang);
    if (token && (await confirmRoundSubscription(db, token))) sendPage(res, confirmedPage(req, site, language));
    else sendPage(res, confirmLinkInvalidPage(req, site, language), 404);
  });

  router.get(UNSUBSCRIBE_PATH, (req, res) => {
    const language = pageLanguage(req, res);
    const token = tokenFrom(req.query.adgang);
    if (!token) throw new ApiError(404, 'not_found', 'errors.http.notFound');
    sendPage(res, unsubscribePage(req, site, language, token));
  });

  // RFC 8058's one-click POST ("List-Unsubscribe=One-Click" to the address in List-Unsubscribe)
  // and the page's button alike. The token is the authority: a mail program posts without cookies
  // or a page of ours, so there is no CSRF token to check, and no one else knows the token.
  router.post(UNSUBSCRIBE_PATH, async (req, res) => {
    const language = pageLanguage(req, res);
    const token = tokenFrom(req.query.adgang ?? req.body?.adgang);
    if (!token) throw new ApiError(404, 'not_found', 'errors.http.notFound');
    // Unknown: its subscription ended already (or never was); either way nothing more is sent.
    await unsubscribeRoundAlerts(db, token);
    sendPage(res, unsubscribedPage(req, site, language));
  });

  router.get(ROUNDS_FEED_PATH, async (req, res) => {
    const language = pageLanguage(req, res);
    sendCalendar(res, roundsFeed(await catalogueRounds(db), calendarOptions(language)), 'puljer.ics');
  });

  router.get(`${ROUNDS_PATH}/:file`, async (req, res, next) => {
    const match = /^(.+)\.ics$/.exec(String(req.params.file));
    if (!match || slugSchema.safeParse(match[1]).data !== match[1]) return next();
    const round = await catalogueRound(db, match[1]!);
    if (!round) throw new ApiError(404, 'round_not_found', 'errors.round.notFound');
    sendCalendar(res, roundCalendarFile(round, calendarOptions(pageLanguage(req, res))), `${round.slug}.ics`);
  });

  return router;
}

/** An iCalendar file: for a calendar program to subscribe to, or a browser to open or save. */
function sendCalendar(res: Response, content: string, filename: string): void {
  res
    .status(200)
    // Private: its language may follow the visitor's cookie. Five minutes old at most.
    .set('Cache-Control', 'private, max-age=300')
    .set('Content-Disposition', `inline; filename="${filename}"`)
    .type('text/calendar; charset=utf-8')
    .send(content);
}
