import { Router, type Request, type Response } from 'express';
import { t } from '../../../../locale';
import { FORM_STEPS } from '../../../../domain/draft-steps';
import { ApiError, errorBody } from '../../http/errors';
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
import { signedInMember, type SignedInMember } from '../../organisation/session';
import { memberMayOpenDraft } from '../../organisation/work';
import { copyToDraft, offersForDraft } from '../../organisation/documents';

/** The documents step: the files the requested amount asks for, uploaded with or without JavaScript. */
export function documentsRoutes(context: ApplyContext): Router {
  const router = Router();
  const { db, config, secret } = context;
  const limits = { maxFileBytes: config.UPLOAD_MAX_FILE_BYTES, maxFiles: config.UPLOAD_MAX_FILES };

  const timeZone = config.MUNICIPALITY_TIME_ZONE;

  /**
   * The signed-in member of the draft's organisation, who may use the organisation's kept
   * documents: the member who opened it, or a member signed in beside the draft's own link.
   */
  async function memberOfDraft(req: Request, opened: { draft: StoredDraft; member?: SignedInMember }): Promise<SignedInMember | undefined> {
    if (opened.member) return opened.member;
    const member = await signedInMember(db, req);
    return member && memberMayOpenDraft(member, opened.draft, config.JURISDICTION) ? member : undefined;
  }

  async function showDocuments(req: Request, res: Response, draft: StoredDraft, token: string, errors: FieldErrors, status = 200, member?: SignedInMember) {
    const language = pageLanguage(req, res);
    const answers = draftData(draft.data).answers;
    const uploaded = await draftDocuments(db, draft.id);
    const asked = documentsAskedFor(draft.round, answers);
    const offers = member ? await offersForDraft(db, member, draft.round, asked, timeZone) : new Map();
    sendPage(
      res,
      documentsPage(req, context.site, language, {
        draftId: draft.id,
        round: draft.round,
        asked,
        uploaded,
        offers,
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
    await showDocuments(req, res, opened.draft, opened.token, {}, 200, await memberOfDraft(req, opened));
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
    const member = await memberOfDraft(req, opened);
    const asked = documentsAskedFor(draft.round, draftData(draft.data).answers);

    if (typeof upload.fields.fromArchive === 'string') {
      if (!member) throw new ApiError(403, 'forbidden', 'errors.draft.wrongToken');
      try {
        await copyToDraft(db, member, draft, upload.fields.fromArchive, asked, { timeZone, maxFiles: limits.maxFiles });
      } catch (error) {
        if (!(error instanceof ApiError) || error.status >= 500 || error.status === 404) throw error;
        const { message, issues } = errorBody(error, language).error;
        await showDocuments(req, res, draft, token, { [issues[0]?.path ?? asked[0] ?? 'statutes']: issues[0]?.message ?? message }, error.status, member);
        return;
      }
      res.redirect(303, positionUrl(draft.id, 'documents'));
      return;
    }

    if (typeof upload.fields.remove === 'string') {
      await removeDraftDocument(db, draft.id, upload.fields.remove);
      res.redirect(303, positionUrl(draft.id, 'documents'));
      return;
    }
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
      await showDocuments(req, res, draft, token, errors, 400, member);
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
