import crypto from 'node:crypto';
import { PAYOUT_EXPORT_HEADER, parseCsv, toCsv } from '../../domain/csv';
import { csrfToken } from '../../services/api/http/csrf';
import { createOpenRound, eventually, getJson, postJson } from '../support/fixtures';
import { statusQuery } from '../../workflows/messages';
import { mailPart, mailTo, mailsFor, subjectOf, submitCase, waitForStatus, type SubmittedCase } from '../support/process';
import { signedInStaff } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// Payout truth on the real stack: a grant waits in PAYOUT_SCHEDULED, is exported to the finance
// file, and becomes PAID only when finance confirms its line, by the API or by uploading the
// finance system's confirmation file on the approver's page.
//
// Other test files share the database and export runs take every pending payout, so this file
// only ever confirms its own lines (as a finance file would: the lines that were paid).

let stack: TestStack;
let caseworker: Awaited<ReturnType<typeof signedInStaff>>;
let approver: Awaited<ReturnType<typeof signedInStaff>>;
let roundId: string;

beforeAll(async () => {
  stack = await startTestStack();
  caseworker = await signedInStaff(stack, ['caseworker'], 'Karen Sagsbehandler');
  approver = await signedInStaff(stack, ['approver'], 'Lene Leder');
  // The activity ends in 120 days and the report is due an hour later: its form opens only
  // then, so the case stays where the payout leaves it.
  roundId = (await createOpenRound(stack.db, { process: { reportOpensBeforeDue: 'P1D', reconsiderationPeriod: '1h' } })).id;
});

afterAll(async () => {
  await stack?.stop();
});

const url = (p: string) => `${stack.baseUrl}/api/v1${p}`;

async function granted(kroner: number): Promise<SubmittedCase> {
  const submitted = await submitCase(stack, roundId, { amountRequested: kroner });
  await waitForStatus(submitted.handle, 'IN_QUEUE');
  expect((await postJson(url(`/applications/${submitted.id}/assignment`), {}, caseworker.headers)).status).toBe(200);
  const decision = await postJson(url(`/applications/${submitted.id}/decision`), { outcome: 'approved', amountGranted: kroner, reasons: { criteria: [], text: '' }, conditions: [] }, caseworker.headers);
  expect(decision.status).toBe(200);
  await waitForStatus(submitted.handle, 'PAYOUT_SCHEDULED');
  await eventInReadModel(submitted, 'payout_scheduled');
  return submitted;
}

async function lineOf(c: SubmittedCase): Promise<string> {
  return (await stack.db.payout.findUniqueOrThrow({ where: { payoutKey: `payout:${c.id}` } })).id;
}

/**
 * Exports a run and answers the run that holds the case's payout: a run takes every pending payout
 * of the database the suites share, so another suite's run may have taken it first (then this one
 * finds nothing, 200).
 */
async function exportRun(c: SubmittedCase): Promise<string> {
  expect([200, 201]).toContain((await postJson(url('/payout-runs'), {}, approver.headers)).status);
  const payout = await stack.db.payout.findUniqueOrThrow({ where: { payoutKey: `payout:${c.id}` } });
  expect(payout.payoutRunId).not.toBeNull();
  return payout.payoutRunId!;
}

async function downloadCsv(runId: string): Promise<string> {
  const response = await fetch(url(`/payout-runs/${runId}/export.csv`), { headers: approver.headers });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer()).toString('utf8');
}

const confirm = (runId: string, lines: { lineId: string; paidOn?: string }[], query = '', headers = approver.headers) => postJson(url(`/payout-runs/${runId}/confirmation${query}`), { lines }, headers);

/** The workflow answers queries before its activity has written the read model: wait for that. */
async function eventInReadModel(c: SubmittedCase, type: string) {
  return eventually(() => stack.db.caseEvent.findFirst({ where: { applicationId: c.id, type } }).then((event) => event ?? undefined), `event ${type}`);
}

async function eventTypes(applicationId: string): Promise<string[]> {
  return (await stack.db.caseEvent.findMany({ where: { applicationId }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] })).map((e) => e.type);
}

