import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createOpenRound, getJson } from '../support/fixtures';
import { submitCase } from '../support/process';
import { cookiesOf, csrfIn, postForm, randomCvr, signIn } from '../support/organisation';
import { startTestStack, testConfig, type TestStack } from '../support/stack';
import { signedInStaff } from '../support/staff';

// The association's profile on the real stack: a member sees and edits it (bad input changes
// nothing), the register refreshes its name and address on opening and by the button, a register
// that does not answer leaves it as it was with a notice; a member's new application starts
// filled in from it and the last application, and says whether the association applied before;
// the statistics split form time by that. The register is the local implementation, read from a
// file of this test's own; the register that is down is the CVR implementation pointed at a
// closed port.

jest.setTimeout(180_000);

const marker = crypto.randomUUID().slice(0, 8);
const address = (name: string) => `${name}-${marker}@forening.example.dk`;
const cvr = randomCvr();
const otherCvr = randomCvr();
const newcomerCvr = randomCvr();
const inge = address('inge');
const ulla = address('ulla');
const registerFile = path.join(os.tmpdir(), `register-${marker}.json`);

let stack: TestStack;
let down: TestStack;
let round: { id: string; slug: string };
let ingeCookie: string;
const workflows: string[] = [];

beforeAll(async () => {
  fs.writeFileSync(
    registerFile,
    JSON.stringify({
      associations: [
        { cvr, name: `Registrets Forening ${marker}`, status: 'Aktiv', formCode: 115, formName: 'Frivillig forening', address: { street: 'Registervej 1', postalCode: '9991', city: 'Eksempelby', municipalityCode: 999 } },
      ],
    }),
  );
  stack = await startTestStack({ config: testConfig({ BUSINESS_REGISTER_FILE: registerFile }) });
  down = await startTestStack({
    worker: false,
    db: stack.db,
    config: testConfig({ BUSINESS_REGISTER: 'cvr', CVR_REGISTER_URL: 'http://127.0.0.1:9/cvr', CVR_REGISTER_USERNAME: 'nobody', CVR_REGISTER_PASSWORD: 'nothing', CVR_REGISTER_TIMEOUT_MS: '2000' }),
  });
  round = await createOpenRound(stack.db);
  const submitted = await submitCase(stack, round.id, {
    organization: { cvr, name: `Forening ${marker}`, email: address('kasse'), phone: '+45 11 22 33 44', address: 'Gammel Vej 2, 9991 Eksempelby' },
    contact: { name: 'Inge Hansen', email: inge, phone: '+45 55 66 77 88' },
  });
  workflows.push(submitted.handle.workflowId);
  const other = await submitCase(stack, round.id, { organization: { cvr: otherCvr, name: `Anden Forening ${marker}`, email: address('anden') }, contact: { name: 'Ulla Berg', email: ulla } });
  workflows.push(other.handle.workflowId);
  ingeCookie = await signIn(stack.baseUrl, cvr, inge);
});

afterAll(async () => {
  for (const id of workflows) await stack.temporal.workflow.getHandle(id).terminate('test finished').catch(() => undefined);
  await down?.stop();
  await stack?.stop();
  fs.rmSync(registerFile, { force: true });
});

function page(base: string, route: string, cookie: string): Promise<Response> {
  return fetch(`${base}${route}`, { headers: { cookie }, redirect: 'manual' });
}

async function profileRow() {
  const organisation = await stack.db.organisation.findUniqueOrThrow({ where: { number: cvr }, include: { profile: true } });
  return organisation.profile!;
}

async function events(number: string) {
  const organisation = await stack.db.organisation.findUniqueOrThrow({ where: { number } });
  return stack.db.organisationEvent.findMany({ where: { organisationId: organisation.id }, orderBy: { id: 'asc' } });
}

const validProfile = {
  name: `Forening ${marker} af 2026`,
  street: 'Ny Vej 3',
  postcode: '9992',
  city: 'Nordby',
  email: address('ny-kasse'),
  phone: '',
  contactName: 'Inge Hansen',
  contactEmail: inge,
  contactPhone: '+45 55 66 77 88',
};

