import crypto from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { FORM_STEPS } from '../../../../domain/draft-steps';
import { verifyCsrf } from '../../http/csrf';
import { cookieName } from '../../http/cookies';
import { secondsSinceView, viewStamp } from '../../drafts/active-time';
import { findOpenRound } from '../../drafts/rounds';
import { createDraft } from '../../drafts/store';
import { memberDraftStart, recordPrefilledDraft } from '../../organisation/prefill';
import { signedInMember } from '../../organisation/session';
import { sendPage, sendPublicPage } from '../layout';
import { pageLanguage, readCookie } from '../page-language';
import type { ApplyContext } from './context';
import { setDraftCookie } from './draft-cookie';
import { positionUrl } from './draft-paths';
import { landingPage } from './landing';
import { cannotApplyPage, evaluatePrecheck, precheckPage, readPrecheck, STOP_REASONS, type StopReason } from './precheck';

// Before there is a draft, the pre-check's CSRF token is bound to a random cookie of its own.
const PRECHECK_COOKIE = 'gf_ansoeg';

/** The landing page and the pre-check, which creates the draft when the association can apply. */
export function precheckRoutes(context: ApplyContext): Router {
  const router = Router();
  const { db, site, secret } = context;

  router.get('/', async (req, res) => {
    const language = pageLanguage(req, res);
    sendPublicPage(res, await landingPage(req, db, site, language));
  });

  function precheckNonce(req: Request, res: Response): string {
    const existing = readCookie(req, cookieName(req, PRECHECK_COOKIE, 'path'));
    if (existing && /^[A-Za-z0-9_-]{22,}$/.test(existing)) return existing;
    const nonce = crypto.randomBytes(18).toString('base64url');
    res.cookie(cookieName(req, PRECHECK_COOKIE, 'path'), nonce, { httpOnly: true, sameSite: 'lax', secure: context.secureCookies, path: '/ansoeg' });
    return nonce;
  }

  router.get('/ansoeg/:slug', async (req, res) => {
    const language = pageLanguage(req, res);
    const round = await findOpenRound(db, { slug: String(req.params.slug) });
    const nonce = precheckNonce(req, res);
    sendPublicPage(res, precheckPage(req, site, language, round, { answers: {}, errors: {}, csrf: context.csrfFor(nonce), shownStamp: viewStamp(secret, 'precheck', round.slug) }));
  });

  router.post('/ansoeg/:slug', async (req, res) => {
    const language = pageLanguage(req, res);
    const round = await findOpenRound(db, { slug: String(req.params.slug) });
    verifyCsrf(req, secret, readCookie(req, cookieName(req, PRECHECK_COOKIE, 'path')) ?? '', context.publicBaseUrl);
    const answers = readPrecheck(req.body ?? {});
    const outcome = evaluatePrecheck(answers, language, round);
    if (outcome.kind === 'incomplete') {
      const nonce = precheckNonce(req, res);
      sendPage(res, precheckPage(req, site, language, round, { answers, errors: outcome.errors, csrf: context.csrfFor(nonce), shownStamp: String(req.body._shown ?? '') }), 400);
      return;
    }
    if (outcome.kind === 'stop') {
      res.redirect(303, `/ansoeg/${round.slug}/kan-ikke-soege?grund=${outcome.reason}`);
      return;
    }
    // A signed-in member's association's own application starts filled in from its profile and last application.
    const member = outcome.informalGroup ? undefined : await signedInMember(db, req);
    const start = member ? await memberDraftStart(db, member, context.config.JURISDICTION) : undefined;
    const { id, token } = await createDraft(db, {
      roundId: round.id,
      language,
      answers: { ...start?.answers, project: { childrenUnder15: outcome.childrenUnder15 }, ...(outcome.informalGroup ? { applicant: { kind: 'informalGroup' } } : {}) },
      precheck: answers as Record<string, string>,
      precheckSeconds: secondsSinceView(secret, 'precheck', round.slug, req.body._shown),
      ...(start ? { prefilledFrom: start.prefilledFrom, returningApplicant: start.returningApplicant } : {}),
    });
    if (member) await recordPrefilledDraft(db, member, id);
    setDraftCookie(res, id, token, context.secureCookies);
    res.redirect(303, positionUrl(id, FORM_STEPS[0]));
  });

  router.get('/ansoeg/:slug/kan-ikke-soege', async (req, res) => {
    const language = pageLanguage(req, res);
    const round = await findOpenRound(db, { slug: String(req.params.slug) });
    const reason = (STOP_REASONS as readonly unknown[]).includes(req.query.grund) ? (req.query.grund as StopReason) : 'not_association';
    sendPublicPage(res, cannotApplyPage(req, site, language, round, reason));
  });

  return router;
}
