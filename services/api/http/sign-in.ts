import type { Config } from '../../../lib/config';
import type { Database } from '../../../lib/db';
import type { Logger } from '../../../lib/logger';
import type { StaffAuthenticator, StaffIdentity } from '../../../lib/staff-auth';
import { ApiError } from './errors';

// Failed attempts are counted over this window; how many an account and an address may have
// before sign-in pauses are settings (SIGN_IN_FAILURES_PER_ACCOUNT, SIGN_IN_FAILURES_PER_ADDRESS).
const WINDOW_MS = 15 * 60_000;

export interface SignInDependencies {
  authenticator: StaffAuthenticator;
  db: Database;
  log: Logger;
  config: Pick<Config, 'SIGN_IN_FAILURES_PER_ACCOUNT' | 'SIGN_IN_FAILURES_PER_ADDRESS'>;
}

export class SignInThrottled extends ApiError {
  override readonly retryAfterSeconds = WINDOW_MS / 1000;
  constructor() {
    super(429, 'too_many_attempts', 'errors.auth.tooManyAttempts');
  }
}

/**
 * One sign-in attempt, for the API and the sign-in page alike: refused while the account or the
 * address has too many recent failures, and recorded either way.
 */
export async function signIn(deps: SignInDependencies, email: string, password: string, ip: string, oneTimeCode?: string): Promise<{ token: string; identity: StaffIdentity }> {
  const since = new Date(Date.now() - WINDOW_MS);
  const [accountFailures, addressFailures] = await Promise.all([
    deps.db.staffLoginAttempt.count({ where: { email, success: false, at: { gte: since } } }),
    deps.db.staffLoginAttempt.count({ where: { ip, success: false, at: { gte: since } } }),
  ]);
  if (accountFailures >= deps.config.SIGN_IN_FAILURES_PER_ACCOUNT || addressFailures >= deps.config.SIGN_IN_FAILURES_PER_ADDRESS) {
    deps.log.warn({ email, ip, accountFailures, addressFailures }, 'staff login throttled');
    throw new SignInThrottled();
  }
  const session = await deps.authenticator.login(email, password, oneTimeCode);
  await deps.db.staffLoginAttempt.create({ data: { email, ip, success: Boolean(session) } });
  deps.log.info({ email, ip, success: Boolean(session) }, 'staff login attempt');
  if (!session) throw new ApiError(401, 'login_failed', 'errors.auth.loginFailed');
  return session;
}
