import crypto from 'node:crypto';
import fc from 'fast-check';
import { csrfToken } from '../../../services/api/http/csrf';
import { newLinkCsrfBinding } from '../../../services/api/private-links/new-link';
import { draftNewLinkCsrfBinding } from '../../../services/api/drafts/new-link';
import { STEP_SLUGS } from '../../../services/api/pages/apply/draft-paths';
import type { AppRoute } from '../routes';
import { concretePagePath, type FormField, type PageForm } from './page-forms';
import type { FuzzRequest, FuzzTargets } from './request';
import { badPathSegment, CONTENT_TYPES, forgedToken, junkMultipart, junkText, oddHeaders, oddQuery, oddString } from './values';

// Malformed posts to every page form (and malformed visits to every page): forged CSRF tokens and
// cookies, odd and oversized fields, wrong content types. As with the API, a post that gets past
// the cookie and the CSRF check to real data always carries a fault the form must refuse.

/** Forms whose refusal still changes an excluded table only (a failed sign-in is logged). */
const CHANGES_NOTHING = new Set(['/personale/log-ind']);
/** The draft form keeps what was typed, valid or not: these posts go to the scratch draft. */
const KEEPS_WHAT_WAS_TYPED = new Set(['/kladde/:id/trin/:step']);
const OWN_ORIGIN = 'own';

interface Session {
  cookie: string;
  /** What the form's CSRF token is bound to. */
  boundTo: string;
  description: string;
}

function sessionFor(route: string, path: string, targets: FuzzTargets, scratch: boolean): fc.Arbitrary<Session> {
  const id = path.split('/')[2] ?? '';
  if (route === '/sag/:id/nyt-link') return fc.constant({ cookie: '', boundTo: newLinkCsrfBinding(id), description: 'new-link form' });
  if (route === '/kladde/:id/nyt-link') return fc.constant({ cookie: '', boundTo: draftNewLinkCsrfBinding(id), description: 'new-link form' });
  if (route === '/personale/log-ind' || route === '/ansoeg/:slug') {
    const name = route === '/personale/log-ind' ? 'gf_signin' : 'gf_ansoeg';
    return fc.base64String({ minLength: 24, maxLength: 24 }).map((nonce) => ({ cookie: `${name}=${nonce}`, boundTo: nonce, description: `${name} cookie` }));
  }
  if (route.startsWith('/sag/')) return fc.constant({ cookie: `gf_case=${targets.tokens.applicant}`, boundTo: targets.tokens.applicant, description: 'the case’s private-link cookie' });
  if (route.startsWith('/kladde/')) {
    const token = scratch ? targets.tokens.scratchDraft : targets.tokens.draft;
    return fc.constant({ cookie: `gf_kladde=${token}`, boundTo: token, description: 'the draft’s private-link cookie' });
  }
  return fc.constantFrom(...Object.entries(targets.tokens.staff)).map(([role, token]) => ({ cookie: `gf_staff=${token}`, boundTo: token, description: `${role}'s staff cookie` }));
}

type Csrf = { value?: string; origin?: string; valid: boolean; description: string };

function csrfFor(session: Session, secret: string): fc.Arbitrary<Csrf> {
  const right = csrfToken(secret, session.boundTo);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant<Csrf>({ value: right, origin: OWN_ORIGIN, valid: true, description: 'valid CSRF token' }) },
    { weight: 1, arbitrary: fc.constant<Csrf>({ value: right, valid: true, description: 'valid CSRF token, no Origin' }) },
    {
      weight: 3,
      arbitrary: fc.oneof(
        fc.constant<Csrf>({ valid: false, origin: OWN_ORIGIN, description: 'no CSRF token' }),
        fc.constantFrom(right.slice(1), `${right}A`, right.toUpperCase(), `${right.slice(0, -2)}æø`, 'ø'.repeat(right.length), '\u0000'.repeat(43), right.replace(/./g, (c, i: number) => (i === 5 ? (c === 'A' ? 'B' : 'A') : c)), csrfToken(secret, `${session.boundTo}-other`), csrfToken('not-the-secret', session.boundTo))
          .map((value): Csrf => ({ value, origin: OWN_ORIGIN, valid: false, description: 'forged CSRF token' })),
        forgedToken.map((value): Csrf => ({ value, origin: OWN_ORIGIN, valid: false, description: 'forged CSRF token' })),
        fc.constantFrom('https://forfalsket.example', 'null', 'http://127.0.0.1.forfalsket.example', 'file://').map((origin): Csrf => ({ value: right, origin, valid: false, description: `valid CSRF token from origin ${origin}` })),
      ),
    },
  );
}

