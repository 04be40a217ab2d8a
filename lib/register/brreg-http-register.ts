import { z } from 'zod';
import {
  isActiveRegisterStatus,
  RegisterUnavailableError,
  type BusinessRegister,
  type RegisteredEntity,
  type RegisterLookup,
} from './business-register';
import { exchangeWithRegister, isRetryableRegisterStatus, parseRegisterJson, type RegisterEndpoint } from './register-http';

export interface BrregHttpRegisterOptions {
  /** The API's base, e.g. https://data.brreg.no/enhetsregisteret/api; lookups go to {base}/enheter/{number}. */
  url: string;
  /** Covers the whole exchange: connecting, waiting for the answer and reading its body. */
  timeoutMs: number;
}

// The API leaves absent values out; accept null as well, as the CVR client does.
const text = z.string().nullish();
const flag = z.boolean().nullish();
const addressSchema = z.object({
  adresse: z.array(z.string().nullable()).nullish(),
  postnummer: text,
  poststed: text,
  kommune: text,
  kommunenummer: text,
  land: text,
  landkode: text,
});
type BrregAddress = z.infer<typeof addressSchema>;

/**
 * Only the fields we read from an "Enhet". A 410 (deleted entity) carries a short body of the same
 * shape: organisasjonsnummer, navn, organisasjonsform and slettedato.
 */
const enhetSchema = z.object({
  organisasjonsnummer: z.string().regex(/^\d{9}$/),
  navn: text,
  organisasjonsform: z.object({ kode: text, beskrivelse: text }).nullish(),
  forretningsadresse: addressSchema.nullish(),
  postadresse: addressSchema.nullish(),
  registrertIFrivillighetsregisteret: flag,
  konkurs: flag,
  underKonkursbehandling: flag,
  underAvvikling: flag,
  underTvangsavviklingEllerTvangsopplosning: flag,
  slettedato: text,
});
type Enhet = z.infer<typeof enhetSchema>;

/**
 * The words this client composes into `status`, in the order they are listed when several apply.
 * Enhetsregisteret has no status field of its own; an entity with none of these flags is "Aktiv",
 * the word ACTIVE_REGISTER_STATUSES already holds (it is Norwegian as well as Danish).
 */
export const BRREG_STATUS = {
  active: 'Aktiv',
  deleted: 'Slettet',
  bankrupt: 'Konkurs',
  compulsoryDissolution: 'Under tvangsavvikling eller tvangsoppløsning',
  windingUp: 'Under avvikling',
} as const;

/**
 * Brønnøysundregistrene's open API for Enhetsregisteret (no credentials): `GET
 * {base}/enheter/{organisasjonsnummer}`. How the answer becomes a RegisteredEntity:
 *
 * | RegisteredEntity  | Enhetsregisteret field                                                      |
 * |-------------------|-----------------------------------------------------------------------------|
 * | cvr               | organisasjonsnummer (nine digits)                                           |
 * | name              | navn                                                                        |
 * | status            | composed (BRREG_STATUS): "Slettet" if slettedato or HTTP 410; "Konkurs" if konkurs or underKonkursbehandling; "Under tvangsavvikling eller tvangsoppløsning"; "Under avvikling"; several joined by ", "; none → "Aktiv" |
 * | active            | status is one of ACTIVE_REGISTER_STATUSES, i.e. "Aktiv" alone               |
 * | formCode          | organisasjonsform.kode (FLI Forening/lag/innretning, STI Stiftelse …)       |
 * | formName          | organisasjonsform.beskrivelse                                               |
 * | address           | forretningsadresse, else postadresse: adresse[] joined by ", ", postnummer, poststed |
 * | address.municipalityCode | kommunenummer as a number ("0301" → 301)                             |
 * | voluntaryRegister | registrertIFrivillighetsregisteret; left out when the answer does not give it (a 410 body) |
 *
 * Outcomes: 200 → found; 410 (Gone: the entity is deleted) → found, "Slettet", inactive; 404 →
 * not found; a number that is not nine digits → not found without asking; 408, 429, 5xx, a
 * timeout or a network error → RegisterUnavailableError (retry later); any other status or an
 * answer of the wrong shape → Error.
 */
export class BrregHttpRegister implements BusinessRegister {
  readonly name = 'brreg';
  private readonly base: string;

