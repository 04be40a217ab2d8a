import crypto from 'node:crypto';
import type { SignedStatement, SigningProvider, SigningStatement } from './signing-provider';

/** The statement's fields in a fixed order, so the same statement always gives the same MAC. */
export function canonicalStatement(statement: SigningStatement): string {
  const { applicationId, decisionSequence, organizationCvr, organizationName, signerName, conditionsVersion, conditionsHash, signedAt } = statement;
  return JSON.stringify([applicationId, decisionSequence, organizationCvr, organizationName, signerName, conditionsVersion, conditionsHash, signedAt]);
}

/** SHA-256 (hex) of a conditions text, as a statement names it. */
export function conditionsHash(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Signs in the service itself: an HMAC-SHA256 of the statement under a secret only the service
 * holds. Proves the statement was made through the service and not changed since; who signed is
 * the holder of the private link sent to the signatory. For development and tests.
 */
export class LocalSigningProvider implements SigningProvider {
  readonly name = 'local';

  constructor(private readonly secret: string) {
    if (secret.length < 32) throw new Error('The local signing secret must be at least 32 characters');
  }

  private mac(statement: SigningStatement): string {
    return crypto.createHmac('sha256', this.secret).update(canonicalStatement(statement), 'utf8').digest('hex');
  }

  async sign(statement: SigningStatement): Promise<SignedStatement> {
    const signature = this.mac(statement);
    return { provider: this.name, reference: `local-${signature.slice(0, 20)}`, statement: { ...statement }, signature };
  }

  async verify(signed: SignedStatement): Promise<boolean> {
    if (signed.provider !== this.name) return false;
    const expected = Buffer.from(this.mac(signed.statement), 'hex');
    const given = Buffer.from(signed.signature, 'hex');
    return expected.length === given.length && crypto.timingSafeEqual(expected, given) && signed.reference === `local-${signed.signature.slice(0, 20)}`;
  }
}
