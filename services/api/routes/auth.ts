import { Router } from 'express';
import type { Database } from '../../../lib/db';
import type { Logger } from '../../../lib/logger';
import type { StaffAuthenticator } from '../../../lib/staff-auth';
import { loginSchema } from '../../../domain/case-actions';
import { ApiError, parseInput } from '../http/errors';
import { bearerToken, requireStaff } from '../http/staff';

// Failed attempts allowed per account and per address within the window before sign-in pauses.
const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_ACCOUNT = 5;
const MAX_FAILURES_PER_ADDRESS = 20;

/** Staff sign-in for the JSON API: a bearer token backed by a server-side session. */
export function authRouter({ authenticator, log, db }: { authenticator: StaffAuthenticator; log: Logger; db: Database }): Router {
  const router = Router();
  router.post('/auth/login', async (req, res) => {
    const { email, password } = parseInput(loginSchema, req.body, req);
    const ip = req.ip ?? 'unknown';
    const since = new Date(Date.now() - WINDOW_MS);
    const [accountFailures, addressFailures] = await Promise.all([
      db.staffLoginAttempt.count({ where: { email, success: false, at: { gte: since } } }),
      db.staffLoginAttempt.count({ where: { ip, success: false, at: { gte: since } } }),
    ]);
    if (accountFailures >= MAX_FAILURES_PER_ACCOUNT || addressFailures >= MAX_FAILURES_PER_ADDRESS) {
      log.warn({ email, ip, accountFailures, addressFailures }, 'staff login throttled');
      res.set('Retry-After', String(WINDOW_MS / 1000));
      throw new ApiError(429, 'too_many_attempts', 'auth.tooManyAttempts');
    }
    const session = await authenticator.login(email, password);
    await db.staffLoginAttempt.create({ data: { email, ip, success: Boolean(session) } });
    log.info({ email, ip, success: Boolean(session) }, 'staff login attempt');
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