  constructor(private readonly options: BrregHttpRegisterOptions) {
    new URL(options.url); // a malformed URL is a configuration error: fail at start-up, not per lookup
    this.base = options.url.replace(/\/+$/, '');
  }

  async lookup(organisationNumber: string): Promise<RegisterLookup> {
    const normalized = normalizeOrganisationNumber(organisationNumber);
    // Enhetsregisteret answers 400 to anything but nine digits; no such number can be registered.
    if (!/^\d{9}$/.test(normalized)) return { found: false, cvr: normalized };

    const endpoint: RegisterEndpoint = { label: 'Enhetsregisteret', url: `${this.base}/enheter/${normalized}`, timeoutMs: this.options.timeoutMs };
    const { status, body } = await exchangeWithRegister(endpoint, { method: 'GET', headers: { accept: 'application/json' } });

    if (status === 404) return { found: false, cvr: normalized };
    if (isRetryableRegisterStatus(status)) {
      throw new RegisterUnavailableError(`Enhetsregisteret at ${endpoint.url} answered HTTP ${status}`);
    }
    if (status === 410) {
      // Gone: the register knew the entity and has deleted it. The short body names it when it can.
      return { found: true, entity: deletedEntity(normalized, body) };
    }
    if (status < 200 || status > 299) {
      throw new Error(`Enhetsregisteret at ${endpoint.url} answered HTTP ${status}: ${body.slice(0, 200)}`);
    }
    return { found: true, entity: toRegisteredEntity(parseRegisterJson(endpoint, body, enhetSchema)) };
  }
}

/** Accepts the forms people type ("912 345 678", "NO 912345678 MVA") and returns the digits. */
function normalizeOrganisationNumber(value: string): string {
  return value.trim().replace(/^NO/i, '').replace(/MVA$/i, '').replace(/[\s.-]/g, '');
}

function toRegisteredEntity(enhet: Enhet): RegisteredEntity {
  const status = composeStatus(enhet);
  const address = enhet.forretningsadresse ?? enhet.postadresse;
  return {
    cvr: enhet.organisasjonsnummer,
    name: enhet.navn?.trim() ?? '',
    active: isActiveRegisterStatus(status),
    status,
    formCode: enhet.organisasjonsform?.kode?.trim() || null,
    formName: enhet.organisasjonsform?.beskrivelse?.trim() || null,
    address: address ? toAddress(address) : null,
    // Left out when the answer does not say: unknown is not "no".
    ...(enhet.registrertIFrivillighetsregisteret != null ? { voluntaryRegister: enhet.registrertIFrivillighetsregisteret } : {}),
  };
}

function deletedEntity(organisationNumber: string, body: string): RegisteredEntity {
  // The body is a courtesy; a 410 without a readable one still means "deleted".
  const parsed = enhetSchema.partial().safeParse(safeJson(body));
  const enhet: Partial<Enhet> = parsed.success ? parsed.data : {};
  return {
    cvr: organisationNumber,
    name: enhet.navn?.trim() ?? '',
    active: false,
    status: BRREG_STATUS.deleted,
    formCode: enhet.organisasjonsform?.kode?.trim() || null,
    formName: enhet.organisasjonsform?.beskrivelse?.trim() || null,
    address: null,
  };
}

function composeStatus(enhet: Enhet): string {
  const words = [
    enhet.slettedato ? BRREG_STATUS.deleted : null,
    enhet.konkurs || enhet.underKonkursbehandling ? BRREG_STATUS.bankrupt : null,
    enhet.underTvangsavviklingEllerTvangsopplosning ? BRREG_STATUS.compulsoryDissolution : null,
    enhet.underAvvikling ? BRREG_STATUS.windingUp : null,
  ].filter((word) => word !== null);
  return words.length ? words.join(', ') : BRREG_STATUS.active;
}

function toAddress(address: BrregAddress): NonNullable<RegisteredEntity['address']> {
  const municipality = address.kommunenummer?.trim();
  return {
    street: (address.adresse ?? []).map((line) => line?.trim()).filter(Boolean).join(', '),
    postalCode: address.postnummer?.trim() ?? '',
    city: address.poststed?.trim() ?? '',
    municipalityCode: municipality && /^\d+$/.test(municipality) ? Number(municipality) : null,
  };
}

function safeJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}
