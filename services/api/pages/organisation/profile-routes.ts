import { Router, type Request, type Response } from 'express';
import type { Config } from '../../../../lib/config';
import type { Database } from '../../../../lib/db';
import type { Logger } from '../../../../lib/logger';
import { createBusinessRegister, type BusinessRegister } from '../../../../lib/register';
import { zodErrorMap, type Language } from '../../../../locale';
import { profileFormInput, profileSchema } from '../../../../domain/organisation-profile';
import { csrfToken, verifyCsrf } from '../../http/csrf';
import { zodIssues } from '../../http/errors';
import { PROFILE_PATH, PROFILE_REFRESH_PATH, SIGN_IN_PATH } from '../../organisation/paths';
import { signedInMember, type SignedInMember } from '../../organisation/session';
import { profileOf, refreshFromRegister, refreshWhenDue, saveProfile, storedProfile, type ProfileRow, type RegisterRefresh } from '../../organisation/profile';
import type { FieldErrors } from '../forms';
import { sendPage, type SiteSettings } from '../layout';
import { pageLanguage } from '../page-language';
import { profilePage, type ProfileState } from './profile-views';

export interface ProfilePageDependencies {
  config: Config;
  db: Database;
  site: SiteSettings;
  publicBaseUrl: string;
  log?: Logger;
  /** The business register the profile is refreshed from (default: the configured one). */
  register?: BusinessRegister;
}

const SAVED = { gemt: 'saved', uaendret: 'nothingChanged' } as const;
const REFRESHED: Record<string, RegisterRefresh> = { hentet: 'refreshed', samme: 'unchanged', ukendt: 'notFound', svarer_ikke: 'unavailable' };
const REFRESH_QUERY: Record<RegisterRefresh, string> = { refreshed: 'hentet', unchanged: 'samme', notFound: 'ukendt', unavailable: 'svarer_ikke' };

/**
 * The association's profile at /forening/profil (README "Organisation access"): every member sees
 * and edits it; opening it reads the register when a day has passed since it was last asked, and
 * its button reads it at once. Pages only: the organisation has no JSON API.
 */
export function profilePages(deps: ProfilePageDependencies): Router {
  const router = Router();
  const { db, site, publicBaseUrl, config } = deps;
  const secret = config.COOKIE_SECRET;
  const register = deps.register ?? createBusinessRegister(config);

  async function memberOrSignIn(req: Request, res: Response): Promise<SignedInMember | undefined> {
    const member = await signedInMember(db, req);
    if (!member) res.redirect(303, SIGN_IN_PATH);
    return member;
  }

  function show(req: Request, res: Response, member: SignedInMember, language: Language, profile: ProfileRow, state: ProfileState, status = 200): void {
    const registerView = { name: profile.registerName, address: profile.registerAddress, status: profile.registerStatus, readAt: profile.registerReadAt };
    sendPage(res, profilePage(req, site, language, member, { jurisdiction: config.JURISDICTION, register: registerView, csrf: csrfToken(secret, member.sessionToken) }, state), status);
  }

  router.get(PROFILE_PATH, async (req, res) => {
    const member = await memberOrSignIn(req, res);
    if (!member) return;
    const language = pageLanguage(req, res);
    // Opening the page reads the register once a day; its answer (or silence) is the page's notice.
    const due = await refreshWhenDue(db, register, member);
    if (due === 'unavailable') deps.log?.warn({ organisation: member.organisation.id }, 'register did not answer on opening the profile');
    const shown = REFRESHED[String(req.query.register)] ?? (due === 'refreshed' || due === 'unavailable' ? due : undefined);
    const profile = await profileOf(db, member.organisation);
    show(req, res, member, language, profile, { values: storedProfile(profile), errors: {}, saved: SAVED[String(req.query.udfoert) as keyof typeof SAVED], refresh: shown });
  });

  router.post(PROFILE_PATH, async (req, res) => {
    const member = await memberOrSignIn(req, res);
    if (!member) return;
    verifyCsrf(req, secret, member.sessionToken, publicBaseUrl);
    const language = pageLanguage(req, res);
    const typed = profileFormInput(req.body ?? {}, config.JURISDICTION);
    const parsed = profileSchema(config.JURISDICTION).safeParse(typed, { error: zodErrorMap(language) });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of zodIssues(parsed.error, language)) errors[issue.path.split('.')[0] || 'name'] ??= issue.message;
      show(req, res, member, language, await profileOf(db, member.organisation), { values: typed, errors }, 400);
      return;
    }
    const changed = await saveProfile(db, member, parsed.data);
    res.redirect(303, `${PROFILE_PATH}?udfoert=${changed.length ? 'gemt' : 'uaendret'}`);
  });

  router.post(PROFILE_REFRESH_PATH, async (req, res) => {
    const member = await memberOrSignIn(req, res);
    if (!member) return;
    verifyCsrf(req, secret, member.sessionToken, publicBaseUrl);
    const outcome = await refreshFromRegister(db, register, member);
    if (outcome === 'unavailable') deps.log?.warn({ organisation: member.organisation.id }, 'register did not answer the profile refresh');
    res.redirect(303, `${PROFILE_PATH}?register=${REFRESH_QUERY[outcome]}`);
  });

  return router;
}
