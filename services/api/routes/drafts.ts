import { messageKey } from '../../../domain/message-key';
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { ZodOpenApiComponentsObject, ZodOpenApiPathsObject } from 'zod-openapi';
import type { Config } from '../../../lib/config';
import type { Database } from '../../../lib/db';
import { LANGUAGES } from '../../../lib/languages';
import { createBusinessRegister, RegisterUnavailableError } from '../../../lib/register';
import { organizationNumberSchema } from '../../../domain/application-input';
import { jurisdictionRules, perJurisdiction, type Jurisdiction } from '../../../domain/jurisdiction';
import { FORM_STEPS, nextPosition, stepAnswers, stepSchemas } from '../../../domain/draft-steps';
import { ApiError, parseInput } from '../http/errors';
import { requestLanguage } from '../http/language';
import { bearerToken } from '../http/staff';
import type { IntakeDependencies } from '../applications/intake';
import { assertNotSubmitted, draftForToken, type StoredDraft } from '../drafts/access';
import { cappedSeconds } from '../drafts/active-time';
import { findOpenRound } from '../drafts/rounds';
import { draftResumeUrl, resumeLinkSchema, sendResumeLink } from '../drafts/resume-link';
import { addActiveSeconds, createDraft, draftData, storeStepAnswers } from '../drafts/store';
import { submitDraft } from '../drafts/submit';
import { documentsAskedFor, draftDocuments, removeDraftDocument } from '../drafts/documents';
import { receiveMultipart, refuseRejectedFiles } from '../http/uploads';
import { storeDocuments } from '../documents/store';
import { APPLICATION_DOCUMENT_KINDS } from '../../../domain/tiers';
import { checkStep, checkSubmission } from '../drafts/validation';
import { errorResponse, jsonBody, jsonResponse, langQuery, multipartBody, receiptSchema, SECURITY, uuidPath } from '../http/openapi';
import { municipalityContact } from '../admin/round-frame';
import type { RateLimits } from '../http/rate-limits';
import { arrivalTime } from '../http/arrival';
import { sendNewDraftLink } from '../drafts/new-link';

export const draftCreationSchema = z.object({
  roundId: z.uuid(),
  /** The language of the application and its emails; the request's language when left out. */
  language: z.enum(LANGUAGES).optional(),
});

export const draftStepSchema = z.object({
  step: z.enum(FORM_STEPS),
  /** The step's part of the submission body, e.g. { organization: {…} } or { budget: {…}, amountRequested }. */
  answers: z.record(z.string(), z.unknown()),
  /** Seconds the person spent on the step (the service counts at most 30 minutes per save). */
  activeSeconds: z.number().min(0).optional(),
});

/** Not a body of its own: what PATCH /drafts/{id} checks answers against, step by step. */
const draftStepAnswersSchema = perJurisdiction((jurisdiction) => {
  const steps = stepSchemas(jurisdiction);
  return z.object(Object.fromEntries(FORM_STEPS.map((step) => [step, steps[step]]))).meta({ id: 'DraftStepAnswers', unusedIO: 'input' });
});

const draftSchema = z
  .object({
    id: z.uuid(),
    roundId: z.uuid(),
    language: z.enum(LANGUAGES),
    steps: z.array(z.enum(FORM_STEPS)),
    currentStep: z.string(),
    furthestStep: z.string(),
    answers: z.record(z.string(), z.unknown()).meta({ description: 'The saved parts of ApplicationInput' }),
    stepSeconds: z.record(z.string(), z.int()).meta({ description: 'Active seconds per step' }),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).meta({ description: 'What still stops the draft from being submitted' }),
    documentsAskedFor: z.array(z.string()).meta({ description: 'Documents the round asks for at the requested amount' }),
    documents: z.array(z.looseObject({})),
    submittedAt: z.iso.datetime().nullable(),
    applicationId: z.uuid().nullable(),
    statusUrl: z.url().nullable(),
  })
  .meta({ id: 'Draft' });

const draftPath = { path: uuidPath('id'), query: langQuery };
const draftDocumentPath = { path: uuidPath('id', 'documentId') };

export function components(jurisdiction: Jurisdiction): ZodOpenApiComponentsObject {
  return { schemas: { DraftStepAnswers: draftStepAnswersSchema(jurisdiction) } };
}

