import crypto from 'node:crypto';
import { upsertStaffUser } from '../../lib/staff-auth';
import { generateAccessToken, sha256Hex } from '../../lib/tokens';
import { csrfToken } from '../../services/api/http/csrf';
import { newLinkCsrfBinding } from '../../services/api/private-links/new-link';
import { createOpenRound, eventually, insertApplication, postJson } from '../support/fixtures';
import { mailTo, subjectOf } from '../support/process';
import { startTestStack, testConfig, type TestStack } from '../support/stack';

// A private link (?adgang=<token>) opens its case while the case is open and for PRIVATE_LINK_TTL
// after it closed; staff can revoke a case's links (audited). An expired or revoked link answers
// 410 with a page offering a new link, which goes to the application's contact address only.

let stack: TestStack;
let roundId: string;
let caseworkerToken: string;
const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  stack = await startTestStack({ worker: false, config: testConfig({ PRIVATE_LINK_TTL: 'P30D', RATE_LIMIT_EMAILS_PER_RECIPIENT: '2' }) });
  roundId = (await createOpenRound(stack.db)).id;
  const email = `cw-${crypto.randomUUID().slice(0, 8)}@eksempel.dk`;
  const password = crypto.randomBytes(12).toString('base64url');
  await upsertStaffUser(stack.db, { email, name: 'Links Caseworker', password, roles: ['caseworker'] });
  caseworkerToken = (await postJson(`${stack.baseUrl}/api/v1/auth/login`, { email, password })).body.token;
});

afterAll(async () => {
  await stack?.stop();
});

/** A case with a contact address of its own and one private link; closed `closedDaysAgo` days ago if given. */
async function caseWithLink(closedDaysAgo?: number) {
  const application = await insertApplication(stack.db, roundId);
  const contactEmail = `kontakt-${crypto.randomUUID().slice(0, 8)}@example.org`;
  await stack.db.application.update({ where: { id: application.id }, data: { contactEmail, ...(closedDaysAgo !== undefined ? { status: 'CLOSED' } : {}) } });
  if (closedDaysAgo !== undefined) {
    await stack.db.caseEvent.create({
      data: { eventKey: `links-test:${application.id}:closed`, applicationId: application.id, type: 'closed', fromStatus: 'REPORT_SUBMITTED', toStatus: 'CLOSED', actor: 'system', occurredAt: new Date(Date.now() - closedDaysAgo * DAY) },
    });
  }
  const token = generateAccessToken();
  // Issued with the receipt, before the case closed.
  const issuedAt = new Date(Date.now() - ((closedDaysAgo ?? 0) + 100) * DAY);
  await stack.db.accessToken.create({ data: { tokenHash: sha256Hex(token), applicationId: application.id, purpose: 'receipt', createdAt: issuedAt } });
  return { id: application.id, token, contactEmail };
}

const apiCase = (id: string, token: string, language = 'da') =>
  fetch(`${stack.baseUrl}/api/v1/applications/${id}?lang=${language}`, { headers: { authorization: `Bearer ${token}` } });
const pageCase = (id: string, token: string, language = 'da') =>
  fetch(`${stack.baseUrl}/sag/${id}?adgang=${token}&lang=${language}`, { redirect: 'manual', headers: { accept: 'text/html' } });

test('a link works while the case is open and within the period after it closed', async () => {
  const open = await caseWithLink();
  expect((await apiCase(open.id, open.token)).status).toBe(200);
  expect((await pageCase(open.id, open.token)).status).toBe(303);
  const recentlyClosed = await caseWithLink(29);
  expect((await apiCase(recentlyClosed.id, recentlyClosed.token)).status).toBe(200);
});

test('an expired link answers 410 and a page in the user’s language offering a new link', async () => {
  const expired = await caseWithLink(31);
  const api = await apiCase(expired.id, expired.token, 'en');
  expect(api.status).toBe(410);
  const body = (await api.json()) as any;
  expect(body.error.code).toBe('link_expired');
  expect(body.error.message).toContain('Ask for a new link');

  const page = await pageCase(expired.id, expired.token, 'nb');
  expect(page.status).toBe(410);
  const markup = await page.text();
  expect(markup).toContain('<html lang="nb"');
  expect(markup).toContain('Lenken er utløpt');
  expect(markup).toContain(`action="/sag/${expired.id}/nyt-link"`);
  expect(markup).toContain('Send meg en ny lenke');
});

test('staff revoke a case’s links (audited); the link then answers 410 “revoked”', async () => {
  const revokedCase = await caseWithLink();
  expect((await apiCase(revokedCase.id, revokedCase.token)).status).toBe(200);
  const revoked = await postJson(`${stack.baseUrl}/api/v1/applications/${revokedCase.id}/private-links/revocation`, {}, { authorization: `Bearer ${caseworkerToken}` });
  expect(revoked).toMatchObject({ status: 200, body: { revoked: 1 } });
  const api = await apiCase(revokedCase.id, revokedCase.token);
  expect(api.status).toBe(410);
  expect(((await api.json()) as any).error.code).toBe('link_revoked');
  const page = await pageCase(revokedCase.id, revokedCase.token);
  expect(page.status).toBe(410);
  expect(await page.text()).toContain('Linket virker ikke længere');
  const audit = await stack.db.staffAuditLog.findMany({ where: { applicationId: revokedCase.id } });
  expect(audit.map((row) => [row.action, row.details])).toEqual([['private_links_revoked', { revoked: 1 }]]);
  // The association cannot revoke: only staff.
  const byApplicant = await postJson(`${stack.baseUrl}/api/v1/applications/${revokedCase.id}/private-links/revocation`, {}, { authorization: `Bearer ${revokedCase.token}` });
  expect(byApplicant.status).toBe(401);
});

