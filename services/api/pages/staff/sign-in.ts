import crypto from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { Language } from '../../../../lib/languages';
import { ApiError } from '../../http/errors';
import { CSRF_FIELD, csrfToken, verifyCsrf } from '../../http/csrf';
import { cookieName } from '../../http/cookies';
import { signIn, SignInThrottled, type SignInDependencies } from '../../http/sign-in';
import { staffOf, staffTokenOf, STAFF_COOKIE } from '../../http/staff';
import { hiddenField, textField, type FieldErrors } from '../forms';
import { html } from '../../../../lib/html';
import type { SiteSettings } from '../layout';
import { pageLanguage, readCookie } from '../page-language';
import { safeNextPath, staffPagesFor } from './access';
import { alert } from './alert';
import { homeOf, sendStaffPage } from './shell';
import { t } from '../../../../locale';
import type { OidcClient } from '../../../../lib/oidc-client';
import type { OidcClientSettings } from '../../../../lib/oidc-settings';
import { sha256Hex } from '../../../../lib/tokens';
import { OIDC_SIGN_IN_PATH, providerName } from './oidc-sign-in';

// Before there is a session, the sign-in form's CSRF token is bound to a random cookie of its own
// (so another site cannot sign a browser in to an account of its choosing).
const SIGN_IN_COOKIE = 'gf_signin';

export interface SignInPageDependencies extends SignInDependencies {
  site: SiteSettings;
  cookieSecret: string;
  publicBaseUrl: string;
  secureCookies: boolean;
  sessionMaxAgeMs: number;
  /** The municipality's OpenID provider, when configured: its button leads the sign-in page. */
  oidc?: OidcClient<OidcClientSettings>;
}

