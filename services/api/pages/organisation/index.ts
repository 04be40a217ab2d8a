import crypto from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { Config } from '../../../../lib/config';
import type { Database } from '../../../../lib/db';
import type { Logger } from '../../../../lib/logger';
import { t, zodErrorMap, type Language } from '../../../../locale';
import { invitationSchema, memberChoiceSchema, signInRequestSchema } from '../../../../domain/organisation-access';
import { csrfToken, verifyCsrf } from '../../http/csrf';
import { cookieName, secureCookies } from '../../http/cookies';
import { ApiError, errorBody, zodIssues } from '../../http/errors';
import type { RateLimits } from '../../http/rate-limits';
import type { OidcClient } from '../../../../lib/oidc-client';
import type { MemberOidcClientSettings } from '../../../../lib/member-oidc-settings';
import { providerSignInPages } from './provider-sign-in';
import { municipalityContact } from '../../admin/round-frame';
import { validated } from '../../admin/validated';
import { HANDOVER_PATH, INVITE_PATH, MEMBERS_PATH, ORGANISATION_PATH, REMOVE_PATH, SIGN_IN_LINK_PATH, SIGN_IN_PATH, SIGN_IN_SENT_PATH, SIGN_OUT_PATH } from '../../organisation/paths';
import { pendingSignIn, requestSignInLink, signInWithLink, type SignInDeps } from '../../organisation/sign-in';
import { clearMemberCookie, endMemberSession, setMemberCookie, signedInMember, type SignedInMember } from '../../organisation/session';
import { handOverAdministrator, inviteMember, membersOf, removeMember } from '../../organisation/membership';
import { organisationWork } from '../../organisation/work';
import type { FieldErrors } from '../forms';
import { sendPage, type SiteSettings } from '../layout';
import { pageLanguage, readCookie } from '../page-language';
import { openRounds } from '../apply/landing';
import { profilePages } from './profile-routes';
import { startRoundsSection } from './start-rounds';
import { membersPage, overviewPage, signInLinkInvalidPage, signInLinkPage, signInPage, signInSentPage, type MembersState } from './views';

// Before anyone is signed in, the sign-in form's CSRF token is bound to a random cookie of its own.
const SIGN_IN_COOKIE = 'gf_forening_login';
const NOTICES = { tilfoejet: 'organisation.members.invited', fjernet: 'organisation.members.removed', overdraget: 'organisation.members.handedOver' } as const;

export interface OrganisationPageDependencies {
  config: Config;
  db: Database;
  site: SiteSettings;
  publicBaseUrl: string;
  rateLimits: RateLimits;
  log: Logger;
  /** The organisations' OpenID provider (MitID Erhverv), when one is configured. */
  memberOidc?: OidcClient<MemberOidcClientSettings>;
}

