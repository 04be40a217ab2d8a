import crypto from 'node:crypto';
import type { Express, Request } from 'express';
import busboy from 'busboy';
import { detectFileType, type DetectedFileType } from '../../../domain/file-types';
import { findActiveContent } from '../../../domain/active-content';
import { ScannerUnavailable, type VirusScanner } from '../../../lib/virus-scanner';
import { formatBytes, t, type Language } from '../../../locale';
import { ApiError } from './errors';
import { requestLanguage } from './language';
import { unstorable, unstorableTextError } from './storable-text';

export interface ReceivedFile {
  /** The form field the file came in (e.g. "files"). */
  fieldName: string;
  /** Cleaned of paths and odd characters, ending in the detected type's extension: only ever a download name. */
  filename: string;
  type: DetectedFileType;
  bytes: Buffer;
  sha256: string;
}

export type RejectionReason = 'type' | 'size' | 'count' | 'empty' | 'activeContent' | 'virus';

export interface RejectedFile {
  fieldName: string;
  filename: string;
  reason: RejectionReason;
  /** Why, and what to do instead, in the request's language. */
  message: string;
}

export interface ReceivedUpload {
  fields: Record<string, string | string[]>;
  files: ReceivedFile[];
  rejected: RejectedFile[];
}

export interface UploadLimits {
  maxFileBytes: number;
  /** Files considered per request; the ones after are rejected with reason "count". */
  maxFiles: number;
  /** The language of the rejection messages; by default the request's (?lang=, Accept-Language). */
  language?: Language;
}

const SCANNER = 'grantflowVirusScanner';

/** The virus scanner every upload of this app passes through (none: files are not scanned). */
export function useVirusScanner(app: Express, scanner: VirusScanner | undefined): void {
  app.locals[SCANNER] = scanner;
}

function scannerOf(req: Request): VirusScanner | undefined {
  return req.app?.locals?.[SCANNER] as VirusScanner | undefined;
}

/** Seconds to wait before sending files again while the virus scanner does not answer. */
export const SCANNER_RETRY_AFTER_SECONDS = 120;

// Text fields are short answers; anything bigger than this is not a form a person filled in.
const MAX_FIELD_BYTES = 64 * 1024;
const MAX_FIELDS = 100;
// Parts past the file limit are only counted and discarded; past this many more, reading stops.
const EXTRA_FILE_PARTS = 20;

const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f"*/:<>?\\|]+/g;
const MAX_NAME_LENGTH = 120;

/**
 * A file name fit for a Content-Disposition header and a page: no directories, no control or
 * reserved characters, not too long, and (when the type is known) the type's own extension, so a
 * file saved from a download opens in the right program.
 */
export function safeFilename(raw: string, type: DetectedFileType | null): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = base.replace(UNSAFE_CHARACTERS, '_').replace(/\s+/g, ' ').replace(/^[\s.]+|[\s.]+$/g, '');
  if (!name) name = 'dokument';
  if (type) {
    const extension = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase();
    const matches = extension === type.extension || (type.kind === 'jpeg' && extension === 'jpeg');
    if (!matches) name = `${name}.${type.extension}`;
  }
  if (name.length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 6 ? name.slice(dot) : '';
    name = name.slice(0, MAX_NAME_LENGTH - extension.length) + extension;
  }
  return name;
}

function isMultipart(req: Request): boolean {
  return /^multipart\/form-data\b/i.test(req.get('content-type') ?? '');
}

/**
 * Reads a multipart/form-data request: its text fields, and the files with their type read from
 * their bytes (never from the name or the part's Content-Type). A file over the size limit is cut
 * off while it streams in and rejected, so it is never held whole or stored; files past the count
 * limit are discarded unread. A file input left empty (no name, no bytes) is ignored. A file with
 * active content (domain/active-content.ts) is rejected; with a virus scanner configured, every
 * other file is scanned, and a scanner that cannot answer refuses the whole request (503).
 */
