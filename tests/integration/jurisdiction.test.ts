import { applicationBody, createOpenRound, eventually, getJson, postJson } from '../support/fixtures';
import { startTestStack, testConfig, type TestStack } from '../support/stack';

// JURISDICTION=NO: a Norwegian municipality's associations apply with their 9-digit
// organisasjonsnummer, checked with Brønnøysund's modulus-11 rule and looked up in the shipped
// Norwegian demo register; messages fall back to bokmål. A Danish deployment is unchanged.

let norway: TestStack;
let denmark: TestStack;
let roundId: string;
const workflowIds: string[] = [];

beforeAll(async () => {
  norway = await startTestStack({ config: testConfig({ JURISDICTION: 'NO' }) });
  denmark = await startTestStack({ worker: false });
  roundId = (await createOpenRound(norway.db, { maxAmount: 50_000 })).id;
});

afterAll(async () => {
  for (const id of workflowIds) await norway.temporal.workflow.getHandle(id).terminate('test finished').catch(() => undefined);
  await denmark?.stop().catch(() => undefined);
  await norway?.stop();
});

/** The shared fixture's body for a Norwegian organisation. */
function norwegianBody(number: string) {
  const body = applicationBody(roundId);
  return { ...body, organization: { cvr: number, name: 'Frivilligsentralen i Eksempelby', email: 'post@frivilligsentralen.example.no', bankAccount: '1234.56.78903' } };
}

const issuesByPath = (body: any): Record<string, string> => Object.fromEntries(body.error.issues.map((i: { path: string; message: string }) => [i.path, i.message]));

describe('a Norwegian deployment (JURISDICTION=NO)', () => {
  it('takes an application with a valid organisasjonsnummer and screens it against the Norwegian register', async () => {
    const response = await postJson(`${norway.baseUrl}/api/v1/applications`, norwegianBody('100 000 008'));
    expect(response.status).toBe(201);
    workflowIds.push(`grant-application-${response.body.id}`);
    const application = await norway.db.application.findUniqueOrThrow({ where: { id: response.body.id } });
    expect(application.organizationCvr).toBe('100000008');

    const screening = await eventually(() => norway.db.screening.findFirst({ where: { applicationId: response.body.id } }).then((row) => row ?? undefined), 'screening');
    const rules = (screening.results as { rules: { rule: string; outcome: string; values: Record<string, unknown> }[] }).rules;
    expect(rules.find((rule) => rule.rule === 'E1')).toMatchObject({ outcome: 'pass', values: { cvr: '100000008', name: 'Frivilligsentralen i Eksempelby' } });
  });

  it('refuses a wrong check digit with the field message in bokmål, and stores nothing', async () => {
    const response = await postJson(`${norway.baseUrl}/api/v1/applications`, norwegianBody('100000009'));
    expect(response.status).toBe(400);
    expect(issuesByPath(response.body)).toEqual({ 'organization.cvr': 'Organisasjonsnummeret er ikke gyldig. Det har 9 sifre; sjekk det i Enhetsregisteret.' });
    expect(await norway.db.application.count({ where: { organizationCvr: '100000009' } })).toBe(0);

    const english = await postJson(`${norway.baseUrl}/api/v1/applications?lang=en`, norwegianBody('13748136'));
    expect(issuesByPath(english.body)).toEqual({ 'organization.cvr': 'An organisation number has 9 digits.' });
  });

  it('checks the draft step with the same rule, and looks numbers up in the Norwegian register', async () => {
    const created = await postJson(`${norway.baseUrl}/api/v1/drafts`, { roundId });
    expect(created.status).toBe(201);
    expect(created.body.currentStep).toBe('organization');
    const patch = (cvr: string) =>
      fetch(`${norway.baseUrl}/api/v1/drafts/${created.body.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${created.body.token}` },
        body: JSON.stringify({ step: 'organization', answers: { organization: norwegianBody(cvr).organization } }),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as any }));
    const wrong = await patch('974760674');
    expect(wrong.status).toBe(400);
    expect(issuesByPath(wrong.body)).toEqual({ 'organization.cvr': 'Organisasjonsnummeret er ikke gyldig. Det har 9 sifre; sjekk det i Enhetsregisteret.' });
    const saved = await patch('974 760 673');
    expect(saved.status).toBe(200);
    expect(saved.body.answers.organization.cvr).toBe('974760673');

    const known = await getJson(`${norway.baseUrl}/api/v1/register/100000008`);
    expect(known.body).toEqual({ cvr: '100000008', found: true, name: 'Frivilligsentralen i Eksempelby', active: true, address: 'Storgata 4, 9994 Eksempelby' });
    expect((await getJson(`${norway.baseUrl}/api/v1/register/100006855`)).body).toMatchObject({ found: true, active: false });
    expect((await getJson(`${norway.baseUrl}/api/v1/register/13748136`)).status).toBe(400);
  });

  it('describes the organisasjonsnummer in its OpenAPI document', async () => {
    const document = await getJson(`${norway.baseUrl}/api/v1/openapi.json`);
    const cvr = document.body.components.schemas.ApplicationInput.properties.organization.properties.cvr;
    expect(cvr.description).toMatch(/^The organisasjonsnummer: 9 digits passing the modulus-11 check/);
    expect(document.body.info.description).toContain('Norwegian organisasjonsnummer (9 digits');
  });

  it('opens its pages in bokmål and explains the organisasjonsnummer, not the CVR number', async () => {
    const glossary = await fetch(`${norway.baseUrl}/ordliste`).then((response) => response.text());
    expect(glossary).toContain('<html lang="nb">');
    expect(glossary).toContain('<dt id="organisasjonsnummer">organisasjonsnummer</dt>');
    expect(glossary).not.toContain('id="cvr-nummer"');
    expect(glossary).toContain('brreg.no');
  });
});

describe('a Danish deployment (the default)', () => {
  it('takes the 8-digit CVR number as before and refuses a 9-digit organisasjonsnummer', async () => {
    expect(denmark.config.JURISDICTION).toBe('DK');
    const nine = await postJson(`${denmark.baseUrl}/api/v1/applications`, norwegianBody('974760673'));
    expect(nine.status).toBe(400);
    expect(issuesByPath(nine.body)).toEqual({ 'organization.cvr': 'Et CVR-nummer består af 8 cifre.' });
    const drafted = await postJson(`${denmark.baseUrl}/api/v1/drafts`, { roundId });
    const wrong = await fetch(`${denmark.baseUrl}/api/v1/drafts/${drafted.body.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${drafted.body.token}` },
      body: JSON.stringify({ step: 'organization', answers: { organization: { ...applicationBody(roundId).organization, cvr: '13748137' } } }),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as any }));
    expect(issuesByPath(wrong.body)).toEqual({ 'organization.cvr': 'CVR-nummeret er ikke gyldigt. Tjek at du har skrevet de 8 cifre rigtigt.' });

    const glossary = await fetch(`${denmark.baseUrl}/ordliste`).then((response) => response.text());
    expect(glossary).toContain('<html lang="da">');
    expect(glossary).toContain('id="cvr-nummer"');
    expect(glossary).not.toContain('organisasjonsnummer');
  });
});
