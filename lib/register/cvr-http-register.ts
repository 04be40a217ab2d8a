import { z } from 'zod';
import { isValidCvr, normalizeCvr } from '../cvr';
import {
  isActiveRegisterStatus,
  RegisterUnavailableError,
  type BusinessRegister,
  type RegisteredEntity,
  type RegisterLookup,
} from './business-register';
import { exchangeWithRegister, isRetryableRegisterStatus, parseRegisterJson } from './register-http';

export interface CvrHttpRegisterOptions {
  /** The Elasticsearch search endpoint, e.g. https://distribution.virk.dk/cvr-permanent/virksomhed/_search */
  url: string;
  username: string;
  password: string;
  /** Covers the whole exchange: connecting, waiting for the answer and reading its body. */
  timeoutMs: number;
}

/**
 * Only the parts of a CVR document we read. The documents are large (full history of names,
 * addresses, participants), so the query asks for these paths alone.
 */
const SOURCE_FIELDS = [
  'Vrvirksomhed.cvrNummer',
  'Vrvirksomhed.virksomhedMetadata.nyesteNavn',
  'Vrvirksomhed.virksomhedMetadata.sammensatStatus',
  'Vrvirksomhed.virksomhedMetadata.nyesteVirksomhedsform',
  'Vrvirksomhed.virksomhedMetadata.nyesteBeliggenhedsadresse',
];

// CVR fills absent values with null rather than leaving them out; accept both everywhere.
const text = z.string().nullish();
const addressSchema = z.object({
  vejnavn: text,
  husnummerFra: z.number().nullish(),
  bogstavFra: text,
  etage: z.union([z.string(), z.number()]).nullish(),
  sidedoer: text,
  postboks: z.union([z.string(), z.number()]).nullish(),
  postnummer: z.number().nullish(),
  postdistrikt: text,
  bynavn: text,
  fritekst: text,
  kommune: z.object({ kommuneKode: z.number().nullish() }).nullish(),
});
type CvrAddress = z.infer<typeof addressSchema>;

const searchResponseSchema = z.object({
  timed_out: z.boolean().optional(),
  _shards: z.object({ failed: z.number().optional() }).optional(),
  hits: z.object({
    hits: z.array(
      z.object({
        _source: z.object({
          Vrvirksomhed: z.object({
            cvrNummer: z.union([z.number(), z.string()]),
            virksomhedMetadata: z
              .object({
                nyesteNavn: z.object({ navn: text }).nullish(),
                sammensatStatus: text,
                nyesteVirksomhedsform: z.object({ virksomhedsformkode: z.number().nullish(), langBeskrivelse: text, kortBeskrivelse: text }).nullish(),
                nyesteBeliggenhedsadresse: addressSchema.nullish(),
              })
              .nullish(),
          }),
        }),
      }),
    ),
  }),
});
type CvrDocument = z.infer<typeof searchResponseSchema>['hits']['hits'][number]['_source']['Vrvirksomhed'];

/**
 * Erhvervsstyrelsen's "System-til-system adgang til CVR-data": an Elasticsearch index queried with
 * HTTP Basic auth. How the answer becomes a RegisteredEntity:
 *
 * | RegisteredEntity | CVR field (under Vrvirksomhed)                                            |
 * |------------------|---------------------------------------------------------------------------|
 * | cvr              | cvrNummer, as eight digits                                                |
 * | name             | virksomhedMetadata.nyesteNavn.navn                                        |
 * | status           | virksomhedMetadata.sammensatStatus ("" when absent)                       |
 * | active           | status is one of ACTIVE_REGISTER_STATUSES (NORMAL, Aktiv, AKTIV)          |
 * | formCode         | virksomhedMetadata.nyesteVirksomhedsform.virksomhedsformkode (110, 115 …) |
 * | formName         | …nyesteVirksomhedsform.langBeskrivelse, else kortBeskrivelse              |
 * | address.street   | …nyesteBeliggenhedsadresse: vejnavn husnummerFra+bogstavFra[, etage. sidedoer], else "Postboks n", else fritekst |
 * | address.postalCode | …postnummer, four digits                                                |
 * | address.city     | …postdistrikt, else bynavn                                                |
 * | address.municipalityCode | …kommune.kommuneKode                                            |
 *
 * Outcomes: a hit → found; no hit in a complete answer → not found; 401/403 → Error (the
 * credentials were refused; retrying cannot help); 408, 429, 5xx, a partial answer (timed out or
 * failed shards), a timeout or a network error → RegisterUnavailableError (retry later); any other
 * status or an answer of the wrong shape → Error.
 */
