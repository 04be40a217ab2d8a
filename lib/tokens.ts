import crypto from 'node:crypto';

/** A private-link token: 256 random bits, URL-safe. Only its hash is stored. */
export function generateAccessToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function sha256Hex(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

/** Compares a presented token with a stored hash in constant time. */
export function tokenMatchesHash(token: string, storedHash: string): boolean {
  const presented = Buffer.from(sha256Hex(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && crypto.timingSafeEqual(presented, stored);
}

/**
 * Compares two strings' UTF-8 bytes in constant time. Equal lengths in characters are not equal
 * lengths in bytes (43 × "æ" is 86 bytes, a 43-character token 43), and timingSafeEqual throws on
 * buffers of unequal length: compare the bytes' lengths first.
 */
export function sameBytes(sent: string, expected: string): boolean {
  const a = Buffer.from(sent, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function keyFromSecret(secret: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret, 'grantflow', 'access-token-seal', 32));
}

/**
 * Encrypts a value with a key derived from a secret the caller holds (the Idempotency-Key), so
 * the database keeps something only that caller can open again.
 */
export function seal(value: string, secret: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyFromSecret(secret), iv);
  const encrypted = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString('base64url');
}

export function unseal(sealed: string, secret: string): string {
  const bytes = Buffer.from(sealed, 'base64url');
  const decipher = crypto.createDecipheriv('aes-256-gcm', keyFromSecret(secret), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}

/** Canonical JSON (sorted keys) hashed: tells a repeated request from a different one. */
export function fingerprint(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]))
        : v;
  return sha256Hex(JSON.stringify(canonical(value)));
}
