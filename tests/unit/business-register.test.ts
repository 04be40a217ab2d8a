import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { isValidCvr } from '../../lib/cvr';
import {
  BrregHttpRegister,
  createBusinessRegister,
  CvrHttpRegister,
  DEFAULT_BRREG_REGISTER_URL,
  DEFAULT_BUSINESS_REGISTER_FILE,
  DEFAULT_CVR_REGISTER_URL,
  LocalBusinessRegister,
  loadLocalRegister,
  RegisterUnavailableError,
  registerSettingsProblems,
  registerSettingsSchema,
} from '../../lib/register';

const SHIPPED_FILE = path.resolve(__dirname, '../../infra/register/associations.json');

/** Foreningen Fælles Bord as both registers describe it; each writes the street address its own way. */
function foundFaellesBord(address: { street: string; postalCode: string }) {
  return {
    found: true,
    entity: {
      cvr: '13748136',
      name: 'Foreningen Fælles Bord',
      active: true,
      status: 'Aktiv',
      formCode: 115,
      formName: 'Frivillig forening',
      address: { ...address, city: 'Eksempelby', municipalityCode: 999 },
    },
  };
}

describe('the shipped register file', () => {
  const shipped = JSON.parse(fs.readFileSync(SHIPPED_FILE, 'utf8')) as {
    associations: { cvr: string; status: string; address: { municipalityCode: number | null } | null }[];
  };

  it('is the default file', () => {
    expect(DEFAULT_BUSINESS_REGISTER_FILE).toBe(SHIPPED_FILE);
  });

  it.each(shipped.associations.map((entry) => entry.cvr))('holds %s, which passes the modulus-11 check', (cvr) => {
    expect(isValidCvr(cvr)).toBe(true);
  });

  it('has active and ended associations, inside and outside the example municipality', () => {
    const statuses = shipped.associations.map((entry) => entry.status);
    expect(statuses).toEqual(expect.arrayContaining(['Aktiv', 'OPLØST', 'Ophørt']));
    const municipalities = new Set(shipped.associations.map((entry) => entry.address?.municipalityCode));
    expect(municipalities).toContain(999);
    expect(municipalities.size).toBeGreaterThan(1);
  });
});

describe('LocalBusinessRegister', () => {
  const register = loadLocalRegister(SHIPPED_FILE);

  it('finds an association by CVR, in any form people type it', async () => {
    const result = await register.lookup('DK 1374 8136');
    expect(result).toEqual(foundFaellesBord({ street: 'Kirkestræde 4', postalCode: '9991' }));
    expect(register.name).toBe('local');
  });

  it('answers "not found" for a valid number it does not hold', async () => {
    expect(await register.lookup('99116447')).toEqual({ found: false, cvr: '99116447' });
  });

  it('marks dissolved and ceased associations inactive', async () => {
    const dissolved = await register.lookup('99112336');
    const ceased = await register.lookup('99110961');
    expect(dissolved.found && dissolved.entity).toMatchObject({ status: 'OPLØST', active: false });
    expect(ceased.found && ceased.entity).toMatchObject({ status: 'Ophørt', active: false });
  });

  it('hands out copies, so a caller cannot change the register', async () => {
    const first = await register.lookup('13748136');
    if (first.found) first.entity.name = 'changed';
    const second = await register.lookup('13748136');
    expect(second.found && second.entity.name).toBe('Foreningen Fælles Bord');
  });

  describe('refuses a bad file with a message naming the file and the entry', () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grantflow-register-'));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    const entry = (overrides: Record<string, unknown> = {}) => ({
      cvr: '13748136',
      name: 'Foreningen Fælles Bord',
      status: 'Aktiv',
      formCode: 115,
      formName: 'Frivillig forening',
      address: { street: 'Kirkestræde 4', postalCode: '9991', city: 'Eksempelby', municipalityCode: 999 },
      ...overrides,
    });
    const write = (name: string, content: unknown) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
      return file;
    };

    it('a missing file', () => {
      const file = path.join(dir, 'absent.json');
      expect(() => loadLocalRegister(file)).toThrow(`Business register file ${file} cannot be read`);
    });

    it('a file that is not JSON', () => {
      const file = write('broken.json', '{ "associations": [');
      expect(() => loadLocalRegister(file)).toThrow(`Business register file ${file} is not valid JSON`);
    });

    it('a CVR number with a wrong check digit', () => {
      const file = write('check-digit.json', { associations: [entry(), entry({ cvr: '13748137', name: 'Forkert Forening' })] });
      expect(() => loadLocalRegister(file)).toThrow(
        `Business register file ${file} is invalid:\n  entry 2 (cvr 13748137, "Forkert Forening") → cvr: fails the modulus-11 check`,
      );
    });

    it('a misspelt field and a missing one', () => {
      const file = write('fields.json', {
        associations: [entry({ address: { street: 'Kirkestræde 4', postnummer: '9991', city: 'Eksempelby', municipalityCode: 999 } })],
      });
      let message = '';
      try {
        loadLocalRegister(file);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain(file);
      expect(message).toMatch(/entry 1 \(cvr 13748136, "Foreningen Fælles Bord"\) → address: Unrecognized key: "postnummer"/);
      expect(message).toMatch(/entry 1 \(cvr 13748136, "Foreningen Fælles Bord"\) → address\.postalCode:/);
    });

    it('the same CVR number twice', () => {
      const file = write('duplicate.json', { associations: [entry(), entry({ name: 'Dobbelt' })] });
      expect(() => loadLocalRegister(file)).toThrow(/entry 2 \(cvr 13748136, "Dobbelt"\) → cvr: duplicates entry 1/);
    });
  });
});