export function signInPages(deps: SignInPageDependencies): Router {
  const router = Router();
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: deps.secureCookies, path: '/' };

  function signInNonce(req: Request, res: Response): string {
    const existing = readCookie(req, cookieName(req, SIGN_IN_COOKIE, 'path'));
    if (existing && /^[A-Za-z0-9_-]{22,}$/.test(existing)) return existing;
    const nonce = crypto.randomBytes(18).toString('base64url');
    res.cookie(cookieName(req, SIGN_IN_COOKIE, 'path'), nonce, { ...cookieOptions, path: '/personale' });
    return nonce;
  }

  function showForm(req: Request, res: Response, language: Language, state: { email?: string; errors?: FieldErrors; notice?: string; next?: string }, status = 200) {
    const errors = state.errors ?? {};
    const nonce = signInNonce(req, res);
    sendStaffPage(req, res, deps.site, deps.cookieSecret, {
      title: t(language, 'staff.signIn'),
      language,
      errors,
      main: html`
        <h1>${t(language, 'staff.signIn')}</h1>
        ${state.notice ? alert('info', state.notice) : ''}
        <p>${t(language, 'staff.signInIntro')}</p>
        ${deps.oidc
          ? html`<p><a class="button button-primary" href="${OIDC_SIGN_IN_PATH}${state.next ? `?next=${encodeURIComponent(state.next)}` : ''}">${t(language, 'staff.oidcSignIn', { provider: providerName(deps.oidc, language) })}</a></p>
              <h2>${t(language, 'staff.localAccount')}</h2>
              <p>${t(language, 'staff.localAccountIntro')}</p>`
          : ''}
        <form method="post" action="/personale/log-ind" novalidate>
          ${hiddenField(CSRF_FIELD, csrfToken(deps.cookieSecret, nonce))}
          ${state.next ? hiddenField('next', state.next) : ''}
          ${textField({ name: 'email', label: t(language, 'staff.email'), language, type: 'email', autocomplete: 'username', value: state.email, error: errors.email, width: 'l', maxLength: 254 })}
          ${textField({ name: 'password', label: t(language, 'staff.password'), language, type: 'password', autocomplete: 'current-password', error: errors.password, width: 'l', maxLength: 200 })}
          ${textField({ name: 'oneTimeCode', label: t(language, 'staff.oneTimeCode'), hint: t(language, 'staff.oneTimeCodeHint'), optional: true, language, autocomplete: 'one-time-code', inputMode: 'numeric', width: 's', maxLength: 6 })}
          <button type="submit" class="button ${deps.oidc ? 'button-secondary' : 'button-primary'}">${t(language, 'staff.submit')}</button>
        </form>`,
    }, status);
  }

  // The address staff are told: signed in, their start page; otherwise the sign-in form.
  router.get('/personale', (req, res) => {
    const staff = staffOf(res);
    res.redirect(303, staff ? homeOf(staff) : '/personale/log-ind');
  });

  router.get('/personale/log-ind', (req, res) => {
    const language = pageLanguage(req, res);
    const next = safeNextPath(req.query.next);
    const staff = staffOf(res);
    if (staff) {
      res.redirect(303, next ?? homeOf(staff));
      return;
    }
    const notice = req.query['logget-ud'] !== undefined ? t(language, 'staff.signedOut') : next ? t(language, 'staff.sessionEnded') : undefined;
    showForm(req, res, language, { next, notice });
  });

  router.post('/personale/log-ind', async (req, res) => {
    const language = pageLanguage(req, res);
    verifyCsrf(req, deps.cookieSecret, readCookie(req, cookieName(req, SIGN_IN_COOKIE, 'path')) ?? '', deps.publicBaseUrl);
    const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '';
    const password = typeof req.body?.password === 'string' ? req.body.password : '';
    const oneTimeCode = typeof req.body?.oneTimeCode === 'string' && req.body.oneTimeCode.trim() ? req.body.oneTimeCode.replace(/\s/g, '').slice(0, 12) : undefined;
    const next = safeNextPath(req.body?.next);
    const errors: FieldErrors = {};
    if (!email) errors.email = t(language, 'staff.emailRequired');
    if (!password) errors.password = t(language, 'staff.passwordRequired');
    if (Object.keys(errors).length) return showForm(req, res, language, { email, errors, next }, 400);
    try {
      const session = await signIn(deps, email, password.slice(0, 200), req.ip ?? 'unknown', oneTimeCode);
      res.cookie(cookieName(req, STAFF_COOKIE), session.token, { ...cookieOptions, maxAge: deps.sessionMaxAgeMs });
      res.clearCookie(cookieName(req, SIGN_IN_COOKIE, 'path'), { ...cookieOptions, path: '/personale' });
      res.redirect(303, next ?? homeOf(session.identity));
    } catch (error) {
      if (error instanceof SignInThrottled) {
        res.set('Retry-After', String(error.retryAfterSeconds));
        return showForm(req, res, language, { email, errors: { email: t(language, 'staff.throttled') }, next }, 429);
      }
      if (error instanceof ApiError && error.status === 401) {
        return showForm(req, res, language, { email, errors: { email: t(language, 'staff.loginFailed') }, next }, 401);
      }
      throw error;
    }
  });

  router.post('/personale/log-ud', staffPagesFor(deps.site, deps.cookieSecret), async (req, res) => {
    const token = staffTokenOf(res)!;
    const session = deps.oidc ? await deps.db.staffSession.findUnique({ where: { tokenHash: sha256Hex(token) }, select: { idToken: true } }) : null;
    await deps.authenticator.logout(token);
    res.clearCookie(cookieName(req, STAFF_COOKIE), cookieOptions);
    const signedOut = '/personale/log-ind?logget-ud=1';
    // A session begun at the provider ends there too, when it offers RP-initiated logout.
    const atProvider = session?.idToken ? await deps.oidc?.logoutUrl(session.idToken, `${deps.publicBaseUrl.replace(/\/+$/, '')}${signedOut}`) : undefined;
    res.redirect(303, atProvider?.href ?? signedOut);
  });

  return router;
}
