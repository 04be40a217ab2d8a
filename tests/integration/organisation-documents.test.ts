import crypto from 'node:crypto';
import { generateAccessToken, sha256Hex } from '../../lib/tokens';
import { DEFAULT_REPORTING_TIERS } from '../../domain/tiers';
import { applicationBody, createOpenRound } from '../support/fixtures';
import { submitCase } from '../support/process';
import { csrfIn, postForm, randomCvr, signIn } from '../support/organisation';
import { samplePdf } from '../support/sample-files';
import { startTestStack, type TestStack } from '../support/stack';

// The association's documents kept once, on the real stack: members upload, replace, list and
// download statutes and annual accounts at /forening/dokumenter (no one else can); the documents
// step of the organisation's draft offers a valid kept document, choosing it attaches a copy that
// the sent case owns; replaced statutes and accounts of a year the round does not take are
// refused with a message and nothing attached; a file of a type we do not take is refused.

jest.setTimeout(120_000);

let stack: TestStack;
let roundId: string;
let documentsRoundId: string;
const marker = crypto.randomUUID().slice(0, 8);
const address = (name: string) => `${name}-${marker}@forening.example.dk`;
const cvr = randomCvr();
const otherCvr = randomCvr();
const inge = address('inge');
const workflows: string[] = [];
let ingeCookie: string;
let otherCookie: string;

beforeAll(async () => {
  stack = await startTestStack();
  roundId = (await createOpenRound(stack.db)).id;
  // The drafts' round asks for statutes and annual accounts at 12,000 kr, and opened in December
  // 2026, so it takes the accounts of 2025 only.
  documentsRoundId = (await createOpenRound(stack.db, { reportingTiers: [...DEFAULT_REPORTING_TIERS], opensAt: new Date('2026-12-01T09:00:00Z') })).id;
  for (const [number, email] of [[cvr, inge], [otherCvr, address('anden')]] as const) {
    const submitted = await submitCase(stack, roundId, { organization: { cvr: number, name: `Forening ${number}`, email: address(`kasse-${number}`) }, contact: { name: 'Inge Hansen', email } });
    workflows.push(submitted.handle.workflowId);
  }
  ingeCookie = await signIn(stack.baseUrl, cvr, inge);
  otherCookie = await signIn(stack.baseUrl, otherCvr, address('anden'));
});

afterAll(async () => {
  for (const id of workflows) await stack.temporal.workflow.getHandle(id).terminate('test finished').catch(() => undefined);
  await stack?.stop();
});

function page(path: string, cookie: string): Promise<Response> {
  return fetch(`${stack.baseUrl}${path}`, { headers: { cookie }, redirect: 'manual' });
}

/** Posts a multipart form as a browser does: its cookie, our origin, the fields and a file. */
function postMultipart(path: string, fields: Record<string, string>, cookie: string, file?: { name: string; bytes: Buffer; field?: string }): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  if (file) body.append(file.field ?? 'file', new Blob([new Uint8Array(file.bytes)], { type: 'application/pdf' }), file.name);
  return fetch(`${stack.baseUrl}${path}`, { method: 'POST', headers: { cookie, origin: stack.baseUrl }, body, redirect: 'manual' });
}

async function keep(fields: { kind: string; financialYear?: string }, file: { name: string; bytes: Buffer } | undefined, cookie = ingeCookie): Promise<Response> {
  const form = await page('/forening/dokumenter', cookie);
  return postMultipart('/forening/dokumenter', { _csrf: csrfIn(await form.text()), ...fields }, cookie, file);
}

async function kept() {
  return stack.db.organisationDocument.findMany({
    where: { organisation: { number: cvr } },
    orderBy: { uploadedAt: 'asc' },
    select: { id: true, kind: true, financialYear: true, filename: true, uploadedBy: true, replacedAt: true },
  });
}

/** A draft with every answer given, under the organisation's number (12,000 kr: statutes and annual accounts asked for). */
async function completeDraft(number: string) {
  const { roundId: _round, ...answers } = applicationBody(documentsRoundId, { organization: { cvr: number, name: `Forening ${number}`, email: address('kasse') }, contact: { name: 'Bo Berg', email: address('bo') } });
  return stack.db.applicationDraft.create({
    data: { tokenHash: sha256Hex(generateAccessToken()), roundId: documentsRoundId, data: { answers } as object, currentStep: 'documents', furthestStep: 'documents' },
  });
}

