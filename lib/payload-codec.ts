import crypto from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

const ProtoPayload = temporal.api.common.v1.Payload;

/** The encoding an encrypted payload carries; anything else is passed through on decode. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata naming the key an encrypted payload was sealed with, so keys can be rotated. */
export const KEY_ID_METADATA = 'encryption-key-id';
const CIPHER_METADATA = 'encryption-cipher';
const CIPHER = 'AES-256-GCM';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface PayloadKeyRing {
  /** Every key that may still open a payload, by key id. */
  keys: ReadonlyMap<string, Buffer>;
  /** The key id new payloads are sealed with. */
  currentKeyId: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Seals every payload (metadata and data together, as protobuf bytes) with AES-256-GCM under the
 * current key; the key id travels in clear in the metadata. Payloads without the encrypted
 * encoding decode unchanged: histories written before encryption still replay and display.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly ring: PayloadKeyRing) {
    if (!ring.keys.has(ring.currentKeyId)) throw new Error(`no payload key with id ${ring.currentKeyId}`);
    for (const [keyId, key] of ring.keys) {
      if (key.length !== 32) throw new Error(`payload key ${keyId} must be 32 bytes`);
    }
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.ring.currentKeyId;
    const key = this.ring.keys.get(keyId)!;
    return payloads.map((payload) => {
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(ProtoPayload.encode(payload).finish()), cipher.final()]);
      return {
        metadata: {
          encoding: encoder.encode(ENCRYPTED_ENCODING),
          [CIPHER_METADATA]: encoder.encode(CIPHER),
          [KEY_ID_METADATA]: encoder.encode(keyId),
        },
        data: Buffer.concat([iv, sealed, cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (!isEncrypted(payload)) return payload;
      const keyId = metadataText(payload, KEY_ID_METADATA);
      const key = keyId === undefined ? undefined : this.ring.keys.get(keyId);
      if (!key) throw new Error(`payload sealed with unknown key id ${keyId ?? '(none)'}`);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      if (data.length < IV_BYTES + TAG_BYTES) throw new Error('encrypted payload is too short');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const opened = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      const decoded = ProtoPayload.decode(opened);
      return { metadata: decoded.metadata, data: decoded.data };
    });
  }
}

export function isEncrypted(payload: Payload): boolean {
  return metadataText(payload, 'encoding') === ENCRYPTED_ENCODING;
}

function metadataText(payload: Payload, name: string): string | undefined {
  const value = payload.metadata?.[name];
  return value ? decoder.decode(value) : undefined;
}

/** Reads `kid1:base64key,kid2:base64key` (each key 32 bytes, standard or URL-safe base64). */
export function parsePayloadKeys(setting: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const entry of setting.split(',').map((part) => part.trim()).filter(Boolean)) {
    // Messages never repeat what was written: a misplaced separator could put key bytes in a log.
    const separator = entry.indexOf(':');
    if (separator < 1) throw new Error('each entry is key-id:base64key');
    const keyId = entry.slice(0, separator).trim();
    const key = Buffer.from(entry.slice(separator + 1).trim(), 'base64');
    if (!/^[\w.-]{1,64}$/.test(keyId)) throw new Error('a key id is 1–64 letters, digits, dots, dashes or underscores');
    if (key.length !== 32) throw new Error(`key ${keyId} is ${key.length} bytes; AES-256 needs 32 (base64 of 32 random bytes)`);
    if (keys.has(keyId)) throw new Error(`key id ${keyId} appears twice`);
    keys.set(keyId, key);
  }
  if (!keys.size) throw new Error('names no key');
  return keys;
}

/** A new key-ring entry: `kid:base64key`, for configuration or a development default. */
export function generatePayloadKeyEntry(keyId: string): string {
  return `${keyId}:${crypto.randomBytes(32).toString('base64')}`;
}