function buildPaths(jurisdiction: Jurisdiction): ZodOpenApiPathsObject {
  return {
    '/drafts': {
      post: {
        summary: 'Start a draft application (the same steps as the web form)',
        requestParams: { query: langQuery },
        requestBody: jsonBody(draftCreationSchema.meta({ id: 'DraftCreation' })),
        responses: {
          201: { description: '{ id, token, url, resumeUrl, steps, currentStep }; the token is shown once and is the Bearer token for the draft' },
          400: errorResponse('Invalid input'),
          404: errorResponse('Unknown funding round'),
          409: errorResponse('The funding round is not open (round_closed), or is demo data for the statistics that takes no applications (round_demo)'),
          429: errorResponse('Too many new drafts or writes from this address (rate_limited); Retry-After says when to try again'),
        },
      },
    },
    '/drafts/{id}': {
      get: {
        summary: 'The draft: answers so far, steps, active time, what is still missing',
        security: SECURITY.draft,
        requestParams: draftPath,
        responses: { 200: jsonResponse('The draft', draftSchema), 401: errorResponse('No token'), 403: errorResponse('Another draft’s token'), 404: errorResponse('No such draft') },
      },
      patch: {
        summary: 'Save one step; a step that does not validate changes nothing',
        security: SECURITY.draft,
        requestParams: draftPath,
        requestBody: jsonBody(
          draftStepSchema.meta({
            id: 'DraftStep',
            description: `One step of the form. answers holds the step's part of ApplicationInput, validated as DraftStepAnswers.<step> (steps in order: ${FORM_STEPS.join(', ')}).`,
          }),
        ),
        responses: {
          200: jsonResponse('The draft after saving', draftSchema),
          400: errorResponse('Invalid step data (also the round’s maximum amount and excluded cost categories), one issue per field'),
          403: errorResponse('Another draft’s token'),
          409: errorResponse('The draft has been submitted'),
        },
      },
    },
    '/drafts/{id}/documents': {
      post: {
        summary: 'Upload documents to a draft (multipart/form-data: a kind and the files)',
        security: SECURITY.draft,
        requestParams: draftPath,
        requestBody: multipartBody(APPLICATION_DOCUMENT_KINDS),
        responses: { 201: { description: '{ documents }' }, 400: errorResponse('A file was refused (type read from its content, size, count), one issue per file'), 409: errorResponse('The draft has been submitted') },
      },
    },
    '/drafts/{id}/documents/{documentId}': {
      delete: {
        summary: 'Remove one of the draft’s documents',
        security: SECURITY.draft,
        requestParams: draftDocumentPath,
        responses: { 204: { description: 'Removed' }, 404: errorResponse('No such document on this draft') },
      },
    },
    '/drafts/{id}/resume-link': {
      post: {
        summary: 'Email the draft’s private link, to continue later (at most five per draft)',
        security: SECURITY.draft,
        requestParams: draftPath,
        requestBody: jsonBody(resumeLinkSchema.meta({ id: 'ResumeLink' })),
        responses: { 202: { description: 'Queued for sending: { sentTo }' }, 400: errorResponse('Not an email address'), 429: errorResponse('The link has been sent five times for this draft (too_many_resume_emails), or the address has had as many emails as it may this hour (too_many_emails); Retry-After') },
      },
    },
    '/drafts/{id}/new-link': {
      post: {
        summary: 'Replace the draft’s private link and email the new one to the address the draft registered (never to one given here); the old link stops working',
        requestParams: draftPath,
        responses: {
          202: { description: 'Queued for the registered address, if the draft has one: { sentTo: "registered_address" }' },
          404: errorResponse('No such draft'),
          409: errorResponse('The draft has been submitted: the case has links of its own'),
          429: errorResponse('The registered address has had as many emails as it may this hour (too_many_emails); Retry-After'),
        },
      },
    },
    '/drafts/{id}/submission': {
      post: {
        summary: 'Submit the draft as an application; sending it again returns the same receipt',
        security: SECURITY.draft,
        requestParams: draftPath,
        responses: {
          201: jsonResponse('Stored with the draft’s documents; the workflow is started', receiptSchema),
          400: errorResponse('The draft is not complete or breaks a rule of the round (a self-organised group where the round takes associations only: applicant.kind), one issue per field'),
          403: errorResponse('The token is the volunteer centre helper’s, who prepared the draft: only the association submits it (helper_cannot_submit); nothing is sent'),
          409: errorResponse('The funding round is not open (round_closed), or is demo data for the statistics that takes no applications (round_demo)'),
          503: errorResponse('So many submissions arrive at once that this one found no turn (intake_busy); nothing is stored. Send it again after Retry-After'),
        },
      },
    },
    '/register/{cvr}': {
      get: {
        summary: jurisdiction === 'DK' ? 'What the business register (CVR) knows about a CVR number (to fill in name and address)' : 'What Enhetsregisteret knows about an organisasjonsnummer (to fill in name and address)',
        requestParams: { path: z.object({ cvr: organizationNumberSchema(jurisdiction) }), query: langQuery },
        responses: {
          200: { description: '{ cvr, found, name?, active?, address? } (cvr: the organisation number)' },
          400: errorResponse(jurisdiction === 'DK' ? 'Not a valid CVR number (8 digits, modulus 11)' : 'Not a valid organisasjonsnummer (9 digits, modulus 11)'),
          503: errorResponse('The register is not answering'),
        },
      },
    },
};
}

