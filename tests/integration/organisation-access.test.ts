import crypto from 'node:crypto';
import { generateAccessToken, sha256Hex } from '../../lib/tokens';
import { applicationBody, createOpenRound } from '../support/fixtures';
import { mailPart, mailsFor, mailTo, subjectOf, submitCase } from '../support/process';
import { csrfIn, postForm, randomCvr, requestSignIn, signIn, signInLinkFor, signInWith } from '../support/organisation';
import { startTestStack, type TestStack } from '../support/stack';
import { signedInStaff } from '../support/staff';

// Organisation access on the real stack: the first member signs in by the email link (only an
// address the organisation gave us), becomes administrator, invites, hands over and is removed;
// the bad inputs (an invitation to a member, removing the administrator, a used or expired link)
// change nothing; a member sees the organisation's drafts and cases, and sends a draft with their
// name in the case's timeline; a member of another organisation sees none of it.

jest.setTimeout(120_000);

let stack: TestStack;
let roundId: string;
const marker = crypto.randomUUID().slice(0, 8);
const address = (name: string) => `${name}-${marker}@forening.example.dk`;
const cvr = randomCvr();
const otherCvr = randomCvr();
const inge = address('inge');
const bo = address('bo');
const ulla = address('ulla');
const workflows: string[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  roundId = (await createOpenRound(stack.db)).id;
});

afterAll(async () => {
  for (const id of workflows) await stack.temporal.workflow.getHandle(id).terminate('test finished').catch(() => undefined);
  await stack?.stop();
});

async function submitFor(number: string, contactEmail: string) {
  const submitted = await submitCase(stack, roundId, { organization: { cvr: number, name: `Forening ${number}`, email: address(`kasse-${number}`) }, contact: { name: 'Inge Hansen', email: contactEmail } });
  workflows.push(submitted.handle.workflowId);
  return submitted;
}

/** A draft with every answer given, under the organisation's number (as the form would have saved it). */
async function completeDraft(number: string) {
  const { roundId: _round, ...answers } = applicationBody(roundId, { organization: { cvr: number, name: `Forening ${number}`, email: address('kasse') }, contact: { name: 'Bo Berg', email: bo } });
  return stack.db.applicationDraft.create({
    data: { tokenHash: sha256Hex(generateAccessToken()), roundId, data: { answers } as object, currentStep: 'declarations', furthestStep: 'declarations' },
  });
}

function page(path: string, cookie: string): Promise<Response> {
  return fetch(`${stack.baseUrl}${path}`, { headers: { cookie }, redirect: 'manual' });
}

async function membersForm(cookie: string): Promise<string> {
  return csrfIn(await (await page('/forening/medlemmer', cookie)).text());
}

async function storedMembership() {
  const organisation = await stack.db.organisation.findUniqueOrThrow({ where: { number: cvr }, include: { members: { orderBy: { email: 'asc' } } } });
  return organisation.members.map((member) => ({ email: member.email, role: member.role }));
}

