import fc from 'fast-check';

// The malformed values every generator draws from: odd strings, numbers JSON cannot carry, junk
// bodies and odd headers. Values that must reach the wire unparsed (1e999, raw JSON text) travel
// as RAW markers inside JSON.stringify's output and are put in place by rawJson().

const RAW = '\u0001raw:';

/** A JSON value written as is into the body (e.g. a number JSON.parse turns into Infinity). */
export function raw(text: string): string {
  return `${RAW}${text}`;
}

/** JSON.stringify, with raw() markers replaced by their text. */
export function rawJson(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0001raw:((?:[^"\\]|\\.)*)"/g, (_, text: string) => JSON.parse(`"${text}"`) as string);
}

/** Strings that have broken parsers, databases and templates before. */
export const ODD_STRINGS = [
  '', ' ', '\t\n\r', '\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\udc00y', '\u202egnirts\u202c', 'שלום עולם', 'e\u0301\u0301\u0301\u0301',
  '👨‍👩‍👧‍👦', '𝕳𝖊𝖏', '\ufeff', '\uffff', '\u2028\u2029', 'Z̴̡̛͙a̶͎͑l̷̢̈g̵̺̈́o̸͓̾', '%00', '%', '%E0%A4%A', '%ff%fe', '../../../../etc/passwd', '..%2f..%2f..%2fetc%2fpasswd',
  '....//....//', "'; DROP TABLE applications;--", "' OR '1'='1", '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '${7*7}', '{{7*7}}',
  '#{7*7}', 'NaN', 'Infinity', '-Infinity', '-0', '1e309', '0x10', '1_000', '٣', '１２', '12abc', 'null', 'undefined', 'true', '[]', '{}', '__proto__',
  'constructor', 'prototype', 'toString', 'hasOwnProperty', '\\', '\\u0000', '"', "'", '`', '=cmd|/c calc!A0', '@SUM(1+1)', '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff', '2026-02-30', '2026-13-01', '0000-00-00', '275760-09-13', '-271821-04-19', '1970-01-01T00:00:00Z', '9999-12-31', 'P1000000Y',
  'admin@grantflow.local', 'a@b', '@', 'a'.repeat(64) + '@' + 'b'.repeat(255) + '.dk', '+4512345678', '13748136', '00000000', '99999999', '1374813', '137481360',
];

/** Numbers out of every range the API has, and the ones JSON text can say but a double cannot. */
export const ODD_NUMBERS: unknown[] = [
  -1, 0, -0, 0.5, 1.5, -1e-300, 1e308, -1e308, 2 ** 31, 2 ** 53, 2 ** 63, -(2 ** 63), 99999999999999999999, Number.MAX_SAFE_INTEGER + 2,
  raw('1e999'), raw('-1e999'), raw('9223372036854775808'), raw('123456789012345678901234567890'), raw('1.0000000000000000001'), raw('0.1e-400'), raw('-0.0'),
];

export const oddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'ø', '😀', '\u0000', '\ud800', '<'), fc.integer({ min: 1_000, max: 300_000 })).map(([unit, times]) => unit.repeat(times)) },
);

export const oddNumber: fc.Arbitrary<unknown> = fc.oneof(fc.constantFrom(...ODD_NUMBERS), fc.double(), fc.integer());

/** Any JSON value, the odd ones first. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  oddString,
  oddNumber,
  fc.constantFrom(null, true, false, [], {}, [null], { '': '' }, JSON.parse('{"__proto__":{"admin":true}}'), { constructor: { prototype: { x: 1 } } }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A value of another JSON type than the one the schema asks for. */
export function wrongTypeFor(type: string | undefined): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return fc.oneof(oddNumber, fc.constantFrom(true, false, null, [], {}, ['a'], { value: 'a' }));
    case 'integer':
    case 'number':
      return fc.oneof(fc.constantFrom('12', '1e3', 'NaN', 'Infinity', '', ' 1', '0x1F', true, null, [], {}, [1]), fc.constantFrom(0.5, 1.5, -0.25));
    case 'boolean':
      return fc.constantFrom('true', 'false', 'yes', 1, 0, null, [], {}, 'on');
    case 'array':
      return fc.constantFrom('a', 1, true, null, {}, { 0: 'a', length: 1 });
    case 'object':
      return fc.constantFrom('a', 1, true, null, [], [{}]);
    default:
      return fc.constantFrom(null, [], {}, 'a', 1);
  }
}

/** JSON text nested far deeper than any schema. */
export const deepJson: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 500, max: 200_000 }), fc.constantFrom('[', '{"a":'))
  .map(([depth, open]) => open.repeat(depth) + '1' + (open === '[' ? ']' : '}').repeat(depth));

/** Bodies no parser should accept, whatever the content type says. */
export const junkText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('{', '}', '{"a":}', "{'a':1}", '{"a":1,}', '[1,2', 'nul', 'NaN', '{"__proto__":{"polluted":true}}', '\u0000\u0000', '\ufeff{}', '--boundary\r\n', 'a=1&a=2&a[]=3&a[b]=4', '%%%', '{"a":"\\ud800"}', '{"a":"\\u0000"}', '{"a":1e999}'),
  fc.string({ unit: 'binary', maxLength: 200 }),
  deepJson,
);

