import fc from 'fast-check';
import { certainFaults, noiseFaults, plausible, type BodyFault, type Components, type Schema } from './schema-values';
import type { FuzzRequest, FuzzTargets } from './request';
import { badPathSegment, CONTENT_TYPES, deepJson, forgedToken, junkMultipart, junkText, oddHeaders, oddQuery, oddString, rawJson } from './values';

// Malformed requests for every operation of the OpenAPI document, built from its parameters and
// request-body schemas. A request that could get past authorization to a state-changing operation
// always carries a fault the server must refuse (a broken body or a path naming nothing), so a
// correct server changes no stored data, whatever else the request holds.

interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  schema?: Schema;
  $ref?: string;
}

export interface ApiOperation {
  method: string;
  /** As in the document: /applications/{id} */
  path: string;
  parameters: Parameter[];
  body?: { contentType: string; schema: Schema; required: boolean };
  /** The security schemes of which any one will do; empty for a public operation. */
  security: string[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> }; security?: Record<string, string[]>[] }>>;
  components: { schemas?: Components; parameters?: Record<string, Parameter> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
/** Operations a malformed request cannot make change anything but the excluded tables (a failed sign-in is logged there). */
const CHANGES_NOTHING = new Set(['POST /auth/login']);
const API_PREFIX = '/api/v1';

export function operationsOf(document: OpenApiDocument): ApiOperation[] {
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = (operation.parameters ?? []).map((parameter) => (parameter.$ref ? document.components.parameters?.[parameter.$ref.split('/').pop()!] ?? parameter : parameter));
      const content = operation.requestBody?.content ?? {};
      const contentType = Object.keys(content)[0];
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters,
        body: contentType ? { contentType, schema: content[contentType]!.schema ?? {}, required: Boolean(operation.requestBody?.required) } : undefined,
        security: (operation.security ?? []).flatMap((requirement) => Object.keys(requirement)),
      });
    }
  }
  return operations;
}

/** The real id a path parameter of this operation names in the fuzzer's data. */
function realPathValue(operation: ApiOperation, name: string, targets: FuzzTargets): string {
  const { ids } = targets;
  if (name === 'cvr') return '13748136';
  if (name === 'documentId') return operation.path.startsWith('/drafts/') ? ids.draftDocument : ids.document;
  if (operation.path.startsWith('/drafts/')) return ids.draft;
  if (operation.path.startsWith('/rounds/')) return ids.round;
  if (operation.path.startsWith('/admin/schemes/')) return ids.scheme;
  if (operation.path.startsWith('/admin/staff/')) return ids.staffUser;
  if (operation.path.startsWith('/payout-runs/')) return ids.payoutRun;
  return ids.application;
}

type Credentials = { kind: 'real' | 'forged' | 'none'; headers: Record<string, string>; description: string };

function credentials(operation: ApiOperation, targets: FuzzTargets, real: boolean): fc.Arbitrary<Credentials> {
  const staff = Object.entries(targets.tokens.staff);
  const realOnes: [string, string][] = operation.security.flatMap((scheme) => {
    if (scheme === 'staffToken') return staff.map(([role, token]) => [`${role}'s bearer token`, token] as [string, string]);
    if (scheme === 'applicantToken') return [['the case’s private token', targets.tokens.applicant] as [string, string]];
    if (scheme === 'draftToken') return [['the draft’s token', targets.tokens.draft] as [string, string]];
    return [];
  });
  if (real && realOnes.length) {
    return fc.constantFrom(...realOnes).map(([description, token]) => ({ kind: 'real' as const, headers: { authorization: `Bearer ${token}` }, description }));
  }
  const adminToken = targets.tokens.staff.admin;
  return fc.oneof(
    fc.constant<Credentials>({ kind: 'none', headers: {}, description: 'no credentials' }),
    forgedToken.map((token): Credentials => ({ kind: 'forged', headers: { authorization: `Bearer ${token}` }, description: 'forged bearer token' })),
    fc.constantFrom('Basic YWRtaW46YWRtaW4=', `Token ${adminToken}`, `Bearer${adminToken}`, `Bearer ${adminToken} extra`, `Bearer ${adminToken.slice(0, -1)}`, `Bearer ${adminToken}x`, 'Bearer', 'bearer ', `Bearer ${targets.tokens.applicant}${targets.tokens.draft}`)
      .map((value): Credentials => ({ kind: 'forged', headers: { authorization: value }, description: 'bad authorization scheme or altered token' })),
    fc.tuple(fc.constantFrom('gf_staff', '__Host-gf_staff', 'gf_staff ', 'GF_STAFF'), fc.oneof(forgedToken, fc.constant(adminToken)), fc.option(forgedToken, { nil: undefined }))
      .map(([name, value, csrf]): Credentials => ({
        kind: 'forged',
        headers: { cookie: `${name}=${encodeURIComponent(value)}`, ...(csrf === undefined ? {} : { 'x-csrf-token': csrf }) },
        description: 'staff cookie without a valid CSRF token',
      })),
  );
}

