import type pg from 'pg';
import type { Request, Response } from 'express';
import type { Config } from '../../../../lib/config';
import type { Database } from '../../../../lib/db';
import type { Logger } from '../../../../lib/logger';
import { t, type Language } from '../../../../locale';
import { FORM_STEPS, type DraftAnswers } from '../../../../domain/draft-steps';
import { csrfToken } from '../../http/csrf';
import { secureCookies } from '../../http/cookies';
import type { WorkflowStarter } from '../../applications/workflow-starter';
import { draftForToken, type StoredDraft } from '../../drafts/access';
import { documentsAskedFor } from '../../drafts/documents';
import type { SiteSettings } from '../layout';
import { draftTokenFrom } from './draft-cookie';
import { draftPath, positionUrl } from './draft-paths';
import type { FormOutline } from './page-parts';
import type { RateLimits } from '../../http/rate-limits';
import { signedInMember, type SignedInMember } from '../../organisation/session';
import { draftForMember } from '../../organisation/work';

export interface ApplyPageDependencies {
  config: Config;
  db: Database;
  site: SiteSettings;
  publicBaseUrl: string;
  workflows: WorkflowStarter;
  /** Intake's plain connections (services/api/applications/intake.ts). */
  sql: pg.Pool;
  log: Logger;
  rateLimits: RateLimits;
}

/** What every route of the association's form shares: its dependencies, cookies and CSRF tokens. */
export interface ApplyContext extends ApplyPageDependencies {
  secret: string;
  secureCookies: boolean;
  /** The CSRF token of a form, bound to the draft's (or the pre-check's) cookie value. */
  csrfFor(cookieValue: string): string;
  /**
   * The draft this browser holds the token of — or, without one, that a signed-in member of the
   * draft's organisation opens (then `token` is the member's session, for the CSRF binding) — or
   * undefined once it redirected to the receipt (a member: to the case).
   */
  openDraft(req: Request, res: Response): Promise<{ draft: StoredDraft; token: string; member?: SignedInMember } | undefined>;
}

export function applyContext(deps: ApplyPageDependencies): ApplyContext {
  const secret = deps.config.COOKIE_SECRET;
  return {
    ...deps,
    secret,
    secureCookies: secureCookies(deps.config),
    csrfFor: (cookieValue) => csrfToken(secret, cookieValue),
    async openDraft(req, res) {
      const token = draftTokenFrom(req);
      const member = token ? undefined : await signedInMember(deps.db, req);
      if (member) {
        const draft = await draftForMember(deps.db, req.params.id, member, deps.config.JURISDICTION);
        if (draft.submittedAt && draft.applicationId) {
          res.redirect(303, `/sag/${draft.applicationId}`);
          return undefined;
        }
        return { draft, token: member.sessionToken, member };
      }
      const draft = await draftForToken(deps.db, req.params.id, token);
      if (draft.submittedAt) {
        res.redirect(303, `${draftPath(draft.id)}/kvittering`);
        return undefined;
      }
      return { draft, token: token! };
    },
  };
}

/** The step indicator's steps: the form's own, the documents when the amount asks for any, the summary. */
export function outlineOf(draft: { id: string; round: StoredDraft['round'] }, answers: DraftAnswers, language: Language): FormOutline {
  return {
    steps: [
      ...FORM_STEPS.map((step) => ({ key: step as string, label: t(language, `common.formStep.${step}`), href: positionUrl(draft.id, step) })),
      ...(documentsAskedFor(draft.round, answers).length ? [{ key: 'documents', label: t(language, 'apply.documents.title'), href: positionUrl(draft.id, 'documents') }] : []),
      { key: 'summary', label: t(language, 'apply.summary.step'), href: positionUrl(draft.id, 'summary') },
    ],
  };
}
