import crypto from 'node:crypto';
import { applicationBody, createOpenRound, getJson, postJson } from '../support/fixtures';
import { mailsFor } from '../support/process';
import { startTestStack, type TestStack } from '../support/stack';

// Drafts through the JSON API: the same steps and schemas as the web form, a private token per
// draft, bad input refused per field in the asker's language with nothing stored, and a submit
// that turns the draft (with its documents) into an application exactly once.

let stack: TestStack;
let roundId: string;
const workflowIds: string[] = [];

beforeAll(async () => {
  stack = await startTestStack({ worker: false });
  roundId = (await createOpenRound(stack.db, { maxAmount: 50_000, excludedCostCategories: ['wages', 'premises'] })).id;
});

afterAll(async () => {
  for (const id of workflowIds) await stack.temporal.workflow.getHandle(id).terminate('test finished').catch(() => undefined);
  await stack?.stop();
});

const api = (path: string) => `${stack.baseUrl}/api/v1${path}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function send(method: 'PATCH' | 'POST', path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(api(path), { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

async function newDraft(language?: string): Promise<{ id: string; token: string }> {
  const created = await postJson(api('/drafts'), { roundId, ...(language ? { language } : {}) });
  expect(created.status).toBe(201);
  return { id: created.body.id, token: created.body.token };
}

/** The valid submission body cut into the form's steps. */
function validSteps() {
  const body = applicationBody(roundId);
  return [
    { step: 'organization', answers: { organization: body.organization } },
    { step: 'contact', answers: { contact: body.contact } },
    { step: 'project', answers: { project: body.project } },
    { step: 'budget', answers: { budget: body.budget, amountRequested: body.amountRequested } },
    { step: 'declarations', answers: { declarations: body.declarations } },
  ] as const;
}

async function fillAll(draft: { id: string; token: string }, skip: string[] = []) {
  for (const step of validSteps()) {
    if (skip.includes(step.step)) continue;
    const saved = await send('PATCH', `/drafts/${draft.id}`, step, bearer(draft.token));
    expect([step.step, saved.status, saved.body.error?.issues]).toEqual([step.step, 200, undefined]);
  }
}

const stored = (id: string) => stack.db.applicationDraft.findUniqueOrThrow({ where: { id } });
const issuesByPath = (body: any): Record<string, string> => Object.fromEntries(body.error.issues.map((i: { path: string; message: string }) => [i.path, i.message]));

describe('a draft through the API', () => {
  it('is created with a private token that only its hash is stored of', async () => {
    const created = await postJson(api('/drafts'), { roundId, language: 'en' });
    expect(created.status).toBe(201);
    expect(created.body.token.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits in base64url
    expect(created.body.steps).toEqual(['organization', 'contact', 'project', 'budget', 'declarations']);
    expect(created.body.resumeUrl).toBe(`${stack.config.PUBLIC_BASE_URL}/kladde/${created.body.id}?adgang=${created.body.token}`);
    const row = await stored(created.body.id);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.tokenHash).not.toContain(created.body.token);
    expect(row.language).toBe('en');
  });

  it('saves each step, records the furthest step and the active time (capped per save), and lists what is still missing', async () => {
    const draft = await newDraft();
    const [organization, contact] = validSteps();
    const first = await send('PATCH', `/drafts/${draft.id}`, { ...organization, activeSeconds: 95 }, bearer(draft.token));
    expect(first.status).toBe(200);
    expect(first.body.answers.organization.cvr).toBe('13748136');
    expect(first.body.furthestStep).toBe('contact');
    expect(first.body.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['contact', 'project', 'declarations']));
    await send('PATCH', `/drafts/${draft.id}`, { ...contact, activeSeconds: 99_999 }, bearer(draft.token));
    await send('PATCH', `/drafts/${draft.id}`, { ...organization, activeSeconds: 5 }, bearer(draft.token));
    const row = await stored(draft.id);
    expect(row.stepSeconds).toEqual({ organization: 100, contact: 1800 });
    expect(row.currentStep).toBe('contact');
    expect(row.furthestStep).toBe('project');
  });

  it('needs its own token: 401 without, 403 with another draft’s, 404 for no such draft', async () => {
    const mine = await newDraft();
    const theirs = await newDraft();
    expect((await getJson(api(`/drafts/${mine.id}`))).status).toBe(401);
    const wrong = await getJson(api(`/drafts/${mine.id}`), bearer(theirs.token));
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toBe('Linket giver ikke adgang til denne kladde.');
    expect((await send('PATCH', `/drafts/${mine.id}`, validSteps()[0], bearer(theirs.token))).status).toBe(403);
    expect((await send('POST', `/drafts/${mine.id}/submission`, {}, bearer(theirs.token))).status).toBe(403);
    expect((await getJson(api(`/drafts/${crypto.randomUUID()}`), bearer(mine.token))).status).toBe(404);
    expect((await getJson(api(`/drafts/${mine.id}`), bearer(mine.token))).status).toBe(200);
  });

  it('refuses a round that does not exist or is closed', async () => {
    expect((await postJson(api('/drafts'), { roundId: crypto.randomUUID() })).status).toBe(404);
    const closed = await createOpenRound(stack.db, { opensAt: new Date(Date.now() - 10 * 86_400_000), closesAt: new Date(Date.now() - 86_400_000) });
    expect((await postJson(api('/drafts'), { roundId: closed.id })).status).toBe(409);
    expect((await postJson(api('/drafts?lang=en'), { roundId: 'x' })).body.error.issues[0].path).toBe('roundId');
  });
});

describe('bad input to a draft: 400 per field in the asker’s language, nothing stored', () => {
  let draft: { id: string; token: string };
  let before: unknown;

  beforeAll(async () => {
    draft = await newDraft();
    await fillAll(draft);
    before = (await stored(draft.id)).data;
  });

  afterEach(async () => {
    expect((await stored(draft.id)).data).toEqual(before);
  });

  const valid = applicationBody(crypto.randomUUID());

  it('missing fields', async () => {
    const response = await send('PATCH', `/drafts/${draft.id}`, { step: 'organization', answers: { organization: { name: 'Fælles Bord' } } }, bearer(draft.token));
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('Nogle oplysninger mangler eller er ikke udfyldt rigtigt.');
    expect(issuesByPath(response.body)).toEqual({ 'organization.cvr': 'Feltet skal udfyldes.', 'organization.email': 'Feltet skal udfyldes.' });
    const english = await send('PATCH', `/drafts/${draft.id}?lang=en`, { step: 'contact', answers: {} }, bearer(draft.token));
    expect(issuesByPath(english.body)).toEqual({ contact: 'This field is required.' });
  });

  it('malformed fields', async () => {
    const response = await send(
      'PATCH',
      `/drafts/${draft.id}`,
      { step: 'project', answers: { project: { ...valid.project, volunteers: 'mange', startDate: '1. marts', title: 'x'.repeat(121) } } },
      bearer(draft.token),
    );
    expect(response.status).toBe(400);
    expect(Object.keys(issuesByPath(response.body)).sort()).toEqual(['project.startDate', 'project.title', 'project.volunteers']);
    const unknownStep = await send('PATCH', `/drafts/${draft.id}`, { step: 'payment', answers: {} }, bearer(draft.token));
    expect(unknownStep.status).toBe(400);
    expect(Object.keys(issuesByPath(unknownStep.body))).toEqual(['step']);
  });

  it('a CVR number with a wrong check digit', async () => {
    const response = await send('PATCH', `/drafts/${draft.id}?lang=nb`, { step: 'organization', answers: { organization: { ...valid.organization, cvr: '13748137' } } }, bearer(draft.token));
    expect(response.status).toBe(400);
    expect(issuesByPath(response.body)).toEqual({ 'organization.cvr': 'CVR-nummeret er ikke gyldig. Sjekk at du har skrevet de 8 sifrene riktig.' });
  });

  it('an amount over the round’s maximum', async () => {
    const response = await send(
      'PATCH',
      `/drafts/${draft.id}?lang=en`,
      { step: 'budget', answers: { budget: { lines: [{ category: 'activities', description: 'Udflugter', amount: 60_000 }] }, amountRequested: 50_001 } },
      bearer(draft.token),
    );
    expect(response.status).toBe(400);
    expect(issuesByPath(response.body)).toEqual({ amountRequested: 'You can apply for at most DKK 50,000 in this funding round.' });
  });

  it('a budget line in a cost category the round does not fund', async () => {
    const lines = [...valid.budget.lines, { category: 'wages', description: 'Kok', amount: 2_000 }];
    const response = await send('PATCH', `/drafts/${draft.id}`, { step: 'budget', answers: { budget: { lines }, amountRequested: 12_000 } }, bearer(draft.token));
    expect(response.status).toBe(400);
    expect(issuesByPath(response.body)).toEqual({
      'budget.lines.2.category': 'Puljen støtter ikke denne type udgift. Fjern linjen, eller vælg en anden kategori, hvis udgiften hører til en anden.',
    });
  });

  it('a missing child-certificate declaration when volunteers meet children under 15', async () => {
    const project = await send('PATCH', `/drafts/${draft.id}`, { step: 'project', answers: { project: { ...valid.project, childrenUnder15: true } } }, bearer(draft.token));
    expect(project.status).toBe(200);
    const declarations = await send('PATCH', `/drafts/${draft.id}`, validSteps()[4], bearer(draft.token));
    expect(declarations.status).toBe(400);
    expect(Object.keys(issuesByPath(declarations.body))).toEqual(['declarations.childCertificates']);
    // Put the activity back as it was, so the stored data is as before.
    expect((await send('PATCH', `/drafts/${draft.id}`, validSteps()[2], bearer(draft.token))).status).toBe(200);
  });

  it('a draft that is not complete cannot be submitted', async () => {
    const incomplete = await newDraft();
    await fillAll(incomplete, ['budget', 'declarations']);
    const response = await send('POST', `/drafts/${incomplete.id}/submission?lang=en`, {}, bearer(incomplete.token));
    expect(response.status).toBe(400);
    expect(issuesByPath(response.body)).toEqual({
      budget: 'This field is required.',
      amountRequested: 'Enter the amount in whole kroner, without separators.',
      declarations: 'This field is required.',
    });
    expect((await stored(incomplete.id)).submittedAt).toBeNull();
    expect(await stack.db.application.count({ where: { draft: { id: incomplete.id } } })).toBe(0);
  });
});

describe('submitting a draft', () => {
  it('makes one application that takes the draft’s documents with it, however often it is sent', async () => {
    const draft = await newDraft('nb');
    await fillAll(draft);
    const document = await stack.db.document.create({
      data: { documentKey: `test:${crypto.randomUUID()}`, draftId: draft.id, kind: 'statutes', filename: 'vedtaegter.pdf', contentType: 'application/pdf', size: 9, sha256: '0'.repeat(64), content: Buffer.from('%PDF-1.4\n') },
    });

    const [first, second] = await Promise.all([
      send('POST', `/drafts/${draft.id}/submission`, {}, bearer(draft.token)),
      send('POST', `/drafts/${draft.id}/submission`, {}, bearer(draft.token)),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.accessToken).toBe(first.body.accessToken);
    workflowIds.push(`grant-application-${first.body.id}`);

    const application = await stack.db.application.findUniqueOrThrow({ where: { id: first.body.id } });
    expect(application.language).toBe('nb');
    expect(application.organizationCvr).toBe('13748136');
    const row = await stored(draft.id);
    expect(row.applicationId).toBe(first.body.id);
    expect(row.submittedAt).not.toBeNull();
    expect((await stack.db.document.findUniqueOrThrow({ where: { id: document.id } })).applicationId).toBe(first.body.id);

    const view = await getJson(api(`/applications/${first.body.id}`), bearer(first.body.accessToken));
    expect(view.status).toBe(200);
    expect(view.body.reference).toBe(first.body.reference);

    const late = await send('PATCH', `/drafts/${draft.id}`, validSteps()[0], bearer(draft.token));
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('draft_submitted');
    expect((await getJson(api(`/drafts/${draft.id}`), bearer(draft.token))).body.applicationId).toBe(first.body.id);
  });
});

describe('the resume link and the register lookup', () => {
  it('emails the draft’s private link, at most five times per draft', async () => {
    const draft = await newDraft();
    const email = `kasserer+${crypto.randomUUID().slice(0, 8)}@faellesbord.dk`;
    const bad = await send('POST', `/drafts/${draft.id}/resume-link`, { email: 'ikke-en-mail' }, bearer(draft.token));
    expect(bad.status).toBe(400);
    const sent = await send('POST', `/drafts/${draft.id}/resume-link`, { email }, bearer(draft.token));
    expect(sent.status).toBe(202);
    const [message] = await mailsFor(email, 1);
    expect(message!.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')).toContain(`/kladde/${draft.id}?adgang=${draft.token}`);
    expect((await stored(draft.id)).resumeEmail).toBe(email);
    for (let i = 2; i <= 5; i++) expect((await send('POST', `/drafts/${draft.id}/resume-link`, { email }, bearer(draft.token))).status).toBe(202);
    expect((await send('POST', `/drafts/${draft.id}/resume-link`, { email }, bearer(draft.token))).status).toBe(429);
  });

  it('fills in what the register knows about a CVR number and refuses a wrong check digit', async () => {
    const known = await getJson(api('/register/13748136'));
    expect(known.body).toEqual({ cvr: '13748136', found: true, name: 'Foreningen Fælles Bord', active: true, address: 'Kirkestræde 4, 9991 Eksempelby' });
    const unknown = await getJson(api('/register/29910049'));
    expect(unknown.status).toBe(200);
    expect(unknown.body.found).toBe(false);
    const wrong = await getJson(api('/register/13748137?lang=en'));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues).toEqual([{ path: 'cvr', message: 'The CVR number is not valid. Check that you typed the 8 digits correctly.' }]);
  });
});

describe('documents on a draft', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

  async function upload(draft: { id: string; token: string }, kind: string, name: string, bytes: Buffer) {
    const form = new FormData();
    form.append('kind', kind);
    form.append('files', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
    const response = await fetch(api(`/drafts/${draft.id}/documents?lang=en`), { method: 'POST', headers: bearer(draft.token), body: form });
    return { status: response.status, body: (await response.json()) as any };
  }

  it('takes a file by its content, lists it on the draft, and removes it again', async () => {
    const draft = await newDraft();
    const disguised = await upload(draft, 'statutes', 'vedtaegter.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]));
    expect(disguised.status).toBe(400);
    expect(disguised.body.error.issues[0].message).toContain('is not a file type we can accept');
    expect((await upload(draft, 'receipts', 'x.pdf', PDF)).status).toBe(400);

    const stored = await upload(draft, 'statutes', 'vedtaegter.pdf', PDF);
    expect(stored.status).toBe(201);
    const [document] = stored.body.documents;
    expect(document).toMatchObject({ kind: 'statutes', filename: 'vedtaegter.pdf', contentType: 'application/pdf' });
    const view = await getJson(api(`/drafts/${draft.id}`), bearer(draft.token));
    expect(view.body.documents.map((d: { id: string }) => d.id)).toEqual([document.id]);

    const other = await newDraft();
    const foreign = await fetch(api(`/drafts/${other.id}/documents/${document.id}`), { method: 'DELETE', headers: bearer(other.token) });
    expect(foreign.status).toBe(404);
    const removed = await fetch(api(`/drafts/${draft.id}/documents/${document.id}`), { method: 'DELETE', headers: bearer(draft.token) });
    expect(removed.status).toBe(204);
    expect(await stack.db.document.count({ where: { draftId: draft.id } })).toBe(0);
  });

  it('is described in the OpenAPI document', async () => {
    const document = await getJson(api('/openapi.json'));
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/drafts', '/drafts/{id}', '/drafts/{id}/submission', '/drafts/{id}/resume-link', '/drafts/{id}/documents', '/register/{cvr}']));
    expect(Object.keys(document.body.components.schemas.DraftStepAnswers.properties)).toEqual(['organization', 'contact', 'project', 'budget', 'declarations']);
  });
});