/** A stand-in for a register's HTTP endpoint (CVR's Elasticsearch, Enhetsregisteret), on loopback only. */
interface ReceivedRequest {
  method: string | undefined;
  url: string | undefined;
  headers: http.IncomingHttpHeaders;
  body: string;
}
type Reply = { status: number; body?: unknown; delayMs?: number };
type Replies = Reply | ((path: string) => Reply);

/**
 * Starts the fake in beforeAll and stops it in afterAll; `reply` chooses the next answer (or a
 * function of the request path), `received` lists what the current test asked.
 */
function fakeRegisterServer(initialReply: () => Replies) {
  let server: http.Server;
  const fake = {
    baseUrl: '',
    reply: initialReply(),
    received: [] as ReceivedRequest[],
  };
  const pendingReplies = new Set<NodeJS.Timeout>();

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        fake.received.push({ method: request.method, url: request.url, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        const chosen = typeof fake.reply === 'function' ? fake.reply(request.url ?? '') : fake.reply;
        const { status, body, delayMs = 0 } = chosen;
        const timer = setTimeout(() => {
          pendingReplies.delete(timer);
          if (response.destroyed) return;
          response.writeHead(status, { 'content-type': 'application/json' });
          response.end(typeof body === 'string' ? body : JSON.stringify(body ?? {}));
        }, delayMs);
        pendingReplies.add(timer);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    pendingReplies.forEach(clearTimeout);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    fake.received = [];
    fake.reply = initialReply();
  });
  return fake;
}

/** A port nothing listens on: opened, read and closed again. */
async function closedPort(): Promise<number> {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  return port;
}

function cvrDocument(overrides: { sammensatStatus?: string } = {}) {
  return {
    Vrvirksomhed: {
      cvrNummer: 13748136,
      virksomhedMetadata: {
        nyesteNavn: { navn: 'Foreningen Fælles Bord' },
        sammensatStatus: overrides.sammensatStatus ?? 'Aktiv',
        nyesteVirksomhedsform: { virksomhedsformkode: 115, kortBeskrivelse: 'FFO', langBeskrivelse: 'Frivillig forening' },
        nyesteBeliggenhedsadresse: {
          vejnavn: 'Kirkestræde',
          husnummerFra: 4,
          bogstavFra: 'B',
          etage: '1',
          sidedoer: 'th',
          postboks: null,
          postnummer: 999,
          postdistrikt: 'Eksempelby',
          bynavn: null,
          kommune: { kommuneKode: 999, kommuneNavn: 'EKSEMPEL' },
        },
        nyesteHovedbranche: { branchekode: '949900', branchetekst: 'Andre organisationer og foreninger i.a.n.' },
      },
    },
  };
}
const searchAnswer = (hits: unknown[], extra: Record<string, unknown> = {}) => ({
  took: 3,
  timed_out: false,
  _shards: { total: 6, successful: 6, skipped: 0, failed: 0 },
  hits: { total: hits.length, max_score: hits.length ? 12.1 : null, hits: hits.map((source) => ({ _index: 'cvr-v-test', _source: source })) },
  ...extra,
});