test('a new link goes to the registered contact only, never to an address typed in, and opens the case', async () => {
  const expired = await caseWithLink(31);
  const intruder = `intruder-${crypto.randomUUID().slice(0, 8)}@example.org`;
  // The form (page) and the API: neither reads an address from the request.
  const form = await fetch(`${stack.baseUrl}/sag/${expired.id}/nyt-link`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: stack.baseUrl },
    body: new URLSearchParams({ _csrf: csrfToken(stack.config.COOKIE_SECRET, newLinkCsrfBinding(expired.id)), email: intruder }).toString(),
  });
  expect(form.status).toBe(200);
  expect(await form.text()).toContain('Vi har sendt et nyt link');
  const api = await postJson(`${stack.baseUrl}/api/v1/applications/${expired.id}/new-link`, { email: intruder });
  expect(api).toMatchObject({ status: 202, body: { sentTo: 'registered_contact' } });

  const mails = await eventually(async () => {
    const received = await mailTo(expired.contactEmail);
    return received.length === 2 ? received : undefined;
  }, 'two new-link emails to the registered contact');
  expect(subjectOf(mails[0]!)).toMatch(/^Nyt link til jeres sag/);
  expect(await mailTo(intruder)).toEqual([]);

  // The link in the email opens the case, though the case closed long ago (a fresh link is not the expired one).
  const link = /https?:\/\/\S+\/sag\/[0-9a-f-]+\?adgang=[A-Za-z0-9_-]+/.exec(mails[0]!.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '='))?.[0];
  expect(link).toBeDefined();
  const opened = await fetch(link!.replace(/^https?:\/\/[^/]+/, stack.baseUrl), { redirect: 'manual', headers: { accept: 'text/html' } });
  expect(opened.status).toBe(303);
  // The expired link stays expired.
  expect((await apiCase(expired.id, expired.token)).status).toBe(410);
});

test('new links are limited per recipient: the third within the hour is refused with 429 and Retry-After', async () => {
  const closed = await caseWithLink(31);
  const ask = () => fetch(`${stack.baseUrl}/api/v1/applications/${closed.id}/new-link`, { method: 'POST', headers: { 'x-forwarded-for': `203.0.113.${crypto.randomInt(1, 250)}` } });
  expect((await ask()).status).toBe(202);
  expect((await ask()).status).toBe(202);
  const refused = await ask();
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(((await refused.json()) as any).error.code).toBe('too_many_emails');
  expect(await stack.db.accessToken.count({ where: { applicationId: closed.id, purpose: 'new_link' } })).toBe(2);
});

test('a draft’s new link replaces its token and goes to the address the draft registered only', async () => {
  const created = await postJson(`${stack.baseUrl}/api/v1/drafts`, { roundId });
  expect(created.status).toBe(201);
  const draft = { id: created.body.id as string, token: created.body.token as string };
  const registered = `kladde-${crypto.randomUUID().slice(0, 8)}@example.org`;
  const intruder = `intruder-${crypto.randomUUID().slice(0, 8)}@example.org`;
  const saved = await postJson(`${stack.baseUrl}/api/v1/drafts/${draft.id}/resume-link`, { email: registered }, { authorization: `Bearer ${draft.token}` });
  expect(saved.status).toBe(202);

  const asked = await postJson(`${stack.baseUrl}/api/v1/drafts/${draft.id}/new-link`, { email: intruder });
  expect(asked).toMatchObject({ status: 202, body: { sentTo: 'registered_address' } });
  const mails = await eventually(async () => {
    const received = await mailTo(registered);
    return received.length === 2 ? received : undefined;
  }, 'the resume email and the new link');
  expect(await mailTo(intruder)).toEqual([]);

  // The old link now shows a page offering a new link; the newest link in the mail opens the draft.
  const old = await fetch(`${stack.baseUrl}/kladde/${draft.id}?adgang=${draft.token}`, { redirect: 'manual', headers: { accept: 'text/html' } });
  expect(old.status).toBe(403);
  const markup = await old.text();
  expect(markup).toContain('Linket virker ikke længere');
  expect(markup).toContain(`action="/kladde/${draft.id}/nyt-link"`);
  const links = mails.map((mail) => /https?:\/\/\S+\/kladde\/[0-9a-f-]+\?adgang=[A-Za-z0-9_-]+/.exec(mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '='))?.[0]);
  const opened = await Promise.all(links.map((link) => fetch(link!.replace(/^https?:\/\/[^/]+/, stack.baseUrl), { redirect: 'manual', headers: { accept: 'text/html' } })));
  expect(opened.map((response) => response.status).sort()).toEqual([303, 403]);
});