/** A cookie header no session stands behind: forged values, prefixed names, duplicates, junk syntax. */
const forgedCookie: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom('gf_staff', 'gf_case', 'gf_kladde', '__Host-gf_staff', '__Secure-gf_case', '__Secure-gf_kladde', 'gf_signin', 'gf_ansoeg', 'grantflow_lang'), forgedToken).map(([name, value]) => `${name}=${encodeURIComponent(value)}`),
  fc.constantFrom('gf_staff', 'gf_staff=', '=gf_staff', 'gf_staff=%', 'gf_staff=%E0%A4%A', 'gf_staff=a; gf_staff=b', ';;;', 'gf_case="quoted"', 'grantflow_lang=xx', `${'a=b; '.repeat(500)}gf_staff=x`, 'gf_kladde=\u00ff\u00fe'),
);

/** The route's concrete path with one parameter replaced by a value naming nothing. */
function pathWith(routePath: string, targets: FuzzTargets, scratch: boolean, [name, value]: [string, string]): string {
  const placeholder = '\u0001bad\u0001';
  return concretePagePath(routePath.replace(`:${name}`, placeholder), targets, scratch).replace(placeholder, value);
}

function plausibleField(field: FormField): string {
  if (field.options.length) return field.options.find((option) => option !== '') ?? field.options[0]!;
  if (field.type === 'number') return '1';
  if (field.type === 'date') return '2027-03-01';
  if (field.type === 'email') return 'fuzz@eksempel.dk';
  return 'Fuzz';
}

type Fields = [string, string][];
type FieldFault = { description: string; apply(fields: Fields): Fields };

const replace = (name: string, value: string) => (fields: Fields): Fields => fields.map(([n, v]) => [n, n === name ? value : v]);

/** Faults the form must refuse: a required field left empty, too long, not one of its values, not a number or a date. */
function certainFieldFaults(form: PageForm): fc.Arbitrary<FieldFault>[] {
  const faults: fc.Arbitrary<FieldFault>[] = [];
  const required = form.fields.filter((field) => field.required && field.type !== 'file');
  if (required.length) faults.push(fc.tuple(fc.constantFrom(...required), fc.boolean()).map(([field, drop]) => ({ description: `${field.name} ${drop ? 'missing' : 'empty'}`, apply: drop ? (fields: Fields) => fields.filter(([n]) => n !== field.name) : replace(field.name, '') })));
  const limited = form.fields.filter((field) => field.maxLength);
  if (limited.length) faults.push(fc.tuple(fc.constantFrom(...limited), fc.constantFrom('x', 'ø', '😀')).map(([field, unit]) => ({ description: `${field.name} past its ${field.maxLength} characters`, apply: replace(field.name, unit.repeat(field.maxLength! + 1 + Math.floor(field.maxLength! / 2))) })));
  const choices = form.fields.filter((field) => field.options.length && ['select', 'radio'].includes(field.type));
  if (choices.length) faults.push(fc.tuple(fc.constantFrom(...choices), oddString.filter((text) => text.length > 0 && text.length < 500)).filter(([field, text]) => !field.options.includes(text)).map(([field, text]) => ({ description: `${field.name} not one of its values`, apply: replace(field.name, text) })));
  const typed = form.fields.filter((field) => ['number', 'date'].includes(field.type));
  if (typed.length) {
    faults.push(
      fc.tuple(fc.constantFrom(...typed), fc.constantFrom('12abc', 'NaN', 'Infinity', '1e400', '١٢', '0x1F', '2026-02-30', '31-12-2026', 'i morgen', '99999-01-01', '--', '\u0000'))
        .map(([field, value]) => ({ description: `${field.name} = ${JSON.stringify(value)}`, apply: replace(field.name, value) })),
    );
  }
  // No text may hold a NUL (PostgreSQL cannot store one): refused, not stored.
  const texts = form.fields.filter((field) => ['text', 'textarea', 'email', 'search', 'tel'].includes(field.type));
  if (texts.length) faults.push(fc.constantFrom(...texts).map((field) => ({ description: `${field.name} holds a NUL`, apply: replace(field.name, `Fuzz\u0000${field.name}`) })));
  return faults;
}

