import { z } from 'zod';
import { applicationInputSchema } from '../../domain/application-input';
import { roundInputSchema, roundUpdateSchema } from '../../domain/round-input';
import {
  allocationConfirmationSchema,
  approvalSchema,
  assignmentSchema,
  decisionSchema,
  informationRequestSchema,
  loginSchema,
  reportReviewSchema,
  reportSchema,
  supplementSchema,
  withdrawalSchema,
} from '../../domain/case-actions';
import { CASE_STATUSES } from '../../domain/status';
import { STATS_PATHS, STATS_SCHEMAS } from './stats/openapi-paths';
import { FORM_STEPS, stepSchemas } from '../../domain/draft-steps';
import { draftCreationSchema, draftStepSchema } from './routes/drafts';
import { resumeLinkSchema } from './drafts/resume-link';
import { UPLOAD_KINDS } from './documents/kinds';
import { staffAccountInputSchema, staffPasswordSchema } from './admin/staff-accounts';

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function caseAction(path: string, summary: string, schema: string, security: 'staffToken' | 'applicantToken', status = 200) {
  return {
    [path]: {
      post: {
        summary,
        security: [{ [security]: [] }],
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 }, description: 'Used as the workflow Update ID: a repeated request acts once.' },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } },
        responses: {
          [status]: status === 202 ? { description: 'Accepted; the case moves on shortly' } : { description: 'The case state after the action', content: { 'application/json': { schema: { $ref: '#/components/schemas/CaseState' } } } },
          400: errorResponse('Invalid input, one issue per field'),
          401: errorResponse('Not signed in / no token'),
          403: errorResponse('Role or token not allowed for this case'),
          404: errorResponse('No such case'),
          409: errorResponse('Not allowed in the case’s current state'),
        },
      },
    },
  };
}

/**
 * The OpenAPI document served at /api/v1/openapi.json. Request bodies come from the same zod
 * schemas the API validates with, so the document cannot drift from the code.
 */
