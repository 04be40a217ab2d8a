/**
 * The business register (in Denmark: CVR) as screening sees it. Rule E1 needs to know whether an
 * applicant exists and is active; rule E4 needs its municipality. Everything else in the
 * national register stays behind the implementations.
 */

export interface RegisteredEntity {
  /** Eight digits, as in the register. */
  cvr: string;
  name: string;
  /** Derived from `status` by `isActiveRegisterStatus`, so both implementations agree. */
  active: boolean;
  /** The register's own wording, kept for the caseworker (e.g. "NORMAL", "Aktiv", "OPLØST"). */
  status: string;
  /** Virksomhedsform code: 110 Forening, 115 Frivillig forening. */
  formCode: number | null;
  formName: string | null;
  address: { street: string; postalCode: string; city: string; municipalityCode: number | null } | null;
}

export type RegisterLookup = { found: false; cvr: string } | { found: true; entity: RegisteredEntity };

export interface BusinessRegister {
  /** Which implementation answered ("local" or "cvr"), recorded with the screening result. */
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
 * means the entity cannot receive a grant. An allow-list, so an unfamiliar status stops at a
 * caseworker instead of passing silently.
 */
export const ACTIVE_REGISTER_STATUSES = ['NORMAL', 'Aktiv', 'AKTIV'] as const;

const activeStatusesUpperCase = new Set(ACTIVE_REGISTER_STATUSES.map((status) => status.toUpperCase()));

export function isActiveRegisterStatus(status: string): boolean {
  return activeStatusesUpperCase.has(status.trim().toUpperCase());
}