describe('CvrHttpRegister', () => {
  const fake = fakeRegisterServer(() => ({ status: 200, body: searchAnswer([]) }));
  const register = (timeoutMs = 2000) =>
    new CvrHttpRegister({ url: `${fake.baseUrl}/cvr-permanent/virksomhed/_search`, username: 'grantflow', password: 'hemmeligt:kodeord', timeoutMs });

  it('finds an association and maps the CVR fields', async () => {
    fake.reply = { status: 200, body: searchAnswer([cvrDocument()]) };
    expect(await register().lookup('13748136')).toEqual(foundFaellesBord({ street: 'Kirkestræde 4B, 1. th', postalCode: '0999' }));
  });

  it('sends Basic auth and an exact-match query on Vrvirksomhed.cvrNummer', async () => {
    await register().lookup('DK 1374 8136');
    expect(fake.received).toHaveLength(1);
    const [request] = fake.received;
    expect(request).toMatchObject({ method: 'POST', url: '/cvr-permanent/virksomhed/_search' });
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from('grantflow:hemmeligt:kodeord').toString('base64')}`);
    expect(request!.headers['content-type']).toBe('application/json');
    const query = JSON.parse(request!.body);
    expect(query.query).toEqual({ term: { 'Vrvirksomhed.cvrNummer': 13748136 } });
    expect(query.size).toBe(1);
    expect(query._source).toEqual(expect.arrayContaining(['Vrvirksomhed.cvrNummer', 'Vrvirksomhed.virksomhedMetadata.sammensatStatus']));
  });

  it('answers "not found" when the search has no hit', async () => {
    expect(await register().lookup('13748136')).toEqual({ found: false, cvr: '13748136' });
  });

  it('does not ask about a number that fails the check digit', async () => {
    expect(await register().lookup('13748137')).toEqual({ found: false, cvr: '13748137' });
    expect(fake.received).toHaveLength(0);
  });

  it.each(['OPLØST EFTER FRIVILLIG LIKVIDATION', 'Ophørt', 'UNDER KONKURS'])('reports status %s as inactive', async (status) => {
    fake.reply = { status: 200, body: searchAnswer([cvrDocument({ sammensatStatus: status })]) };
    const result = await register().lookup('13748136');
    expect(result.found && result.entity).toMatchObject({ status, active: false });
  });

  it.each(['NORMAL', 'Aktiv', 'AKTIV'])('reports status %s as active', async (status) => {
    fake.reply = { status: 200, body: searchAnswer([cvrDocument({ sammensatStatus: status })]) };
    const result = await register().lookup('13748136');
    expect(result.found && result.entity.active).toBe(true);
  });

  it.each([401, 403])('says the credentials were refused on %i, and that is not retryable', async (status) => {
    fake.reply = { status, body: { error: 'unauthorized' } };
    const attempt = register().lookup('13748136');
    await expect(attempt).rejects.toThrow(/refused the credentials \(HTTP \d{3}\)/);
    await expect(attempt).rejects.not.toBeInstanceOf(RegisterUnavailableError);
  });

  it.each([500, 502, 503, 429])('treats HTTP %i as unavailable', async (status) => {
    fake.reply = { status, body: { error: 'busy' } };
    await expect(register().lookup('13748136')).rejects.toThrow(RegisterUnavailableError);
  });

  it('treats an answer slower than the timeout as unavailable', async () => {
    fake.reply = { status: 200, body: searchAnswer([cvrDocument()]), delayMs: 1000 };
    const started = Date.now();
    const attempt = register(100).lookup('13748136');
    await expect(attempt).rejects.toThrow(RegisterUnavailableError);
    await expect(attempt).rejects.toThrow(/did not answer within 100 ms/);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('treats a refused connection as unavailable', async () => {
    const port = await closedPort();
    const unreachable = new CvrHttpRegister({ url: `http://127.0.0.1:${port}/_search`, username: 'u', password: 'p', timeoutMs: 2000 });
    const attempt = unreachable.lookup('13748136');
    await expect(attempt).rejects.toThrow(RegisterUnavailableError);
    await expect(attempt).rejects.toThrow(/could not be reached \(ECONNREFUSED\)/);
  });

  it('does not take an incomplete search for "not found"', async () => {
    fake.reply = { status: 200, body: searchAnswer([], { timed_out: true }) };
    await expect(register().lookup('13748136')).rejects.toThrow(RegisterUnavailableError);
  });

  it('refuses an answer of the wrong shape, naming where', async () => {
    fake.reply = { status: 200, body: { hits: { hits: [{ _source: {} }] } } };
    const attempt = register().lookup('13748136');
    await expect(attempt).rejects.toThrow(/unexpected shape \(at hits\.hits\.0\._source\.Vrvirksomhed\)/);
    await expect(attempt).rejects.not.toBeInstanceOf(RegisterUnavailableError);
  });
});