async function casePage(c: SubmittedCase): Promise<string> {
  const response = await fetch(`${stack.baseUrl}/sag/${c.id}`, { headers: { cookie: `gf_case=${c.accessToken}` } });
  expect(response.status).toBe(200);
  return (await response.text()).replace(/\u00a0/g, ' ');
}

async function staffCasePage(c: SubmittedCase): Promise<string> {
  const response = await fetch(`${stack.baseUrl}/personale/sager/${c.id}`, { headers: { cookie: `gf_staff=${approver.token}` } });
  expect(response.status).toBe(200);
  return (await response.text()).replace(/\u00a0/g, ' ');
}

/** What stored state a refused confirmation must leave alone. */
async function fingerprint(ids: string[]) {
  const payouts = await stack.db.payout.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' }, select: { id: true, confirmedAt: true, confirmedBy: true, paidOn: true } });
  const audits = await stack.db.staffAuditLog.count({ where: { action: 'payout_run.confirm' } });
  return JSON.stringify({ payouts, audits });
}

const paidMails = async (c: SubmittedCase) => (await mailTo(await contactOf(c))).filter((m) => subjectOf(m).startsWith('Tilskuddet er udbetalt'));
const contactOf = async (c: SubmittedCase) => (await stack.db.application.findUniqueOrThrow({ where: { id: c.id } })).contactEmail;

