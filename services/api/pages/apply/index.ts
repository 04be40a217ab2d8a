import crypto from 'node:crypto';
import path from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import type { Config } from '../../../../lib/config';
import type { Database } from '../../../../lib/db';
import { t, type Language } from '../../../../locale';
import type { Logger } from '../../../../lib/logger';
import { createBusinessRegister, type BusinessRegister } from '../../../../lib/register';
import { isValidCvr, normalizeCvr } from '../../../../lib/cvr';
import { FORM_STEPS, stepAnswers, type DraftAnswers, type DraftPosition, type FormStep } from '../../../../domain/draft-steps';
import type { FieldIssue } from '../../http/errors';
import { ApiError } from '../../http/errors';
import { csrfToken, verifyCsrf } from '../../http/csrf';
import { secureCookies } from '../../http/cookies';
import { receiveMultipart, type ReceivedFile } from '../../http/uploads';
import { storeDocuments } from '../../documents/store';
import type { WorkflowStarter } from '../../applications/workflow-starter';
import { draftForToken, type StoredDraft } from '../../drafts/access';
import { secondsSinceView, viewStamp } from '../../drafts/active-time';
import { documentsAskedFor, draftDocuments, removeDraftDocument } from '../../drafts/documents';
import { resumeLinkSchema, sendResumeLink } from '../../drafts/resume-link';
import { findOpenRound } from '../../drafts/rounds';
import { addActiveSeconds, createDraft, draftData, moveTo, storeStepAnswers } from '../../drafts/store';
import { submitDraft } from '../../drafts/submit';
import { checkStep, checkSubmission } from '../../drafts/validation';
import type { FieldErrors } from '../forms';
import { html } from '../../../../lib/html';
import { sendPage, type SiteSettings } from '../layout';
import { pageLanguage, readCookie } from '../page-language';
import { documentsPage } from './documents-step';
import { answersFromForm } from './form-input';
import { draftPath, draftTokenFrom, setDraftCookie } from './draft-cookie';
import { landingPage } from './landing';
import { cannotApplyPage, evaluatePrecheck, precheckPage, readPrecheck, STOP_REASONS, type StopReason } from './precheck';
import { documentLabel } from './round-facts';
import { receiptPage } from './receipt';
import { saveLaterPage } from './save-later';
import { fieldNameFor, MIN_BUDGET_ROWS, stepPage, type FormOutline } from './step-pages';
import { summaryPage } from './summary';
import { say, STEP_SLUGS, STEP_TITLES } from './texts';

export interface ApplyPageDependencies {
  config: Config;
  db: Database;
  site: SiteSettings;
  publicBaseUrl: string;
  workflows: WorkflowStarter;
  log: Logger;
}

// Before there is a draft, the pre-check's CSRF token is bound to a random cookie of its own.
const PRECHECK_COOKIE = 'gf_ansoeg';

function stepFromSlug(slug: unknown): FormStep {
  const step = FORM_STEPS.find((candidate) => STEP_SLUGS[candidate] === slug);
  if (!step) throw new ApiError(404, 'not_found', 'errors.http.notFound');
  return step;
}

function positionUrl(draftId: string, position: string): string {
  if (position === 'documents') return `${draftPath(draftId)}/dokumenter`;
  if (position === 'summary') return `${draftPath(draftId)}/opsummering`;
  const step = FORM_STEPS.find((candidate) => candidate === position) ?? FORM_STEPS[0];
  return `${draftPath(draftId)}/trin/${STEP_SLUGS[step]}`;
}

function outlineOf(draft: { id: string; round: StoredDraft['round'] }, answers: DraftAnswers, language: Language): FormOutline {
  return {
    steps: [
      ...FORM_STEPS.map((step) => ({ key: step as string, label: STEP_TITLES[step][language], href: positionUrl(draft.id, step) })),
      ...(documentsAskedFor(draft.round, answers).length ? [{ key: 'documents', label: say('documentsTitle', language), href: positionUrl(draft.id, 'documents') }] : []),
      { key: 'summary', label: say('summaryStep', language), href: positionUrl(draft.id, 'summary') },
    ],
  };
}

/** Field issues as the error summary and the fields want them: one message per field, in order. */
function fieldErrors(issues: FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const name = fieldNameFor(issue.path);
    if (!(name in errors)) errors[name] = issue.message;
  }
  return errors;
}

