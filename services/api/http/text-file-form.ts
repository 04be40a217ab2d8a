import type { RequestHandler } from 'express';
import busboy from 'busboy';
import { ApiError } from './errors';

/** A finance file of thousands of lines is well under this. */
const MAX_TEXT_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Reads a multipart form that carries one text file (such as a CSV from the finance system) into
 * req.body: its fields as strings, the file as UTF-8 text under its field name. It runs before
 * the staff identity, so the form's CSRF field is there to check, as for an ordinary form post.
 * A file over the limit is refused with 413; anything else passes through untouched.
 */
export function textFileForm(): RequestHandler {
  return (req, _res, next) => {
    if (req.method !== 'POST' || !/^multipart\/form-data\b/i.test(req.get('content-type') ?? '')) return next();
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fields: 20, fileSize: MAX_TEXT_FILE_BYTES } });
    } catch {
      return next(new ApiError(400, 'malformed_upload', 'errors.upload.malformed'));
    }
    const body: Record<string, string> = {};
    let failure: ApiError | null = null;
    parser.on('field', (name, value) => {
      body[name] = value;
    });
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        failure = new ApiError(413, 'file_too_large', 'errors.upload.malformed');
      });
      stream.on('end', () => {
        body[name] = Buffer.concat(chunks).toString('utf8');
      });
    });
    parser.on('error', () => next(new ApiError(400, 'malformed_upload', 'errors.upload.malformed')));
    parser.on('close', () => {
      if (failure) return next(failure);
      req.body = body;
      next();
    });
    req.pipe(parser);
  };
}