describe('a grant is paid when finance says so', () => {
  let first: SubmittedCase;
  let second: SubmittedCase;
  let firstRun: string;
  let secondRun: string;

  it('waits in PAYOUT_SCHEDULED after the decision: every page says when the money will be paid, none that it is', async () => {
    first = await granted(12_000);
    expect(await eventTypes(first.id)).toEqual(expect.arrayContaining(['decided', 'payout_scheduled']));
    expect(await eventTypes(first.id)).not.toContain('paid');
    expect((await stack.db.application.findUniqueOrThrow({ where: { id: first.id } })).status).toBe('PAYOUT_SCHEDULED');
    const payout = await stack.db.payout.findUniqueOrThrow({ where: { payoutKey: `payout:${first.id}` } });
    expect(payout).toMatchObject({ confirmedAt: null, confirmedBy: null, paidOn: null });

    const page = await casePage(first);
    expect(page).toContain('Status: Udbetales');
    expect(page).toMatch(/12\.000 kr\. udbetales den \d{1,2}\. \w+ \d{4} til foreningens NemKonto\./);
    expect(page).not.toMatch(/er udbetalt|Tilskuddet er sendt/);
    const staffPage = await staffCasePage(first);
    expect(staffPage).toMatch(/12\.000 kr\. udbetales den \d{1,2}\. \w+ \d{4} \(ikke sendt til økonomi endnu\)/);
    expect(staffPage).not.toContain('udbetalt den');

    const decisionMails = await mailsFor(await contactOf(first), 2);
    expect(decisionMails.map(subjectOf).join('\n')).not.toContain('udbetalt');
  });

  it('exports the line with an id finance names back', async () => {
    firstRun = await exportRun(first);
    const rows = parseCsv(await downloadCsv(firstRun));
    expect(rows[0]).toEqual([...PAYOUT_EXPORT_HEADER]);
    const line = rows.find((row) => row[0] === first.reference);
    expect(line).toBeDefined();
    expect(line!.at(-1)).toBe(await lineOf(first));
    expect(await staffCasePage(first)).toMatch(/udbetales den .*\(sendt til økonomi /);

    // A second grant goes into a run of its own.
    second = await granted(9_000);
    secondRun = await exportRun(second);
  });

  it('refuses unknown lines and a batch with another run’s line, field by field in the caller’s language, changing nothing', async () => {
    const mine = [await lineOf(first), await lineOf(second)];
    const before = await fingerprint(mine);
    const unknown = crypto.randomUUID();

    const refused = await confirm(firstRun, [{ lineId: unknown }], '?lang=en');
    expect(refused.status).toBe(400);
    expect(refused.body.error).toEqual({
      code: 'validation_failed',
      message: 'The confirmation was not registered. Correct the lines below; nothing has changed.',
      issues: [{ path: 'lines.0.lineId', message: `Line ${unknown} is not in any payout run.` }],
    });

    const mixed = await confirm(firstRun, [{ lineId: mine[0]! }, { lineId: mine[1]! }, { lineId: 'GF-2026-00001' }]);
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.issues).toEqual([
      { path: 'lines.1.lineId', message: `Linjen ${mine[1]} hører til en anden udbetalingskørsel.` },
      { path: 'lines.2.lineId', message: 'Linjen GF-2026-00001 findes ikke i nogen udbetalingskørsel.' },
    ]);
    const badDate = await confirm(firstRun, [{ lineId: mine[0]!, paidOn: '31-12-2026' }], '?lang=nb');
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.issues).toEqual([{ path: 'lines.0.paidOn', message: 'Betalingsdatoen må være en dato som 2027-03-15.' }]);
    expect((await confirm(firstRun, [])).body.error.issues).toEqual([{ path: 'lines', message: 'Angiv mindst én linje, som er betalt.' }]);
    expect((await confirm(crypto.randomUUID(), [{ lineId: mine[0]! }])).status).toBe(404);
    expect((await confirm(firstRun, [{ lineId: mine[0]! }], '', caseworker.headers)).status).toBe(403);

    expect(await fingerprint(mine)).toBe(before);
    expect(await first.handle.query(statusQuery)).toBe('PAYOUT_SCHEDULED');
    expect(await eventTypes(first.id)).not.toContain('paid');
  });

  it('confirmed by the API: PAID, who and when on the row, an audit entry, and one email saying amount and date', async () => {
    const lineId = await lineOf(first);
    const confirmed = await confirm(firstRun, [{ lineId }]);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ confirmed: 1, alreadyConfirmed: 0, lines: [{ lineId, applicationId: first.id, amount: 12_000, confirmedBy: approver.email, newlyConfirmed: true }] });
    await waitForStatus(first.handle, 'PAID');

    const row = await stack.db.payout.findUniqueOrThrow({ where: { id: lineId } });
    expect(row.confirmedBy).toBe(approver.email);
    expect(row.confirmedAt).toBeInstanceOf(Date);
    expect(row.paidOn).toEqual(row.scheduledFor);
    const audit = await stack.db.staffAuditLog.findFirstOrThrow({ where: { action: 'payout_run.confirm', staffEmail: approver.email }, orderBy: { at: 'desc' } });
    expect(audit.details).toMatchObject({ payoutRunId: firstRun, lineIds: [lineId], alreadyConfirmed: 0 });

    const paid = await eventInReadModel(first, 'paid');
    expect(paid).toMatchObject({ fromStatus: 'PAYOUT_SCHEDULED', toStatus: 'PAID', actor: approver.email });
    const [mail] = await eventually(async () => {
      const mails = await paidMails(first);
      return mails.length ? mails : undefined;
    }, 'the payout email');
    expect(subjectOf(mail!)).toBe(`Tilskuddet er udbetalt (${first.reference})`);

    const page = await casePage(first);
    expect(page).toContain('Status: Udbetalt');
    expect(page).toMatch(/12\.000 kr\. er udbetalt til foreningens NemKonto den \d{1,2}\. \w+ \d{4}\./);
    expect(page).not.toContain('udbetales den');
    expect(await staffCasePage(first)).toMatch(/12\.000 kr\. udbetalt den .* \(bekræftet af Lene Leder, /);
  });

  it('confirmed again: a no-op, no second event and no second email', async () => {
    const lineId = await lineOf(first);
    const before = await fingerprint([lineId]);
    const again = await confirm(firstRun, [{ lineId }, { lineId }]);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ confirmed: 0, alreadyConfirmed: 1, lines: [{ lineId, newlyConfirmed: false }] });
    expect(await fingerprint([lineId])).toBe(before);
    // The workflow is told again (it ignores what it has recorded): give it time to do anything it would.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await eventTypes(first.id)).filter((type) => type === 'paid')).toHaveLength(1);
    expect(await stack.db.outboxEmail.count({ where: { applicationId: first.id, kind: 'paid' } })).toBe(1);
    expect(await paidMails(first)).toHaveLength(1);
  });

  it('the report form is not offered before its window: the page says when it opens, the API refuses a report', async () => {
    const report = await stack.db.followUpReport.findFirstOrThrow({ where: { applicationId: first.id } });
    expect(report.opensAt).toBeInstanceOf(Date);
    expect(report.opensAt!.getTime()).toBeGreaterThan(Date.now() + 100 * 86_400_000);
    expect(report.opensAt!.getTime()).toBeLessThan(report.dueAt.getTime());
    const page = await casePage(first);
    expect(page).toMatch(/Formularen til afrapportering åbner den \d{1,2}\. \w+ \d{4}, og afrapporteringen skal være sendt senest den \d{1,2}\. \w+ \d{4}\./);
    expect(page).not.toContain('action="/sag/' + first.id + '/afrapportering"');

    const body = { narrative: 'For tidligt', spentKroner: 12_000, participants: 10, volunteers: 2, storyConsent: false };
    const early = await postJson(url(`/applications/${first.id}/reports?lang=en`), body, { authorization: `Bearer ${first.accessToken}` });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'report_not_open', message: expect.stringMatching(/^The report can be sent from \d{4}-\d{2}-\d{2}\.$/) });
    expect(await eventTypes(first.id)).not.toContain('report_due');
  });

  it('confirmed by uploading the finance system’s file on the approver’s page', async () => {
    const session = approver.token;
    const headers = { cookie: `gf_staff=${session}`, origin: stack.baseUrl };
    const listing = await fetch(`${stack.baseUrl}/personale/udbetalinger`, { headers });
    expect(listing.status).toBe(200);
    const html = await listing.text();
    expect(html).toContain(`action="/personale/udbetalinger/${secondRun}/bekraeftelse"`);
    expect(html).toContain(`href="/api/v1/payout-runs/${secondRun}/export.csv"`);

    const upload = (text: string) => {
      const form = new FormData();
      form.append('_csrf', csrfToken(stack.config.COOKIE_SECRET, session));
      form.append(`file-${secondRun}`, new Blob([text], { type: 'text/csv' }), 'bekraeftelse.csv');
      return fetch(`${stack.baseUrl}/personale/udbetalinger/${secondRun}/bekraeftelse`, { method: 'POST', headers, body: form, redirect: 'manual' });
    };

    const wrongFile = await upload(toCsv([['Sagsnummer', 'Beløb'], [second.reference, '9000,00']]));
    expect(wrongFile.status).toBe(400);
    expect(await wrongFile.text()).toContain('Filen har ingen kolonne &quot;Linje-id&quot;');
    const foreign = await upload(toCsv([['Linje-id'], [await lineOf(first)]]));
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain(`Linjen ${await lineOf(first)} hører til en anden udbetalingskørsel.`);
    expect(await stack.db.payout.findUniqueOrThrow({ where: { id: await lineOf(second) } })).toMatchObject({ confirmedAt: null });

    // The finance system returns the file's lines that it paid, with the date it paid them.
    const exported = parseCsv(await downloadCsv(secondRun));
    const paidLine = exported.find((row) => row[0] === second.reference)!;
    const confirmation = toCsv([[...exported[0]!, 'Betalt den'], [...paidLine, '2027-01-04']]);
    const done = await upload(confirmation);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/personale/udbetalinger?bekraeftet=1&foer=0');
    await waitForStatus(second.handle, 'PAID');
    await eventInReadModel(second, 'paid');
    expect(await stack.db.payout.findUniqueOrThrow({ where: { id: await lineOf(second) } })).toMatchObject({ confirmedBy: approver.email, paidOn: new Date('2027-01-04T00:00:00Z') });
    const [mail] = await eventually(async () => {
      const mails = await paidMails(second);
      return mails.length ? mails : undefined;
    }, 'the payout email');
    expect(mailPart(mail!, 'text/plain').replace(/\s+/g, ' ')).toContain('9.000 kr. er betalt til foreningens NemKonto den 4. januar 2027');

    const after = await fetch(`${stack.baseUrl}/personale/udbetalinger?bekraeftet=1&foer=0`, { headers });
    expect(await after.text()).toContain('1 linje er registreret som betalt. Ingen var registreret i forvejen.');
    const runs = await getJson(url('/payout-runs'), approver.headers);
    expect(runs.body.runs.find((run: { id: string }) => run.id === secondRun)).toMatchObject({ confirmed: 1 });
  });
});
