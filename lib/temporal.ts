import fs from 'node:fs';
import path from 'node:path';
import type { PayloadCodec } from '@temporalio/common';
import type { Config } from './config';
import { AesGcmPayloadCodec, generatePayloadKeyEntry, parsePayloadKeys, type PayloadKeyRing } from './payload-codec';

type TemporalSettings = Pick<
  Config,
  'TEMPORAL_ADDRESS' | 'TEMPORAL_TLS' | 'TEMPORAL_TLS_CERT_PATH' | 'TEMPORAL_TLS_KEY_PATH' | 'TEMPORAL_TLS_CA_PATH' | 'TEMPORAL_TLS_SERVER_NAME' | 'TEMPORAL_API_KEY'
>;

/** The same options serve the client (API) and the worker: only address and credentials vary. */
/** Fits both the client's ConnectionOptions and the worker's NativeConnectionOptions. */
export interface TemporalConnectionOptions {
  address: string;
  tls?: true | { clientCertPair?: { crt: Buffer; key: Buffer }; serverRootCACertificate?: Buffer; serverNameOverride?: string };
  apiKey?: string;
}

export function temporalConnectionOptions(config: TemporalSettings): TemporalConnectionOptions {
  const details = {
    ...(config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH
      ? { clientCertPair: { crt: fs.readFileSync(config.TEMPORAL_TLS_CERT_PATH), key: fs.readFileSync(config.TEMPORAL_TLS_KEY_PATH) } }
      : {}),
    // A self-hosted cluster's certificates usually come from the municipality's own CA.
    ...(config.TEMPORAL_TLS_CA_PATH ? { serverRootCACertificate: fs.readFileSync(config.TEMPORAL_TLS_CA_PATH) } : {}),
    ...(config.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME } : {}),
  };
  const tls = Object.keys(details).length ? details : config.TEMPORAL_TLS || config.TEMPORAL_API_KEY ? true : undefined;
  return {
    address: config.TEMPORAL_ADDRESS,
    ...(tls ? { tls } : {}),
    ...(config.TEMPORAL_API_KEY ? { apiKey: config.TEMPORAL_API_KEY } : {}),
  };
}

type PayloadKeySettings = Pick<Config, 'NODE_ENV' | 'DATA_DIR' | 'TEMPORAL_PAYLOAD_KEYS' | 'TEMPORAL_PAYLOAD_KEY_ID'>;

const DEVELOPMENT_KEY_FILE = 'temporal-payload-keys';

/**
 * The configured key ring; outside production without one, a key generated once into DATA_DIR, so
 * the API and the worker (separate processes on the same DATA_DIR) share it across restarts.
 */
export function payloadKeyRing(config: PayloadKeySettings): PayloadKeyRing {
  const setting = config.TEMPORAL_PAYLOAD_KEYS ?? developmentPayloadKeys(config);
  const keys = parsePayloadKeys(setting);
  return { keys, currentKeyId: config.TEMPORAL_PAYLOAD_KEY_ID ?? [...keys.keys()].at(-1)! };
}

function developmentPayloadKeys(config: PayloadKeySettings): string {
  if (config.NODE_ENV === 'production') throw new Error('TEMPORAL_PAYLOAD_KEYS is required in production');
  const file = path.join(config.DATA_DIR, DEVELOPMENT_KEY_FILE);
  fs.mkdirSync(config.DATA_DIR, { recursive: true });
  if (!fs.existsSync(file)) {
    // Written aside and linked into place: of two processes starting together, one key wins whole.
    const draft = `${file}.${process.pid}`;
    fs.writeFileSync(draft, `${generatePayloadKeyEntry('dev')}\n`, { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/** Encrypts payloads on the way to Temporal and decrypts them on the way back. */
export function temporalPayloadCodec(config: PayloadKeySettings): PayloadCodec {
  return new AesGcmPayloadCodec(payloadKeyRing(config));
}

/** The data converter every client and worker uses: payloads encrypted on the way to Temporal. */
export function temporalDataConverter(config: PayloadKeySettings): { payloadCodecs: PayloadCodec[] } {
  return { payloadCodecs: [temporalPayloadCodec(config)] };
}
