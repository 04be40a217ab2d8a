import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCsv } from '../../domain/csv';
import { csrfToken } from '../../services/api/http/csrf';
import { applicationBody, createOpenRound, eventually, postJson } from '../support/fixtures';
import { mailPart, mailsFor, subjectOf, waitForStatus } from '../support/process';
import { parsePdf } from '../support/pdf-text';
import { signedInStaff } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';
import { grantApplicationWorkflowId } from '../../domain/workflow-ids';

// A self-organised group without a CVR number applies through a sponsoring association, where the
// round allows it: the sponsor's number is the one screened, the sponsor confirms by the link in
// its email, the caseworker sees the group and the confirmation, the letter is addressed to the
// group in care of the sponsor and names the sponsor as payee, and the payout file pays the sponsor.

let stack: TestStack;
let caseworker: Awaited<ReturnType<typeof signedInStaff>>;
let approver: Awaited<ReturnType<typeof signedInStaff>>;
let groupRound: string;
let associationRound: string;
const workflowIds: string[] = [];

// Pårørendenetværket Eksempel Kommune, active in the development register.
const SPONSOR = { cvr: '99102748', name: 'Pårørendenetværket Eksempel Kommune', email: `formand+${crypto.randomUUID().slice(0, 8)}@paaroerende.example.dk` };
const GROUP = { kind: 'informalGroup', groupName: 'Strikkecaféen på Nørregade', members: 6 };

beforeAll(async () => {
  stack = await startTestStack();
  caseworker = await signedInStaff(stack, ['caseworker'], 'Sanne Sagsbehandler');
  approver = await signedInStaff(stack, ['approver'], 'Anders Godkender');
  groupRound = (await createOpenRound(stack.db, { informalGroups: 'sponsor' })).id;
  associationRound = (await createOpenRound(stack.db)).id;
});

afterAll(async () => {
  for (const id of workflowIds) await stack.temporal.workflow.getHandle(id).terminate('test finished').catch(() => undefined);
  await stack?.stop();
});

const api = (p: string) => `${stack.baseUrl}/api/v1${p}`;
const spaced = (text: string) => text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');
const issuesByPath = (body: any): Record<string, string> => Object.fromEntries(body.error.issues.map((i: { path: string; message: string }) => [i.path, i.message]));

function groupBody(roundId: string, overrides: Record<string, unknown> = {}) {
  return applicationBody(roundId, { applicant: GROUP, organization: SPONSOR, contact: { name: 'Maja Holm', email: `maja+${crypto.randomUUID().slice(0, 8)}@example.dk` }, ...overrides });
}

describe('bad input changes nothing', () => {
  it('refuses a group in a round that takes associations only, a sponsor with an invalid CVR and a group of one, in the user’s language', async () => {
    const before = await stack.db.application.count();
    const notAllowed = await postJson(api('/applications'), groupBody(associationRound));
    expect(notAllowed.status).toBe(400);
    expect(issuesByPath(notAllowed.body)).toEqual({ 'applicant.kind': expect.stringMatching(/^Denne pulje kan kun søges af foreninger med CVR-nummer/) });
    const english = await postJson(api('/applications?lang=en'), groupBody(associationRound));
    expect(issuesByPath(english.body)['applicant.kind']).toMatch(/^Only associations with a CVR number can apply to this fund/);

    const badCvr = await postJson(api('/applications'), groupBody(groupRound, { organization: { ...SPONSOR, cvr: '99102749' } }));
    expect(badCvr.status).toBe(400);
    expect(Object.keys(issuesByPath(badCvr.body))).toEqual(['organization.cvr']);

    const alone = await postJson(api('/applications'), groupBody(groupRound, { applicant: { ...GROUP, members: 1 } }));
    expect(alone.status).toBe(400);
    expect(issuesByPath(alone.body)).toEqual({ 'applicant.members': 'Skriv, hvor mange I er i gruppen, som et helt tal (mindst 2).' });

    expect(await stack.db.application.count()).toBe(before);
    expect(await stack.db.sponsorship.count({ where: { sponsorEmail: SPONSOR.email } })).toBe(0);
  });
});

