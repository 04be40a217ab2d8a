import { Router } from 'express';
import type { Logger } from '../../../lib/logger';
import type { StaffAuthenticator } from '../../../lib/staff-auth';
import { loginSchema } from '../../../domain/case-actions';
import { ApiError, parseInput } from '../http/errors';
import { bearerToken, requireStaff } from '../http/staff';

/** Staff sign-in for the JSON API: a bearer token backed by a server-side session. */
export function authRouter({ authenticator, log }: { authenticator: StaffAuthenticator; log: Logger }): Router {
  const router = Router();
  router.post('/auth/login', async (req, res) => {
    const { email, password } = parseInput(loginSchema, req.body, req);
    const session = await authenticator.login(email, password);
    log.info({ email, ip: req.ip, success: Boolean(session) }, 'staff login attempt');
    if (!session) throw new ApiError(401, 'login_failed', 'auth.loginFailed');
    res.set('Cache-Control', 'no-store').json({ token: session.token, user: session.identity });
  });
  router.post('/auth/logout', async (req, res) => {
    requireStaff(res);
    await authenticator.logout(bearerToken(req)!);
    res.status(204).end();
  });
  router.get('/auth/me', (_req, res) => {
    res.json({ user: requireStaff(res) });
  });
  return router;
}
