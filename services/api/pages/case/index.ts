import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Config } from '../../../../lib/config';
import type { Database } from '../../../../lib/db';
import { statusLabel, t, zodErrorMap, type Language, type MessageKey } from '../../../../locale';
import { reportSchema, supplementSchema, withdrawalSchema } from '../../../../domain/case-actions';
import { consultationCommentsSchema } from '../../../../domain/consultation-schema';
import { csrfToken, verifyCsrf } from '../../http/csrf';
import { secureCookies } from '../../http/cookies';
import { ApiError, zodIssues } from '../../http/errors';
import { receiveMultipart, type ReceivedUpload } from '../../http/uploads';
import { filesError } from './files-error';
import { sendDocument } from '../../documents/download';
import { applicationCopy } from '../../applications/application-copy';
import { storeDocuments } from '../../documents/store';
import { sendConsultationComments, sendReport, sendSupplement, sendWithdrawal } from '../../routes/case-actions';
import { reconsiderationRefusal, requestReconsideration } from '../../casework/reconsideration';
import { reconsiderationRequestSchema } from '../../../../domain/reconsideration-input';
import { grantChangeRequestSchema, grantDeclineSchema } from '../../../../domain/grant-change-input';
import { declineGrant, requestGrantChange } from '../../casework/grant-changes';
import { CHANGE_FIELDS, grantChangeInput } from './action-forms';
import type { FieldErrors } from '../forms';
import { sendPage, type SiteSettings } from '../layout';
import { pageLanguage } from '../page-language';
import { caseCookieToken, casePath, setCaseCookie, tokenOpens } from './access';
import { loadCaseView, type CaseView } from './model';
import { untilRecorded } from './until-recorded';
import { newCaseLinkPage } from './new-link-page';
import { newLinkCsrfBinding } from '../../private-links/new-link';
import { noticeAfterPost } from './notices';
import { renderCasePage, renderDeclineConfirmation, renderNoAccess, renderWithdrawConfirmation, type CasePageContext, type CasePageState, type NoAccessKind } from './view';
import { parseDuration } from '../../../../lib/durations';
import type { RateLimits } from '../../http/rate-limits';
import { memberOpeningCase } from '../../organisation/case-access';

export interface CasePageDependencies {
  db: Database;
  temporal: Client;
  config: Config;
  site: SiteSettings;
  publicBaseUrl: string;
  rateLimits: RateLimits;
}

interface OpenedCase { applicationId: string; token: string; language: Language }

/**
 * The association's own case page at /sag/:id, opened by the private link in every email. The
 * link's token is swapped for a cookie scoped to this case and the address is cleaned; every form
 * carries a CSRF token bound to that cookie and works without JavaScript (post, then redirect).
 */