describe('the organisation documents kept once', () => {
  let statutes: Buffer;
  const ids: Record<string, string> = {};

  it('lets a member upload statutes and annual accounts, each an event with who and when', async () => {
    statutes = await samplePdf('Vedtægter for foreningen');
    const uploaded = await keep({ kind: 'statutes' }, { name: 'vedtægter.pdf', bytes: statutes });
    expect([uploaded.status, uploaded.headers.get('location')]).toEqual([303, '/forening/dokumenter?udfoert=gemt']);
    for (const year of ['2025', '2024']) {
      const accounts = await keep({ kind: 'annual_accounts', financialYear: year }, { name: `regnskab ${year}.pdf`, bytes: await samplePdf(`Regnskab ${year}`) });
      expect(accounts.status).toBe(303);
    }
    const rows = await kept();
    expect(rows.map(({ id: _id, ...row }) => row)).toEqual([
      { kind: 'statutes', financialYear: null, filename: 'vedtægter.pdf', uploadedBy: inge, replacedAt: null },
      { kind: 'annual_accounts', financialYear: 2025, filename: 'regnskab 2025.pdf', uploadedBy: inge, replacedAt: null },
      { kind: 'annual_accounts', financialYear: 2024, filename: 'regnskab 2024.pdf', uploadedBy: inge, replacedAt: null },
    ]);
    ids.oldStatutes = rows[0]!.id;
    ids.accounts2025 = rows[1]!.id;
    ids.accounts2024 = rows[2]!.id;
    const listed = await (await page('/forening/dokumenter?udfoert=gemt', ingeCookie)).text();
    expect(listed).toContain('Dokumentet er gemt.');
    expect(listed).toContain('Årsregnskab for 2025');
    expect(listed).toContain(`href="/forening/dokumenter/${ids.oldStatutes}"`);
    expect(listed).toContain(`af ${inge}`);
  });

  it('replaces the statutes: the old version stays listed as replaced, the event says so', async () => {
    const replaced = await keep({ kind: 'statutes' }, { name: 'vedtægter 2026.pdf', bytes: await samplePdf('Nye vedtægter') });
    expect([replaced.status, replaced.headers.get('location')]).toEqual([303, '/forening/dokumenter?udfoert=erstattet']);
    const rows = await kept();
    expect(rows.find((row) => row.id === ids.oldStatutes)?.replacedAt).toBeInstanceOf(Date);
    const current = rows.filter((row) => row.kind === 'statutes' && row.replacedAt === null);
    expect(current.map((row) => row.filename)).toEqual(['vedtægter 2026.pdf']);
    ids.statutes = current[0]!.id;
    // Accounts of 2024 were not touched by the statutes.
    expect(rows.find((row) => row.id === ids.accounts2024)?.replacedAt).toBeNull();

    const listed = await (await page('/forening/dokumenter', ingeCookie)).text();
    expect(listed).toContain('Tidligere udgaver');
    expect(listed).toMatch(/Erstattet \d+\. \w+ \d{4}/);
    const events = await stack.db.organisationEvent.findMany({ where: { organisation: { number: cvr }, type: { startsWith: 'document_' } }, orderBy: { id: 'asc' }, select: { type: true, actor: true, subject: true } });
    expect(events).toEqual([
      { type: 'document_uploaded', actor: inge, subject: 'statutes' },
      { type: 'document_uploaded', actor: inge, subject: 'annual_accounts:2025' },
      { type: 'document_uploaded', actor: inge, subject: 'annual_accounts:2024' },
      { type: 'document_replaced', actor: inge, subject: 'statutes' },
    ]);
    // Shown where the membership changes are shown.
    const members = await (await page('/forening/medlemmer', ingeCookie)).text();
    expect(members).toContain(`${inge} uploadede Vedtægter, som erstatter den tidligere udgave`);
    expect(members).toContain(`${inge} uploadede Årsregnskab for 2024`);
  });

  it('refuses a file of a type we do not take, accounts without a year, and a form without its token, storing nothing', async () => {
    const before = await kept();
    const program = Buffer.concat([Buffer.from('MZ'), crypto.randomBytes(200)]);
    const badType = await keep({ kind: 'statutes' }, { name: 'vedtægter.pdf', bytes: program });
    expect(badType.status).toBe(400);
    const badTypeText = await badType.text();
    expect(badTypeText).toContain('er ikke en filtype, vi kan modtage');
    expect(badTypeText).toContain('href="#f-file"');

    const noYear = await keep({ kind: 'annual_accounts', financialYear: '' }, { name: 'regnskab.pdf', bytes: await samplePdf() });
    expect(noYear.status).toBe(400);
    expect(await noYear.text()).toContain('Skriv regnskabsåret med fire cifre');
    const english = await (async () => {
      const form = await page('/forening/dokumenter?lang=en', ingeCookie);
      return postMultipart('/forening/dokumenter?lang=en', { _csrf: csrfIn(await form.text()), kind: 'annual_accounts', financialYear: '2999' }, ingeCookie, { name: 'r.pdf', bytes: await samplePdf() });
    })();
    expect(await english.text()).toContain('Enter the financial year with four digits');

    const noFile = await keep({ kind: 'statutes' }, undefined);
    expect(noFile.status).toBe(400);
    expect(await noFile.text()).toContain('Vælg den fil, I vil uploade.');

    const forged = await postMultipart('/forening/dokumenter', { kind: 'statutes' }, ingeCookie, { name: 'v.pdf', bytes: statutes });
    expect(forged.status).toBe(403);
    expect(await kept()).toEqual(before);
  });

  it('lets only the organisation’s members download: another organisation’s member gets 404, no session goes to sign-in', async () => {
    const own = await page(`/forening/dokumenter/${ids.oldStatutes}`, ingeCookie);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('application/pdf');
    expect(own.headers.get('content-disposition')).toContain("attachment; filename=\"vedtaegter.pdf\"; filename*=UTF-8''vedt%C3%A6gter.pdf");
    expect(Buffer.from(await own.arrayBuffer()).equals(statutes)).toBe(true);

    expect((await page(`/forening/dokumenter/${ids.oldStatutes}`, otherCookie)).status).toBe(404);
    expect((await page(`/forening/dokumenter/${crypto.randomUUID()}`, ingeCookie)).status).toBe(404);
    const anonymous = await page(`/forening/dokumenter/${ids.oldStatutes}`, '');
    expect([anonymous.status, anonymous.headers.get('location')]).toEqual([303, '/forening/log-ind']);
    expect((await page('/forening/dokumenter', '')).headers.get('location')).toBe('/forening/log-ind');
    const others = await (await page('/forening/dokumenter', otherCookie)).text();
    expect(others).toContain('Foreningen har ingen dokumenter her endnu.');
    expect(others).not.toContain(ids.statutes!);
    // The overview links to the documents.
    expect(await (await page('/forening', ingeCookie)).text()).toContain('href="/forening/dokumenter"');
  });

  it('offers the valid kept documents in the draft’s documents step; choosing one attaches a copy the sent case owns', async () => {
    const draft = await completeDraft(cvr);
    const step = await (await page(`/kladde/${draft.id}/dokumenter`, ingeCookie)).text();
    expect(step).toMatch(/Brug jeres vedtægter fra arkivet \(uploadet \d+\. \w+ \d{4}\)/);
    expect(step).toContain(`name="fromArchive" value="${ids.statutes}"`);
    expect(step).toContain(`name="fromArchive" value="${ids.accounts2025}"`);
    expect(step).toContain('Brug jeres årsregnskab for 2025 fra arkivet');
    // Replaced statutes and the accounts of a year the round does not take are not offered.
    expect(step).not.toContain(ids.oldStatutes!);
    expect(step).not.toContain(ids.accounts2024!);

    // Offered nothing: a member of another organisation cannot open the draft at all.
    expect((await page(`/kladde/${draft.id}/dokumenter`, otherCookie)).status).toBe(403);

    const csrf = csrfIn(step);
    for (const id of [ids.statutes!, ids.accounts2025!]) {
      const chosen = await postMultipart(`/kladde/${draft.id}/dokumenter`, { _csrf: csrf, fromArchive: id }, ingeCookie);
      expect([chosen.status, chosen.headers.get('location')]).toEqual([303, `/kladde/${draft.id}/dokumenter`]);
    }
    // Choosing the same document again attaches it once.
    await postMultipart(`/kladde/${draft.id}/dokumenter`, { _csrf: csrf, fromArchive: ids.statutes! }, ingeCookie);
    const attached = await stack.db.document.findMany({ where: { draftId: draft.id }, orderBy: { kind: 'desc' }, select: { kind: true, filename: true, fromOrganisationDocumentId: true } });
    expect(attached).toEqual([
      { kind: 'statutes', filename: 'vedtægter 2026.pdf', fromOrganisationDocumentId: ids.statutes },
      { kind: 'annual_accounts', filename: 'regnskab 2025.pdf', fromOrganisationDocumentId: ids.accounts2025 },
    ]);
    const after = await (await page(`/kladde/${draft.id}/dokumenter`, ingeCookie)).text();
    expect(after).toContain('vedtægter 2026.pdf');
    expect(after).toContain('fra foreningens dokumenter');
    expect(after).not.toContain('name="fromArchive"');

    const summary = await page(`/kladde/${draft.id}/opsummering`, ingeCookie);
    const sent = await postForm(stack.baseUrl, `/kladde/${draft.id}/send`, { _csrf: csrfIn(await summary.text()) }, ingeCookie);
    expect(sent.status).toBe(303);
    const applicationId = (await stack.db.applicationDraft.findUniqueOrThrow({ where: { id: draft.id } })).applicationId!;
    workflows.push(`grant-application-${applicationId}`);
    // The case owns its copies: replacing the kept statutes later leaves the case's bytes as sent.
    await keep({ kind: 'statutes' }, { name: 'vedtægter 2027.pdf', bytes: await samplePdf('Endnu nyere vedtægter') });
    const caseDocuments = await stack.db.document.findMany({ where: { applicationId }, select: { kind: true, filename: true, content: true, fromOrganisationDocumentId: true } });
    const sentStatutes = caseDocuments.find((document) => document.kind === 'statutes')!;
    const keptStatutes = await stack.db.organisationDocument.findUniqueOrThrow({ where: { id: ids.statutes! } });
    expect(sentStatutes.filename).toBe('vedtægter 2026.pdf');
    expect(Buffer.from(sentStatutes.content).equals(Buffer.from(keptStatutes.content))).toBe(true);
    expect(keptStatutes.replacedAt).toBeInstanceOf(Date);
    expect(caseDocuments.map((document) => document.kind).sort()).toEqual(['annual_accounts', 'statutes']);
  });

  it('refuses replaced statutes and accounts of a year the round does not take, with a message and nothing attached', async () => {
    const draft = await completeDraft(cvr);
    const csrf = csrfIn(await (await page(`/kladde/${draft.id}/dokumenter`, ingeCookie)).text());
    const replaced = await postMultipart(`/kladde/${draft.id}/dokumenter`, { _csrf: csrf, fromArchive: ids.oldStatutes! }, ingeCookie);
    expect(replaced.status).toBe(422);
    const replacedText = await replaced.text();
    expect(replacedText).toContain('Foreningen har uploadet nyere vedtægter end dem.');
    expect(replacedText).toContain('href="#f-statutes"');

    const oldYear = await postMultipart(`/kladde/${draft.id}/dokumenter?lang=en`, { _csrf: csrf, fromArchive: ids.accounts2024! }, ingeCookie);
    expect(oldYear.status).toBe(422);
    expect(await oldYear.text()).toContain('These accounts are for 2024, but the application needs the accounts for 2025.');
    const danish = await postMultipart(`/kladde/${draft.id}/dokumenter`, { _csrf: csrf, fromArchive: ids.accounts2024! }, ingeCookie);
    expect(await danish.text()).toContain('Regnskabet er for 2024, men ansøgningen skal have regnskabet for 2025.');

    // Another organisation's kept document is not found for this member.
    const othersDocument = await postMultipart(`/kladde/${draft.id}/dokumenter`, { _csrf: csrf, fromArchive: crypto.randomUUID() }, ingeCookie);
    expect(othersDocument.status).toBe(404);
    expect(await stack.db.document.count({ where: { draftId: draft.id } })).toBe(0);
  });
});