function noiseFieldFaults(form: PageForm): fc.Arbitrary<FieldFault> {
  const names = form.fields.map((field) => field.name);
  const options: fc.Arbitrary<FieldFault>[] = [
    fc.tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'a[b]', 'a[]', '', 'step', 'status', 'roles', 'id'), oddString.filter((text) => text.length < 100)), oddString)
      .map(([name, value]) => ({ description: `extra field ${JSON.stringify(name.slice(0, 20))}`, apply: (fields: Fields) => [...fields, [name, value] as [string, string]] })),
  ];
  if (names.length) {
    options.push(fc.tuple(fc.constantFrom(...names), oddString).map(([name, value]) => ({ description: `${name}: odd string (${value.length} chars)`, apply: replace(name, value) })));
    options.push(fc.tuple(fc.constantFrom(...names), oddString).map(([name, value]) => ({ description: `${name} twice`, apply: (fields: Fields) => [...fields, [name, value] as [string, string]] })));
  }
  return fc.oneof(...options);
}

function urlencoded(fields: Fields): string {
  return new URLSearchParams(fields).toString();
}

function multipart(fields: Fields, boundary: string, file?: { name: string; content: string }): string {
  const parts = fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, '%22')}"\r\n\r\n${value}\r\n`);
  if (file) parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="fuzz.pdf"\r\nContent-Type: application/pdf\r\n\r\n${file.content}\r\n`);
  return `${parts.join('')}--${boundary}--\r\n`;
}

/** Malformed posts to one form route (its fields as discovered, or none when no page showed it). */
export function formRequests(route: AppRoute, form: PageForm | undefined, targets: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  const pathNames = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
  const spec: PageForm = form ?? { method: 'POST', route: route.path, multipart: false, fields: [] };
  const certain = certainFieldFaults(spec);
  const scratch = KEEPS_WHAT_WAS_TYPED.has(route.path);
  const changes = !CHANGES_NOTHING.has(route.path) && !scratch;
  const boundary = `fuzz${crypto.randomBytes(6).toString('hex')}`;
  const basePath = concretePagePath(route.path, targets, scratch);
  const steps = Object.values(STEP_SLUGS);
  return fc
    .record({
      badPath: pathNames.length ? fc.option(fc.tuple(fc.constantFrom(...pathNames), badPathSegment), { nil: undefined, freq: 4 }) : fc.constant(undefined),
      step: fc.constantFrom(...steps),
      session: sessionFor(route.path, basePath, targets, scratch),
      forgedCookie: fc.option(forgedCookie, { nil: undefined, freq: 3 }),
      fault: certain.length ? fc.option(fc.oneof(...certain), { nil: undefined, freq: 4 }) : fc.constant(undefined),
      noise: fc.array(noiseFieldFaults(spec), { maxLength: 3 }),
      encoding: fc.constantFrom('form', 'form', 'form', 'other type', 'past the limit', 'too many fields', 'raw junk'),
      headers: oddHeaders,
      query: fc.option(oddQuery, { nil: undefined, freq: 3 }),
    })
    .chain((choice) => csrfFor(choice.session, targets.cookieSecret).map((csrf) => ({ ...choice, csrf })))
    .map((choice) => {
      // A forged cookie replaces the real one, so the CSRF token bound to it matches nothing; the
      // new-link forms bind theirs to the case or draft, so no cookie changes anything there.
      const signedIn = choice.csrf.valid && (choice.forgedCookie === undefined || choice.session.cookie === '');
      const refused = choice.badPath !== undefined || choice.fault !== undefined || ['other type', 'past the limit', 'too many fields'].includes(choice.encoding);
      return { ...choice, signedIn, refused };
    })
    .filter((choice) => !changes || !choice.signedIn || choice.refused)
    .map((choice): FuzzRequest => {
      let path = basePath;
      if (route.path === '/kladde/:id/trin/:step') path = path.replace(/[^/]+$/, choice.step);
      if (choice.badPath) path = pathWith(route.path, targets, scratch, choice.badPath);
      if (choice.query) path += `?${choice.query}`;
      const faults: string[] = [choice.forgedCookie === undefined ? choice.session.description : 'forged cookie', choice.csrf.description];
      let fields: Fields = spec.fields.filter((field) => field.type !== 'file').map((field) => [field.name, plausibleField(field)]);
      // The certain fault last, so no noise undoes it.
      for (const fault of [...choice.noise, ...(choice.fault ? [choice.fault] : [])]) {
        fields = fault.apply(fields);
        faults.push(fault.description);
      }
      if (choice.csrf.value !== undefined) fields.unshift(['_csrf', choice.csrf.value]);
      const headers: Record<string, string> = { ...choice.headers };
      delete headers.host;
      const cookie = choice.forgedCookie ?? choice.session.cookie;
      if (cookie) headers.cookie = cookie;
      if (choice.csrf.origin) headers.origin = choice.csrf.origin === OWN_ORIGIN ? targets.baseUrl : choice.csrf.origin;
      else delete headers.origin;
      if (choice.badPath) faults.push(`path ${choice.badPath[0]} = ${JSON.stringify(choice.badPath[1].slice(0, 60))}`);
      let body: FuzzRequest['body'];
      if (choice.encoding === 'past the limit') {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = { prefix: `${urlencoded(fields)}&text=`, unit: 'x', bytes: 1_100_000 + (fields.length % 7) * 100_000, suffix: '' };
        faults.push('body past the 1 MB limit');
      } else if (choice.encoding === 'too many fields') {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = `${urlencoded(fields)}&${Array.from({ length: 2_100 }, (_, i) => `f${i}=1`).join('&')}`;
        faults.push('2,100 fields');
      } else if (choice.encoding === 'other type') {
        // Any type but the form's own: the body is not read, so the CSRF token is not either.
        const others = CONTENT_TYPES.filter((type) => type !== 'application/x-www-form-urlencoded' && !type.startsWith('multipart/form-data; boundary=fuzz'));
        headers['content-type'] = others[(fields.length + choice.noise.length) % others.length]!;
        body = urlencoded(fields);
        faults.push(`content type ${headers['content-type']}`);
      } else if (choice.encoding === 'raw junk') {
        headers['content-type'] = spec.multipart ? `multipart/form-data; boundary=${boundary}` : 'application/x-www-form-urlencoded';
        body = spec.multipart ? fc.sample(junkMultipart(boundary), { seed: fields.length, numRuns: 1 })[0]! : `${urlencoded(fields)}&%ff=%E0%A4%A&x=%&%00=%00&a%5B%5D=1&=&&&${fc.sample(junkText, { seed: fields.length, numRuns: 1 })[0]!.slice(0, 5_000)}`;
        faults.push('raw junk in the body');
      } else if (spec.multipart) {
        headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
        body = multipart(fields, boundary, fields.length % 2 ? { name: spec.fields.find((field) => field.type === 'file')?.name ?? 'file', content: '%PDF-1.4\n%fuzz\u0000\u00ff' } : undefined);
      } else {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = urlencoded(fields);
      }
      return { operation: `form POST ${route.path}`, method: 'POST', path, headers, body, faults };
    });
}

/** A page's search or filter form filled in oddly: its own fields, plausible or not. */
function searchQuery(form: PageForm | undefined): fc.Arbitrary<string | undefined> {
  if (!form?.fields.length) return fc.constant(undefined);
  return fc
    .tuple(...form.fields.map((field) => fc.option(fc.oneof(fc.constant(plausibleField(field)), oddString.filter((text) => text.length < 3_000)), { nil: undefined })))
    .map((values) => new URLSearchParams(values.flatMap((value, index) => (value === undefined ? [] : [[form.fields[index]!.name, value.replace(/[\ud800-\udfff]/g, '\ufffd')] as [string, string]]))).toString());
}

/** Visits to a page with odd queries (its search form's fields among them), headers and cookies, or a path naming nothing. */
export function pageVisits(route: AppRoute, search: PageForm | undefined, targets: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  const pathNames = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
  return fc
    .record({
      badPath: pathNames.length ? fc.option(fc.tuple(fc.constantFrom(...pathNames), badPathSegment), { nil: undefined, freq: 3 }) : fc.constant(undefined),
      // Signed in everywhere; the draft pages record the step a visitor reached, so they visit the scratch draft.
      cookie: fc.oneof(forgedCookie, fc.constant(`gf_staff=${targets.tokens.staff.admin}; gf_case=${targets.tokens.applicant}; gf_kladde=${targets.tokens.scratchDraft}`), fc.constant('')),
      query: fc.option(oddQuery, { nil: undefined, freq: 2 }),
      search: searchQuery(search),
      headers: oddHeaders,
    })
    .map((choice): FuzzRequest => {
      const scratch = route.path.startsWith('/kladde/');
      let path = concretePagePath(route.path, targets, scratch);
      if (choice.badPath) path = pathWith(route.path, targets, scratch, choice.badPath);
      const query = [choice.search, choice.query].filter(Boolean).join('&');
      if (query) path += `?${query}`;
      const headers: Record<string, string> = { ...choice.headers };
      delete headers.host;
      if (choice.cookie) headers.cookie = choice.cookie;
      return { operation: `page GET ${route.path}`, method: 'GET', path, headers, faults: [choice.badPath ? `path ${choice.badPath[0]} = ${JSON.stringify(choice.badPath[1].slice(0, 60))}` : 'odd query, headers or cookies'] };
    });
}
