/**
 * The business register (in Denmark: CVR; in Norway: Enhetsregisteret) as screening sees it. Rule E1 needs to know whether an
 * applicant exists and is active; rule E4 needs its municipality. Everything else in the
 * national register stays behind the implementations.
 */

export interface RegisteredEntity {
  /**
   * The organisation's number as the register writes it: eight digits in CVR, nine in
   * Enhetsregisteret (organisasjonsnummer). The field keeps its first register's name.
   */
  cvr: string;
  name: string;
  /** Derived from `status` by `isActiveRegisterStatus`, so both implementations agree. */
  active: boolean;
  /**
   * The register's own wording, kept for the caseworker (e.g. "NORMAL", "Aktiv", "OPLØST"; for
   * Enhetsregisteret, which has no status field, words composed from its flags: "Aktiv",
   * "Slettet", "Konkurs", "Under avvikling" …, see brreg-http-register.ts).
   */
  status: string;
  /**
   * The legal form's code: a number in CVR (virksomhedsform 110 Forening, 115 Frivillig forening),
   * letters in Enhetsregisteret (organisasjonsform FLI Forening/lag/innretning, STI Stiftelse).
   */
  formCode: number | string | null;
  formName: string | null;
  /** municipalityCode: kommunekode (CVR, e.g. 101) or kommunenummer (Enhetsregisteret, "0301" → 301). */
  address: { street: string; postalCode: string; city: string; municipalityCode: number | null } | null;
  /**
   * Whether the entity is registered in Frivillighetsregisteret, Norway's register of voluntary
   * organisations (Enhetsregisteret's `registrertIFrivillighetsregisteret`). Only registers that
   * know it set it; absent means "not known", not "no". For the caseworker: it does not decide
   * rule E1.
   */
  voluntaryRegister?: boolean;
  /**
   * Who may sign for the entity (in CVR: tegningsregel; in Enhetsregisteret: signatur), in the
   * register's words, with the names of the people it names. Only registers that give it set it
   * (today the local one); absent, the acceptance of a grant falls back to the signatory the
   * association named.
   */
  signingRule?: { text: string; signatories: string[] };
}

export type RegisterLookup = { found: false; cvr: string } | { found: true; entity: RegisteredEntity };

export interface BusinessRegister {
  /** Which implementation answered ("local", "cvr" or "brreg"), recorded with the screening result. */
  readonly name: string;
  /** Resolves `{ found: false }` only when the register answered that it has no such number. */
  lookup(cvr: string): Promise<RegisterLookup>;
}

/**
 * The register did not answer (timeout, network failure, 5xx, rate limit). Callers retry: this is
 * never evidence that the association does not exist, so it must not fail rule E1.
 */
export class RegisterUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RegisterUnavailableError';
  }
}

/**
 * Statuses that count as "active" (compared without regard to case). CVR's `sammensatStatus`
 * says "NORMAL" for most entities and "Aktiv" for some forms, associations among them; anything
 * else ("Ophørt", "OPLØST …", "UNDER KONKURS", "UNDER FRIVILLIG LIKVIDATION", "TVANGSOPLØST" …)
 * means the entity cannot receive a grant. Enhetsregisteret's implementation says "Aktiv" (the
 * same word in Norwegian) only when none of its deletion, bankruptcy or winding-up flags is set.
 * An allow-list, so an unfamiliar status stops at a caseworker instead of passing silently.
 */
export const ACTIVE_REGISTER_STATUSES = ['NORMAL', 'Aktiv', 'AKTIV'] as const;

const activeStatusesUpperCase = new Set(ACTIVE_REGISTER_STATUSES.map((status) => status.toUpperCase()));

export function isActiveRegisterStatus(status: string): boolean {
  return activeStatusesUpperCase.has(status.trim().toUpperCase());
}
