/**
 * Signing the acceptance of a grant's conditions. The service asks a provider to sign a statement
 * (who accepts, for which association, which conditions, when) and keeps what the provider gives
 * back with the case: its name, its reference for the signature, and the signed statement.
 *
 * `local` (lib/signing/local-signing.ts) signs with an HMAC under SIGNING_SECRET: for development,
 * tests and demonstrations, where the private link sent to the signatory is the proof of who signs.
 * A real provider (MitID Erhverv signing, or a Nets/Penneo-style signing API) is a class of its own
 * behind this interface: it verifies the signer's identity itself and gives the name it verified.
 */
export interface SigningStatement {
  applicationId: string;
  decisionSequence: number;
  organizationCvr: string;
  organizationName: string;
  /** The name of the person who accepts, as typed (local) or as the provider verified it. */
  signerName: string;
  conditionsVersion: string;
  /** SHA-256 (hex) of the conditions text the signer was shown. */
  conditionsHash: string;
  /** ISO time of the signature. */
  signedAt: string;
}

export interface SignedStatement {
  provider: string;
  /** The provider's reference for this signature (local: derived from the MAC). */
  reference: string;
  statement: SigningStatement;
  /** The provider's proof: for `local`, the HMAC-SHA256 of the statement (hex). */
  signature: string;
}

export interface SigningProvider {
  readonly name: string;
  sign(statement: SigningStatement): Promise<SignedStatement>;
  /** Whether a stored signed statement is the provider's and unchanged since it was signed. */
  verify(signed: SignedStatement): Promise<boolean>;
}
