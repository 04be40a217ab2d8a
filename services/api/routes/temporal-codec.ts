import express, { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { StaffAuthenticator } from '../../../lib/staff-auth';
import type { Logger } from '../../../lib/logger';
import { ApiError, errorHandler, parseInput } from '../http/errors';
import { bearerToken, may, STAFF_COOKIE } from '../http/staff';
import { cookieName } from '../http/cookies';
import { readCookie } from '../pages/page-language';

// The codec server the Temporal Web UI (and `temporal --codec-endpoint`) calls to show workflow
// payloads in clear: POST {endpoint}/decode and {endpoint}/encode with { payloads: [...] } in
// protobuf's JSON form (bytes as base64). Decrypted histories hold applicants' answers and staff
// emails, so only an admin's session opens them: a bearer token, or the session cookie when the
// UI is configured to include credentials. The cookie needs no CSRF token here: the codec changes
// nothing, and only the configured origins may read its answers (CORS).

const base64 = z.base64();
const payloadsBody = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() })).max(10_000),
});
type JsonPayload = z.infer<typeof payloadsBody>['payloads'][number];

export interface TemporalCodecRouterDependencies {
  authenticator: StaffAuthenticator;
  codec: PayloadCodec;
  /** Browser origins allowed to call the codec (the Web UI's); none: same-origin and non-browser callers only. */
  corsOrigins: string[];
  log: Logger;
}

export function temporalCodecRouter({ authenticator, codec, corsOrigins, log }: TemporalCodecRouterDependencies): Router {
  const router = Router();
  router.use('/codec', codecCors(corsOrigins));
  const requireCodecUse: RequestHandler = async (req, res, next) => {
    const token = bearerToken(req) ?? readCookie(req, cookieName(req, STAFF_COOKIE));
    const staff = token ? await authenticator.authenticate(token) : undefined;
    if (!staff) {
      res.set('WWW-Authenticate', 'Bearer realm="grantflow-staff"');
      throw new ApiError(401, 'unauthorized', 'errors.auth.staffRequired');
    }
    if (!may(staff, 'codec.use')) throw new ApiError(403, 'forbidden', 'errors.auth.roleRequired');
    res.locals.codecCaller = staff.email;
    res.set('Cache-Control', 'no-store');
    next();
  };
  const json = express.json({ limit: '8mb' });
  router.post('/codec/encode', requireCodecUse, json, async (req, res) => {
    res.json({ payloads: (await codec.encode(payloadsOf(req))).map(toJson) });
  });
  router.post('/codec/decode', requireCodecUse, json, async (req, res) => {
    let decoded: Payload[];
    try {
      decoded = await codec.decode(payloadsOf(req));
    } catch {
      throw new ApiError(400, 'undecryptable', 'errors.codec.undecryptable');
    }
    // Who read which namespace's payloads in clear: the histories hold personal data.
    log.info({ staff: res.locals.codecCaller, namespace: req.get('x-namespace')?.slice(0, 100), payloads: decoded.length }, 'workflow payloads decoded');
    res.json({ payloads: decoded.map(toJson) });
  });
  // JSON errors whatever the caller accepts: the codec is an API, never a page.
  router.use('/codec', errorHandler(log));
  return router;
}

function payloadsOf(req: Request): Payload[] {
  return parseInput(payloadsBody, req.body ?? {}, req).payloads.map(fromJson);
}

function fromJson(payload: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([name, value]) => [name, Buffer.from(value, 'base64')])),
    data: Buffer.from(payload.data ?? '', 'base64'),
  };
}

function toJson(payload: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([name, value]) => [name, Buffer.from(value ?? new Uint8Array()).toString('base64')])),
    data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
  };
}

/** CORS for the configured origins only, with credentials (the UI's "include cookies" option). */
function codecCors(origins: string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.get('origin');
    if (origin && allowed.has(origin)) {
      res.set({
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Namespace',
        'Access-Control-Max-Age': '600',
      });
    }
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };
}