/**
 * Enhetsregisteret's "Enhet" documents as data.brreg.no serves them (fictional associations,
 * numbers that pass the organisation-number check digit).
 */
const brregAddress = (adresse: string[], postnummer: string, poststed: string, kommune: string, kommunenummer: string) => ({
  land: 'Norge',
  landkode: 'NO',
  postnummer,
  poststed,
  adresse,
  kommune,
  kommunenummer,
});
const brregForm = (kode: string, beskrivelse: string) => ({
  kode,
  beskrivelse,
  _links: { self: { href: `https://data.brreg.no/enhetsregisteret/api/organisasjonsformer/${kode}` } },
});
function enhet(organisasjonsnummer: string, overrides: Record<string, unknown> = {}) {
  return {
    organisasjonsnummer,
    navn: 'IDRETTSLAGET FJELLVIND',
    organisasjonsform: brregForm('FLI', 'Forening/lag/innretning'),
    registreringsdatoEnhetsregisteret: '2004-03-11',
    registrertIMvaregisteret: false,
    naeringskode1: { kode: '93.120', beskrivelse: 'Idrettslag og -klubber' },
    antallAnsatte: 0,
    harRegistrertAntallAnsatte: false,
    forretningsadresse: brregAddress(['Skoleveien 12', 'Klubbhuset'], '0150', 'OSLO', 'OSLO', '0301'),
    stiftelsesdato: '2003-11-20',
    institusjonellSektorkode: { kode: '7000', beskrivelse: 'Ideelle organisasjoner' },
    registrertIForetaksregisteret: false,
    registrertIStiftelsesregisteret: false,
    registrertIFrivillighetsregisteret: false,
    konkurs: false,
    underKonkursbehandling: false,
    underAvvikling: false,
    underTvangsavviklingEllerTvangsopplosning: false,
    maalform: 'Bokmål',
    _links: { self: { href: `https://data.brreg.no/enhetsregisteret/api/enheter/${organisasjonsnummer}` } },
    ...overrides,
  };
}

const ORGNR = {
  active: '991000003',
  voluntary: '991000011',
  deleted: '991000038',
  deletedOnOk: '991000046',
  bankrupt: '991000054',
  windingUp: '991000062',
  compulsory: '991000070',
  unknown: '991000089',
  failing: '991000097',
  busy: '991000100',
  broken: '991000119',
} as const;