/** Starts an application on the round's usual pre-check, as the browser does; returns the draft's id and cookies. */
async function startApplication(memberCookie: string): Promise<{ draftId: string; cookie: string }> {
  const precheck = await page(stack.baseUrl, `/ansoeg/${round.slug}`, memberCookie);
  const formCookie = [memberCookie, ...cookiesOf(precheck)].filter(Boolean).join('; ');
  const answers = { 'precheck.applicant': 'association', 'precheck.social': 'true', 'precheck.finished': 'false', 'precheck.children': 'false' };
  const started = await postForm(stack.baseUrl, `/ansoeg/${round.slug}`, { _csrf: csrfIn(await precheck.text()), ...answers }, formCookie);
  expect(started.status).toBe(303);
  const draftId = /\/kladde\/([0-9a-f-]{36})\//.exec(started.headers.get('location') ?? '')![1]!;
  return { draftId, cookie: [memberCookie, ...cookiesOf(started)].filter(Boolean).join('; ') };
}

describe('organisation profile', () => {
  it('opens made from the last application, with the register read and its name and address taken in', async () => {
    const response = await page(stack.baseUrl, '/forening/profil', ingeCookie);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Det siger registret');
    expect(html).toContain(`Registrets Forening ${marker}`);
    expect(html).toContain('Navn og adresse er hentet fra registret.');
    const profile = await profileRow();
    expect(profile).toMatchObject({
      name: `Registrets Forening ${marker}`,
      street: 'Registervej 1',
      postcode: '9991',
      city: 'Eksempelby',
      email: address('kasse'),
      phone: '+45 11 22 33 44',
      contactName: 'Inge Hansen',
      contactEmail: inge,
      registerStatus: 'Aktiv',
    });
    expect(profile.registerReadAt).not.toBeNull();
    const refreshed = (await events(cvr)).filter((event) => event.type === 'profile_refreshed_from_register');
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]).toMatchObject({ actor: inge, subject: 'name, street' });

    // Opened again the same day: the register is not asked again.
    await page(stack.baseUrl, '/forening/profil', ingeCookie);
    expect((await events(cvr)).filter((event) => event.type === 'profile_refreshed_from_register')).toHaveLength(1);
  });

  it('refuses bad input field by field and changes nothing', async () => {
    const before = await profileRow();
    const csrf = csrfIn(await (await page(stack.baseUrl, '/forening/profil', ingeCookie)).text());
    const response = await postForm(stack.baseUrl, '/forening/profil', { _csrf: csrf, ...validProfile, name: ' ', postcode: '99', email: 'ikke-en-adresse', contactPhone: 'ring' }, ingeCookie);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Skriv postnummeret med 4 cifre.');
    for (const field of ['name', 'postcode', 'email', 'contactPhone']) expect(html).toContain(`href="#f-${field}"`);
    expect(html).toContain('value="ikke-en-adresse"');
    expect(await profileRow()).toEqual(before);
    expect((await events(cvr)).some((event) => event.type === 'profile_changed')).toBe(false);
  });

  it('saves a member\'s changes, with who and when in the organisation\'s log', async () => {
    const csrf = csrfIn(await (await page(stack.baseUrl, '/forening/profil', ingeCookie)).text());
    const response = await postForm(stack.baseUrl, '/forening/profil', { _csrf: csrf, ...validProfile }, ingeCookie);
    expect([response.status, response.headers.get('location')]).toEqual([303, '/forening/profil?udfoert=gemt']);
    expect(await profileRow()).toMatchObject({ name: validProfile.name, street: 'Ny Vej 3', postcode: '9992', city: 'Nordby', email: validProfile.email, phone: null, bankAccount: null });
    const changed = (await events(cvr)).filter((event) => event.type === 'profile_changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ actor: inge, subject: 'name, street, postcode, city, email, phone' });
    const members = await (await page(stack.baseUrl, '/forening/medlemmer', ingeCookie)).text();
    expect(members).toContain(`${inge} rettede profilen: Foreningens navn, Vej og husnummer, Postnummer, By, Foreningens e-mail, Foreningens telefon`);
    expect(members).toContain(`${inge} hentede fra registret: Foreningens navn, Vej og husnummer`);
  });

  it('a register that does not answer leaves the profile as it was, with a notice', async () => {
    const before = await profileRow();
    const csrf = csrfIn(await (await page(down.baseUrl, '/forening/profil', ingeCookie)).text());
    const response = await postForm(down.baseUrl, '/forening/profil/hent-fra-registret', { _csrf: csrf }, ingeCookie);
    expect([response.status, response.headers.get('location')]).toEqual([303, '/forening/profil?register=svarer_ikke']);
    const shown = await page(down.baseUrl, '/forening/profil?register=svarer_ikke', ingeCookie);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('Registret svarer ikke lige nu, så profilen er ikke ændret.');
    expect(await profileRow()).toEqual(before);
  });

  it('the button reads the register again: its name and address replace the typed ones', async () => {
    const csrf = csrfIn(await (await page(stack.baseUrl, '/forening/profil', ingeCookie)).text());
    const response = await postForm(stack.baseUrl, '/forening/profil/hent-fra-registret', { _csrf: csrf }, ingeCookie);
    expect([response.status, response.headers.get('location')]).toEqual([303, '/forening/profil?register=hentet']);
    expect(await profileRow()).toMatchObject({ name: `Registrets Forening ${marker}`, street: 'Registervej 1', postcode: '9991', city: 'Eksempelby', email: validProfile.email });
    expect((await events(cvr)).filter((event) => event.type === 'profile_refreshed_from_register')).toHaveLength(2);
  });

  it('another organisation\'s member sees their own profile, and not the other\'s pre-filled draft', async () => {
    const ullaCookie = await signIn(stack.baseUrl, otherCvr, ulla);
    const own = await (await page(stack.baseUrl, '/forening/profil', ullaCookie)).text();
    expect(own).toContain(`Anden Forening ${marker}`);
    expect(own).not.toContain(validProfile.email);
    const { draftId } = await startApplication(ingeCookie);
    expect((await page(stack.baseUrl, `/kladde/${draftId}/trin/forening`, ullaCookie)).status).toBe(403);
    expect((await page(stack.baseUrl, `/kladde/${crypto.randomUUID()}/trin/forening`, ullaCookie)).status).toBe(404);
    expect((await page(stack.baseUrl, '/forening/profil', '')).headers.get('location')).toBe('/forening/log-ind');
  });

  it('a member\'s new application starts filled in from the profile and the last application, and says so', async () => {
    const overview = await (await page(stack.baseUrl, '/forening', ingeCookie)).text();
    expect(overview).toContain(`href="/ansoeg/${round.slug}"`);
    expect(overview).toContain('href="/forening/profil"');

    const { draftId, cookie } = await startApplication(ingeCookie);
    const draft = await stack.db.applicationDraft.findUniqueOrThrow({ where: { id: draftId } });
    const lastApplication = await stack.db.application.findFirstOrThrow({ where: { organizationCvr: cvr }, select: { id: true } });
    expect(draft.returningApplicant).toBe(true);
    expect(draft.prefilledFrom).toEqual({ profile: true, applicationId: lastApplication.id });
    expect((draft.data as { answers: unknown }).answers).toEqual({
      applicant: { kind: 'association' },
      organization: { cvr, name: `Registrets Forening ${marker}`, email: validProfile.email, phone: '+45 11 22 33 44', address: 'Registervej 1, 9991 Eksempelby' },
      contact: { name: 'Inge Hansen', email: inge, phone: '+45 55 66 77 88' },
      project: { childrenUnder15: false },
    });
    expect((await events(cvr)).filter((event) => event.type === 'draft_prefilled').map((event) => event.subject)).toContain(draftId);

    const notice = 'Udfyldt fra jeres profil og sidste ansøgning — tjek at det stadig passer';
    const organisationStep = await (await page(stack.baseUrl, `/kladde/${draftId}/trin/forening`, cookie)).text();
    expect(organisationStep).toContain(notice);
    expect(organisationStep).toContain(`value="Registrets Forening ${marker}"`);
    expect(await (await page(stack.baseUrl, `/kladde/${draftId}/trin/kontakt`, cookie)).text()).toContain(notice);
    expect(await (await page(stack.baseUrl, `/kladde/${draftId}/trin/aktivitet`, cookie)).text()).not.toContain(notice);

    // The association changes a pre-filled answer in the draft: the profile stays as it was.
    const csrf = csrfIn(organisationStep);
    const saved = await postForm(stack.baseUrl, `/kladde/${draftId}/trin/forening`, { _csrf: csrf, _shown: '', action: 'next', 'applicant.kind': 'association', 'organization.cvr': cvr, 'organization.name': 'Et Andet Navn', 'organization.email': validProfile.email }, cookie);
    expect(saved.status).toBe(303);
    expect(((await stack.db.applicationDraft.findUniqueOrThrow({ where: { id: draftId } })).data as { answers: { organization: { name: string } } }).answers.organization.name).toBe('Et Andet Navn');
    expect((await profileRow()).name).toBe(`Registrets Forening ${marker}`);
  });

  it('a draft started without signing in learns on the organisation step whether the association applied before', async () => {
    const { draftId, cookie } = await startApplication('');
    const draft = await stack.db.applicationDraft.findUniqueOrThrow({ where: { id: draftId } });
    expect([draft.returningApplicant, draft.prefilledFrom]).toEqual([null, null]);
    const step = await (await page(stack.baseUrl, `/kladde/${draftId}/trin/forening`, cookie)).text();
    expect(step).not.toContain('Udfyldt fra jeres profil');
    await postForm(stack.baseUrl, `/kladde/${draftId}/trin/forening`, { _csrf: csrfIn(step), _shown: '', action: 'next', 'applicant.kind': 'association', 'organization.cvr': newcomerCvr, 'organization.name': 'Ny Forening', 'organization.email': address('ny') }, cookie);
    expect((await stack.db.applicationDraft.findUniqueOrThrow({ where: { id: draftId } })).returningApplicant).toBe(false);
  });

  it('the statistics show form time for first-time and returning associations apart, small groups suppressed', async () => {
    const statsRound = await createOpenRound(stack.db, { opensAt: new Date('2026-01-01T00:00:00Z'), closesAt: null });
    const now = new Date();
    const draft = (returningApplicant: boolean | null, seconds: number) => ({
      tokenHash: crypto.randomBytes(32).toString('hex'),
      roundId: statsRound.id,
      currentStep: 'summary',
      furthestStep: 'summary',
      stepSeconds: { organization: seconds / 2, summary: seconds / 2 },
      returningApplicant,
      createdAt: now,
      submittedAt: now,
    });
    await stack.db.applicationDraft.createMany({
      data: [
        ...[600, 900, 1200, 1200, 1500].map((seconds) => draft(false, seconds)),
        ...[120, 240, 300].map((seconds) => draft(true, seconds)),
        draft(null, 3000),
      ],
    });
    const politician = await signedInStaff(stack, ['politician']);
    const today = now.toISOString().slice(0, 10);
    const { status, body } = await getJson(`${stack.baseUrl}/api/v1/stats/summary?roundId=${statsRound.id}&from=2026-01-01&to=${today}`, politician.headers);
    expect(status).toBe(200);
    expect(body.dropOff.formTimeByApplicant).toEqual([
      { group: 'first', label: 'Foreninger, der søger første gang', submitted: 5, medianFormMinutes: 20 },
      { group: 'returning', label: 'Foreninger, der har søgt før', submitted: '<5', medianFormMinutes: null },
    ]);
    const dashboard = await fetch(`${stack.baseUrl}/statistik?roundId=${statsRound.id}&from=2026-01-01&to=${today}`, { headers: politician.headers });
    expect(await dashboard.text()).toContain('Tid i skemaet: første gang og igen');
  });
});