/** The drafts operations as a deployment of the jurisdiction validates them (its organisation number). */
export const paths = perJurisdiction(buildPaths);

async function draftView(db: Database, draft: StoredDraft, publicBaseUrl: string, language: ReturnType<typeof requestLanguage>, jurisdiction: Jurisdiction) {
  const { answers } = draftData(draft.data);
  const documents = await draftDocuments(db, draft.id);
  const remaining = checkSubmission(draft.roundId, answers, draft.round, language, jurisdiction);
  return {
    id: draft.id,
    roundId: draft.roundId,
    language: draft.language,
    steps: FORM_STEPS,
    currentStep: draft.currentStep,
    furthestStep: draft.furthestStep,
    answers,
    stepSeconds: draft.stepSeconds,
    /** What still stops the draft from being submitted, one issue per field. */
    issues: remaining.ok ? [] : remaining.issues,
    /** The documents the round asks for at the requested amount, and those uploaded so far. */
    documentsAskedFor: documentsAskedFor(draft.round, answers),
    documents: documents.map((document) => ({ ...document, createdAt: document.createdAt.toISOString() })),
    submittedAt: draft.submittedAt?.toISOString() ?? null,
    applicationId: draft.applicationId,
    statusUrl: draft.applicationId ? new URL(`/api/v1/applications/${draft.applicationId}`, publicBaseUrl).toString() : null,
  };
}

/**
 * Drafts through the JSON API: the same steps and schemas as the web form. The draft's private
 * token (returned once, at creation) is the Bearer token of every later request.
 */
