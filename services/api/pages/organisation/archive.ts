import { Router, type Request, type Response } from 'express';
import { t, zodErrorMap, type Language } from '../../../../locale';
import { calendarDateIn } from '../../../../domain/time-zone';
import { archiveUploadSchema } from '../../../../domain/organisation-documents';
import { csrfToken, verifyCsrf } from '../../http/csrf';
import { zodIssues } from '../../http/errors';
import { receiveMultipart } from '../../http/uploads';
import { sendDocument } from '../../documents/download';
import { SIGN_IN_PATH } from '../../organisation/paths';
import { ARCHIVE_PATH } from '../../organisation/archive-paths';
import { archiveDocumentForMember, archiveDocuments, keepDocument } from '../../organisation/documents';
import { signedInMember, type SignedInMember } from '../../organisation/session';
import type { FieldErrors } from '../forms';
import { sendPage } from '../layout';
import { pageLanguage } from '../page-language';
import { archivePage, type ArchiveState } from './archive-view';
import type { OrganisationPageDependencies } from './index';

const NOTICES = { gemt: 'archive.saved', erstattet: 'archive.savedReplacing' } as const;

/**
 * /forening/dokumenter: members keep the organisation's statutes and annual accounts once, see
 * and download them, and replace them (README "Documents kept once"). Uploads pass the same file
 * checks, size limit and virus scan as an application's (http/uploads.ts), one file at a time.
 */
export function archivePages(deps: OrganisationPageDependencies): Router {
  const router = Router();
  const { db, site, publicBaseUrl, config } = deps;
  const secret = config.COOKIE_SECRET;
  const limits = { maxFileBytes: config.UPLOAD_MAX_FILE_BYTES, maxFiles: 1 };
  const currentYear = () => Number(calendarDateIn(new Date(), config.MUNICIPALITY_TIME_ZONE).slice(0, 4));

  async function memberOrSignIn(req: Request, res: Response): Promise<SignedInMember | undefined> {
    const member = await signedInMember(db, req);
    if (!member) res.redirect(303, SIGN_IN_PATH);
    return member;
  }

  async function show(req: Request, res: Response, member: SignedInMember, language: Language, state: Omit<ArchiveState, 'maxFileBytes' | 'currentYear'>, status = 200) {
    const documents = await archiveDocuments(db, member.organisation.id);
    sendPage(res, archivePage(req, site, language, member, documents, csrfToken(secret, member.sessionToken), { ...state, maxFileBytes: limits.maxFileBytes, currentYear: currentYear() }), status);
  }

  router.get(ARCHIVE_PATH, async (req, res) => {
    const member = await memberOrSignIn(req, res);
    if (!member) return;
    const language = pageLanguage(req, res);
    const done = NOTICES[String(req.query.udfoert) as keyof typeof NOTICES];
    await show(req, res, member, language, { errors: {}, kind: '', financialYear: '', notice: done && t(language, done) });
  });

  router.post(ARCHIVE_PATH, async (req, res) => {
    const member = await memberOrSignIn(req, res);
    if (!member) return;
    const language = pageLanguage(req, res);
    const upload = await receiveMultipart(req, { ...limits, language });
    req.body = upload.fields;
    verifyCsrf(req, secret, member.sessionToken, publicBaseUrl);
    const fields = { kind: typeof upload.fields.kind === 'string' ? upload.fields.kind : '', financialYear: typeof upload.fields.financialYear === 'string' ? upload.fields.financialYear : '' };
    const errors: FieldErrors = {};
    const parsed = archiveUploadSchema(currentYear()).safeParse(fields, { error: zodErrorMap(language) });
    if (!parsed.success) for (const issue of zodIssues(parsed.error, language)) errors[issue.path.split('.')[0] || 'kind'] ??= issue.message;
    const rejected = upload.rejected[0];
    if (rejected) errors.file = rejected.message;
    else if (!upload.files.length) errors.file = t(language, 'archive.errors.noFile');
    if (!parsed.success || Object.keys(errors).length) {
      await show(req, res, member, language, { errors, ...fields }, 400);
      return;
    }
    const kept = await keepDocument(db, member, parsed.data, upload.files[0]!);
    res.redirect(303, `${ARCHIVE_PATH}?udfoert=${kept.replaced ? 'erstattet' : 'gemt'}`);
  });

  router.get(`${ARCHIVE_PATH}/:documentId`, async (req, res) => {
    const member = await memberOrSignIn(req, res);
    if (!member) return;
    sendDocument(res, await archiveDocumentForMember(db, member, String(req.params.documentId)));
  });

  return router;
}