/** What the fake Enhetsregisteret answers for GET /enheter/{number}. */
const ENHETSREGISTERET: Record<string, Reply> = {
  [ORGNR.active]: { status: 200, body: enhet(ORGNR.active) },
  [ORGNR.voluntary]: {
    status: 200,
    body: enhet(ORGNR.voluntary, {
      navn: 'NORDBY FRIVILLIGSENTRAL',
      forretningsadresse: undefined,
      postadresse: brregAddress(['Postboks 44'], '9991', 'NORDBY', 'NORDBY', '5501'),
      registrertIFrivillighetsregisteret: true,
    }),
  },
  // Gone: data.brreg.no's short body for a deleted entity.
  [ORGNR.deleted]: {
    status: 410,
    body: {
      organisasjonsnummer: ORGNR.deleted,
      navn: 'SKOLEKORPSET SOLSTRÅLEN',
      organisasjonsform: brregForm('FLI', 'Forening/lag/innretning'),
      slettedato: '2024-06-01',
      _links: { self: { href: `https://data.brreg.no/enhetsregisteret/api/enheter/${ORGNR.deleted}` } },
    },
  },
  [ORGNR.deletedOnOk]: { status: 200, body: enhet(ORGNR.deletedOnOk, { slettedato: '2023-02-14' }) },
  [ORGNR.bankrupt]: { status: 200, body: enhet(ORGNR.bankrupt, { konkurs: true, underKonkursbehandling: true, konkursdato: '2025-09-30' }) },
  [ORGNR.windingUp]: { status: 200, body: enhet(ORGNR.windingUp, { underAvvikling: true, underAvviklingDato: '2025-01-15' }) },
  [ORGNR.compulsory]: { status: 200, body: enhet(ORGNR.compulsory, { underTvangsavviklingEllerTvangsopplosning: true, underAvvikling: true }) },
  [ORGNR.failing]: { status: 500, body: { timestamp: '2026-12-03T14:00:00.000+00:00', status: 500, error: 'Internal Server Error' } },
  [ORGNR.busy]: { status: 429, body: { status: 429, error: 'Too Many Requests' } },
  [ORGNR.broken]: { status: 200, body: '{"organisasjonsnummer":"991000119","navn":"HALV' },
};

function enhetsregisteretReply(path: string): Reply {
  const number = /^\/enhetsregisteret\/api\/enheter\/(\d+)$/.exec(path)?.[1] ?? '';
  return (
    ENHETSREGISTERET[number] ?? {
      status: 404,
      body: { timestamp: '2026-12-03T14:00:00.000+00:00', status: 404, error: 'Not Found', message: `Ingen enhet med organisasjonsnummer ${number} ble funnet`, path },
    }
  );
}

