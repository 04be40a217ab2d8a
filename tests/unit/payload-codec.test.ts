import type { Payload } from '@temporalio/common';
import { AesGcmPayloadCodec, generatePayloadKeyEntry, isEncrypted, KEY_ID_METADATA, parsePayloadKeys } from '../../lib/payload-codec';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../lib/config';
import { temporalConnectionOptions } from '../../lib/temporal';

const json = (value: unknown): Payload => ({ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify(value)) });
const ring = (setting: string, currentKeyId: string) => ({ keys: parsePayloadKeys(setting), currentKeyId });
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString();

describe('the AES-256-GCM payload codec', () => {
  const first = generatePayloadKeyEntry('2026-01');
  const second = generatePayloadKeyEntry('2026-07');

  it('seals metadata and data, names the key, and opens them again', async () => {
    const codec = new AesGcmPayloadCodec(ring(first, '2026-01'));
    const [sealed] = await codec.encode([json({ answer: 'Budgettet er vedhæftet.' })]);
    expect(isEncrypted(sealed!)).toBe(true);
    expect(text(sealed!.metadata?.[KEY_ID_METADATA])).toBe('2026-01');
    expect(Buffer.from(sealed!.data!).includes('Budgettet')).toBe(false);
    expect(Buffer.from(sealed!.data!).includes('json/plain')).toBe(false);
    const [opened] = await codec.decode([sealed!]);
    expect(text(opened!.data)).toBe('{"answer":"Budgettet er vedhæftet."}');
    expect(text(opened!.metadata?.encoding)).toBe('json/plain');
  });

  it('uses a fresh nonce for every payload', async () => {
    const codec = new AesGcmPayloadCodec(ring(first, '2026-01'));
    const [a, b] = await codec.encode([json('same'), json('same')]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('opens payloads sealed with an older key after rotation, and refuses a key it does not hold', async () => {
    const before = new AesGcmPayloadCodec(ring(first, '2026-01'));
    const after = new AesGcmPayloadCodec(ring(`${first},${second}`, '2026-07'));
    const [old] = await before.encode([json('gammel')]);
    const [fresh] = await after.encode([json('ny')]);
    expect(text(fresh!.metadata?.[KEY_ID_METADATA])).toBe('2026-07');
    expect((await after.decode([old!, fresh!])).map((payload) => text(payload.data))).toEqual(['"gammel"', '"ny"']);
    await expect(before.decode([fresh!])).rejects.toThrow(/unknown key id 2026-07/);
  });

  it('refuses a payload whose ciphertext was altered', async () => {
    const codec = new AesGcmPayloadCodec(ring(first, '2026-01'));
    const [sealed] = await codec.encode([json('beløb: 12000')]);
    const altered = Buffer.from(sealed!.data!);
    altered.writeUInt8(altered.readUInt8(15) ^ 1, 15);
    await expect(codec.decode([{ ...sealed!, data: altered }])).rejects.toThrow();
  });

  it('passes payloads without the encryption marker through unchanged', async () => {
    const codec = new AesGcmPayloadCodec(ring(first, '2026-01'));
    const plain = json({ recorded: 'before encryption' });
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('reads the key list and explains what is wrong with one', () => {
    expect([...parsePayloadKeys(`${first}, ${second}`).keys()]).toEqual(['2026-01', '2026-07']);
    expect(() => parsePayloadKeys('k1:c2hvcnQ=')).toThrow(/k1 is 5 bytes; AES-256 needs 32/);
    expect(() => parsePayloadKeys(`${first},${first}`)).toThrow(/appears twice/);
    const keyWithoutId = first.slice(first.indexOf(':') + 1);
    expect(() => parsePayloadKeys(keyWithoutId)).toThrow(/each entry is key-id:base64key/);
    expect(() => parsePayloadKeys(`nøgle 1:${keyWithoutId}`)).toThrow(/a key id is 1–64 letters/);
    for (const wrong of [keyWithoutId, `nøgle 1:${keyWithoutId}`]) {
      try {
        parsePayloadKeys(wrong);
      } catch (error) {
        expect((error as Error).message).not.toContain(keyWithoutId.slice(0, 6));
      }
    }
    expect(() => parsePayloadKeys(' , ')).toThrow(/names no key/);
  });
});

describe('payload key and Temporal TLS settings', () => {
  const base = { NODE_ENV: 'development', DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/grantflow' };
  const production = {
    ...base,
    NODE_ENV: 'production',
    BUSINESS_REGISTER: 'cvr',
    CVR_REGISTER_USERNAME: 'u',
    CVR_REGISTER_PASSWORD: 'p',
    COOKIE_SECRET: 'x'.repeat(32),
    PUBLIC_BASE_URL: 'https://tilskud.example.dk',
    METRICS_TOKEN: 'm'.repeat(32),
    MUNICIPALITY_ACCOUNT: '1234 0012345678',
  };
  const keys = `${generatePayloadKeyEntry('a')},${generatePayloadKeyEntry('b')}`;

  it('refuses production without payload keys or TLS to Temporal', () => {
    expect(() => loadConfig(production)).toThrow(/TEMPORAL_PAYLOAD_KEYS: is required in production/);
    expect(() => loadConfig(production)).toThrow(/TEMPORAL_TLS: production talks to Temporal over TLS/);
    const encrypted = { ...production, TEMPORAL_PAYLOAD_KEYS: keys, TEMPORAL_PAYLOAD_KEY_ID: 'b' };
    expect(() => loadConfig(encrypted)).toThrow(/TEMPORAL_TLS/);
    for (const tls of [{ TEMPORAL_TLS: 'true' }, { TEMPORAL_API_KEY: 'cloud-key' }, { TEMPORAL_TLS_CERT_PATH: '/c.pem', TEMPORAL_TLS_KEY_PATH: '/c.key' }, { TEMPORAL_TLS_CA_PATH: '/ca.pem' }]) {
      expect(loadConfig({ ...encrypted, ...tls }).TEMPORAL_PAYLOAD_KEY_ID).toBe('b');
    }
  });

  it('needs the sealing key named among the keys', () => {
    expect(() => loadConfig({ ...base, TEMPORAL_PAYLOAD_KEYS: keys })).toThrow(/TEMPORAL_PAYLOAD_KEY_ID: is required when TEMPORAL_PAYLOAD_KEYS holds more than one key/);
    expect(() => loadConfig({ ...base, TEMPORAL_PAYLOAD_KEYS: keys, TEMPORAL_PAYLOAD_KEY_ID: 'c' })).toThrow(/TEMPORAL_PAYLOAD_KEY_ID: names no key in TEMPORAL_PAYLOAD_KEYS \(a, b\)/);
    expect(() => loadConfig({ ...base, TEMPORAL_PAYLOAD_KEYS: 'a:kort' })).toThrow(/TEMPORAL_PAYLOAD_KEYS: key a is 3 bytes/);
    expect(() => loadConfig({ ...base, TEMPORAL_CODEC_CORS_ORIGINS: 'https://ui.example.dk/path' })).toThrow(/TEMPORAL_CODEC_CORS_ORIGINS/);
  });
});

describe('the connection to Temporal', () => {
  const address = { TEMPORAL_ADDRESS: 'temporal-frontend.temporal:7233', TEMPORAL_TLS: false };

  it('is plain without TLS settings, server-verified TLS with TEMPORAL_TLS or an API key', () => {
    expect(temporalConnectionOptions(address)).toEqual({ address: address.TEMPORAL_ADDRESS });
    expect(temporalConnectionOptions({ ...address, TEMPORAL_TLS: true }).tls).toBe(true);
    expect(temporalConnectionOptions({ ...address, TEMPORAL_API_KEY: 'k' })).toEqual({ address: address.TEMPORAL_ADDRESS, tls: true, apiKey: 'k' });
  });

  it('trusts a private CA and presents the client certificate of a self-hosted cluster', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grantflow-tls-'));
    try {
      for (const name of ['ca.crt', 'tls.crt', 'tls.key']) fs.writeFileSync(path.join(dir, name), `${name} contents`);
      const options = temporalConnectionOptions({
        ...address,
        TEMPORAL_TLS_CA_PATH: path.join(dir, 'ca.crt'),
        TEMPORAL_TLS_CERT_PATH: path.join(dir, 'tls.crt'),
        TEMPORAL_TLS_KEY_PATH: path.join(dir, 'tls.key'),
        TEMPORAL_TLS_SERVER_NAME: 'temporal-frontend',
      });
      const tls = options.tls as Exclude<typeof options.tls, true | undefined>;
      expect(tls.serverRootCACertificate?.toString()).toBe('ca.crt contents');
      expect(tls.clientCertPair?.crt.toString()).toBe('tls.crt contents');
      expect(tls.clientCertPair?.key.toString()).toBe('tls.key contents');
      expect(tls.serverNameOverride).toBe('temporal-frontend');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
