jest.setTimeout(180_000);

import { createOpenRound, postJson } from '../support/fixtures';
import { submitCase, waitForStatus } from '../support/process';
import { samplePdf } from '../support/sample-files';
import { signedInStaff } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// The staff pages in Danish say everything in Danish words: no status, actor, document kind or
// event type as the code the data holds ("granted", "applicant", "submitted"), no rule as a bare
// code, no duration as an ISO-8601 string ("P14D").

/** Words the data holds in English, which a Danish page must never show as they are. */
const ENGLISH_CODES = [
  'applicant', 'system', 'granted', 'applied', 'submitted', 'queued', 'screening', 'claimed', 'released',
  'approved', 'rejected', 'pending', 'statutes', 'answer', 'annual accounts', 'annual_accounts',
  'screening started', 'information requested', 'AMOUNT', 'DOCUMENTS', 'document_upload', 'case.claim',
];
const ISO_DURATION = /(?<![\w-])-?P\d+(?:[.,]\d+)?[YMWD]\b/;

let stack: TestStack;
let staff: Awaited<ReturnType<typeof signedInStaff>>;

beforeAll(async () => {
  stack = await startTestStack();
  staff = await signedInStaff(stack, ['caseworker', 'approver', 'admin'], 'Karen Sagsbehandler');
});
afterAll(async () => {
  await stack?.stop();
});

/** What a reader sees of a page: its text and its fields' values, without markup, scripts or addresses. */
function visibleText(page: string): string {
  // Text fields show their value; hidden fields, radio buttons and checkboxes only their labels.
  const values = [...page.matchAll(/<input([^>]*)>/g)]
    .filter((match) => !/\stype="(hidden|radio|checkbox)"/.test(match[1]!))
    .map((match) => /\svalue="([^"]*)"/.exec(match[1]!)?.[1] ?? '');
  const text = page
    // <code> is data shown as recorded on purpose (the audit log's details), not a text of the page.
    .replace(/<(script|style|code)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"');
  return `${text} ${values.join(' ')}`.replace(/\s+/g, ' ');
}

async function staffPage(path: string): Promise<string> {
  const response = await fetch(`${stack.baseUrl}${path}`, { headers: { cookie: `gf_staff=${staff.token}`, 'accept-language': 'da' } });
  expect({ path, status: response.status }).toEqual({ path, status: 200 });
  return visibleText(await response.text());
}

function englishIn(text: string): string[] {
  const found = ENGLISH_CODES.filter((word) => new RegExp(`(?<![\\w.@/-])${word.replace('.', '\\.')}(?![\\w@-])`, 'i').test(text));
  const iso = ISO_DURATION.exec(text);
  return iso ? [...found, iso[0]] : found;
}

it('shows no English code words in the Danish staff pages', async () => {
  const round = await createOpenRound(stack.db, { process: { answerDeadline: 'P14D', answerReminders: ['P7D', 'P12D'], reportReminders: ['-P30D', 'P0D', 'P14D'], decisionTarget: 'P30D' } });
  const submitted = await submitCase(stack, round.id, {
    budget: {
      lines: [{ category: 'food', description: 'Råvarer', amount: 9_000 }, { category: 'wages', description: 'Kok', amount: 3_000 }],
      cofinancing: [{ source: 'Fonden', amount: 2_000, status: 'granted' }, { source: 'Sparekassen', amount: 1_000, status: 'applied' }],
    },
  });
  await waitForStatus(submitted.handle, 'IN_QUEUE');
  const form = new FormData();
  form.append('kind', 'statutes');
  form.append('files', new Blob([new Uint8Array(await samplePdf())], { type: 'application/pdf' }), 'vedtaegter.pdf');
  expect((await fetch(`${stack.baseUrl}/api/v1/applications/${submitted.id}/documents`, { method: 'POST', headers: staff.headers, body: form })).status).toBe(201);
  expect((await postJson(`${stack.baseUrl}/api/v1/applications/${submitted.id}/assignment`, {}, staff.headers)).status).toBe(200);
  await waitForStatus(submitted.handle, 'IN_REVIEW');
  const deadlineRound = await createOpenRound(stack.db, { mode: 'deadline', closesAt: new Date(Date.now() + 20 * 86_400_000) });

  const pages = {
    case: await staffPage(`/personale/sager/${submitted.id}`),
    queue: await staffPage('/personale/sager'),
    approvals: await staffPage('/personale/godkendelser'),
    allocation: await staffPage(`/personale/godkendelser/puljer/${deadlineRound.id}`),
    reports: await staffPage('/personale/opfoelgning'),
    roundForm: await staffPage(`/personale/admin/puljer/${round.id}`),
    auditLog: await staffPage('/personale/admin/revisionslog?cvr=13748136'),
  };
  // The pages hold what was looked for: the timeline, the co-financing, the document, the durations.
  expect(pages.case).toContain('Foreningen');
  expect(pages.case).toContain('Fonden: 2.000 kr. (Bevilget)');
  expect(pages.case).toContain('E2: NemKonto');
  expect(pages.roundForm).toContain('14 dage');
  expect(pages.roundForm).toContain('30 dage før fristen, på fristens dag, 14 dage efter fristen');
  expect(pages.auditLog).toContain('Tog sagen');
  for (const [name, text] of Object.entries(pages)) expect({ page: name, english: englishIn(text) }).toEqual({ page: name, english: [] });
});