export function casePages(deps: CasePageDependencies): Router {
  const router = Router();
  const secure = secureCookies(deps.config);
  const limits = { maxFileBytes: deps.config.UPLOAD_MAX_FILE_BYTES, maxFiles: deps.config.UPLOAD_MAX_FILES };
  const linkTtlMs = parseDuration(deps.config.PRIVATE_LINK_TTL);

  /** 403 for a link of another case or none, 410 for one that expired or was revoked; each offers a new link. */
  function sendNoAccess(req: Request, res: Response, applicationId: string, language: Language, kind: NoAccessKind): void {
    const newLink = { action: `${casePath(applicationId)}/nyt-link`, csrf: csrfToken(deps.config.COOKIE_SECRET, newLinkCsrfBinding(applicationId)) };
    sendPage(res, renderNoAccess(req, deps.site, language, kind, newLink), kind === 'expired' || kind === 'revoked' ? 410 : 403);
  }

  /** The case this browser may open, or a page saying how to get in (403) — never another case. */
  async function openCase(req: Request, res: Response, next: NextFunction): Promise<OpenedCase | undefined> {
    const id = z.uuid().safeParse(req.params.id);
    if (!id.success) {
      next();
      return undefined;
    }
    const language = pageLanguage(req, res);
    const token = caseCookieToken(req);
    const verdict = token ? await tokenOpens(deps.db, id.data, token, linkTtlMs) : 'forbidden';
    if (verdict === 'not_found') throw new ApiError(404, 'not_found', 'errors.application.notFound');
    if (verdict === 'granted' && token) return { applicationId: id.data, token, language };
    // A member of the case's organisation, signed in: their session is what the forms are bound to.
    const member = await memberOpeningCase(deps.db, req, res, id.data);
    if (member) return { applicationId: id.data, token: member.sessionToken, language };
    sendNoAccess(req, res, id.data, language, token && verdict !== 'granted' ? verdict : 'no_link');
    return undefined;
  }

  function context(req: Request, opened: OpenedCase): CasePageContext {
    return { req, site: deps.site, language: opened.language, csrf: csrfToken(deps.config.COOKIE_SECRET, opened.token), limits, repaymentAccount: deps.config.MUNICIPALITY_ACCOUNT };
  }

  async function viewOf(applicationId: string): Promise<CaseView> {
    const view = await loadCaseView(deps.db, deps.temporal, applicationId, deps.config.JURISDICTION);
    if (!view) throw new ApiError(404, 'not_found', 'errors.application.notFound');
    return view;
  }

  async function showCase(req: Request, res: Response, opened: OpenedCase, state: CasePageState, status: number): Promise<void> {
    sendPage(res, renderCasePage(await viewOf(opened.applicationId), context(req, opened), state), status);
  }

  /** A 409 from the process (the case moved on meanwhile) becomes a warning on the case page. */
  async function unlessNotAllowed(req: Request, res: Response, opened: OpenedCase, action: () => Promise<void>): Promise<boolean> {
    try {
      await action();
      return true;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 409) throw error;
      const status = String(error.values.status ?? '');
      const label = statusLabel(opened.language, status);
      await showCase(req, res, opened, { warning: t(opened.language, 'case.access.notAllowedNow', { status: label }) }, 409);
      return false;
    }
  }

  /** Reads a multipart form and checks its CSRF token before anything in it is used. */
  async function receiveForm(req: Request, opened: OpenedCase): Promise<ReceivedUpload> {
    const upload = await receiveMultipart(req, { ...limits, language: opened.language });
    req.body = upload.fields;
    verifyCsrf(req, deps.config.COOKIE_SECRET, opened.token, deps.publicBaseUrl);
    return upload;
  }

  router.get('/sag/:id', async (req, res, next) => {
    const id = z.uuid().safeParse(req.params.id);
    const linkToken = typeof req.query.adgang === 'string' ? req.query.adgang : undefined;
    if (id.success && linkToken !== undefined) {
      const language = pageLanguage(req, res);
      const verdict = await tokenOpens(deps.db, id.data, linkToken, linkTtlMs);
      if (verdict === 'not_found') throw new ApiError(404, 'not_found', 'errors.application.notFound');
      if (verdict !== 'granted') return sendNoAccess(req, res, id.data, language, verdict);
      setCaseCookie(res, id.data, linkToken, secure);
      res.set('Referrer-Policy', 'no-referrer').redirect(303, casePath(id.data));
      return;
    }
    const opened = await openCase(req, res, next);
    if (!opened) return;
    const sent = noticeAfterPost(req.query.sendt);
    await showCase(req, res, opened, { notice: sent && t(opened.language, sent) }, 200);
  });

  router.use(newCaseLinkPage(deps));

  router.post('/sag/:id/svar', async (req, res, next) => {
    const opened = await openCase(req, res, next);
    if (!opened) return;
    const { language } = opened;
    const upload = await receiveForm(req, opened);
    const text = typeof upload.fields.text === 'string' ? upload.fields.text : '';
    const files = upload.files.filter((file) => file.fieldName === 'answer_files');
    const errors: FieldErrors = {};
    const parsed = supplementSchema.safeParse({ text, requestSequence: Number(upload.fields.requestSequence) || undefined }, { error: zodErrorMap(language) });
    if (!parsed.success) errors.text = parsed.error.issues[0]!.message;
    else if (!parsed.data.text && !files.length && !upload.rejected.length) errors.text = t(language, 'case.request.answerMissing');
    if (upload.rejected.length) errors.answer_files = filesError(upload.rejected, language);
    if (Object.keys(errors).length || !parsed.success) return showCase(req, res, opened, { errors, values: { text } }, 400);

    const sent = await unlessNotAllowed(req, res, opened, async () => {
      const documents = await storeUploads(opened.applicationId, 'answer', files, language, errors, 'answer_files');
      if (!documents) return;
      await untilRecorded(deps.db, opened.applicationId, ['information_received', 'withdrawn'], () => sendSupplement(deps, opened.applicationId, { ...parsed.data, documentIds: documents }));
    });
    if (!sent) return;
    if (Object.keys(errors).length) return showCase(req, res, opened, { errors, values: { text } }, 400);
    res.redirect(303, `${casePath(opened.applicationId)}?sendt=svar`);
  });

  // Partshøring: the association's comments on the facts, as text and/or documents.
  router.post('/sag/:id/bemaerkninger', async (req, res, next) => {
    const opened = await openCase(req, res, next);
    if (!opened) return;
    const { language } = opened;
    const upload = await receiveForm(req, opened);
    const comments = typeof upload.fields.comments === 'string' ? upload.fields.comments : '';
    const files = upload.files.filter((file) => file.fieldName === 'comment_files');
    const errors: FieldErrors = {};
    const parsed = consultationCommentsSchema.safeParse({ text: comments, consultationSequence: Number(upload.fields.consultationSequence) || undefined }, { error: zodErrorMap(language) });
    if (!parsed.success) errors.comments = parsed.error.issues[0]!.message;
    else if (!parsed.data.text && !files.length && !upload.rejected.length) errors.comments = t(language, 'errors.consultation.commentsEmpty');
    if (upload.rejected.length) errors.comment_files = filesError(upload.rejected, language);
    if (Object.keys(errors).length || !parsed.success) return showCase(req, res, opened, { errors, values: { comments } }, 400);

    const sent = await unlessNotAllowed(req, res, opened, async () => {
      const documents = await storeUploads(opened.applicationId, 'answer', files, language, errors, 'comment_files');
      if (!documents) return;
      await untilRecorded(deps.db, opened.applicationId, ['consultation_answered', 'withdrawn'], () => sendConsultationComments(deps, opened.applicationId, { ...parsed.data, documentIds: documents }));
    });
    if (!sent) return;
    if (Object.keys(errors).length) return showCase(req, res, opened, { errors, values: { comments } }, 400);
    res.redirect(303, `${casePath(opened.applicationId)}?sendt=bemaerkninger`);
  });

  /** Stores the files; over the case's file limit the message goes on the field and nothing is stored. */
  async function storeUploads(applicationId: string, kind: string, files: ReceivedUpload['files'], language: Language, errors: FieldErrors, field: string): Promise<string[] | null> {
    if (!files.length) return [];
    try {
      return (await storeDocuments(deps.db, { applicationId }, kind, files, { maxFiles: limits.maxFiles })).map((document) => document.id);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'too_many_files') throw error;
      errors[field] = t(language, 'errors.upload.ownerFull', error.values);
      return null;
    }
  }

  router.get('/sag/:id/traek-tilbage', async (req, res, next) => {
    const opened = await openCase(req, res, next);
    if (!opened) return;
    const view = await viewOf(opened.applicationId);
    if (!view.canWithdraw) return res.redirect(303, casePath(opened.applicationId));
    sendPage(res, renderWithdrawConfirmation(view, context(req, opened)));
  });

  router.post('/sag/:id/traek-tilbage', async (req, res, next) => {
    const opened = await openCase(req, res, next);
    if (!opened) return;
    verifyCsrf(req, deps.config.COOKIE_SECRET, opened.token, deps.publicBaseUrl);
    const reason = typeof req.body?.reason === 'string' ? req.body.reason : '';
    // The field as posted: given twice it is no text, and is refused rather than read as empty.
    const parsed = withdrawalSchema.safeParse({ reason: req.body?.reason ?? '' }, { error: zodErrorMap(opened.language) });
    if (!parsed.success) {
      const view = await viewOf(opened.applicationId);
      return sendPage(res, renderWithdrawConfirmation(view, context(req, opened), { errors: { reason: parsed.error.issues[0]!.message }, values: { reason } }), 400);
    }
    const withdraw = () => untilRecorded(deps.db, opened.applicationId, ['withdrawn'], () => sendWithdrawal(deps, opened.applicationId, parsed.data)).then(() => undefined);
    if (!(await unlessNotAllowed(req, res, opened, withdraw))) return;
    res.redirect(303, `${casePath(opened.applicationId)}?sendt=tilbagetrukket`);
  });

  router.get('/sag/:id/sig-nej-tak', async (req, res, next) => {
    const opened = await openCase(req, res, next);
    if (!opened) return;
    const view = await viewOf(opened.applicationId);
    if (!view.canDeclineGrant) return res.redirect(303, casePath(opened.applicationId));
    sendPage(res, renderDeclineConfirmation(view, context(req, opened)));
  });

  router.post('/sag/:id/sig-nej-tak', async (req, res, next) => {
    const opened = await openCase(req, res, next);
    if (!opened) return;
    verifyCsrf(req, deps.config.COOKIE_SECRET, opened.token, deps.publicBaseUrl);
    const reasons = typeof req.body?.reasons === 'string' ? req.body.reasons : '';
    const parsed = grantDeclineSchema.safeParse({ reasons: req.body?.reasons ?? '' }, { error: zodErrorMap(opened.language) });
    if (!parsed.success) {
      const view = await viewOf(opened.applicationId);
      return sendPage(res, renderDeclineConfirmation(view, context(req, opened), { errors: { reasons: zodIssues(parsed.error, opened.language)[0]!.message }, values: { reasons } }), 400);
    }
    // An Update: it answers once the workflow has recorded the decline, so the page shows it at once.
    const decline = () => declineGrant(deps, opened.applicationId, parsed.data).then(() => undefined);
    if (!(await unlessNotAllowed(req, res, opened, decline))) return;
    res.redirect(303, `${casePath(opened.applicationId)}?sendt=nej-tak`);
  });

  router.post('/sag/:id/aendring', async (req, res, next) => {
    const opened = await openCase(req, res, next);
    if (!opened) return;
    verifyCsrf(req, deps.config.COOKIE_SECRET, opened.token, deps.publicBaseUrl);
    const { language } = opened;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(Object.values(CHANGE_FIELDS).map((name) => [name, typeof body[name] === 'string' ? (body[name] as string) : '']));
    const input = grantChangeInput(values);
    const shownAgain = (issues: { path: string; message: string }[]) => {
      const errors: FieldErrors = {};
      for (const issue of issues) {
        const field = CHANGE_FIELDS[issue.path as keyof typeof CHANGE_FIELDS] ?? CHANGE_FIELDS.kind;
        errors[field] ??= issue.message;
      }
      return showCase(req, res, opened, { errors, values }, 400);
    };
    const parsed = grantChangeRequestSchema.safeParse(input, { error: zodErrorMap(language) });
    if (!parsed.success) return shownAgain(zodIssues(parsed.error, language));
    try {
      await requestGrantChange(deps, opened.applicationId, parsed.data);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) return shownAgain(error.issues.map((issue) => ({ path: issue.path, message: t(language, issue.message.replace(/^i18n:/, '') as MessageKey) })));
      if (error instanceof ApiError && error.status === 409) return showCase(req, res, opened, { warning: t(language, error.messageKey, error.values) }, 409);
      throw error;
    }
    res.redirect(303, `${casePath(opened.applicationId)}?sendt=aendring`);
  });

  router.post('/sag/:id/afrapportering', async (req, res, next) => {
    const opened = await openCase(req, res, next);
    if (!opened) return;
    const { language } = opened;
    const upload = await receiveForm(req, opened);
    const view = await viewOf(opened.applicationId);
    if (!view.reportDue) {
      return showCase(req, res, opened, { warning: t(language, 'case.access.notAllowedNow', { status: statusLabel(language, view.status) }) }, 409);
    }
    const requirement = view.reportDue.requirement;
    const field = (name: string) => (typeof upload.fields[name] === 'string' ? (upload.fields[name] as string) : '');
    const values: Record<string, string> = {
      narrative: field('narrative'),
      spending: field('spending'),
      spentKroner: field('spentKroner'),
      participants: field('participants'),
      volunteers: field('volunteers'),
      story: field('story'),
      declaration: field('declaration') === 'true' ? 'true' : '',
      storyConsent: field('storyConsent') === 'true' ? 'true' : '',
    };
    const files = upload.files.filter((file) => file.fieldName === 'report_files');
    const errors: FieldErrors = {};
    if (requirement === 'declaration' && values.declaration !== 'true') errors.declaration = t(language, 'case.report.declarationRequired');
    if (requirement !== 'declaration' && !values.narrative!.trim()) errors.narrative = t(language, 'case.report.narrativeRequired');
    if (requirement === 'short_report' && !values.spending!.trim()) errors.spending = t(language, 'case.report.spendingRequired');
    const numbers: Record<string, number> = {};
    for (const name of ['spentKroner', 'participants', 'volunteers']) {
      const digits = values[name]!.replace(/[\s.]/g, '');
      if (/^\d{1,9}$/.test(digits)) numbers[name] = Number(digits);
      else errors[name] = t(language, 'case.report.wholeNumber');
    }
    if (upload.rejected.length) errors.report_files = filesError(upload.rejected, language);
    else if ((requirement === 'accounts' || requirement === 'audited_accounts') && !files.length) errors.report_files = t(language, 'case.report.accountsRequired');

    const narrative =
      requirement === 'declaration'
        ? [t(language, 'case.report.declaration'), values.narrative!.trim()].filter(Boolean).join('\n\n')
        : requirement === 'short_report'
          ? `${values.narrative!.trim()}\n\n${t(language, 'case.report.spending')}\n${values.spending!.trim()}`
          : values.narrative!;
    const parsed = reportSchema.safeParse(
      { narrative, ...numbers, story: values.story || undefined, storyConsent: values.storyConsent === 'true', documentIds: [] },
      { error: zodErrorMap(language) },
    );
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const name = String(issue.path[0] ?? 'narrative');
        if (!errors[name] && name in values) errors[name] = issue.message;
      }
    }
    if (Object.keys(errors).length || !parsed.success) return showCase(req, res, opened, { errors, values }, 400);

    const sent = await unlessNotAllowed(req, res, opened, async () => {
      const documents = await storeUploads(opened.applicationId, 'report', files, language, errors, 'report_files');
      if (!documents) return;
      await untilRecorded(deps.db, opened.applicationId, ['report_submitted'], () => sendReport(deps, opened.applicationId, { ...parsed.data, documentIds: documents }));
    });
    if (!sent) return;
    if (Object.keys(errors).length) return showCase(req, res, opened, { errors, values }, 400);
    res.redirect(303, `${casePath(opened.applicationId)}?sendt=afrapportering`);
  });

  // Asked for before anything is stored: after the period, or before a decision, the page says why (409).
  router.post('/sag/:id/genovervejelse', async (req, res, next) => {
    const opened = await openCase(req, res, next);
    if (!opened) return;
    const { language } = opened;
    const upload = await receiveForm(req, opened);
    const refusal = await reconsiderationRefusal(deps, opened.applicationId);
    if (refusal) return showCase(req, res, opened, { warning: t(language, refusal.messageKey, refusal.values) }, 409);
    const reasons = typeof upload.fields.reasons === 'string' ? upload.fields.reasons : '';
    const files = upload.files.filter((file) => file.fieldName === 'reconsideration_files');
    const errors: FieldErrors = {};
    const parsed = reconsiderationRequestSchema.safeParse({ reasons }, { error: zodErrorMap(language) });
    if (!parsed.success) errors.reasons = zodIssues(parsed.error, language)[0]!.message;
    if (upload.rejected.length) errors.reconsideration_files = filesError(upload.rejected, language);
    if (Object.keys(errors).length || !parsed.success) return showCase(req, res, opened, { errors, values: { reasons } }, 400);

    const sent = await unlessNotAllowed(req, res, opened, async () => {
      const documents = await storeUploads(opened.applicationId, 'reconsideration', files, language, errors, 'reconsideration_files');
      if (!documents) return;
      await requestReconsideration(deps, opened.applicationId, { ...parsed.data, documentIds: documents });
    });
    if (!sent) return;
    if (Object.keys(errors).length) return showCase(req, res, opened, { errors, values: { reasons } }, 400);
    res.redirect(303, `${casePath(opened.applicationId)}?sendt=genovervejelse`);
  });

  router.get('/sag/:id/dokumenter/:documentId', async (req, res, next) => {
    const opened = await openCase(req, res, next);
    if (!opened) return;
    const documentId = z.uuid().safeParse(req.params.documentId);
    const document = documentId.success
      ? await deps.db.document.findFirst({ where: { id: documentId.data, applicationId: opened.applicationId }, select: { filename: true, contentType: true, content: true } })
      : null;
    if (!document) throw new ApiError(404, 'not_found', 'errors.document.notFound');
    sendDocument(res, document);
  });

  router.get('/sag/:id/afgoerelse.pdf', async (req, res, next) => {
    const opened = await openCase(req, res, next);
    if (!opened) return;
    const letter = await deps.db.document.findFirst({
      where: { applicationId: opened.applicationId, kind: 'decision_letter' },
      orderBy: { createdAt: 'desc' },
      select: { filename: true, contentType: true, content: true },
    });
    if (!letter) throw new ApiError(404, 'not_found', 'errors.letter.notYet');
    sendDocument(res, letter);
  });

  // A copy of what the association sent, in the application's language, for its own papers.
  router.get('/sag/:id/ansoegning.pdf', async (req, res, next) => {
    const opened = await openCase(req, res, next);
    if (!opened) return;
    sendDocument(res, await applicationCopy(deps.db, deps.config.MUNICIPALITY_NAME, opened.applicationId, deps.config.JURISDICTION));
  });

  return router;
}
