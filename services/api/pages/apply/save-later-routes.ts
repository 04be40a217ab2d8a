import { Router, type Request, type Response } from 'express';
import { t, type Language } from '../../../../locale';
import { ApiError } from '../../http/errors';
import { verifyCsrf } from '../../http/csrf';
import type { StoredDraft } from '../../drafts/access';
import { resumeLinkSchema, sendResumeLink } from '../../drafts/resume-link';
import { draftData } from '../../drafts/store';
import type { FieldErrors } from '../forms';
import { sendPage } from '../layout';
import { pageLanguage } from '../page-language';
import type { ApplyContext } from './context';
import { draftPath, positionUrl } from './draft-paths';
import { saveLaterPage } from './save-later';
import { municipalityContact } from '../../admin/round-frame';
import { ORGANISATION_PATH } from '../../organisation/paths';

function resumeEmailDefault(draft: StoredDraft): string {
  const answers = draftData(draft.data).answers as { contact?: { email?: unknown }; organization?: { email?: unknown } };
  const candidate = draft.resumeEmail ?? answers.contact?.email ?? answers.organization?.email;
  return typeof candidate === 'string' ? candidate : '';
}

/** "Save and continue later": the private link to the draft, sent by email. */
export function saveLaterRoutes(context: ApplyContext): Router {
  const router = Router();

  type Form = { email: string; errors: FieldErrors; sentTo?: string };
  function showSaveLater(req: Request, res: Response, language: Language, opened: { draft: StoredDraft; token: string }, form: Form, status = 200) {
    const { draft, token } = opened;
    const page = saveLaterPage(req, context.site, language, { draftId: draft.id, ...form, csrf: context.csrfFor(token), backHref: positionUrl(draft.id, draft.currentStep) });
    sendPage(res, page, status);
  }

  router.get('/kladde/:id/gem', async (req, res) => {
    const opened = await context.openDraft(req, res);
    if (!opened) return;
    // A member's drafts wait on the organisation's page; there is no private link to mail them.
    if (opened.member) return res.redirect(303, ORGANISATION_PATH);
    const { draft } = opened;
    const sentTo = req.query.sendt && draft.resumeEmail ? draft.resumeEmail : undefined;
    showSaveLater(req, res, pageLanguage(req, res), opened, { email: resumeEmailDefault(draft), errors: {}, sentTo });
  });

  router.post('/kladde/:id/gem', async (req, res) => {
    const opened = await context.openDraft(req, res);
    if (!opened) return;
    if (opened.member) return res.redirect(303, ORGANISATION_PATH);
    const { draft, token } = opened;
    verifyCsrf(req, context.secret, token, context.publicBaseUrl);
    const language = pageLanguage(req, res);
    const parsed = resumeLinkSchema.safeParse({ email: req.body.email ?? '' });
    let error: string | undefined = parsed.success ? undefined : t(language, 'apply.saveLater.invalidEmail');
    let status = 400;
    if (parsed.success) {
      try {
        await sendResumeLink({ db: context.db, rateLimits: context.rateLimits, publicBaseUrl: context.publicBaseUrl, municipalityName: context.config.MUNICIPALITY_NAME, municipalityContact: municipalityContact(context.config) }, draft, token, parsed.data.email, language);
      } catch (failure) {
        if (!(failure instanceof ApiError) || failure.status >= 500) throw failure;
        error = t(language, failure.messageKey, failure.values);
        status = failure.status;
        if (failure.retryAfterSeconds !== undefined) res.set('Retry-After', String(failure.retryAfterSeconds));
      }
    }
    if (error) {
      const typed = typeof req.body.email === 'string' ? req.body.email : '';
      showSaveLater(req, res, language, opened, { email: typed, errors: { email: error } }, status);
      return;
    }
    res.redirect(303, `${draftPath(draft.id)}/gem?sendt=1`);
  });

  return router;
}
