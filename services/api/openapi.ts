import { z } from 'zod';
import { applicationInputSchema } from '../../domain/application-input';
import { CASE_STATUSES } from '../../domain/status';

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

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
        applicantToken: { type: 'http', scheme: 'bearer', description: 'The accessToken returned when the application was submitted.' },
      },
      parameters: {
        lang: { name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['da', 'nb', 'en'] } },
      },
      schemas: {
        ApplicationInput: jsonSchema(applicationInputSchema),
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