/** The valid-looking query of an operation's declared query parameters. */
function declaredQuery(operation: ApiOperation, components: Components): fc.Arbitrary<string> {
  const query = operation.parameters.filter((parameter) => parameter.in === 'query');
  if (!query.length) return fc.constant('');
  return fc
    .tuple(...query.map((parameter) => fc.oneof(fc.constant(undefined), fc.constant(String(plausible(parameter.schema ?? {}, components, '00000000-0000-4000-8000-000000000000'))), oddString.filter((text) => text.length < 3_000))))
    .map((values) => values.map((value, index) => (value === undefined ? '' : `${encodeURIComponent(query[index]!.name)}=${encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '\ufffd'))}`)).filter(Boolean).join('&'));
}

interface BodyChoice {
  contentType?: string;
  body?: FuzzRequest['body'];
  faults: string[];
  /** Whether the body alone makes a correct server refuse the request. */
  certain: boolean;
}

function jsonBodies(operation: ApiOperation, components: Components, uuid: string): fc.Arbitrary<BodyChoice> {
  const schema = operation.body!.schema;
  const valid = plausible(schema, components, uuid);
  const certain = certainFaults(valid, schema, components);
  const noise = fc.array(noiseFaults(valid, schema, components), { maxLength: 2 });
  const apply = (faults: BodyFault[]) => faults.reduce((body, fault) => fault.apply(body), valid);
  const hasRequiredKeys = (schema.required?.length ?? 0) > 0 || (operation.body!.required && Object.keys(components).length > 0 && Boolean(schema.$ref));
  const options: fc.Arbitrary<BodyChoice>[] = [
    // A schema fault, with or without noise elsewhere.
    ...certain.map((fault) => fc.tuple(fault, noise).map(([one, more]) => ({ contentType: 'application/json', body: rawJson(apply([...more, one])), faults: [one.description, ...more.map((f) => f.description)], certain: true }))),
    // Noise alone: the body may well be valid.
    noise.map((faults) => ({ contentType: 'application/json', body: rawJson(apply(faults)), faults: faults.map((f) => f.description), certain: false })),
    // Not an object at all, or not JSON.
    fc.constantFrom('[]', '[{}]', '"text"', '1', 'true', 'null', '""').map((body) => ({ contentType: 'application/json', body, faults: ['body is not an object'], certain: true })),
    fc.oneof(junkText, deepJson).filter((text) => !/^\s*\{/.test(text) || !isJsonObject(text)).map((body) => ({ contentType: 'application/json', body, faults: ['body is not a JSON object'], certain: true })),
    // Past the 1 MB limit.
    fc.tuple(fc.integer({ min: 1_048_577, max: 3_000_000 }), fc.constantFrom('a', 'ø', '😀', ' ')).map(([bytes, unit]) => ({
      contentType: 'application/json',
      body: { prefix: '{"text":"', unit, bytes, suffix: '"}' },
      faults: [`body of ${bytes} bytes (past the limit)`],
      certain: true,
    })),
    // A content type the route does not read: the body is as good as absent.
    fc.tuple(fc.constantFrom(...CONTENT_TYPES.filter((type) => !type.startsWith('application/json'))), fc.oneof(fc.constant(rawJson(valid)), junkText)).map(([contentType, body]) => ({
      contentType,
      body,
      faults: [`content type ${contentType}`],
      certain: hasRequiredKeys,
    })),
    fc.constantFrom(...CONTENT_TYPES.filter((type) => type.startsWith('application/json; charset='))).map((contentType) => ({ contentType, body: rawJson(valid), faults: [`content type ${contentType}`], certain: false })),
  ];
  return fc.oneof(...options);
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

function multipartBodies(): fc.Arbitrary<BodyChoice> {
  return fc.oneof(
    junkMultipart('fuzzboundary').map((body) => ({ contentType: 'multipart/form-data; boundary=fuzzboundary', body, faults: ['junk multipart body'], certain: true })),
    fc.tuple(fc.constantFrom('multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary="unterminated', 'multipart/mixed; boundary=x', 'application/json', 'text/plain'), junkText).map(([contentType, body]) => ({
      contentType,
      body,
      faults: [`${contentType} with a junk body`],
      certain: true,
    })),
  );
}

function bodies(operation: ApiOperation, components: Components, uuid: string): fc.Arbitrary<BodyChoice> {
  if (!operation.body) {
    return fc.oneof(fc.constant<BodyChoice>({ faults: [], certain: false }), fc.tuple(fc.constantFrom(...CONTENT_TYPES), junkText).map(([contentType, body]) => ({ contentType, body, faults: ['a body where none belongs'], certain: false })));
  }
  if (operation.body.contentType.startsWith('multipart/')) return multipartBodies();
  return jsonBodies(operation, components, uuid);
}

/** Malformed requests for one operation of the document. */
export function apiRequests(operation: ApiOperation, components: Components, targets: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  const pathNames = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const changes = operation.method !== 'GET' && !CHANGES_NOTHING.has(`${operation.method} ${operation.path}`);
  const realIds = Object.fromEntries(pathNames.map((name) => [name, realPathValue(operation, name, targets)]));
  return fc
    .record({
      real: fc.boolean(),
      badPath: pathNames.length ? fc.option(fc.tuple(fc.constantFrom(...pathNames), badPathSegment), { nil: undefined, freq: 3 }) : fc.constant(undefined),
      body: bodies(operation, components, realIds.id ?? '00000000-0000-4000-8000-000000000000'),
      query: fc.tuple(declaredQuery(operation, components), fc.option(oddQuery, { nil: undefined })),
      headers: oddHeaders,
      idempotencyKey: operation.parameters.some((parameter) => parameter.name === 'Idempotency-Key') ? fc.option(fc.oneof(oddString, fc.constantFrom('a'.repeat(201), ' ', 'ключ', 'k\u0000')), { nil: undefined }) : fc.constant(undefined),
    })
    .chain((choice) => {
      // Signed in and aimed at real data, a state-changing request must carry a fault the server refuses.
      const refusedAnyway = !changes || choice.badPath !== undefined || choice.body.certain;
      const real = choice.real && (refusedAnyway || operation.security.length === 0 ? true : false);
      return credentials(operation, targets, real).map((creds) => ({ choice, creds }));
    })
    .filter(({ choice, creds }) => !changes || choice.badPath !== undefined || choice.body.certain || (creds.kind !== 'real' && operation.security.length > 0))
    .map(({ choice, creds }): FuzzRequest => {
      let path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => (choice.badPath?.[0] === name ? choice.badPath[1] : realIds[name]!));
      const query = [choice.query[0], choice.query[1]].filter(Boolean).join('&');
      if (query) path += `?${query}`;
      const headers: Record<string, string> = { ...choice.headers, ...creds.headers };
      if (choice.body.contentType) headers['content-type'] = choice.body.contentType;
      if (choice.idempotencyKey !== undefined) headers['idempotency-key'] = choice.idempotencyKey;
      // The request must reach this server.
      delete headers.host;
      return {
        operation: `api ${operation.method} ${operation.path}`,
        method: operation.method,
        path: `${API_PREFIX}${path}`,
        headers,
        body: choice.body.body,
        faults: [creds.description, ...(choice.badPath ? [`path ${choice.badPath[0]} = ${JSON.stringify(choice.badPath[1].slice(0, 60))}`] : []), ...choice.body.faults],
      };
    });
}
