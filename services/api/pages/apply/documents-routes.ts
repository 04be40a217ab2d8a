import { Router, type Request, type Response } from 'express';
import { t } from '../../../../locale';
import { FORM_STEPS } from '../../../../domain/draft-steps';
import { ApiError } from '../../http/errors';
import { verifyCsrf } from '../../http/csrf';
import { receiveMultipart, type ReceivedFile } from '../../http/uploads';
import { storeDocuments } from '../../documents/store';
import type { StoredDraft } from '../../drafts/access';
import { secondsSinceView, viewStamp } from '../../drafts/active-time';
import { documentsAskedFor, draftDocuments, removeDraftDocument } from '../../drafts/documents';
import { addActiveSeconds, draftData, moveTo } from '../../drafts/store';
import type { FieldErrors } from '../forms';
import { sendPage } from '../layout';
import { pageLanguage } from '../page-language';
import { outlineOf, type ApplyContext } from './context';
import { positionUrl } from './draft-paths';
import { documentsPage } from './documents-step';

/** The documents step: the files the requested amount asks for, uploaded with or without JavaScript. */
export function documentsRoutes(context: ApplyContext): Router {
  const router = Router();
  const { db, config, secret } = context;
  const limits = { maxFileBytes: config.UPLOAD_MAX_FILE_BYTES, maxFiles: config.UPLOAD_MAX_FILES };

  async function showDocuments(req: Request, res: Response, draft: StoredDraft, token: string, errors: FieldErrors, status = 200) {
    const language = pageLanguage(req, res);
    const answers = draftData(draft.data).answers;
    const uploaded = await draftDocuments(db, draft.id);
    sendPage(
      res,
      documentsPage(req, context.site, language, {
        draftId: draft.id,
        round: draft.round,
        asked: documentsAskedFor(draft.round, answers),
        uploaded,
        errors,
        outline: outlineOf(draft, answers, language),
        csrf: context.csrfFor(token),
        shownStamp: viewStamp(secret, draft.id, 'documents'),
        ...limits,
      }),
      status,
    );
  }

  router.get('/kladde/:id/dokumenter', async (req, res) => {
    const opened = await context.openDraft(req, res);
    if (!opened) return;
    if (!documentsAskedFor(opened.draft.round, draftData(opened.draft.data).answers).length) {
      res.redirect(303, positionUrl(opened.draft.id, 'summary'));
      return;
    }
    await showDocuments(req, res, opened.draft, opened.token, {});
  });

  router.post('/kladde/:id/dokumenter', async (req, res) => {
    const opened = await context.openDraft(req, res);
    if (!opened) return;
    const { draft, token } = opened;
    const language = pageLanguage(req, res);
    const upload = await receiveMultipart(req, { ...limits, language });
    req.body = upload.fields;
    verifyCsrf(req, secret, token, context.publicBaseUrl);
    await addActiveSeconds(db, draft.id, 'documents', secondsSinceView(secret, draft.id, 'documents', upload.fields._shown));

    if (typeof upload.fields.remove === 'string') {
      await removeDraftDocument(db, draft.id, upload.fields.remove);
      res.redirect(303, positionUrl(draft.id, 'documents'));
      return;
    }
    const asked = documentsAskedFor(draft.round, draftData(draft.data).answers);
    const errors: FieldErrors = {};
    for (const rejected of upload.rejected) {
      const field = (asked as string[]).includes(rejected.fieldName) ? rejected.fieldName : asked[0] ?? 'statutes';
      errors[field] ??= rejected.message;
    }
    const byKind = new Map<string, ReceivedFile[]>();
    for (const file of upload.files) {
      if (!(asked as string[]).includes(file.fieldName)) continue;
      byKind.set(file.fieldName, [...(byKind.get(file.fieldName) ?? []), file]);
    }
    for (const [kind, files] of byKind) {
      try {
        await storeDocuments(db, { draftId: draft.id }, kind, files, { maxFiles: limits.maxFiles });
      } catch (error) {
        if (!(error instanceof ApiError) || error.status >= 500) throw error;
        errors[kind] ??= t(language, error.messageKey === 'errors.validation.failed' ? 'errors.upload.malformed' : error.messageKey, error.values);
      }
    }
    if (Object.keys(errors).length) {
      await showDocuments(req, res, draft, token, errors, 400);
      return;
    }
    const action = String(upload.fields.action ?? 'next');
    if (action === 'back') res.redirect(303, positionUrl(draft.id, FORM_STEPS[FORM_STEPS.length - 1]!));
    else if (action === 'upload') res.redirect(303, positionUrl(draft.id, 'documents'));
    else {
      await moveTo(db, draft, 'summary');
      res.redirect(303, positionUrl(draft.id, 'summary'));
    }
  });

  return router;
}