export const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'application/json; charset=koi8-r', 'application/json; charset=nope', 'text/plain',
  'text/html', 'application/xml', 'application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=latin1', 'multipart/form-data', 'multipart/form-data; boundary=',
  'multipart/form-data; boundary=fuzz', 'application/octet-stream', 'application/vnd.api+json', 'application/merge-patch+json', '*/*', 'json', ';;;', 'application/json\u00e6',
];

/** Values a client may put in a header that the server reads. */
export const ODD_HEADER_VALUES = [
  '', ' ', '*', 'da', 'en;q=0', 'xx-YY', 'da;q=abc, en;q=2', 'ø', ',,,,', ';q=1', `${'da-DK,'.repeat(2_000)}en`, 'x'.repeat(8_000), 'Bearer', 'Bearer ', 'Bearer  ',
  'Basic YWRtaW46YWRtaW4=', 'Digest username="a"', 'bearer x y', 'null', 'undefined', '\u00ff\u00fe',
];

/** Headers to add to a request: language, caching, proxies, encodings, idempotency keys. */
export const oddHeaders: fc.Arbitrary<Record<string, string>> = fc
  .uniqueArray(
    fc.tuple(
      fc.constantFrom('accept-language', 'accept', 'idempotency-key', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'if-none-match', 'range', 'referer', 'origin', 'x-csrf-token', 'content-encoding', 'accept-encoding', 'x-http-method-override', 'user-agent', 'host'),
      fc.oneof(fc.constantFrom(...ODD_HEADER_VALUES), oddString.filter((text) => text.length < 4_000), fc.constantFrom('gzip', 'br', 'deflate', 'identity', 'compress', 'bytes=0-0,-1', 'bytes=99999999-', 'DELETE', 'null', '127.0.0.1, 10.0.0.1', 'http://evil.example', 'https://forfalsket.example')),
    ),
    { maxLength: 4, selector: ([name]) => name },
  )
  .map((entries) => Object.fromEntries(entries));

/** A token that is not one: wrong length, wrong alphabet, a JWT, a real token's neighbour. */
export const forgedToken: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', 'x', 'null', 'undefined', '0', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbImFkbWluIl19.', 'a'.repeat(4_096), '../../etc/passwd', '%00', 'æøå', '\u0000', '🙂🙂🙂'),
  fc.base64String({ minLength: 4, maxLength: 64 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }),
);

/** Path segments that are not ids: not UUIDs, traversals, encodings, and ids of nothing. */
export const badPathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', '1', '-1', '0', 'null', 'undefined', '..', '%2e%2e', '..%2f..%2fetc%2fpasswd', '%2e%2e%2f%2e%2e%2f', '%00', '%', '%zz', '%E0%A4%A', '%c0%ae%c0%ae', '%F0%9F%98%80', '%ED%A0%80', 'a'.repeat(3_000), '%20', '.', '~', 'index.html', 'admin', 'Ⅻ', 'ｕｕｉｄ', '{id}', ':id', '*', '$(id)', "1' OR '1'='1"),
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 40 }).map((text) => encodeURIComponent(text)),
);

/** A query string of odd parameters (repeated names, arrays, objects, empty names). */
export const oddQuery: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom('lang', 'page', 'pageSize', 'status', 'sort', 'from', 'to', 'roundId', 'q', 'adgang', 'next', 'trin', 'cvr', 'email', 'scheme', 'a[b]', 'a[]', '__proto__', '', 'constructor[prototype][x]'), fc.string({ maxLength: 8 })),
      fc.oneof(oddString.filter((text) => text.length < 2_000), oddNumber.map(String)),
    ),
    { maxLength: 5 },
  )
  .map((pairs) => pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '\ufffd'))}`).join('&'));

/** A multipart body whose parts say odd things (or that does not end), for the given boundary. */
export function junkMultipart(boundary: string): fc.Arbitrary<string> {
  const part = fc.tuple(
    fc.oneof(fc.constantFrom('file', 'kind', '_csrf', 'text', 'documents', 'confirmation', ''), oddString.filter((text) => text.length < 100)),
    fc.option(fc.constantFrom('a.pdf', '../../a.pdf', 'a\u0000.pdf', 'æøå.docx', '.htaccess', '', 'x'.repeat(1_000) + '.pdf', 'a.exe'), { nil: undefined }),
    fc.constantFrom('application/pdf', 'text/html', 'image/svg+xml', 'application/x-msdownload', '', 'text/plain; charset=nope'),
    fc.oneof(fc.constantFrom('%PDF-1.4\n%junk', '<svg onload=alert(1)>', 'MZ\u0090\u0000', '', '\u0000'.repeat(100)), oddString.filter((text) => text.length < 2_000)),
  );
  return fc.tuple(fc.array(part, { maxLength: 4 }), fc.constantFrom('end', 'no end', 'no crlf', 'garbage after')).map(([parts, ending]) => {
    const body = parts
      .map(([name, filename, type, content]) => {
        const disposition = `form-data; name="${name}"${filename === undefined ? '' : `; filename="${filename}"`}`;
        return `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n${content}\r\n`;
      })
      .join('');
    if (ending === 'end') return `${body}--${boundary}--\r\n`;
    if (ending === 'no crlf') return body.replace(/\r\n/g, '\n');
    if (ending === 'garbage after') return `${body}--${boundary}--\r\n${'\u0000junk'.repeat(10)}`;
    return body;
  });
}