export function draftsRouter(deps: IntakeDependencies & { config: Config; rateLimits: RateLimits }): Router {
  const router = Router();
  const register = createBusinessRegister(deps.config);
  const jurisdiction = deps.config.JURISDICTION;
  const numberSchema = z.object({ cvr: organizationNumberSchema(jurisdiction) });
  const authorized = (req: Request) => draftForToken(deps.db, req.params.id, bearerToken(req));
  const reload = (id: string) => deps.db.applicationDraft.findUniqueOrThrow({ where: { id }, include: { round: true } });

  router.post('/drafts', async (req, res) => {
    const input = parseInput(draftCreationSchema, req.body ?? {}, req);
    const round = await findOpenRound(deps.db, { id: input.roundId });
    const { id, token } = await createDraft(deps.db, { roundId: round.id, language: input.language ?? requestLanguage(req) });
    const url = new URL(`/api/v1/drafts/${id}`, deps.publicBaseUrl).toString();
    res.status(201).location(url).json({ id, token, url, resumeUrl: draftResumeUrl(deps.publicBaseUrl, id, token), steps: FORM_STEPS, currentStep: FORM_STEPS[0] });
  });

  router.get('/drafts/:id', async (req, res) => {
    const draft = await authorized(req);
    res.set('Cache-Control', 'no-store').json(await draftView(deps.db, draft, deps.publicBaseUrl, requestLanguage(req), jurisdiction));
  });

  router.patch('/drafts/:id', async (req, res) => {
    const draft = await authorized(req);
    assertNotSubmitted(draft);
    const language = requestLanguage(req);
    const input = parseInput(draftStepSchema, req.body ?? {}, req);
    const answers = stepAnswers(input.step, input.answers);
    const checked = checkStep(input.step, answers, draftData(draft.data).answers, draft.round, language, jurisdiction);
    // Unlike the web form (which keeps what was typed so the page can show it again), an API
    // client holds its own data: a step that does not validate changes nothing.
    if (!checked.ok) throw new ApiError(400, 'validation_failed', 'errors.validation.failed', checked.issues);
    await storeStepAnswers(deps.db, draft, input.step, checked.value, nextPosition(input.step), draft.language as typeof language);
    await addActiveSeconds(deps.db, draft.id, input.step, cappedSeconds(input.activeSeconds ?? 0));
    res.set('Cache-Control', 'no-store').json(await draftView(deps.db, await reload(draft.id), deps.publicBaseUrl, language, jurisdiction));
  });

  router.post('/drafts/:id/documents', async (req, res) => {
    const draft = await authorized(req);
    assertNotSubmitted(draft);
    const upload = await receiveMultipart(req, { maxFileBytes: deps.config.UPLOAD_MAX_FILE_BYTES, maxFiles: deps.config.UPLOAD_MAX_FILES });
    const { kind } = parseInput(z.object({ kind: z.enum(APPLICATION_DOCUMENT_KINDS) }), { kind: upload.fields.kind }, req);
    refuseRejectedFiles(upload.rejected);
    if (!upload.files.length) throw new ApiError(400, 'validation_failed', 'errors.upload.noFiles', [{ path: 'files', message: messageKey('errors.upload.noFiles') }]);
    const stored = await storeDocuments(deps.db, { draftId: draft.id }, kind, upload.files, { maxFiles: deps.config.UPLOAD_MAX_FILES });
    res.status(201).json({ documents: stored.map(({ created: _created, ...document }) => document) });
  });

  router.delete('/drafts/:id/documents/:documentId', async (req, res) => {
    const draft = await authorized(req);
    assertNotSubmitted(draft);
    if (!(await removeDraftDocument(deps.db, draft.id, String(req.params.documentId)))) throw new ApiError(404, 'not_found', 'errors.document.notFound');
    res.status(204).end();
  });

  router.post('/drafts/:id/resume-link', async (req, res) => {
    const draft = await authorized(req);
    assertNotSubmitted(draft);
    const { email } = parseInput(resumeLinkSchema, req.body ?? {}, req);
    await sendResumeLink({ db: deps.db, rateLimits: deps.rateLimits, publicBaseUrl: deps.publicBaseUrl, municipalityName: deps.config.MUNICIPALITY_NAME, municipalityContact: municipalityContact(deps.config) }, draft, bearerToken(req)!, email, requestLanguage(req));
    res.status(202).json({ sentTo: email });
  });

  router.post('/drafts/:id/new-link', async (req, res) => {
    await sendNewDraftLink({ db: deps.db, rateLimits: deps.rateLimits, publicBaseUrl: deps.publicBaseUrl, municipalityName: deps.config.MUNICIPALITY_NAME, municipalityContact: municipalityContact(deps.config) }, String(req.params.id));
    res.status(202).json({ sentTo: 'registered_address' });
  });

  router.post('/drafts/:id/submission', async (req, res) => {
    const draft = await authorized(req);
    const { receipt, replayed } = await submitDraft(deps, draft, bearerToken(req)!, requestLanguage(req), jurisdiction, arrivalTime(res));
    if (replayed) res.set('Idempotent-Replayed', 'true');
    res.status(201).location(receipt.statusUrl).json(receipt);
  });

  router.get('/register/:cvr', async (req, res) => {
    const cvr = parseInput(numberSchema, { cvr: req.params.cvr }, req).cvr;
    try {
      const lookup = await register.lookup(cvr);
      if (!lookup.found) {
        res.json({ cvr, found: false });
        return;
      }
      const { entity } = lookup;
      res.json({ cvr, found: true, name: entity.name, active: entity.active, address: entity.address ? `${entity.address.street}, ${entity.address.postalCode} ${entity.address.city}` : null });
    } catch (error) {
      if (error instanceof RegisterUnavailableError) throw new ApiError(503, 'register_unavailable', jurisdictionRules(jurisdiction).texts.registerUnavailable);
      throw error;
    }
  });

  return router;
}
