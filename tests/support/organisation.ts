import crypto from 'node:crypto';
import { isValidCvr } from '../../lib/cvr';
import { eventually } from './fixtures';
import { mailPart, mailTo } from './process';

/** A random CVR number that passes the check digit, so each test's organisation is its own. */
export function randomCvr(): string {
  for (;;) {
    const candidate = String(crypto.randomInt(10_000_000, 99_999_999));
    if (isValidCvr(candidate)) return candidate;
  }
}

/** The cookie pairs a response sets ("name=value"), for the next request's Cookie header. */
export function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((set) => set.split(';')[0]!);
}

export function csrfIn(page: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1]!;
}

/** Posts a form as a browser does: its cookie, our own origin, url-encoded fields. */
export async function postForm(baseUrl: string, path: string, fields: Record<string, string>, cookie: string): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { cookie, origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

/** Asks for a sign-in link on the sign-in page, as a browser does. */
export async function requestSignIn(baseUrl: string, organisationNumber: string, email: string): Promise<Response> {
  const page = await fetch(`${baseUrl}/forening/log-ind`);
  const cookie = cookiesOf(page).join('; ');
  return postForm(baseUrl, '/forening/log-ind', { _csrf: csrfIn(await page.text()), organisationNumber, email }, cookie);
}

const SIGN_IN_LINK = /https?:\/\/\S+\/forening\/log-ind\/link\?adgang=[A-Za-z0-9_-]+/;

/** The sign-in links mailed to the address so far, oldest first (other emails, e.g. a receipt, left out). */
async function signInLinksTo(email: string): Promise<string[]> {
  return (await mailTo(email)).map((message) => SIGN_IN_LINK.exec(mailPart(message, 'text/plain'))?.[0]).filter((link): link is string => link !== undefined);
}

/** The link of the count-th sign-in email to the address (waiting for it), pointed at this stack. */
export async function signInLinkFor(baseUrl: string, email: string, count = 1): Promise<string> {
  const links = await eventually(async () => {
    const found = await signInLinksTo(email);
    return found.length >= count ? found : undefined;
  }, `${count} sign-in emails to ${email}`);
  const url = new URL(links[count - 1]!);
  return `${baseUrl}${url.pathname}${url.search}`;
}

/** Uses a sign-in link (its page's button) and returns the member's session cookie. */
export async function signInWith(baseUrl: string, link: string): Promise<{ response: Response; cookie: string }> {
  const token = new URL(link).searchParams.get('adgang')!;
  const response = await fetch(`${baseUrl}/forening/log-ind/link`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ adgang: token }).toString(),
    redirect: 'manual',
  });
  return { response, cookie: cookiesOf(response).join('; ') };
}

/** The whole sign-in: ask, read the email, use the link. */
export async function signIn(baseUrl: string, organisationNumber: string, email: string): Promise<string> {
  const mailCount = (await signInLinksTo(email)).length + 1;
  const asked = await requestSignIn(baseUrl, organisationNumber, email);
  if (asked.status !== 303) throw new Error(`sign-in request answered ${asked.status}`);
  const { response, cookie } = await signInWith(baseUrl, await signInLinkFor(baseUrl, email, mailCount));
  if (response.status !== 303) throw new Error(`sign-in link answered ${response.status}`);
  return cookie;
}
