import crypto from 'node:crypto';
import { upsertStaffUser, type StaffRole } from '../../../lib/staff-auth';
import { createOpenRound, postJson } from '../fixtures';
import { submitCase, waitForStatus } from '../process';
import { SECTION_18_SCHEME_ID } from '../schemes';
import type { TestStack } from '../stack';
import type { FuzzTargets } from './request';

// The data the fuzzer aims at: a round, a submitted case claimed by the admin, staff of every
// role signed in, two drafts (one for the step forms, which keep what was typed), documents on
// the case and the draft, and a payout run. Malformed requests name these, so they get past the
// lookups to validation.

const ROLES = ['admin', 'caseworker', 'approver', 'politician'] as const satisfies readonly StaffRole[];

export async function createFuzzWorld(stack: TestStack): Promise<FuzzTargets> {
  const marker = crypto.randomUUID().slice(0, 8);
  const round = await createOpenRound(stack.db);
  const submitted = await submitCase(stack, round.id);
  await waitForStatus(submitted.handle, 'IN_QUEUE');

  const staff = {} as Record<(typeof ROLES)[number], string>;
  for (const role of ROLES) {
    const email = `fuzz-${role}-${marker}@eksempel.dk`;
    const password = crypto.randomBytes(12).toString('base64url');
    await upsertStaffUser(stack.db, { email, name: `Fuzz ${role}`, password, roles: [role] });
    const login = await postJson(`${stack.baseUrl}/api/v1/auth/login`, { email, password });
    if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
    staff[role] = login.body.token as string;
  }
  // Claimed by the admin, so the case page shows the casework forms (decision, information request, …).
  const claim = await postJson(`${stack.baseUrl}/api/v1/applications/${submitted.id}/assignment`, {}, { authorization: `Bearer ${staff.admin}` });
  if (claim.status !== 200) throw new Error(`claim failed: ${JSON.stringify(claim.body)}`);
  const targetEmail = `fuzz-target-${marker}@eksempel.dk`;
  await upsertStaffUser(stack.db, { email: targetEmail, name: 'Fuzz Target', password: crypto.randomBytes(12).toString('base64url'), roles: ['caseworker'] });
  const staffUser = (await stack.db.staffUser.findUniqueOrThrow({ where: { email: targetEmail } })).id;

  const newDraft = async () => {
    const response = await postJson(`${stack.baseUrl}/api/v1/drafts`, { roundId: round.id });
    if (response.status !== 201) throw new Error(`draft failed: ${JSON.stringify(response.body)}`);
    return { id: response.body.id as string, token: response.body.token as string };
  };
  const draft = await newDraft();
  const scratch = await newDraft();

  const content = Buffer.from('%PDF-1.4\n% fuzz\n');
  const documentFields = (key: string) => ({
    documentKey: `fuzz:${key}:${crypto.randomUUID()}`,
    kind: 'statutes',
    filename: 'vedtaegter.pdf',
    contentType: 'application/pdf',
    size: content.length,
    sha256: crypto.createHash('sha256').update(content).digest('hex'),
    content,
  });
  const document = (await stack.db.document.create({ data: { ...documentFields('case'), applicationId: submitted.id } })).id;
  const draftDocument = (await stack.db.document.create({ data: { ...documentFields('draft'), draftId: draft.id } })).id;
  const payoutRun = (await stack.db.payoutRun.create({ data: { createdBy: `fuzz-${marker}@eksempel.dk`, csv: '\ufeffx', totalOre: 0n } })).id;

  return {
    baseUrl: stack.baseUrl,
    cookieSecret: stack.config.COOKIE_SECRET,
    ids: { application: submitted.id, round: round.id, roundSlug: round.slug, draft: draft.id, scratchDraft: scratch.id, document, draftDocument, payoutRun, scheme: SECTION_18_SCHEME_ID, staffUser },
    tokens: { staff, applicant: submitted.accessToken, draft: draft.token, scratchDraft: scratch.token },
  };
}
