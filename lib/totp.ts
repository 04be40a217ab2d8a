import { generateSecret, generateURI, verify } from 'otplib';

/** A new base32 TOTP secret (160 bits) for an authenticator app. */
export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// URI an authenticator app reads (as a QR code or pasted). */
export function totpUri(secret: string, account: string, issuer: string): string {
  return generateURI({ issuer, label: account, secret });
}

/**
 * The time step of a valid six-digit code (this period, or the one before it for a code typed
 * as it changed), or null. The caller accepts each step once.
 */
export async function verifyTotpCode(secret: string, code: string | undefined): Promise<number | null> {
  if (!code || !/^\d{6}$/.test(code)) return null;
  const result = await verify({ secret, token: code, epochTolerance: [30, 0] }).catch(() => undefined);
  return result?.valid && 'timeStep' in result ? result.timeStep : null;
}