describe('BrregHttpRegister', () => {
  const fake = fakeRegisterServer(() => enhetsregisteretReply);
  const register = (timeoutMs = 2000) => new BrregHttpRegister({ url: `${fake.baseUrl}/enhetsregisteret/api/`, timeoutMs });

  it('finds an active association and maps the Enhetsregisteret fields', async () => {
    expect(await register().lookup(ORGNR.active)).toEqual({
      found: true,
      entity: {
        cvr: ORGNR.active,
        name: 'IDRETTSLAGET FJELLVIND',
        active: true,
        status: 'Aktiv',
        formCode: 'FLI',
        formName: 'Forening/lag/innretning',
        address: { street: 'Skoleveien 12, Klubbhuset', postalCode: '0150', city: 'OSLO', municipalityCode: 301 },
        voluntaryRegister: false,
      },
    });
    expect(register().name).toBe('brreg');
  });

  it('asks GET {base}/enheter/{number} for JSON, with the number as typed reduced to its digits', async () => {
    await register().lookup('NO 991 000 003 MVA');
    expect(fake.received).toHaveLength(1);
    const [request] = fake.received;
    expect(request).toMatchObject({ method: 'GET', url: `/enhetsregisteret/api/enheter/${ORGNR.active}`, body: '' });
    expect(request!.headers.accept).toBe('application/json');
    expect(request!.headers.authorization).toBeUndefined();
  });

  it('reports membership of Frivillighetsregisteret, and takes the postal address when there is no business address', async () => {
    const result = await register().lookup(ORGNR.voluntary);
    expect(result.found && result.entity).toMatchObject({
      name: 'NORDBY FRIVILLIGSENTRAL',
      active: true,
      voluntaryRegister: true,
      address: { street: 'Postboks 44', postalCode: '9991', city: 'NORDBY', municipalityCode: 5501 },
    });
  });

  it('reports a deleted entity (410 Gone) as found, "Slettet" and inactive, named from the short body', async () => {
    expect(await register().lookup(ORGNR.deleted)).toEqual({
      found: true,
      entity: {
        cvr: ORGNR.deleted,
        name: 'SKOLEKORPSET SOLSTRÅLEN',
        active: false,
        status: 'Slettet',
        formCode: 'FLI',
        formName: 'Forening/lag/innretning',
        address: null,
      },
    });
  });

  it('still reads 410 as deleted when its body is empty', async () => {
    fake.reply = { status: 410, body: '' };
    const result = await register().lookup(ORGNR.deleted);
    expect(result.found && result.entity).toMatchObject({ cvr: ORGNR.deleted, name: '', status: 'Slettet', active: false });
  });

  it.each([
    [ORGNR.deletedOnOk, 'Slettet'],
    [ORGNR.bankrupt, 'Konkurs'],
    [ORGNR.windingUp, 'Under avvikling'],
    [ORGNR.compulsory, 'Under tvangsavvikling eller tvangsoppløsning, Under avvikling'],
  ])('reports %s as "%s" and inactive', async (number, status) => {
    const result = await register().lookup(number);
    expect(result.found && result.entity).toMatchObject({ cvr: number, status, active: false });
  });

  it('answers "not found" on 404', async () => {
    expect(await register().lookup(ORGNR.unknown)).toEqual({ found: false, cvr: ORGNR.unknown });
    expect(fake.received).toHaveLength(1);
  });

  it.each(['12345678', '1234567890', '99100000A', 'DK13748136'])('does not ask about %s, which is not nine digits', async (number) => {
    const result = await register().lookup(number);
    expect(result.found).toBe(false);
    expect(fake.received).toHaveLength(0);
  });

  it.each([
    [ORGNR.failing, 500],
    [ORGNR.busy, 429],
  ])('treats %s, answered with HTTP %i, as unavailable', async (number, status) => {
    const attempt = register().lookup(number);
    await expect(attempt).rejects.toThrow(RegisterUnavailableError);
    await expect(attempt).rejects.toThrow(`answered HTTP ${status}`);
  });

  it.each([502, 503, 408])('treats HTTP %i as unavailable', async (status) => {
    fake.reply = { status, body: 'busy' };
    await expect(register().lookup(ORGNR.active)).rejects.toThrow(RegisterUnavailableError);
  });

  it('treats an answer slower than the timeout as unavailable', async () => {
    fake.reply = { ...ENHETSREGISTERET[ORGNR.active]!, delayMs: 1000 };
    const started = Date.now();
    const attempt = register(100).lookup(ORGNR.active);
    await expect(attempt).rejects.toThrow(RegisterUnavailableError);
    await expect(attempt).rejects.toThrow(/Enhetsregisteret at .* did not answer within 100 ms/);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('treats a refused connection as unavailable', async () => {
    const unreachable = new BrregHttpRegister({ url: `http://127.0.0.1:${await closedPort()}/enhetsregisteret/api`, timeoutMs: 2000 });
    const attempt = unreachable.lookup(ORGNR.active);
    await expect(attempt).rejects.toThrow(RegisterUnavailableError);
    await expect(attempt).rejects.toThrow(/could not be reached \(ECONNREFUSED\)/);
  });

  it('refuses malformed JSON, and that is not retried as "unavailable"', async () => {
    const attempt = register().lookup(ORGNR.broken);
    await expect(attempt).rejects.toThrow(/Enhetsregisteret at .*\/enheter\/991000119 answered with something other than JSON/);
    await expect(attempt).rejects.not.toBeInstanceOf(RegisterUnavailableError);
  });

  it('refuses an answer of the wrong shape, naming where', async () => {
    fake.reply = { status: 200, body: { navn: 'UTEN NUMMER', konkurs: 'nei' } };
    await expect(register().lookup(ORGNR.active)).rejects.toThrow(/unexpected shape \(at organisasjonsnummer, konkurs\)/);
  });

  it('refuses a status it has no meaning for', async () => {
    fake.reply = { status: 400, body: { status: 400, error: 'Bad Request' } };
    const attempt = register().lookup(ORGNR.active);
    await expect(attempt).rejects.toThrow(/answered HTTP 400/);
    await expect(attempt).rejects.not.toBeInstanceOf(RegisterUnavailableError);
  });
});

describe('register settings', () => {
  it('defaults to the local register and the shipped file', () => {
    expect(registerSettingsSchema.parse({})).toEqual({
      BUSINESS_REGISTER: 'local',
      BUSINESS_REGISTER_FILE: DEFAULT_BUSINESS_REGISTER_FILE,
      CVR_REGISTER_URL: DEFAULT_CVR_REGISTER_URL,
      CVR_REGISTER_TIMEOUT_MS: 5000,
      BRREG_REGISTER_URL: DEFAULT_BRREG_REGISTER_URL,
      BRREG_REGISTER_TIMEOUT_MS: 5000,
    });
    expect(DEFAULT_BRREG_REGISTER_URL).toBe('https://data.brreg.no/enhetsregisteret/api');
    expect(createBusinessRegister(registerSettingsSchema.parse({}))).toBeInstanceOf(LocalBusinessRegister);
  });

  it('needs credentials for the CVR service', () => {
    const settings = registerSettingsSchema.parse({ BUSINESS_REGISTER: 'cvr', CVR_REGISTER_USERNAME: 'grantflow' });
    expect(registerSettingsProblems(settings)).toEqual([{ variable: 'CVR_REGISTER_PASSWORD', message: 'is required when BUSINESS_REGISTER=cvr' }]);
    expect(() => createBusinessRegister(settings)).toThrow(/CVR_REGISTER_PASSWORD is required when BUSINESS_REGISTER=cvr/);
  });

  it('builds the HTTP client from environment strings', () => {
    const settings = registerSettingsSchema.parse({
      BUSINESS_REGISTER: 'cvr',
      CVR_REGISTER_USERNAME: 'grantflow',
      CVR_REGISTER_PASSWORD: 'secret',
      CVR_REGISTER_TIMEOUT_MS: '2500',
    });
    expect(settings.CVR_REGISTER_TIMEOUT_MS).toBe(2500);
    expect(registerSettingsSchema.parse({ CVR_REGISTER_URL: 'https://cvr.example.test/_search' }).CVR_REGISTER_URL).toBe(
      'https://cvr.example.test/_search',
    );
    const register = createBusinessRegister(settings);
    expect(register).toBeInstanceOf(CvrHttpRegister);
    expect(register.name).toBe('cvr');
  });

  it('builds the Enhetsregisteret client from environment strings, with no credentials', () => {
    const settings = registerSettingsSchema.parse({
      BUSINESS_REGISTER: 'brreg',
      BRREG_REGISTER_URL: 'https://brreg.example.test/enhetsregisteret/api',
      BRREG_REGISTER_TIMEOUT_MS: '3000',
    });
    expect(settings.BRREG_REGISTER_TIMEOUT_MS).toBe(3000);
    expect(registerSettingsProblems(settings)).toEqual([]);
    const register = createBusinessRegister(settings);
    expect(register).toBeInstanceOf(BrregHttpRegister);
    expect(register.name).toBe('brreg');
  });

  it.each([
    ['BUSINESS_REGISTER', 'virk'],
    ['BRREG_REGISTER_URL', 'ftp://data.brreg.no/enhetsregisteret/api'],
    ['BRREG_REGISTER_TIMEOUT_MS', '-5'],
    ['CVR_REGISTER_URL', 'ftp://distribution.virk.dk/'],
    ['CVR_REGISTER_TIMEOUT_MS', 'soon'],
    ['CVR_REGISTER_TIMEOUT_MS', '0'],
  ])('rejects %s=%s', (variable, value) => {
    const result = registerSettingsSchema.safeParse({ [variable]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([variable]);
  });
});
