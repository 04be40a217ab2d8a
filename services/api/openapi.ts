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
      },
      parameters: {
        lang: { name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['da', 'nb', 'en'] } },
      },
      schemas: {
        ApplicationInput: jsonSchema(applicationInputSchema),
        RoundInput: jsonSchema(roundInputSchema),
        RoundUpdate: jsonSchema(roundUpdateSchema),
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
          summary: 'Cases waiting for staff, oldest first',
          security: [{ staffToken: [] }],
          parameters: [
            { name: 'status', in: 'query', schema: { type: 'string', enum: ['IN_QUEUE', 'IN_REVIEW', 'AWAITING_APPROVAL', 'REPORT_SUBMITTED'] } },
            { name: 'roundId', in: 'query', schema: { type: 'string', format: 'uuid' } },
            { name: 'assignee', in: 'query', schema: { type: 'string' }, description: '"me" for my cases' },
            { name: 'sort', in: 'query', schema: { type: 'string', enum: ['oldest', 'newest'] } },
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
            { name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } },
          ],
          responses: { 200: { description: '{ page, pageSize, total, counts, items }' }, 401: errorResponse('Not signed in'), 403: errorResponse('Role not allowed') },
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
    },
  };
}
