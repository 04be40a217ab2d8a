import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject, ZodOpenApiResponseObject } from 'zod-openapi';
import { LANGUAGES } from '../../../lib/languages';
import { CASE_STATUSES } from '../../../domain/status';
import type { CaseAction } from '../../../workflows/messages';

// The pieces every router's OpenAPI declarations share. A router declares its operations next
// to its handlers (an exported `paths`); services/api/openapi.ts assembles them into the document.
// Schemas with an `id` become components and are referenced wherever they are used.

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  })
  .meta({ id: 'Error' });

export const statusSchema = z.enum(CASE_STATUSES).meta({ id: 'Status' });

const CASE_ACTIONS = ['claim', 'release', 'requestInformation', 'consult', 'decide', 'approve', 'withdraw', 'supplement', 'comment'] as const satisfies readonly CaseAction[];

export const caseStateSchema = z
  .looseObject({
    status: statusSchema,
    assignee: z.string().nullable(),
    openRequest: z.looseObject({}).nullable(),
    openConsultation: z.looseObject({}).nullable().meta({ description: 'A partshøring waiting for the association’s comments: facts, message, sentAt, answerBy' }),
    proposal: z.looseObject({}).nullable().meta({ description: 'A decision awaiting the second signature' }),
    decision: z.looseObject({}).nullable(),
    slaBreached: z.boolean(),
    decidedSeparately: z.boolean().optional().meta({ description: 'A deadline round’s case its allocation left out (not ready at the close): decided on its own' }),
    allowedActions: z.array(z.enum(CASE_ACTIONS)),
  })
  .meta({ id: 'CaseState', description: 'Where the case is in its workflow and what may be done now.' });

export const receiptSchema = z
  .object({
    id: z.uuid(),
    reference: z.string().meta({ examples: ['GF-2026-00042'] }),
    status: statusSchema,
    accessToken: z.string().meta({ description: 'Shown once; only a hash is stored. Keep it: it opens the case.' }),
    statusUrl: z.url(),
  })
  .meta({ id: 'Receipt' });

/** The security requirements of the document's three bearer tokens (schemes in services/api/openapi.ts). */
type SecurityRequirements = NonNullable<ZodOpenApiOperationObject['security']>;
export const SECURITY: Record<'staff' | 'applicant' | 'draft' | 'caseParty', SecurityRequirements> = {
  staff: [{ staffToken: [] }],
  applicant: [{ applicantToken: [] }],
  draft: [{ draftToken: [] }],
  /** The association with its token, or staff. */
  caseParty: [{ applicantToken: [] }, { staffToken: [] }],
};

/** ?lang= chooses the language of error messages (registered once as #/components/parameters/lang). */
export const langQuery = z.object({ lang: z.enum(LANGUAGES).optional().meta({ param: { id: 'lang' } }) });

/** Path parameters that are all UUIDs, e.g. uuidPath('id', 'documentId'). */
export function uuidPath(...names: string[]) {
  return z.object(Object.fromEntries(names.map((name) => [name, z.uuid()])));
}

export function idempotencyHeader(description: string) {
  return z.object({ 'Idempotency-Key': z.string().max(200).optional().meta({ description }) });
}

/** A copy of a query schema whose fields carry the given descriptions (the schema validated with stays as it is). */
export function describedQuery<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>, descriptions: Partial<Record<keyof Shape & string, string>>) {
  const described = Object.entries(descriptions).map(([name, description]) => [name, (schema.shape[name] as z.ZodType).meta({ description })]);
  return schema.extend(Object.fromEntries(described));
}

export function errorResponse(description: string): ZodOpenApiResponseObject {
  return { description, content: { 'application/json': { schema: errorSchema } } };
}

export function jsonResponse(description: string, schema: z.ZodType): ZodOpenApiResponseObject {
  return { description, content: { 'application/json': { schema } } };
}

/** A JSON request body; one whose fields are all optional may be left out. */
export function jsonBody(schema: z.ZodType): ZodOpenApiOperationObject['requestBody'] {
  return { required: !schema.safeParse({}).success, content: { 'application/json': { schema } } };
}

/** A download: the bytes of the given type (always an attachment). */
export function fileResponse(description: string, contentType: string): ZodOpenApiResponseObject {
  return { description, content: { [contentType]: { schema: z.string().meta({ format: 'binary' }) } } };
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One operation at an Express route path (`:id` becomes the document's `{id}`). */
export function operationAt(expressPath: string, method: Method, operation: ZodOpenApiOperationObject): ZodOpenApiPathsObject {
  return { [openApiPath(expressPath)]: { [method]: operation } };
}

export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

/** Path objects merged, operations at the same path side by side. */
export function mergePaths(...parts: ZodOpenApiPathsObject[]): ZodOpenApiPathsObject {
  const merged: ZodOpenApiPathsObject = {};
  for (const part of parts) {
    for (const [path, item] of Object.entries(part)) merged[path] = { ...merged[path], ...item };
  }
  return merged;
}

/** An upload: a document kind and one or more files, as multipart/form-data. */
export function multipartBody(kinds: readonly [string, ...string[]]): ZodOpenApiOperationObject['requestBody'] {
  const fields = z.object({ kind: z.enum(kinds), files: z.array(z.string().meta({ format: 'binary' })) });
  return { required: true, content: { 'multipart/form-data': { schema: fields } } };
}

interface CaseActionDeclaration {
  summary: string;
  body?: z.ZodType;
  /** What a staff action answers when it is not the case state. */
  answer?: z.ZodType;
  security: keyof typeof SECURITY;
  /** 202 for the association's actions, which the workflow takes up shortly after. */
  status?: 200 | 201 | 202;
}

/** One action on a case (or a round): its ID in the path, an optional Idempotency-Key, a JSON body if any, the usual refusals. */
export function caseActionOperation({ summary, body, answer, security, status = 200 }: CaseActionDeclaration): ZodOpenApiOperationObject {
  return {
    summary,
    security: SECURITY[security],
    requestParams: { path: uuidPath('id'), header: idempotencyHeader('Used as the workflow Update ID: a repeated request acts once.') },
    ...(body ? { requestBody: jsonBody(body) } : {}),
    responses: {
      [`${status}`]: status === 202 ? { description: 'Accepted; the case moves on shortly' } : jsonResponse('The case state after the action', answer ?? caseStateSchema),
      400: errorResponse('Invalid input, one issue per field'),
      401: errorResponse('Not signed in / no token'),
      403: errorResponse('Role or token not allowed for this case'),
      404: errorResponse('No such case'),
      409: errorResponse('Not allowed in the case’s current state'),
    },
  };
}
