import { applicationBody, createOpenRound, getJson, postJson } from '../support/fixtures';
import { mailsFor, submitCase, waitForStatus } from '../support/process';
import { signedInStaff } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// People can reach a person: a reply to an email goes to the round's contact person, staff find
// their sign-in, and rounds kept as demo data for the statistics are never offered to applicants.

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

const FRAME_WITH_CONTACT = {
  legalBasis: 'serviceloven § 18',
  guidelines: { name: 'Retningslinjer for § 18-puljen 2026', adoptedOn: '2025-11-20', adoptedBy: 'Social- og Sundhedsudvalget' },
  decisionMaker: { kind: 'delegation', body: 'Social og Sundhed' },
  complaintGuidance: {},
  contact: { name: 'Lise Frandsen', phone: '55 36 10 10', email: 'lise.frandsen@eksempel.dk' },
};

/** The Reply-To header of a message as the SMTP server received it. */
function replyToOf(raw: string): string | undefined {
  const headers = raw.slice(0, raw.search(/\r?\n\r?\n/));
  return /^Reply-To: *(.+)$/im.exec(headers)?.[1]?.trim();
}

describe('emails about a case', () => {
  it("carry the round's contact person as Reply-To, from the outbox to the SMTP server", async () => {
    const round = await createOpenRound(stack.db, { legalFrame: FRAME_WITH_CONTACT });
    const submitted = await submitCase(stack, round.id, { amountRequested: 12_000 });
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    const { contactEmail } = await stack.db.application.findUniqueOrThrow({ where: { id: submitted.id } });
    const [receipt] = await mailsFor(contactEmail, 1);
    expect(replyToOf(receipt!.raw)).toBe('lise.frandsen@eksempel.dk');
    // The sender stays the service's own address; the reply reaches the person the email names.
    expect(receipt!.raw).toMatch(/^From: .*no-reply@grantflow\.local/im);
    expect(receipt!.raw).toContain('lise.frandsen@eksempel.dk');
    const rows = await stack.db.outboxEmail.findMany({ where: { applicationId: submitted.id } });
    expect(rows.map((row) => row.replyTo)).toEqual(rows.map(() => 'lise.frandsen@eksempel.dk'));
  });

  it("fall back to the municipality's address when the round names no contact person", async () => {
    const round = await createOpenRound(stack.db);
    const submitted = await submitCase(stack, round.id, { amountRequested: 12_000 });
    await waitForStatus(submitted.handle, 'IN_QUEUE');
    const { contactEmail } = await stack.db.application.findUniqueOrThrow({ where: { id: submitted.id } });
    const [receipt] = await mailsFor(contactEmail, 1);
    expect(replyToOf(receipt!.raw)).toBe(stack.config.MUNICIPALITY_EMAIL);
  });
});

describe('staff sign-in', () => {
  it('/personale leads to the sign-in page, or to the start page of someone signed in', async () => {
    const anonymous = await fetch(`${stack.baseUrl}/personale`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/personale/log-ind');

    const caseworker = await signedInStaff(stack, ['caseworker']);
    const signedIn = await fetch(`${stack.baseUrl}/personale`, { redirect: 'manual', headers: { cookie: `gf_staff=${caseworker.token}` } });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/personale/sager');
  });

  it('is linked from the footer of the public pages, in the reader’s language', async () => {
    const danish = await (await fetch(`${stack.baseUrl}/`)).text();
    expect(danish).toMatch(/<footer>[\s\S]*<a href="\/personale\/log-ind">Log ind for medarbejdere<\/a>[\s\S]*<\/footer>/);
    const english = await (await fetch(`${stack.baseUrl}/ordliste?lang=en`)).text();
    expect(english).toMatch(/<footer>[\s\S]*<a href="\/personale\/log-ind">Staff sign-in<\/a>[\s\S]*<\/footer>/);
  });
});

describe('a round kept as demo data for the statistics', () => {
  it('is not offered on the landing page or by the API, and takes no draft or application', async () => {
    const open = await createOpenRound(stack.db);
    const demo = await createOpenRound(stack.db);
    await stack.db.fundingRound.update({ where: { id: demo.id }, data: { demo: true, name: 'Demopulje til statistikken' } });

    const landing = await (await fetch(`${stack.baseUrl}/`)).text();
    expect(landing).toContain(open.slug);
    expect(landing).not.toContain(demo.slug);
    expect(landing).not.toContain('Demopulje til statistikken');

    const listed = await getJson(`${stack.baseUrl}/api/v1/rounds`);
    const ids = (listed.body.rounds as { id: string }[]).map((round) => round.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(demo.id);

    const applied = await postJson(`${stack.baseUrl}/api/v1/applications`, applicationBody(demo.id));
    expect(applied.status).toBe(409);
    expect(applied.body.error).toMatchObject({ code: 'round_demo', message: expect.stringContaining('demodata') });
    expect(await stack.db.application.count({ where: { roundId: demo.id } })).toBe(0);

    const drafted = await postJson(`${stack.baseUrl}/api/v1/drafts?lang=en`, { roundId: demo.id });
    expect(drafted.status).toBe(409);
    expect(drafted.body.error).toMatchObject({ code: 'round_demo', message: expect.stringContaining('demo data') });
    expect(await stack.db.applicationDraft.count({ where: { roundId: demo.id } })).toBe(0);

    const page = await fetch(`${stack.baseUrl}/ansoeg/${demo.slug}`, { redirect: 'manual' });
    expect(page.status).toBe(409);
  });
});