describe('organisation access', () => {
  let ingeCookie: string;
  let boCookie: string;
  let caseId: string;

  it('sends a link only to an address the organisation gave us, and answers the same either way', async () => {
    caseId = (await submitFor(cvr, inge)).id;
    const stranger = address('fremmed');
    const refused = await requestSignIn(stack.baseUrl, cvr, stranger);
    const asked = await requestSignIn(stack.baseUrl, cvr, ` ${inge.toUpperCase()} `);
    expect([refused.status, refused.headers.get('location')]).toEqual([303, '/forening/log-ind/sendt']);
    expect([asked.status, asked.headers.get('location')]).toEqual([303, '/forening/log-ind/sendt']);
    expect(await (await fetch(`${stack.baseUrl}/forening/log-ind/sendt`)).text()).toContain('Tjek din e-mail');

    const link = await signInLinkFor(stack.baseUrl, inge);
    const [mail] = await mailTo(inge).then((all) => all.filter((message) => subjectOf(message).startsWith('Log ind for')));
    expect(subjectOf(mail!)).toBe(`Log ind for Forening ${cvr}`);
    expect(mailPart(mail!, 'text/plain')).toContain('Linket virker én gang i 20 minutter.');
    expect(await mailTo(stranger)).toEqual([]);
    // Only the token's hash is kept.
    const token = new URL(link).searchParams.get('adgang')!;
    expect(await stack.db.organisationSignInToken.findMany({ where: { organisationNumber: cvr }, select: { tokenHash: true, email: true } })).toEqual([{ tokenHash: sha256Hex(token), email: inge }]);

    // Opening the link signs no one in (mail scanners open links); its button does.
    const opened = await fetch(link);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('Log ind for foreningen');
    expect(await stack.db.organisation.findUnique({ where: { number: cvr } })).toBeNull();

    const { response, cookie } = await signInWith(stack.baseUrl, link);
    expect([response.status, response.headers.get('location')]).toEqual([303, '/forening']);
    expect(cookie).toMatch(/^gf_forening=/);
    ingeCookie = cookie;
    expect(await storedMembership()).toEqual([{ email: inge, role: 'admin' }]);

    // A used link does nothing more.
    const sessions = await stack.db.organisationSession.count();
    const again = await signInWith(stack.baseUrl, link);
    expect(again.response.status).toBe(410);
    expect(await again.response.text()).toContain('Linket virker ikke længere');
    expect(await stack.db.organisationSession.count()).toBe(sessions);
  });

  it('refuses an expired link and a malformed sign-in form, storing nothing', async () => {
    const token = generateAccessToken();
    await stack.db.organisationSignInToken.create({ data: { tokenHash: sha256Hex(token), organisationNumber: cvr, email: inge, expiresAt: new Date(Date.now() - 1000) } });
    const sessions = await stack.db.organisationSession.count();
    const expired = await signInWith(stack.baseUrl, `${stack.baseUrl}/forening/log-ind/link?adgang=${token}`);
    expect(expired.response.status).toBe(410);
    expect(await expired.response.text()).toContain('Bed om et nyt link');
    expect((await fetch(`${stack.baseUrl}/forening/log-ind/link?adgang=${token}`)).status).toBe(410);
    expect(await stack.db.organisationSession.count()).toBe(sessions);

    const bad = await requestSignIn(stack.baseUrl, '1234', 'ikke-en-adresse');
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain('Et CVR-nummer består af 8 cifre.');
    expect(text).toContain('Skriv en gyldig e-mailadresse');
    const english = await fetch(`${stack.baseUrl}/forening/log-ind?lang=en`);
    expect(await english.text()).toContain('Sign in for associations');
  });

  it('shows the member every case and draft of the organisation, and nothing without a session', async () => {
    const draft = await completeDraft(cvr);
    const overview = await page('/forening', ingeCookie);
    expect(overview.status).toBe(200);
    const text = await overview.text();
    expect(text).toContain(`href="/sag/${caseId}"`);
    expect(text).toContain(`href="/kladde/${draft.id}"`);
    expect((await page(`/sag/${caseId}`, ingeCookie)).status).toBe(200);
    expect((await page(`/kladde/${draft.id}/trin/kontakt`, ingeCookie)).status).toBe(200);
    expect((await page('/forening', '')).headers.get('location')).toBe('/forening/log-ind');
    expect((await page('/forening/medlemmer', '')).headers.get('location')).toBe('/forening/log-ind');
  });

  it('lets the administrator invite; an invitation to a member is refused with nothing changed', async () => {
    const invited = await postForm(stack.baseUrl, '/forening/medlemmer/inviter', { _csrf: await membersForm(ingeCookie), inviteEmail: bo }, ingeCookie);
    expect([invited.status, invited.headers.get('location')]).toEqual([303, '/forening/medlemmer?udfoert=tilfoejet']);
    const [invitation] = await mailsFor(bo, 1);
    expect(subjectOf(invitation!)).toBe(`Du er tilføjet til Forening ${cvr}`);
    expect(mailPart(invitation!, 'text/plain')).toContain(`${inge} har tilføjet dig som medlem`);

    const before = await storedMembership();
    const twice = await postForm(stack.baseUrl, '/forening/medlemmer/inviter', { _csrf: await membersForm(ingeCookie), inviteEmail: bo.toUpperCase() }, ingeCookie);
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('Adressen er allerede medlem af foreningen.');
    expect(await storedMembership()).toEqual(before);
    const english = await postForm(stack.baseUrl, '/forening/medlemmer/inviter?lang=en', { _csrf: await membersForm(ingeCookie), inviteEmail: bo }, ingeCookie);
    expect(await english.text()).toContain('The address is already a member of the association.');

    const withoutToken = await postForm(stack.baseUrl, '/forening/medlemmer/inviter', { inviteEmail: ulla }, ingeCookie);
    expect(withoutToken.status).toBe(403);
    expect(await storedMembership()).toEqual(before);
  });

  it('signs an invited member in; only the administrator changes the members', async () => {
    boCookie = await signIn(stack.baseUrl, cvr, bo);
    const members = await page('/forening/medlemmer', boCookie);
    expect(await members.text()).toContain('Kun foreningens administrator kan tilføje og fjerne medlemmer.');
    const before = await storedMembership();
    const refused = await postForm(stack.baseUrl, '/forening/medlemmer/inviter', { _csrf: await membersForm(boCookie), inviteEmail: ulla }, boCookie);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Kun foreningens administrator kan ændre medlemmerne.');
    expect(await storedMembership()).toEqual(before);
  });

  it('refuses to remove the last administrator, hands the role over, and the new administrator removes the old', async () => {
    const ingeId = (await stack.db.organisationMember.findFirstOrThrow({ where: { email: inge } })).id;
    const boId = (await stack.db.organisationMember.findFirstOrThrow({ where: { email: bo } })).id;
    const before = await storedMembership();
    const removeAdmin = await postForm(stack.baseUrl, '/forening/medlemmer/fjern', { _csrf: await membersForm(ingeCookie), memberId: ingeId }, ingeCookie);
    expect(removeAdmin.status).toBe(409);
    expect(await removeAdmin.text()).toContain('Administratoren kan ikke fjernes. Giv først rollen videre til et andet medlem.');
    expect(await storedMembership()).toEqual(before);

    const handover = await postForm(stack.baseUrl, '/forening/medlemmer/administrator', { _csrf: await membersForm(ingeCookie), memberId: boId }, ingeCookie);
    expect([handover.status, handover.headers.get('location')]).toEqual([303, '/forening/medlemmer?udfoert=overdraget']);
    expect(await storedMembership()).toEqual([
      { email: bo, role: 'admin' },
      { email: inge, role: 'member' },
    ]);

    const removed = await postForm(stack.baseUrl, '/forening/medlemmer/fjern', { _csrf: await membersForm(boCookie), memberId: ingeId }, boCookie);
    expect(removed.status).toBe(303);
    expect(await storedMembership()).toEqual([{ email: bo, role: 'admin' }]);
    // Her session ended with the membership.
    expect((await page('/forening', ingeCookie)).headers.get('location')).toBe('/forening/log-ind');
    expect((await page(`/sag/${caseId}`, ingeCookie)).status).toBe(403);
    // Each sign-in is an event too (with its method); the membership's changes are these.
    const history = await stack.db.organisationEvent.findMany({ where: { organisation: { number: cvr }, type: { not: 'signed_in' } }, orderBy: { id: 'asc' }, select: { type: true, actor: true, subject: true } });
    expect(history).toEqual([
      { type: 'first_member', actor: inge, subject: inge },
      { type: 'member_invited', actor: inge, subject: bo },
      { type: 'administrator_handed_over', actor: inge, subject: bo },
      { type: 'member_removed', actor: bo, subject: inge },
    ]);
    // A removed member cannot sign in again (the organisation has members, she is none of them).
    await requestSignIn(stack.baseUrl, cvr, inge);
    expect(await stack.db.organisationSignInToken.count({ where: { email: inge } })).toBe(2);
  });

  it('sends a draft as a member, with the member named in the case timeline', async () => {
    const draft = await completeDraft(cvr);
    const summary = await page(`/kladde/${draft.id}/opsummering`, boCookie);
    expect(summary.status).toBe(200);
    const sent = await postForm(stack.baseUrl, `/kladde/${draft.id}/send`, { _csrf: csrfIn(await summary.text()) }, boCookie);
    expect(sent.status).toBe(303);
    const applicationId = (await stack.db.applicationDraft.findUniqueOrThrow({ where: { id: draft.id } })).applicationId!;
    workflows.push(`grant-application-${applicationId}`);
    expect(sent.headers.get('location')).toBe(`/sag/${applicationId}`);
    const events = await stack.db.caseEvent.findMany({ where: { applicationId, type: 'member_action' }, select: { actor: true, details: true } });
    expect(events).toEqual([{ actor: bo, details: { action: 'submitted', organisation: cvr } }]);
    const casePage = await (await page(`/sag/${applicationId}`, boCookie)).text();
    expect(casePage).toContain(`${bo}: sendte ansøgningen`);
    // Staff see the member's address as who did it.
    const caseworker = await signedInStaff(stack, ['caseworker']);
    const staffPage = await (await page(`/personale/sager/${applicationId}`, `gf_staff=${caseworker.token}`)).text();
    expect(staffPage).toMatch(new RegExp(`\\(foreningsmedlem: sendte ansøgningen\\)</span></td>\\s*<td>${bo.replace(/[.+]/g, '\\$&')}</td>`));
    // The draft opened by a member again leads to its case.
    expect((await page(`/kladde/${draft.id}/opsummering`, boCookie)).headers.get('location')).toBe(`/sag/${applicationId}`);
  });

  it('shows a member of another organisation nothing of this one', async () => {
    const otherContact = address('anden');
    await submitFor(otherCvr, otherContact);
    const otherCookie = await signIn(stack.baseUrl, otherCvr, otherContact);
    const draft = await completeDraft(cvr);
    const overview = await (await page('/forening', otherCookie)).text();
    expect(overview).not.toContain(caseId);
    expect(overview).not.toContain(draft.id);
    expect((await page(`/sag/${caseId}`, otherCookie)).status).toBe(403);
    expect((await page(`/sag/${caseId}/ansoegning.pdf`, otherCookie)).status).toBe(403);
    expect((await page(`/kladde/${draft.id}/trin/kontakt`, otherCookie)).status).toBe(403);
    const members = await (await page('/forening/medlemmer', otherCookie)).text();
    expect(members).not.toContain(bo);
    // Its administrator cannot remove a member of this organisation either.
    const boId = (await stack.db.organisationMember.findFirstOrThrow({ where: { email: bo } })).id;
    const removal = await postForm(stack.baseUrl, '/forening/medlemmer/fjern', { _csrf: csrfIn(members), memberId: boId }, otherCookie);
    expect(removal.status).toBe(404);
    expect(await storedMembership()).toEqual([{ email: bo, role: 'admin' }]);
  });

  it('offers no sign-in through a provider when none is configured', async () => {
    const page = await (await fetch(`${stack.baseUrl}/forening/log-ind`)).text();
    expect(page).toContain('Send mig et link');
    expect(page).not.toContain('/forening/log-ind/oidc');
    expect(page).not.toContain('MitID');
    for (const path of ['/forening/log-ind/oidc', '/forening/log-ind/oidc/retur?code=x&state=y']) {
      expect((await fetch(`${stack.baseUrl}${path}`, { redirect: 'manual' })).status).toBe(404);
    }
    // The email link's sign-ins are recorded with their method.
    const signIns = await stack.db.organisationEvent.findMany({ where: { organisation: { number: cvr }, type: { in: ['first_member', 'signed_in'] } }, select: { type: true, method: true } });
    expect(signIns.length).toBeGreaterThan(1);
    expect(signIns.every((event) => event.method === 'email')).toBe(true);
  });
});