export function openApiDocument(publicBaseUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'grantflow API',
      version: '1',
      description:
        'Municipal grant applications (§18-midler): submit, follow and decide. Amounts are whole kroner. ' +
        'Error messages follow ?lang= (da, nb, en) or Accept-Language; Danish by default.',
    },
    servers: [{ url: new URL('/api/v1', publicBaseUrl).toString() }],
    components: {
      securitySchemes: {
        applicantToken: { type: 'http', scheme: 'bearer', description: 'The accessToken returned when the application was submitted (or the token of a private link from an email).' },
        staffToken: { type: 'http', scheme: 'bearer', description: 'The token from POST /auth/login.' },
        draftToken: { type: 'http', scheme: 'bearer', description: 'The token returned once by POST /drafts (also in the resume link as ?adgang=). It opens only its own draft.' },
      },
      parameters: {
        lang: { name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['da', 'nb', 'en'] } },
      },
      schemas: {
        ApplicationInput: jsonSchema(applicationInputSchema),
        DraftCreation: jsonSchema(draftCreationSchema),
        DraftStep: {
          ...jsonSchema(draftStepSchema),
          description: `One step of the form. answers holds the step's part of ApplicationInput, validated as DraftStepAnswers.<step> (steps in order: ${FORM_STEPS.join(', ')}).`,
        },
        DraftStepAnswers: { type: 'object', properties: Object.fromEntries(FORM_STEPS.map((step) => [step, jsonSchema(stepSchemas[step])])) },
        ResumeLink: jsonSchema(resumeLinkSchema),
        Draft: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            roundId: { type: 'string', format: 'uuid' },
            language: { type: 'string', enum: ['da', 'nb', 'en'] },
            steps: { type: 'array', items: { type: 'string', enum: [...FORM_STEPS] } },
            currentStep: { type: 'string' },
            furthestStep: { type: 'string' },
            answers: { type: 'object', description: 'The saved parts of ApplicationInput' },
            stepSeconds: { type: 'object', additionalProperties: { type: 'integer' }, description: 'Active seconds per step' },
            issues: { type: 'array', description: 'What still stops the draft from being submitted', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
            documentsAskedFor: { type: 'array', items: { type: 'string' }, description: 'Documents the round asks for at the requested amount' },
            documents: { type: 'array', items: { type: 'object' } },
            submittedAt: { type: ['string', 'null'], format: 'date-time' },
            applicationId: { type: ['string', 'null'], format: 'uuid' },
            statusUrl: { type: ['string', 'null'], format: 'uri' },
          },
        },
        RoundInput: jsonSchema(roundInputSchema),
        RoundUpdate: jsonSchema(roundUpdateSchema),
        StaffAccountInput: jsonSchema(staffAccountInputSchema),
        StaffPassword: jsonSchema(staffPasswordSchema),
        Login: jsonSchema(loginSchema),
        Assignment: jsonSchema(assignmentSchema),
        InformationRequest: jsonSchema(informationRequestSchema),
        Decision: jsonSchema(decisionSchema),
        Approval: jsonSchema(approvalSchema),
        Supplement: jsonSchema(supplementSchema),
        Withdrawal: jsonSchema(withdrawalSchema),
        Report: jsonSchema(reportSchema),
        ReportReview: jsonSchema(reportReviewSchema),
        AllocationConfirmation: jsonSchema(allocationConfirmationSchema),
        CaseState: {
          type: 'object',
          description: 'Where the case is in its workflow and what may be done now.',
          properties: {
            status: { $ref: '#/components/schemas/Status' },
            assignee: { type: ['string', 'null'] },
            openRequest: { type: ['object', 'null'] },
            proposal: { type: ['object', 'null'], description: 'A decision awaiting the second signature' },
            decision: { type: ['object', 'null'] },
            slaBreached: { type: 'boolean' },
            allowedActions: { type: 'array', items: { type: 'string', enum: ['claim', 'release', 'requestInformation', 'decide', 'approve', 'withdraw', 'supplement'] } },
          },
        },
        Status: { type: 'string', enum: [...CASE_STATUSES] },
        Receipt: {
          type: 'object',
          required: ['id', 'reference', 'status', 'accessToken', 'statusUrl'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            reference: { type: 'string', examples: ['GF-2026-00042'] },
            status: { $ref: '#/components/schemas/Status' },
            accessToken: { type: 'string', description: 'Shown once; only a hash is stored. Keep it: it opens the case.' },
            statusUrl: { type: 'string', format: 'uri' },
          },
        },
        Round: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            slug: { type: 'string' },
            name: { type: 'string' },
            description: { type: 'string' },
            mode: { type: 'string', enum: ['continuous', 'deadline'] },
            budget: { type: 'integer', description: 'kroner' },
            maxAmount: { type: 'integer', description: 'kroner' },
            opensAt: { type: 'string', format: 'date-time' },
            closesAt: { type: ['string', 'null'], format: 'date-time' },
          },
        },
        ApplicationView: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            reference: { type: 'string' },
            status: { $ref: '#/components/schemas/Status' },
            round: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
            organization: { type: 'object', properties: { cvr: { type: 'string' }, name: { type: 'string' } } },
            project: { type: 'object', properties: { title: { type: 'string' } } },
            amountRequested: { type: 'integer', description: 'kroner' },
            submittedAt: { type: ['string', 'null'], format: 'date-time' },
            timeline: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  type: { type: 'string' },
                  from: { oneOf: [{ $ref: '#/components/schemas/Status' }, { type: 'null' }] },
                  to: { $ref: '#/components/schemas/Status' },
                  at: { type: 'string', format: 'date-time' },
                },
              },
            },
          },
        },
        ...STATS_SCHEMAS,
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message', 'issues'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                issues: {
                  type: 'array',
                  items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
                },
              },
            },
          },
        },
      },
    },
    paths: {
      '/rounds': {
        post: {
          summary: 'Create a funding round with all its settings (admin)',
          security: [{ staffToken: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/RoundInput' } } } },
          responses: { 201: { description: 'The round' }, 400: errorResponse('Invalid settings'), 409: errorResponse('Slug taken') },
        },
        get: {
          summary: 'Funding rounds open for applications now',
          responses: {
            200: {
              description: 'Open rounds, soonest deadline first',
              content: { 'application/json': { schema: { type: 'object', properties: { rounds: { type: 'array', items: { $ref: '#/components/schemas/Round' } } } } } },
            },
          },
        },
      },
      '/applications': {
        post: {
          summary: 'Submit an application',
          parameters: [
            { $ref: '#/components/parameters/lang' },
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', maxLength: 200 },
              description: 'Repeat a request with the same key and the same body to get the same receipt; nothing new is started.',
            },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ApplicationInput' } } } },
          responses: {
            201: { description: 'Stored; the workflow is started', content: { 'application/json': { schema: { $ref: '#/components/schemas/Receipt' } } } },
            400: errorResponse('Invalid input, with one issue per field'),
            404: errorResponse('Unknown funding round'),
            409: errorResponse('The funding round is not open'),
            422: errorResponse('The Idempotency-Key was used for a different body'),
          },
        },
      },
      '/drafts': {
        post: {
          summary: 'Start a draft application (the same steps as the web form)',
          parameters: [{ $ref: '#/components/parameters/lang' }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/DraftCreation' } } } },
          responses: {
            201: { description: '{ id, token, url, resumeUrl, steps, currentStep }; the token is shown once and is the Bearer token for the draft' },
            400: errorResponse('Invalid input'),
            404: errorResponse('Unknown funding round'),
            409: errorResponse('The funding round is not open'),
          },
        },
      },
      '/drafts/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }, { $ref: '#/components/parameters/lang' }],
        get: {
          summary: 'The draft: answers so far, steps, active time, what is still missing',
          security: [{ draftToken: [] }],
          responses: { 200: { description: 'The draft', content: { 'application/json': { schema: { $ref: '#/components/schemas/Draft' } } } }, 401: errorResponse('No token'), 403: errorResponse('Another draft’s token'), 404: errorResponse('No such draft') },
        },
        patch: {
          summary: 'Save one step; a step that does not validate changes nothing',
          security: [{ draftToken: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/DraftStep' } } } },
          responses: {
            200: { description: 'The draft after saving', content: { 'application/json': { schema: { $ref: '#/components/schemas/Draft' } } } },
            400: errorResponse('Invalid step data (also the round’s maximum amount and excluded cost categories), one issue per field'),
            403: errorResponse('Another draft’s token'),
            409: errorResponse('The draft has been submitted'),
          },
        },
      },
      '/drafts/{id}/documents': {
        post: {
          summary: 'Upload documents to a draft (multipart/form-data: kind = statutes | budget | annual_accounts, and the files)',
          security: [{ draftToken: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }, { $ref: '#/components/parameters/lang' }],
          requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: ['statutes', 'budget', 'annual_accounts'] }, files: { type: 'array', items: { type: 'string', format: 'binary' } } } } } } },
          responses: { 201: { description: '{ documents }' }, 400: errorResponse('A file was refused (type read from its content, size, count), one issue per file'), 409: errorResponse('The draft has been submitted') },
        },
      },
      '/drafts/{id}/documents/{documentId}': {
        delete: {
          summary: 'Remove one of the draft’s documents',
          security: [{ draftToken: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }, { name: 'documentId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { 204: { description: 'Removed' }, 404: errorResponse('No such document on this draft') },
        },
      },
      '/drafts/{id}/resume-link': {
        post: {
          summary: 'Email the draft’s private link, to continue later (at most five per draft)',
          security: [{ draftToken: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }, { $ref: '#/components/parameters/lang' }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ResumeLink' } } } },
          responses: { 202: { description: 'Queued for sending' }, 400: errorResponse('Not an email address'), 429: errorResponse('The link has been sent five times') },
        },
      },
      '/drafts/{id}/submission': {
        post: {
          summary: 'Submit the draft as an application; sending it again returns the same receipt',
          security: [{ draftToken: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }, { $ref: '#/components/parameters/lang' }],
          responses: {
            201: { description: 'Stored with the draft’s documents; the workflow is started', content: { 'application/json': { schema: { $ref: '#/components/schemas/Receipt' } } } },
            400: errorResponse('The draft is not complete or breaks a rule of the round, one issue per field'),
            409: errorResponse('The funding round is not open'),
          },
        },
      },
      '/register/{cvr}': {
        get: {
          summary: 'What the business register knows about a CVR number (to fill in name and address)',
          parameters: [{ name: 'cvr', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{8}$' } }, { $ref: '#/components/parameters/lang' }],
          responses: { 200: { description: '{ cvr, found, name?, active?, address? }' }, 400: errorResponse('Not a valid CVR number (8 digits, modulus 11)'), 503: errorResponse('The register is not answering') },
        },
      },
      '/auth/login': {
        post: {
          summary: 'Staff sign-in',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Login' } } } },
          responses: { 200: { description: '{ token, user }' }, 401: errorResponse('Wrong email or password') },
        },
      },
      '/auth/logout': { post: { summary: 'End the session on the server', security: [{ staffToken: [] }], responses: { 204: { description: 'Signed out' } } } },
      '/auth/me': { get: { summary: 'The signed-in staff member', security: [{ staffToken: [] }], responses: { 200: { description: '{ user }' }, 401: errorResponse('Not signed in') } } },
      '/queue': {
        get: {
          summary: 'Cases waiting for staff, oldest first, with counts per status (the same query as the queue page)',
          security: [{ staffToken: [] }],
          parameters: [
            { name: 'status', in: 'query', schema: { type: 'string', enum: ['IN_QUEUE', 'IN_REVIEW', 'AWAITING_APPROVAL', 'REPORT_SUBMITTED'] } },
            { name: 'roundId', in: 'query', schema: { type: 'string', format: 'uuid' } },
            { name: 'assignee', in: 'query', schema: { type: 'string' }, description: '"me" for my cases, "none" for cases nobody has claimed, or a caseworker’s email' },
            { name: 'targetGroup', in: 'query', schema: { type: 'string' }, description: 'A target group code, e.g. "lonely"' },
            { name: 'sla', in: 'query', schema: { type: 'string', enum: ['within', 'due_soon', 'breached'] }, description: 'Against the round’s decision target; due_soon is past 75 % of it. Cases before a decision only.' },
            { name: 'flagged', in: 'query', schema: { type: 'string', enum: ['true', 'false'] }, description: 'Cases with an automatic check that did not pass (or only those without)' },
            { name: 'sort', in: 'query', schema: { type: 'string', enum: ['oldest', 'newest', 'amount'] } },
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
            { name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } },
          ],
          responses: {
            200: { description: '{ page, pageSize, total, counts: { <status>: n }, items: [{ id, reference, status, assignee, organization, title, targetGroup, round, amountRequested, submittedAt, daysWaiting, sla: { state, targetDays } | null, flagged }] }' },
            400: errorResponse('An unknown filter value'),
            401: errorResponse('Not signed in'),
            403: errorResponse('Role not allowed'),
          },
        },
      },
      ...caseAction('/applications/{id}/assignment', 'Claim the case (or assign it with { assignee })', 'Assignment', 'staffToken'),
      ...caseAction('/applications/{id}/information-requests', 'Ask the association for missing information', 'InformationRequest', 'staffToken'),
      ...caseAction('/applications/{id}/decision', 'Decide: above the round’s four-eyes threshold the decision awaits approval', 'Decision', 'staffToken'),
      ...caseAction('/applications/{id}/approval', 'Approve a decision, or return it with a comment (not by the one who decided)', 'Approval', 'staffToken'),
      ...caseAction('/applications/{id}/supplements', 'The association answers the open information request', 'Supplement', 'applicantToken', 202),
      ...caseAction('/applications/{id}/withdrawal', 'The association withdraws the application (before a decision)', 'Withdrawal', 'applicantToken', 202),
      ...caseAction('/applications/{id}/reports', 'The association submits its follow-up report', 'Report', 'applicantToken', 202),
      ...caseAction('/reports/{id}/review', 'Accept a follow-up report or send it back ({id} is the application ID)', 'ReportReview', 'staffToken'),
      ...caseAction('/rounds/{id}/allocation', 'Confirm a closed deadline round’s allocation; GET shows the proposal', 'AllocationConfirmation', 'staffToken'),
      '/rounds/{id}': {
        get: { summary: 'A funding round with every setting (staff)', security: [{ staffToken: [] }], responses: { 200: { description: 'The round' }, 404: errorResponse('No such round') } },
        patch: {
          summary: 'Change a round (admin). Cases already submitted keep the snapshot their workflow took at submission.',
          security: [{ staffToken: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/RoundUpdate' } } } },
          responses: { 200: { description: 'The round' }, 400: errorResponse('Invalid settings'), 404: errorResponse('No such round'), 409: errorResponse('Slug taken, or a setting that running cases depend on') },
        },
      },
      '/admin/rounds': { get: { summary: 'Every funding round (staff)', security: [{ staffToken: [] }], responses: { 200: { description: '{ rounds }' } } } },
      '/admin/staff': {
        get: { summary: 'Every staff account with its roles, active flag and open sessions (admin)', security: [{ staffToken: [] }], responses: { 200: { description: '{ staff }' }, 403: errorResponse('Not an admin') } },
        post: {
          summary: 'Create a staff account with roles; the password is stored as an argon2id hash (admin)',
          security: [{ staffToken: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/StaffAccountInput' } } } },
          responses: { 201: { description: 'The account' }, 400: errorResponse('Invalid input'), 409: errorResponse('The email address is taken') },
        },
      },
      '/admin/staff/{id}': {
        get: { summary: 'One staff account (admin)', security: [{ staffToken: [] }], parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }], responses: { 200: { description: 'The account' }, 404: errorResponse('No such account') } },
      },
      '/admin/staff/{id}/deactivation': {
        post: {
          summary: 'Deactivate the account: it can no longer sign in, and every session it has ends now (admin; not one’s own account)',
          security: [{ staffToken: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { 200: { description: 'The account' }, 404: errorResponse('No such account'), 409: errorResponse('One’s own account') },
        },
        delete: {
          summary: 'Reactivate the account (admin)',
          security: [{ staffToken: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { 200: { description: 'The account' }, 404: errorResponse('No such account') },
        },
      },
      '/admin/staff/{id}/password': {
        put: {
          summary: 'Set a new password; the account’s other sessions end (admin)',
          security: [{ staffToken: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/StaffPassword' } } } },
          responses: { 200: { description: 'The account' }, 400: errorResponse('12 to 200 characters'), 404: errorResponse('No such account') },
        },
      },
      '/admin/access-log': {
        get: {
          summary: 'Who viewed the applications of an association (cvr) or a contact person (email), when and why (admin). The search itself is logged.',
          security: [{ staffToken: [] }],
          parameters: [
            { name: 'cvr', in: 'query', required: false, schema: { type: 'string', pattern: '^[0-9]{8}$' } },
            { name: 'email', in: 'query', required: false, schema: { type: 'string', format: 'email' } },
          ],
          responses: { 200: { description: '{ query, applications, entries: [{ at, staffEmail, purpose, application }], truncated }' }, 400: errorResponse('Give exactly one of cvr and email') },
        },
      },
      '/payout-runs': {
        get: { summary: 'Payout export runs (approver, admin)', security: [{ staffToken: [] }], responses: { 200: { description: '{ runs }' } } },
        post: {
          summary: 'Export every payout not exported before into one run (approver, admin)',
          security: [{ staffToken: [] }],
          responses: { 201: { description: '{ id, createdAt, count, total }' }, 200: { description: '{ count: 0 } — nothing pending' } },
        },
      },
      '/payout-runs/{id}/export.csv': {
        get: { summary: 'The run as CSV for the finance system (semicolons, UTF-8 with BOM)', security: [{ staffToken: [] }], responses: { 200: { description: 'text/csv' }, 404: errorResponse('No such run') } },
      },
      '/applications/{id}/letter.pdf': {
        get: {
          summary: 'The decision letter (PDF), as an attachment',
          security: [{ applicantToken: [] }, { staffToken: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { 200: { description: 'application/pdf' }, 404: errorResponse('No decision yet') },
        },
      },
      '/applications/{id}/documents': {
        post: {
          summary:
            'Upload documents to a case (multipart/form-data: a "kind" field and one or more files). The type is read from the bytes: PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS; ' +
            'the size and count limits are UPLOAD_MAX_FILE_BYTES and UPLOAD_MAX_FILES (per request and per case). Reference the returned IDs in documentIds of a supplement or report. ' +
            'The same bytes uploaded again with the same kind return the document stored the first time.',
          security: [{ applicantToken: [] }, { staffToken: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }, { $ref: '#/components/parameters/lang' }],
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['kind', 'files'],
                  properties: {
                    kind: { type: 'string', enum: [...UPLOAD_KINDS] },
                    files: { type: 'array', items: { type: 'string', format: 'binary' } },
                  },
                },
              },
            },
          },
          responses: {
            201: { description: '{ documents: [{ id, kind, filename, contentType, size, sha256, url }] }' },
            400: errorResponse('A file refused (issues name each file with reason type, size, count or empty, and what to do), no files, an unknown kind, or the case’s file limit reached; nothing of the request is stored'),
            403: errorResponse('The token belongs to another application'),
            409: errorResponse('The case is closed, withdrawn or lapsed'),
            415: errorResponse('Not multipart/form-data'),
          },
        },
        get: {
          summary: 'The documents of a case (uploads and letters)',
          security: [{ applicantToken: [] }, { staffToken: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
          responses: { 200: { description: '{ documents: [{ id, kind, filename, contentType, size, createdAt, url }] }' }, 403: errorResponse('The token belongs to another application') },
        },
      },
      '/applications/{id}/documents/{documentId}': {
        get: {
          summary: 'One document, always as an attachment (Content-Disposition with filename*, X-Content-Type-Options: nosniff, the type detected at upload)',
          security: [{ applicantToken: [] }, { staffToken: [] }],
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
            { name: 'documentId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: { 200: { description: 'The bytes' }, 403: errorResponse('The token belongs to another application'), 404: errorResponse('No such document on this case') },
        },
      },
      '/applications/{id}': {
        get: {
          summary: "The applicant's view of a case: status and timeline",
          security: [{ applicantToken: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }, { $ref: '#/components/parameters/lang' }],
          responses: {
            200: { description: 'The case', content: { 'application/json': { schema: { $ref: '#/components/schemas/ApplicationView' } } } },
            401: errorResponse('No access token'),
            403: errorResponse('The token belongs to another application'),
            404: errorResponse('No such application'),
          },
        },
      },
      ...STATS_PATHS,
    },
  };
}