describe('a sponsored group’s case', () => {
  let id: string;
  let accessToken: string;
  let confirmLink: string;

  it('is stored as a group, screened on the sponsor’s number, and the sponsor is asked to confirm by email', async () => {
    const response = await postJson(api('/applications'), groupBody(groupRound));
    expect(response.status).toBe(201);
    ({ id, accessToken } = response.body);
    workflowIds.push(grantApplicationWorkflowId(id));
    const stored = await stack.db.application.findUniqueOrThrow({ where: { id }, include: { sponsorship: true } });
    expect(stored).toMatchObject({ applicantKind: 'informalGroup', groupName: GROUP.groupName, organizationCvr: SPONSOR.cvr, organizationName: SPONSOR.name });
    expect(stored.sponsorship).toMatchObject({ sponsorEmail: SPONSOR.email, confirmedAt: null });

    await waitForStatus(stack.temporal.workflow.getHandle(grantApplicationWorkflowId(id)), 'IN_QUEUE');
    const screening = await stack.db.screening.findFirstOrThrow({ where: { applicationId: id } });
    const rules = (screening.results as { rules: { rule: string; outcome: string; values: Record<string, unknown> }[] }).rules;
    expect(rules.find((rule) => rule.rule === 'E1')).toMatchObject({ outcome: 'pass', values: { cvr: SPONSOR.cvr, name: SPONSOR.name } });
    expect(rules.find((rule) => rule.rule === 'SPONSOR')).toMatchObject({ outcome: 'needs_judgement', values: { groupName: GROUP.groupName, members: 6, sponsorName: SPONSOR.name } });

    const [mail] = await mailsFor(SPONSOR.email, 1);
    expect(subjectOf(mail!)).toMatch(/^Bekræft, at I er sponsor for Strikkecaféen på Nørregade \(sag GF-/);
    const text = spaced(mailPart(mail!, 'text/plain'));
    expect(text).toContain('Den selvorganiserede gruppe Strikkecaféen på Nørregade har søgt puljen »Testpulje §18«');
    confirmLink = /(http\S+\/sponsorat\/\S+)/.exec(text)![1]!;
    expect(confirmLink).toContain(`/sponsorat/${id}?adgang=`);
  });

  it('shows the caseworker the group, its sponsor and that the confirmation is missing', async () => {
    const page = spaced(await (await fetch(`${stack.baseUrl}/personale/sager/${id}`, { headers: { cookie: `gf_staff=${caseworker.token}` } })).text());
    expect(page).toContain('Selvorganiseret gruppe uden CVR-nummer');
    expect(page).toContain(`Strikkecaféen på Nørregade (${SPONSOR.name})`);
    expect(page).toContain('Mangler: bedt om');
    const association = spaced(await (await fetch(`${stack.baseUrl}/sag/${id}`, { headers: { cookie: `gf_case=${accessToken}` } })).text());
    expect(association).toContain(`Vi venter på, at ${SPONSOR.name} bekræfter at være sponsor.`);
  });

  it('is confirmed by the sponsor on the page its link opens: a missing name changes nothing, a second confirmation neither', async () => {
    const link = new URL(confirmLink);
    const opened = await fetch(`${stack.baseUrl}${link.pathname}${link.search}`, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    const cookie = /gf_sponsor=([^;]+)/.exec(opened.headers.get('set-cookie') ?? '')![1]!;
    const page = (init: RequestInit = {}) => fetch(`${stack.baseUrl}/sponsorat/${id}`, { redirect: 'manual', ...init, headers: { cookie: `gf_sponsor=${cookie}`, origin: stack.baseUrl, ...(init.headers ?? {}) } });
    const post = (fields: Record<string, string>) => page({ method: 'POST', body: new URLSearchParams({ _csrf: csrfToken(stack.config.COOKIE_SECRET, cookie), ...fields }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

    const shown = spaced(await (await page()).text());
    expect(shown).toContain(`Er ${SPONSOR.name} sponsor for Strikkecaféen på Nørregade?`);
    expect(shown).not.toContain('Maja Holm,'); // the sponsor sees the group's adult by name only, not the case
    expect((await fetch(`${stack.baseUrl}/sponsorat/${id}`, { headers: { cookie: 'gf_sponsor=wrong' } })).status).toBe(403);

    const missing = await post({ confirm: 'ja' });
    expect(missing.status).toBe(400);
    expect(spaced(await missing.text())).toContain('Skriv dit navn og din rolle i foreningen.');
    expect((await stack.db.sponsorship.findUniqueOrThrow({ where: { applicationId: id } })).confirmedAt).toBeNull();

    expect((await post({ confirmedBy: 'Lise Holm, formand', confirm: 'ja' })).status).toBe(303);
    const confirmed = await stack.db.sponsorship.findUniqueOrThrow({ where: { applicationId: id } });
    expect(confirmed).toMatchObject({ confirmedBy: 'Lise Holm, formand' });
    const again = await post({ confirmedBy: 'Someone Else', confirm: 'ja' });
    expect(again.status).toBe(409);
    expect((await stack.db.sponsorship.findUniqueOrThrow({ where: { applicationId: id } })).confirmedBy).toBe('Lise Holm, formand');
    const events = await stack.db.caseEvent.findMany({ where: { applicationId: id, type: 'sponsor_confirmed' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'sponsor', details: { confirmedBy: 'Lise Holm, formand' } });

    const staffPage = spaced(await (await fetch(`${stack.baseUrl}/personale/sager/${id}`, { headers: { cookie: `gf_staff=${caseworker.token}` } })).text());
    expect(staffPage).toContain('af Lise Holm, formand');
    expect(staffPage).toContain('Sponsor bekræftede sponsoratet');
  });

  it('is granted in a letter to the group in care of its sponsor, naming the sponsor as payee, and paid to the sponsor', async () => {
    const handle = stack.temporal.workflow.getHandle(grantApplicationWorkflowId(id));
    expect((await postJson(api(`/applications/${id}/assignment`), {}, caseworker.headers)).status).toBe(200);
    const decided = await postJson(api(`/applications/${id}/decision`), { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: '' }, conditions: [] }, caseworker.headers);
    expect(decided.status).toBe(200);
    await waitForStatus(handle, 'PAYOUT_SCHEDULED');

    const letter = await eventually(() => stack.db.document.findFirst({ where: { applicationId: id, kind: 'decision_letter' } }).then((row) => row ?? undefined), 'the decision letter');
    if (process.env.LETTER_OUT) fs.writeFileSync(path.join(process.env.LETTER_OUT || os.tmpdir(), 'sponsored-group-letter.pdf'), letter.content);
    const text = spaced((await parsePdf(letter.content)).text);
    expect(text).toContain('Strikkecaféen på Nørregade');
    expect(text).toContain(`c/o sponsor ${SPONSOR.name}`);
    expect(text).toContain(`Ansøgningen er sendt af den selvorganiserede gruppe Strikkecaféen på Nørregade med ${SPONSOR.name} (CVR-nr. ${SPONSOR.cvr}) som sponsor.`);
    expect(text).toContain(`Udbetales til ${SPONSOR.name}, CVR-nr. ${SPONSOR.cvr}`);

    // The sponsor, who receives the money and answers for it, gets a copy with the letter attached
    // (its first email was the request to confirm), and no link into the case.
    const sponsorMails = await mailsFor(SPONSOR.email, 2);
    const copy = sponsorMails.find((mail) => subjectOf(mail).startsWith('Kopi af afgørelsen'));
    expect(copy && subjectOf(copy)).toMatch(/^Kopi af afgørelsen til Strikkecaféen på Nørregade \(sag GF-\d{4}-\d{5}\)$/);
    expect(copy!.raw).toContain('application/pdf');
    const copyText = spaced(mailPart(copy!, 'text/plain'));
    expect(copyText).toContain(`Til ${SPONSOR.name}`);
    expect(copyText).toMatch(new RegExp(`Gruppen får 12[. ]000 kr\\.? Vi udbetaler tilskuddet til ${SPONSOR.name} som sponsor\\.`));
    expect(copyText).not.toMatch(/adgang=/);
    expect(await stack.db.outboxEmail.count({ where: { applicationId: id, kind: 'decision_sponsor_copy' } })).toBe(1);

    // A run takes every pending payout of the database the suites share: another suite's run may have
    // taken this one first (then this run finds nothing, 200). The payout's own run is read.
    expect([200, 201]).toContain((await postJson(api('/payout-runs'), {}, approver.headers)).status);
    const payout = await stack.db.payout.findUniqueOrThrow({ where: { payoutKey: `payout:${id}` } });
    expect(payout.payoutRunId).not.toBeNull();
    const csv = await fetch(api(`/payout-runs/${payout.payoutRunId}/export.csv`), { headers: approver.headers }).then((response) => response.text());
    const line = payout.id;
    const row = parseCsv(csv).find((cells) => cells.at(-1) === line);
    expect(row).toEqual([expect.stringMatching(/^GF-\d{4}-\d{5}$/), SPONSOR.cvr, SPONSOR.name, '12000,00', expect.any(String), 'NemKonto', expect.stringMatching(/^§18 GF-/), line]);
  });
});

describe('a group granted before its sponsor confirmed', () => {
  const sponsor = { ...SPONSOR, email: `kasserer+${crypto.randomUUID().slice(0, 8)}@paaroerende.example.dk` };

  it('is held out of every payout run until the sponsor confirms, and the payout page says why', async () => {
    const response = await postJson(api('/applications'), groupBody(groupRound, { organization: sponsor }));
    expect(response.status).toBe(201);
    const id: string = response.body.id;
    workflowIds.push(grantApplicationWorkflowId(id));
    const handle = stack.temporal.workflow.getHandle(grantApplicationWorkflowId(id));
    await waitForStatus(handle, 'IN_QUEUE');
    const [mail] = await mailsFor(sponsor.email, 1);
    const confirmLink = new URL(/(http\S+\/sponsorat\/\S+)/.exec(spaced(mailPart(mail!, 'text/plain')))![1]!);

    expect((await postJson(api(`/applications/${id}/assignment`), {}, caseworker.headers)).status).toBe(200);
    const decided = await postJson(api(`/applications/${id}/decision`), { outcome: 'approved', amountGranted: 12_000, reasons: { criteria: [], text: '' }, conditions: [] }, caseworker.headers);
    expect(decided.status).toBe(200);
    await waitForStatus(handle, 'PAYOUT_SCHEDULED');

    expect([200, 201]).toContain((await postJson(api('/payout-runs'), {}, approver.headers)).status);
    expect((await stack.db.payout.findUniqueOrThrow({ where: { payoutKey: `payout:${id}` } })).payoutRunId).toBeNull();
    const reference = (await stack.db.application.findUniqueOrThrow({ where: { id } })).referenceNumber;
    const payoutsPage = spaced(await (await fetch(`${stack.baseUrl}/personale/udbetalinger`, { headers: { cookie: `gf_staff=${approver.token}` } })).text());
    expect(payoutsPage).toContain('Venter på sponsorens bekræftelse');
    const held = payoutsPage.slice(payoutsPage.indexOf('Venter på sponsorens bekræftelse'));
    expect(held).toContain(`href="/personale/sager/${id}"`);
    expect(held).toMatch(new RegExp(`Strikkecaféen på Nørregade \\(GF-\\d{4}-0*${reference}\\)</a><br> 12[. ]000(,00)? kr\\.? til ${SPONSOR.name} · sponsoren blev spurgt den `));

    const opened = await fetch(`${stack.baseUrl}${confirmLink.pathname}${confirmLink.search}`, { redirect: 'manual' });
    const cookie = /gf_sponsor=([^;]+)/.exec(opened.headers.get('set-cookie') ?? '')![1]!;
    const confirmed = await fetch(`${stack.baseUrl}/sponsorat/${id}`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ _csrf: csrfToken(stack.config.COOKIE_SECRET, cookie), confirmedBy: 'Ole Holm, kasserer', confirm: 'ja' }),
      headers: { cookie: `gf_sponsor=${cookie}`, origin: stack.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(confirmed.status).toBe(303);

    // Confirmed, any run takes it: this one, or another suite's in the shared database.
    expect([200, 201]).toContain((await postJson(api('/payout-runs'), {}, approver.headers)).status);
    expect((await stack.db.payout.findUniqueOrThrow({ where: { payoutKey: `payout:${id}` } })).payoutRunId).not.toBeNull();
    const after = spaced(await (await fetch(`${stack.baseUrl}/personale/udbetalinger`, { headers: { cookie: `gf_staff=${approver.token}` } })).text());
    expect(after).not.toContain(`href="/personale/sager/${id}"`);
  });
});
