import type { Request, Response } from 'express';
import { isLanguage, type Language } from '../../../lib/languages';
import { jurisdictionRules } from '../../../domain/jurisdiction';
import { requestJurisdiction } from '../http/language';
import { cookieName, SECURE_COOKIES_SETTING } from '../http/cookies';

export const LANGUAGE_COOKIE = 'grantflow_lang';

/**
 * Pages are Danish (bokmål in a Norwegian deployment) unless the visitor chose otherwise with the language switcher (?lang=), which
 * is remembered in a cookie. Accept-Language is not used: a Danish municipality's pages open in
 * Danish on an English-language phone too, and the switcher is on every page.
 */
export function pageLanguage(req: Request, res: Response): Language {
  const chosen = req.query?.lang;
  if (isLanguage(chosen)) {
    if (readCookie(req, cookieName(req, LANGUAGE_COOKIE)) !== chosen) {
      const secure = Boolean(req.app.get(SECURE_COOKIES_SETTING));
      res.cookie(cookieName(req, LANGUAGE_COOKIE), chosen, { httpOnly: true, sameSite: 'lax', secure, maxAge: 365 * 24 * 3600 * 1000, path: '/' });
    }
    return chosen;
  }
  const remembered = readCookie(req, cookieName(req, LANGUAGE_COOKIE));
  return isLanguage(remembered) ? remembered : jurisdictionRules(requestJurisdiction(req)).defaultLanguage;
}

/** One cookie's value from the Cookie header (no cookie-parser dependency for a few cookies). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