/** The association's pages: landing, pre-check, the form in steps, documents, summary and receipt. */
export function applyPages(deps: ApplyPageDependencies): Router {
  const router = Router();
  const secret = deps.config.COOKIE_SECRET;
  const secure = secureCookies(deps.config);
  const register: BusinessRegister = createBusinessRegister(deps.config);
  const intake = { db: deps.db, workflows: deps.workflows, publicBaseUrl: deps.publicBaseUrl, log: deps.log };

  router.use('/assets/apply', express.static(path.join(__dirname, 'assets'), { maxAge: '1h', index: false }));

  async function openDraft(req: Request, res: Response): Promise<{ draft: StoredDraft; token: string } | undefined> {
    const token = draftTokenFrom(req);
    const draft = await draftForToken(deps.db, req.params.id, token);
    if (draft.submittedAt) {
      res.redirect(303, `${draftPath(draft.id)}/kvittering`);
      return undefined;
    }
    return { draft, token: token! };
  }

  const csrfFor = (token: string) => csrfToken(secret, token);

  // ── Landing and pre-check ────────────────────────────────────────────────────────────────

  router.get('/', async (req, res) => {
    const language = pageLanguage(req, res);
    sendPage(res, await landingPage(req, deps.db, deps.site, language));
  });

  function precheckNonce(req: Request, res: Response): string {
    const existing = readCookie(req, PRECHECK_COOKIE);
    if (existing && /^[A-Za-z0-9_-]{22,}$/.test(existing)) return existing;
    const nonce = crypto.randomBytes(18).toString('base64url');
    res.cookie(PRECHECK_COOKIE, nonce, { httpOnly: true, sameSite: 'lax', secure, path: '/ansoeg' });
    return nonce;
  }

  router.get('/ansoeg/:slug', async (req, res) => {
    const language = pageLanguage(req, res);
    const round = await findOpenRound(deps.db, { slug: String(req.params.slug) });
    const nonce = precheckNonce(req, res);
    sendPage(res, precheckPage(req, deps.site, language, round, { answers: {}, errors: {}, csrf: csrfFor(nonce), shownStamp: viewStamp(secret, 'precheck', round.slug) }));
  });

  router.post('/ansoeg/:slug', async (req, res) => {
    const language = pageLanguage(req, res);
    const round = await findOpenRound(deps.db, { slug: String(req.params.slug) });
    verifyCsrf(req, secret, readCookie(req, PRECHECK_COOKIE) ?? '', deps.publicBaseUrl);
    const answers = readPrecheck(req.body ?? {});
    const outcome = evaluatePrecheck(answers, language);
    if (outcome.kind === 'incomplete') {
      const nonce = precheckNonce(req, res);
      sendPage(res, precheckPage(req, deps.site, language, round, { answers, errors: outcome.errors, csrf: csrfFor(nonce), shownStamp: String(req.body._shown ?? '') }), 400);
      return;
    }
    if (outcome.kind === 'stop') {
      res.redirect(303, `/ansoeg/${round.slug}/kan-ikke-soege?grund=${outcome.reason}`);
      return;
    }
    const { id, token } = await createDraft(deps.db, {
      roundId: round.id,
      language,
      answers: { project: { childrenUnder15: outcome.childrenUnder15 } },
      precheck: answers as Record<string, string>,
      precheckSeconds: secondsSinceView(secret, 'precheck', round.slug, req.body._shown),
    });
    setDraftCookie(res, id, token, secure);
    res.redirect(303, positionUrl(id, FORM_STEPS[0]));
  });

  router.get('/ansoeg/:slug/kan-ikke-soege', async (req, res) => {
    const language = pageLanguage(req, res);
    const round = await findOpenRound(deps.db, { slug: String(req.params.slug) });
    const reason = (STOP_REASONS as readonly unknown[]).includes(req.query.grund) ? (req.query.grund as StopReason) : 'not_association';
    sendPage(res, cannotApplyPage(req, deps.site, language, round, reason));
  });

  // ── The draft: private link, steps, documents, summary, receipt ────────────────────────────

  router.get('/kladde/:id', async (req, res) => {
    const link = typeof req.query.adgang === 'string' ? req.query.adgang : undefined;
    if (link) {
      // The private link from the email: keep the token in a cookie, take it out of the address bar.
      const draft = await draftForToken(deps.db, req.params.id, link);
      setDraftCookie(res, draft.id, link, secure);
      res.redirect(303, draftPath(draft.id));
      return;
    }
    const opened = await openDraft(req, res);
    if (opened) res.redirect(303, positionUrl(opened.draft.id, opened.draft.currentStep));
  });

  router.get('/kladde/:id/trin/:step', async (req, res) => {
    const step = stepFromSlug(req.params.step);
    const opened = await openDraft(req, res);
    if (!opened) return;
    const { draft, token } = opened;
    const language = pageLanguage(req, res);
    const answers = draftData(draft.data).answers;
    const errors = req.query.tjek ? fieldErrors(checkStep(step, stepAnswers(step, answers), answers, draft.round, language).issues) : {};
    const requestedRows = Number(req.query.linjer);
    sendPage(
      res,
      stepPage(req, deps.site, language, {
        draftId: draft.id,
        round: draft.round,
        step,
        answers,
        errors,
        outline: outlineOf(draft, answers, language),
        csrf: csrfFor(token),
        shownStamp: viewStamp(secret, draft.id, step),
        budgetRows: Number.isInteger(requestedRows) ? Math.min(Math.max(requestedRows, MIN_BUDGET_ROWS), 50) : undefined,
      }),
    );
  });

  /** Name and address from the business register where the association left them empty. */
  async function withRegisterDetails(answers: DraftAnswers): Promise<DraftAnswers> {
    const organization = { ...(answers.organization as Record<string, unknown>) };
    if (typeof organization.cvr !== 'string' || (organization.name && organization.address)) return answers;
    const cvr = normalizeCvr(organization.cvr);
    if (!isValidCvr(cvr)) return answers;
    try {
      const lookup = await register.lookup(cvr);
      if (!lookup.found) return answers;
      const { entity } = lookup;
      organization.name ??= entity.name;
      if (entity.address) organization.address ??= `${entity.address.street}, ${entity.address.postalCode} ${entity.address.city}`;
      return { ...answers, organization };
    } catch (error) {
      // The register being slow or down must not stop anyone from filling in the form.
      deps.log.warn({ err: error }, 'register lookup for the form failed');
      return answers;
    }
  }

  router.post('/kladde/:id/trin/:step', async (req, res) => {
    const step = stepFromSlug(req.params.step);
    const opened = await openDraft(req, res);
    if (!opened) return;
    const { draft, token } = opened;
    verifyCsrf(req, secret, token, deps.publicBaseUrl);
    const language = pageLanguage(req, res);
    await addActiveSeconds(deps.db, draft.id, step, secondsSinceView(secret, draft.id, step, req.body._shown));

    let typed = answersFromForm(step, req.body);
    if (step === 'organization') typed = await withRegisterDetails(typed);
    const before = draftData(draft.data).answers;
    const checked = checkStep(step, typed, before, draft.round, language);
    const action = String(req.body.action ?? 'next');
    // What was typed is kept even when it does not validate; the valid form of it when it does.
    const keep = checked.ok ? checked.value : typed;
    const stepIndex = FORM_STEPS.indexOf(step);

    if (action === 'next') {
      if (!checked.ok) {
        await storeStepAnswers(deps.db, draft, step, typed, step, language);
        res.redirect(303, `${positionUrl(draft.id, step)}?tjek=1`);
        return;
      }
      const after = await storeStepAnswers(deps.db, draft, step, checked.value, step, language);
      const next: DraftPosition =
        stepIndex < FORM_STEPS.length - 1 ? FORM_STEPS[stepIndex + 1]! : documentsAskedFor(draft.round, after.answers).length ? 'documents' : 'summary';
      await moveTo(deps.db, { id: draft.id, furthestStep: draft.furthestStep }, next);
      res.redirect(303, positionUrl(draft.id, next));
      return;
    }
    await storeStepAnswers(deps.db, draft, step, keep, step, language);
    if (action === 'later') res.redirect(303, `${draftPath(draft.id)}/gem`);
    else if (action === 'back') res.redirect(303, positionUrl(draft.id, FORM_STEPS[Math.max(stepIndex - 1, 0)]!));
    else if (action === 'more-lines') {
      const lines = (keep.budget as { lines?: unknown[] } | undefined)?.lines?.length ?? 0;
      res.redirect(303, `${positionUrl(draft.id, step)}?linjer=${Math.max(lines + 1, MIN_BUDGET_ROWS) + 3}#f-budget-lines-${lines}-category`);
    } else res.redirect(303, positionUrl(draft.id, step));
  });

  async function showDocuments(req: Request, res: Response, draft: StoredDraft, token: string, errors: FieldErrors, status = 200) {
    const language = pageLanguage(req, res);
    const answers = draftData(draft.data).answers;
    const uploaded = await draftDocuments(deps.db, draft.id);
    sendPage(
      res,
      documentsPage(req, deps.site, language, {
        draftId: draft.id,
        round: draft.round,
        asked: documentsAskedFor(draft.round, answers),
        uploaded,
        errors,
        outline: outlineOf(draft, answers, language),
        csrf: csrfFor(token),
        shownStamp: viewStamp(secret, draft.id, 'documents'),
        maxFileBytes: deps.config.UPLOAD_MAX_FILE_BYTES,
        maxFiles: deps.config.UPLOAD_MAX_FILES,
      }),
      status,
    );
  }

  router.get('/kladde/:id/dokumenter', async (req, res) => {
    const opened = await openDraft(req, res);
    if (!opened) return;
    if (!documentsAskedFor(opened.draft.round, draftData(opened.draft.data).answers).length) {
      res.redirect(303, positionUrl(opened.draft.id, 'summary'));
      return;
    }
    await showDocuments(req, res, opened.draft, opened.token, {});
  });

  router.post('/kladde/:id/dokumenter', async (req, res) => {
    const opened = await openDraft(req, res);
    if (!opened) return;
    const { draft, token } = opened;
    const language = pageLanguage(req, res);
    const upload = await receiveMultipart(req, { maxFileBytes: deps.config.UPLOAD_MAX_FILE_BYTES, maxFiles: deps.config.UPLOAD_MAX_FILES, language });
    req.body = upload.fields;
    verifyCsrf(req, secret, token, deps.publicBaseUrl);
    await addActiveSeconds(deps.db, draft.id, 'documents', secondsSinceView(secret, draft.id, 'documents', upload.fields._shown));

    if (typeof upload.fields.remove === 'string') {
      await removeDraftDocument(deps.db, draft.id, upload.fields.remove);
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
        await storeDocuments(deps.db, { draftId: draft.id }, kind, files, { maxFiles: deps.config.UPLOAD_MAX_FILES });
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
      await moveTo(deps.db, draft, 'summary');
      res.redirect(303, positionUrl(draft.id, 'summary'));
    }
  });

  router.get('/kladde/:id/opsummering', async (req, res) => {
    const opened = await openDraft(req, res);
    if (!opened) return;
    const { draft, token } = opened;
    const language = pageLanguage(req, res);
    await moveTo(deps.db, draft, 'summary');
    const answers = draftData(draft.data).answers;
    const checked = checkSubmission(draft.roundId, answers, draft.round, language);
    const asked = documentsAskedFor(draft.round, answers);
    const uploaded = asked.length ? await draftDocuments(deps.db, draft.id) : [];
    const documents = asked.length
      ? html`<section class="gf-summary-section" aria-labelledby="summary-documents">
          <h2 class="h3" id="summary-documents">${say('uploadedDocuments', language)}</h2>
          <ul class="nobullet-list">
            ${asked.map((kind) => {
              const files = uploaded.filter((document) => document.kind === kind);
              return files.length
                ? html`<li>${documentLabel(kind, language)}: ${files.map((file) => file.filename).join(', ')}</li>`
                : html`<li>${say('documentMissing', language, { document: documentLabel(kind, language) })}</li>`;
            })}
          </ul>
          <p><a href="${positionUrl(draft.id, 'documents')}">${say('change', language)}<span class="sr-only">: ${say('uploadedDocuments', language)}</span></a></p>
        </section>`
      : undefined;
    sendPage(
      res,
      summaryPage(req, deps.site, language, {
        draftId: draft.id,
        round: draft.round,
        answers,
        issues: checked.ok ? [] : checked.issues,
        outline: outlineOf(draft, answers, language),
        csrf: csrfFor(token),
        shownStamp: viewStamp(secret, draft.id, 'summary'),
        documents,
      }),
    );
  });

  router.post('/kladde/:id/send', async (req, res) => {
    const opened = await openDraft(req, res);
    if (!opened) return;
    const { draft, token } = opened;
    verifyCsrf(req, secret, token, deps.publicBaseUrl);
    const language = pageLanguage(req, res);
    await addActiveSeconds(deps.db, draft.id, 'summary', secondsSinceView(secret, draft.id, 'summary', req.body._shown));
    try {
      await submitDraft(intake, draft, token, language);
    } catch (error) {
      // The summary page names what is missing (and the round's rules); nothing was sent.
      if (error instanceof ApiError && error.status === 400) {
        res.redirect(303, positionUrl(draft.id, 'summary'));
        return;
      }
      throw error;
    }
    res.redirect(303, `${draftPath(draft.id)}/kvittering`);
  });

  router.get('/kladde/:id/kvittering', async (req, res) => {
    const token = draftTokenFrom(req);
    const draft = await draftForToken(deps.db, req.params.id, token);
    if (!draft.submittedAt) {
      res.redirect(303, positionUrl(draft.id, draft.currentStep));
      return;
    }
    const language = pageLanguage(req, res);
    // Sending the same draft again returns the first receipt: the same reference and private link.
    const { receipt } = await submitDraft(intake, draft, token!, language);
    const caseUrl = new URL(`/sag/${receipt.id}`, deps.publicBaseUrl);
    caseUrl.searchParams.set('adgang', receipt.accessToken);
    const contact = draftData(draft.data).answers.contact as { email?: string } | undefined;
    res.set('Referrer-Policy', 'no-referrer');
    sendPage(res, receiptPage(req, deps.site, language, { round: draft.round, reference: receipt.reference, contactEmail: contact?.email ?? '', caseUrl: caseUrl.toString() }));
  });

  // ── Save and continue later ──────────────────────────────────────────────────────────────

  function resumeEmailDefault(draft: StoredDraft): string {
    const answers = draftData(draft.data).answers as { contact?: { email?: unknown }; organization?: { email?: unknown } };
    const candidate = draft.resumeEmail ?? answers.contact?.email ?? answers.organization?.email;
    return typeof candidate === 'string' ? candidate : '';
  }

  router.get('/kladde/:id/gem', async (req, res) => {
    const opened = await openDraft(req, res);
    if (!opened) return;
    const { draft, token } = opened;
    const language = pageLanguage(req, res);
    sendPage(
      res,
      saveLaterPage(req, deps.site, language, {
        draftId: draft.id,
        email: resumeEmailDefault(draft),
        errors: {},
        sentTo: req.query.sendt && draft.resumeEmail ? draft.resumeEmail : undefined,
        csrf: csrfFor(token),
        backHref: positionUrl(draft.id, draft.currentStep),
      }),
    );
  });

  router.post('/kladde/:id/gem', async (req, res) => {
    const opened = await openDraft(req, res);
    if (!opened) return;
    const { draft, token } = opened;
    verifyCsrf(req, secret, token, deps.publicBaseUrl);
    const language = pageLanguage(req, res);
    const parsed = resumeLinkSchema.safeParse({ email: req.body.email ?? '' });
    let error: string | undefined = parsed.success ? undefined : say('invalidEmail', language);
    if (parsed.success) {
      try {
        await sendResumeLink({ db: deps.db, publicBaseUrl: deps.publicBaseUrl, municipalityName: deps.config.MUNICIPALITY_NAME }, draft, token, parsed.data.email, language);
      } catch (failure) {
        if (!(failure instanceof ApiError) || failure.status >= 500) throw failure;
        error = t(language, failure.messageKey, failure.values);
      }
    }
    if (error) {
      const typed = typeof req.body.email === 'string' ? req.body.email : '';
      sendPage(
        res,
        saveLaterPage(req, deps.site, language, { draftId: draft.id, email: typed, errors: { email: error }, csrf: csrfFor(token), backHref: positionUrl(draft.id, draft.currentStep) }),
        400,
      );
      return;
    }
    res.redirect(303, `${draftPath(draft.id)}/gem?sendt=1`);
  });

  return router;
}