export function receiveMultipart(req: Request, limits: UploadLimits): Promise<ReceivedUpload> {
  const language = limits.language ?? requestLanguage(req);
  if (!isMultipart(req)) return Promise.reject(new ApiError(415, 'unsupported_media_type', 'errors.upload.notMultipart'));
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: {
        fileSize: limits.maxFileBytes,
        files: limits.maxFiles + EXTRA_FILE_PARTS,
        fields: MAX_FIELDS,
        fieldSize: MAX_FIELD_BYTES,
      },
    });
  } catch {
    // No boundary, or a header busboy cannot read.
    return Promise.reject(new ApiError(400, 'malformed_upload', 'errors.upload.malformed'));
  }

  return new Promise((resolve, reject) => {
    const fields: Record<string, string | string[]> = {};
    const files: ReceivedFile[] = [];
    const rejected: RejectedFile[] = [];
    const pending: Promise<void>[] = [];
    let filesSeen = 0;
    let failed = false;

    const reject400 = () => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume();
      reject(new ApiError(400, 'malformed_upload', 'errors.upload.malformed'));
    };
    const rejection = (fieldName: string, filename: string, reason: Exclude<RejectionReason, 'activeContent'>): RejectedFile => ({
      fieldName,
      filename,
      reason,
      message: t(language, `errors.upload.${reason}`, { filename, max: reason === 'size' ? formatBytes(language, limits.maxFileBytes) : limits.maxFiles }),
    });
    const scanner = scannerOf(req);
    let scannerFailure: unknown;
    let textFailure: ApiError | undefined;

    parser.on('field', (name, value) => {
      if (unstorable(String(name)) || unstorable(String(value ?? ''))) textFailure ??= unstorableTextError(unstorable(String(name)) ? '' : name);
      const existing = fields[name];
      if (existing === undefined) fields[name] = value;
      else fields[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    });

    parser.on('file', (fieldName, stream, info) => {
      const rawName = info.filename ?? '';
      if (!rawName) {
        stream.resume();
        return;
      }
      filesSeen += 1;
      if (filesSeen > limits.maxFiles) {
        stream.resume();
        rejected.push(rejection(fieldName, safeFilename(rawName, null), 'count'));
        return;
      }
      const chunks: Buffer[] = [];
      pending.push(
        new Promise<void>((done) => {
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', () => done());
          stream.on('end', () => {
            const bytes = Buffer.concat(chunks);
            chunks.length = 0;
            const type = detectFileType(bytes);
            const filename = safeFilename(rawName, type);
            const active = type && !stream.truncated ? findActiveContent(bytes, type) : null;
            if (stream.truncated) rejected.push(rejection(fieldName, safeFilename(rawName, null), 'size'));
            else if (bytes.length === 0) rejected.push(rejection(fieldName, safeFilename(rawName, null), 'empty'));
            else if (!type) rejected.push(rejection(fieldName, safeFilename(rawName, null), 'type'));
            else if (active) rejected.push({ fieldName, filename, reason: 'activeContent', message: t(language, `errors.upload.active.${active}`, { filename }) });
            else if (scanner) {
              void scanner.scan(bytes).then(
                (verdict) => {
                  if (verdict.clean) files.push({ fieldName, filename, type, bytes, sha256: crypto.createHash('sha256').update(bytes).digest('hex') });
                  else rejected.push(rejection(fieldName, filename, 'virus'));
                  done();
                },
                (error: unknown) => {
                  scannerFailure ??= error;
                  done();
                },
              );
              return;
            } else files.push({ fieldName, filename, type, bytes, sha256: crypto.createHash('sha256').update(bytes).digest('hex') });
            done();
          });
        }),
      );
    });

    parser.on('filesLimit', () => {
      rejected.push(rejection('', '…', 'count'));
    });
    parser.on('error', reject400);
    req.on('aborted', reject400);
    parser.on('close', () => {
      if (failed) return;
      void Promise.all(pending).then(() => {
        if (scannerFailure) {
          const unavailable = new ApiError(503, 'scanner_unavailable', 'errors.upload.scannerUnavailable');
          unavailable.retryAfterSeconds = SCANNER_RETRY_AFTER_SECONDS;
          unavailable.cause = scannerFailure instanceof ScannerUnavailable ? scannerFailure : new ScannerUnavailable(String(scannerFailure));
          reject(unavailable);
        } else if (textFailure) reject(textFailure);
        else resolve({ fields, files, rejected });
      });
    });
    req.pipe(parser);
  });
}

/** Throws a 400 naming each rejected file (issues under "files"), so nothing is stored on a partial success. */
export function refuseRejectedFiles(rejected: RejectedFile[]): void {
  if (!rejected.length) return;
  throw new ApiError(
    400,
    'upload_rejected',
    'errors.upload.rejected',
    rejected.map((file) => ({ path: file.fieldName || 'files', message: file.message, filename: file.filename, reason: file.reason })),
  );
}
