import crypto from 'node:crypto';
import { z } from 'zod';
import { LocalSigningProvider } from './local-signing';
import type { SigningProvider } from './signing-provider';

/** Settings of the signing provider, keyed by variable name for the project's config schema. */
export const signingSettingsSchema = z.object({
  /** `local`: the service signs the acceptance itself (HMAC under SIGNING_SECRET). */
  SIGNING_PROVIDER: z.enum(['local']).default('local'),
  /**
   * The local provider's HMAC key, at least 32 characters. Unset, it is derived from COOKIE_SECRET
   * (required in production, generated per process elsewhere); set it to keep signatures
   * verifiable across a rotation of COOKIE_SECRET.
   */
  SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
});

export type SigningSettings = z.infer<typeof signingSettingsSchema>;

/** The configured provider; an unset SIGNING_SECRET is derived from COOKIE_SECRET. */
export function createSigningProvider(settings: SigningSettings & { COOKIE_SECRET: string }): SigningProvider {
  const secret = settings.SIGNING_SECRET ?? crypto.createHmac('sha256', settings.COOKIE_SECRET).update('grantflow signing').digest('hex');
  switch (settings.SIGNING_PROVIDER) {
    case 'local':
      return new LocalSigningProvider(secret);
  }
}
