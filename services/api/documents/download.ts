import type { Response } from 'express';

/**
 * Content-Disposition for a download (RFC 6266): always "attachment", never inline, with an ASCII
 * fallback name and the real name in UTF-8 (filename*), so "vedtægter.pdf" keeps its letters.
 */
const DANISH_LETTERS: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', Æ: 'Ae', Ø: 'Oe', Å: 'Aa' };

export function attachmentDisposition(filename: string): string {
  const fallback = filename
    .replace(/[æøåÆØÅ]/g, (letter) => DANISH_LETTERS[letter]!)
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\%;]/g, '_') || 'dokument';
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Sends stored bytes as a download. The content type is the one detected from the bytes at
 * upload; nosniff and a sandboxing CSP keep a browser from running anything in it even when
 * someone opens the address directly.
 */
export function sendDocument(res: Response, document: { filename: string; contentType: string; content: Uint8Array }): void {
  res
    .status(200)
    .set({
      'Content-Type': document.contentType,
      'Content-Disposition': attachmentDisposition(document.filename),
      'Content-Length': String(document.content.byteLength),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
    })
    .end(Buffer.from(document.content));
}
