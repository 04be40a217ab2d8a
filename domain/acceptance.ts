// Acceptance of a grant's conditions before payout: who may sign, and what the signer sends.

/** The version of the standard conditions the acceptance text is built from (locale: letter.acceptance.*). */
export const STANDARD_CONDITIONS_VERSION = '2026-12';

/** The version a case's conditions are known by: the standard conditions and the decision they come with. */
export function conditionsVersion(decisionSequence: number): string {
  return `${STANDARD_CONDITIONS_VERSION}/afgoerelse-${decisionSequence}`;
}

/** Who may sign for the association, and where that comes from. */
export interface Signatories {
  /** register: the business register's signing rule; application: the signatory the association named. */
  source: 'register' | 'application';
  names: string[];
  /** The register's signing rule in its own words (source register). */
  rule?: string;
}

/**
 * The register's signing rule where the register gives one with the names of those who may sign;
 * else the person the association named in its application (its contact person).
 */
export function signatoriesFor(register: { signingRule?: { text: string; signatories: string[] } | null } | null, named: { name: string }): Signatories {
  const rule = register?.signingRule;
  if (rule && rule.signatories.length > 0) return { source: 'register', names: [...rule.signatories], rule: rule.text };
  return { source: 'application', names: [named.name] };
}

/** A name as people write it: case, accents' composed forms, spacing and punctuation between parts do not matter. */
export function normalizedName(name: string): string {
  return name
    .normalize('NFKC')
    .toLocaleLowerCase('da')
    .replace(/[.,]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ');
}

/** Whether the person signing is one of those who may sign for the association. */
export function maySign(signerName: string, signatories: readonly string[]): boolean {
  const signer = normalizedName(signerName);
  return signer !== '' && signatories.some((name) => normalizedName(name) === signer);
}

/**
 * A signing provider's signed statement as the case keeps it (lib/signing/signing-provider.ts
 * gives it this shape and more): the provider, its reference, and what was signed when.
 */
export interface SignedAcceptance {
  provider: string;
  reference: string;
  signature: string;
  statement: { signerName: string; conditionsHash: string; conditionsVersion: string; signedAt: string };
}
