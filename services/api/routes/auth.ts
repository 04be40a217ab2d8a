import { Router } from 'express';
import { loginSchema } from '../../../domain/case-actions';
import { ApiError, parseInput } from '../http/errors';
import { signIn, SignInThrottled, type SignInDependencies } from '../http/sign-in';
import { requireStaff, staffTokenOf, STAFF_COOKIE } from '../http/staff';
import { cookieName } from '../http/cookies';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errorResponse, jsonBody, SECURITY } from '../http/openapi';

export const paths: ZodOpenApiPathsObject = {
  '/auth/login': {
    post: {
      summary: 'Staff sign-in',
      requestBody: jsonBody(loginSchema.meta({ id: 'Login' })),
      responses: { 200: { description: '{ token, user }' }, 401: errorResponse('Wrong email, password or one-time code (a break-glass account needs its TOTP code; production opens no other local account)'), 429: errorResponse('Too many attempts; Retry-After says when to try again') },
    },
  },
  '/auth/logout': { post: { summary: 'End the session on the server', security: SECURITY.staff, responses: { 204: { description: 'Signed out' }, 401: errorResponse('Not signed in') } } },
  '/auth/me': { get: { summary: 'The signed-in staff member', security: SECURITY.staff, responses: { 200: { description: '{ user }' }, 401: errorResponse('Not signed in') } } },
};

/** Staff sign-in for the JSON API: a bearer token backed by a server-side session. */
export function authRouter(deps: SignInDependencies & { secureCookies: boolean }): Router {
  const router = Router();
  router.post('/auth/login', async (req, res) => {
    const { email, password, oneTimeCode } = parseInput(loginSchema, req.body, req);
    try {
      const session = await signIn(deps, email, password, req.ip ?? 'unknown', oneTimeCode);
      res.set('Cache-Control', 'no-store').json({ token: session.token, user: session.identity });
    } catch (error) {
      if (error instanceof SignInThrottled) res.set('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  });
  router.post('/auth/logout', async (req, res) => {
    requireStaff(res);
    const token = staffTokenOf(res);
    if (!token) throw new ApiError(401, 'unauthorized', 'errors.auth.staffRequired');
    await deps.authenticator.logout(token);
    res.clearCookie(cookieName(req, STAFF_COOKIE), { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.secureCookies });
    res.status(204).end();
  });
  router.get('/auth/me', (_req, res) => {
    res.json({ user: requireStaff(res) });
  });
  return router;
}
