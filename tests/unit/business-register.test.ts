import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { isValidCvr } from '../../lib/cvr';
import {
  createBusinessRegister,
  CvrHttpRegister,
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

/** A stand-in for the CVR Elasticsearch endpoint, on loopback only. */
interface ReceivedRequest {
  method: string | undefined;
  url: string | undefined;
  headers: http.IncomingHttpHeaders;
  body: string;
}
type Reply = { status: number; body?: unknown; delayMs?: number };

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
  let server: http.Server;
  let baseUrl: string;
  let reply: Reply;
  let received: ReceivedRequest[];
  const pendingReplies = new Set<NodeJS.Timeout>();

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ method: request.method, url: request.url, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        const { status, body, delayMs = 0 } = reply;
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
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    pendingReplies.forEach(clearTimeout);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    received = [];
    reply = { status: 200, body: searchAnswer([]) };
  });

  const register = (timeoutMs = 2000) =>
    new CvrHttpRegister({ url: `${baseUrl}/cvr-permanent/virksomhed/_search`, username: 'grantflow', password: 'hemmeligt:kodeord', timeoutMs });

  it('finds an association and maps the CVR fields', async () => {
    reply = { status: 200, body: searchAnswer([cvrDocument()]) };
    expect(await register().lookup('13748136')).toEqual(foundFaellesBord({ street: 'Kirkestræde 4B, 1. th', postalCode: '0999' }));
  });

  it('sends Basic auth and an exact-match query on Vrvirksomhed.cvrNummer', async () => {
    await register().lookup('DK 1374 8136');
    expect(received).toHaveLength(1);
    const [request] = received;
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
    expect(received).toHaveLength(0);
  });

  it.each(['OPLØST EFTER FRIVILLIG LIKVIDATION', 'Ophørt', 'UNDER KONKURS'])('reports status %s as inactive', async (status) => {
    reply = { status: 200, body: searchAnswer([cvrDocument({ sammensatStatus: status })]) };
    const result = await register().lookup('13748136');
    expect(result.found && result.entity).toMatchObject({ status, active: false });
  });

  it.each(['NORMAL', 'Aktiv', 'AKTIV'])('reports status %s as active', async (status) => {
    reply = { status: 200, body: searchAnswer([cvrDocument({ sammensatStatus: status })]) };
    const result = await register().lookup('13748136');
    expect(result.found && result.entity.active).toBe(true);
  });

  it.each([401, 403])('says the credentials were refused on %i, and that is not retryable', async (status) => {
    reply = { status, body: { error: 'unauthorized' } };
    const attempt = register().lookup('13748136');
    await expect(attempt).rejects.toThrow(/refused the credentials \(HTTP \d{3}\)/);
    await expect(attempt).rejects.not.toBeInstanceOf(RegisterUnavailableError);
  });

  it.each([500, 502, 503, 429])('treats HTTP %i as unavailable', async (status) => {
    reply = { status, body: { error: 'busy' } };
    await expect(register().lookup('13748136')).rejects.toThrow(RegisterUnavailableError);
  });

  it('treats an answer slower than the timeout as unavailable', async () => {
    reply = { status: 200, body: searchAnswer([cvrDocument()]), delayMs: 1000 };
    const started = Date.now();
    const attempt = register(100).lookup('13748136');
    await expect(attempt).rejects.toThrow(RegisterUnavailableError);
    await expect(attempt).rejects.toThrow(/did not answer within 100 ms/);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('treats a refused connection as unavailable', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = new CvrHttpRegister({ url: `http://127.0.0.1:${port}/_search`, username: 'u', password: 'p', timeoutMs: 2000 });
    const attempt = unreachable.lookup('13748136');
    await expect(attempt).rejects.toThrow(RegisterUnavailableError);
    await expect(attempt).rejects.toThrow(/could not be reached \(ECONNREFUSED\)/);
  });

  it('does not take an incomplete search for "not found"', async () => {
    reply = { status: 200, body: searchAnswer([], { timed_out: true }) };
    await expect(register().lookup('13748136')).rejects.toThrow(RegisterUnavailableError);
  });

  it('refuses an answer of the wrong shape, naming where', async () => {
    reply = { status: 200, body: { hits: { hits: [{ _source: {} }] } } };
    const attempt = register().lookup('13748136');
    await expect(attempt).rejects.toThrow(/unexpected shape \(at hits\.hits\.0\._source\.Vrvirksomhed\)/);
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
    });
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

  it.each([
    ['BUSINESS_REGISTER', 'virk'],
    ['CVR_REGISTER_URL', 'ftp://distribution.virk.dk/'],
    ['CVR_REGISTER_TIMEOUT_MS', 'soon'],
    ['CVR_REGISTER_TIMEOUT_MS', '0'],
  ])('rejects %s=%s', (variable, value) => {
    const result = registerSettingsSchema.safeParse({ [variable]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([variable]);
  });
});