export class CvrHttpRegister implements BusinessRegister {
  readonly name = 'cvr';
  private readonly authorization: string;

  constructor(private readonly options: CvrHttpRegisterOptions) {
    new URL(options.url); // a malformed URL is a configuration error: fail at start-up, not per lookup
    this.authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  }

  async lookup(cvr: string): Promise<RegisterLookup> {
    const normalized = normalizeCvr(cvr);
    // No register holds a number that fails the check digit; asking would only risk a 400.
    if (!isValidCvr(normalized)) return { found: false, cvr: normalized };

    const answer = await this.search(normalized);
    const hits = answer.hits.hits;
    const first = hits[0];
    if (!first) {
      // An incomplete search saying "nothing" is not the register saying "no such number".
      if (answer.timed_out || (answer._shards?.failed ?? 0) > 0) {
        throw new RegisterUnavailableError(`CVR register at ${this.options.url} gave an incomplete answer for ${normalized}`);
      }
      return { found: false, cvr: normalized };
    }
    return { found: true, entity: toRegisteredEntity(first._source.Vrvirksomhed) };
  }

  private async search(cvr: string): Promise<z.infer<typeof searchResponseSchema>> {
    const endpoint = { label: 'CVR register', url: this.options.url, timeoutMs: this.options.timeoutMs };
    const { status, body } = await exchangeWithRegister(endpoint, {
      method: 'POST',
      headers: { authorization: this.authorization, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(buildCvrQuery(cvr)),
    });
    const { url } = endpoint;

    if (status === 401 || status === 403) {
      throw new Error(
        `CVR register at ${url} refused the credentials (HTTP ${status}); check the user name and password ` +
          'issued by Erhvervsstyrelsen (CVR_REGISTER_USERNAME, CVR_REGISTER_PASSWORD)',
      );
    }
    if (isRetryableRegisterStatus(status)) {
      throw new RegisterUnavailableError(`CVR register at ${url} answered HTTP ${status}`);
    }
    if (status < 200 || status > 299) {
      throw new Error(`CVR register at ${url} answered HTTP ${status}: ${body.slice(0, 200)}`);
    }
    return parseRegisterJson(endpoint, body, searchResponseSchema);
  }
}

/** The Elasticsearch request body: an exact match on the CVR number, one document, few fields. */
export function buildCvrQuery(cvr: string) {
  return {
    _source: SOURCE_FIELDS,
    query: { term: { 'Vrvirksomhed.cvrNummer': Number(cvr) } },
    size: 1,
  };
}

function toRegisteredEntity(document: CvrDocument): RegisteredEntity {
  const metadata = document.virksomhedMetadata;
  const status = metadata?.sammensatStatus?.trim() ?? '';
  const form = metadata?.nyesteVirksomhedsform;
  const address = metadata?.nyesteBeliggenhedsadresse;
  return {
    cvr: String(document.cvrNummer).padStart(8, '0'),
    name: metadata?.nyesteNavn?.navn?.trim() ?? '',
    active: isActiveRegisterStatus(status),
    status,
    formCode: form?.virksomhedsformkode ?? null,
    formName: form?.langBeskrivelse ?? form?.kortBeskrivelse ?? null,
    address: address ? toAddress(address) : null,
  };
}

function toAddress(address: CvrAddress): NonNullable<RegisteredEntity['address']> {
  return {
    street: streetLine(address),
    postalCode: address.postnummer == null ? '' : String(address.postnummer).padStart(4, '0'),
    city: address.postdistrikt ?? address.bynavn ?? '',
    municipalityCode: address.kommune?.kommuneKode ?? null,
  };
}

/** Danish order: "Vestergade 12A, 2. tv". */
function streetLine(address: CvrAddress): string {
  if (address.vejnavn) {
    const house = `${address.husnummerFra ?? ''}${address.bogstavFra ?? ''}`;
    const floorAndDoor = [address.etage != null && address.etage !== '' ? `${address.etage}.` : '', address.sidedoer ?? '']
      .filter(Boolean)
      .join(' ');
    return [`${address.vejnavn} ${house}`.trim(), floorAndDoor].filter(Boolean).join(', ');
  }
  if (address.postboks != null && address.postboks !== '') return `Postboks ${address.postboks}`;
  return address.fritekst?.trim() ?? '';
}