function tokenFrom(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

/**
 * The association's own pages under /forening: sign-in by a one-time link to the member's email,
 * the overview of the organisation's drafts and cases, and the members page where the
 * administrator invites, removes and hands over (README "Organisation access").
 */
export function organisationPages(deps: OrganisationPageDependencies): Router {
  const router = Router();
  const { db, site, publicBaseUrl } = deps;
  const secret = deps.config.COOKIE_SECRET;
  const secure = secureCookies(deps.config);
  const provider = deps.memberOidc?.settings.providerName;
  if (deps.memberOidc) {
    router.use(
      providerSignInPages({ oidc: deps.memberOidc, db, log: deps.log, site, jurisdiction: deps.config.JURISDICTION, cookieSecret: secret, publicBaseUrl, secureCookies: secure, rateLimits: deps.rateLimits }),
    );
  }
  const signInDeps: SignInDeps = { db, rateLimits: deps.rateLimits, publicBaseUrl, municipalityName: site.municipalityName, municipalityContact: municipalityContact(deps.config) };

  function formNonce(req: Request, res: Response): string {
    const existing = readCookie(req, cookieName(req, SIGN_IN_COOKIE, 'path'));
    if (existing && /^[A-Za-z0-9_-]{22,}$/.test(existing)) return existing;
    const nonce = crypto.randomBytes(18).toString('base64url');
    res.cookie(cookieName(req, SIGN_IN_COOKIE, 'path'), nonce, { httpOnly: true, sameSite: 'lax', secure, path: SIGN_IN_PATH });
    return nonce;
  }

  /** The signed-in member, or a redirect to the sign-in page. */
  async function memberOrSignIn(req: Request, res: Response): Promise<SignedInMember | undefined> {
    const member = await signedInMember(db, req);
    if (!member) res.redirect(303, SIGN_IN_PATH);
    return member;
  }

  router.get(SIGN_IN_PATH, (req, res) => {
    const language = pageLanguage(req, res);
    const notice = req.query['logget-ud'] ? t(language, 'organisation.signedOut') : undefined;
    sendPage(res, signInPage(req, site, language, { organisationNumber: '', email: '', errors: {}, csrf: csrfToken(secret, formNonce(req, res)), notice, provider }));
  });

  router.post(SIGN_IN_PATH, async (req, res) => {
    const language = pageLanguage(req, res);
    verifyCsrf(req, secret, readCookie(req, cookieName(req, SIGN_IN_COOKIE, 'path')) ?? '', publicBaseUrl);
    const fields = { organisationNumber: String(req.body?.organisationNumber ?? ''), email: String(req.body?.email ?? '') };
    const errors: FieldErrors = {};
    let status = 400;
    const parsed = signInRequestSchema(deps.config.JURISDICTION).safeParse(fields, { error: zodErrorMap(language) });
    if (!parsed.success) {
      for (const issue of zodIssues(parsed.error, language)) errors[issue.path.split('.')[0] || 'email'] ??= issue.message;
    } else {
      try {
        await requestSignInLink(signInDeps, parsed.data, language);
      } catch (failure) {
        if (!(failure instanceof ApiError) || failure.status >= 500) throw failure;
        status = failure.status;
        if (failure.retryAfterSeconds !== undefined) res.set('Retry-After', String(failure.retryAfterSeconds));
        errors.email = errorBody(failure, language).error.message;
      }
    }
    if (Object.keys(errors).length) {
      sendPage(res, signInPage(req, site, language, { ...fields, errors, csrf: csrfToken(secret, formNonce(req, res)), provider }), status);
      return;
    }
    res.redirect(303, SIGN_IN_SENT_PATH);
  });

  router.get(SIGN_IN_SENT_PATH, (req, res) => {
    sendPage(res, signInSentPage(req, site, pageLanguage(req, res)));
  });

  router.get(SIGN_IN_LINK_PATH, async (req, res) => {
    const language = pageLanguage(req, res);
    const token = tokenFrom(req.query.adgang);
    if (!token || !(await pendingSignIn(db, token))) return sendPage(res, signInLinkInvalidPage(req, site, language), 410);
    res.set('Referrer-Policy', 'no-referrer');
    sendPage(res, signInLinkPage(req, site, language, token));
  });

  // The token is the authority (as a confirmation link's is): no cookie of ours exists yet to bind a CSRF token to.
  router.post(SIGN_IN_LINK_PATH, async (req, res) => {
    const language = pageLanguage(req, res);
    const token = tokenFrom(req.body?.adgang);
    const signedIn = token ? await signInWithLink(db, token) : undefined;
    if (!signedIn) return sendPage(res, signInLinkInvalidPage(req, site, language), 410);
    setMemberCookie(res, signedIn.sessionToken, secure);
    res.redirect(303, ORGANISATION_PATH);
  });

  router.post(SIGN_OUT_PATH, async (req, res) => {
    const member = await signedInMember(db, req);
    if (member) {
      verifyCsrf(req, secret, member.sessionToken, publicBaseUrl);
      await endMemberSession(db, member.sessionToken);
    }
    clearMemberCookie(res, secure);
    res.redirect(303, `${SIGN_IN_PATH}?logget-ud=1`);
  });

  router.get(ORGANISATION_PATH, async (req, res) => {
    const member = await memberOrSignIn(req, res);
    if (!member) return;
    const language = pageLanguage(req, res);
    const [work, rounds] = await Promise.all([organisationWork(db, member.organisation.number), openRounds(db)]);
    sendPage(res, overviewPage(req, site, language, member, work, csrfToken(secret, member.sessionToken), undefined, startRoundsSection(language, rounds)));
  });

  async function showMembers(req: Request, res: Response, member: SignedInMember, language: Language, state: MembersState, status = 200): Promise<void> {
    const [members, history] = await Promise.all([
      membersOf(db, member.organisation.id),
      // The membership's changes; each sign-in is an event too, kept for the record, not listed here.
      db.organisationEvent.findMany({ where: { organisationId: member.organisation.id, type: { not: 'signed_in' } }, orderBy: { occurredAt: 'desc' }, take: 50 }),
    ]);
    sendPage(res, membersPage(req, site, language, member, members, history, csrfToken(secret, member.sessionToken), state), status);
  }

  router.get(MEMBERS_PATH, async (req, res) => {
    const member = await memberOrSignIn(req, res);
    if (!member) return;
    const language = pageLanguage(req, res);
    const done = NOTICES[String(req.query.udfoert) as keyof typeof NOTICES];
    await showMembers(req, res, member, language, { errors: {}, inviteEmail: '', notice: done && t(language, done) });
  });

  /** A members form's post: the member, the CSRF check, the change; a refusal shows the page with its message (nothing changed). */
  function membersPost(path: string, change: (member: SignedInMember, body: Record<string, unknown>, language: Language) => Promise<string>) {
    router.post(path, async (req, res) => {
      const member = await memberOrSignIn(req, res);
      if (!member) return;
      verifyCsrf(req, secret, member.sessionToken, publicBaseUrl);
      const language = pageLanguage(req, res);
      try {
        res.redirect(303, await change(member, req.body ?? {}, language));
      } catch (failure) {
        if (!(failure instanceof ApiError) || failure.status >= 500) throw failure;
        const { message, issues } = errorBody(failure, language).error;
        const errors: FieldErrors = {};
        for (const issue of issues.length ? issues : [{ path: 'memberId', message }]) errors[issue.path.split('.')[0] || 'memberId'] ??= issue.message;
        await showMembers(req, res, member, language, { errors, inviteEmail: String(req.body?.inviteEmail ?? '') }, failure.status);
      }
    });
  }

  membersPost(INVITE_PATH, async (member, body, language) => {
    const { email } = validated(invitationSchema, { email: String(body.inviteEmail ?? '') }, language);
    await inviteMember(signInDeps, member, email, language);
    return `${MEMBERS_PATH}?udfoert=tilfoejet`;
  });

  membersPost(REMOVE_PATH, async (member, body, language) => {
    const { memberId } = validated(memberChoiceSchema, { memberId: String(body.memberId ?? '') }, language);
    await removeMember(db, member, memberId);
    return `${MEMBERS_PATH}?udfoert=fjernet`;
  });

  membersPost(HANDOVER_PATH, async (member, body, language) => {
    const { memberId } = validated(memberChoiceSchema, { memberId: String(body.memberId ?? '') }, language);
    await handOverAdministrator(db, member, memberId);
    return `${MEMBERS_PATH}?udfoert=overdraget`;
  });

  router.use(profilePages({ ...deps, log: deps.log }));

  return router;
}

