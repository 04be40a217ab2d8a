import crypto from 'node:crypto';
import { sha256Hex, unseal } from '../../lib/tokens';
import { applicationBody, createOpenRound, postJson } from '../support/fixtures';
import { startTestStack, type TestStack } from '../support/stack';

// Intake writes its rows with plain SQL. Every column is read back here through Prisma, as the
// rest of the service reads them: the types (bigint, dates at midnight UTC, JSON, enums), the
// defaults the database fills in, and the rows beside the application.

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ worker: false });
});

afterAll(async () => {
  await stack?.stop();
});

const api = (path: string) => `${stack.baseUrl}/api/v1${path}`;

describe('the rows intake writes', () => {
  it('stores an association’s application, its access token and its "submitted" event as the readers expect', async () => {
    const round = await createOpenRound(stack.db);
    const body = applicationBody(round.id);
    const key = `intake-rows-${crypto.randomUUID()}`;
    const before = Date.now();
    const response = await postJson(api('/applications?lang=en'), body, { 'idempotency-key': key });
    expect(response.status).toBe(201);
    const { id, reference, accessToken } = response.body as { id: string; reference: string; accessToken: string };

    const application = await stack.db.application.findUniqueOrThrow({ where: { id }, include: { accessTokens: true, events: true, sponsorship: true, emails: true } });
    const { accessTokens, events, sponsorship, emails, ...row } = application;
    expect(row).toEqual({
      id,
      referenceNumber: expect.any(Number),
      roundId: round.id,
      grantYears: 1,
      status: 'SUBMITTED',
      organizationCvr: body.organization.cvr,
      organizationName: body.organization.name,
      organizationEmail: body.organization.email,
      applicantKind: 'association',
      groupName: null,
      preparedBy: null,
      payoutAccount: null,
      contactName: body.contact.name,
      contactEmail: body.contact.email,
      projectTitle: body.project.title,
      projectPurpose: body.project.purpose,
      targetGroup: body.project.targetGroup,
      isNewActivity: true,
      volunteers: 8,
      expectedParticipants: 40,
      startDate: new Date(`${body.project.startDate}T00:00:00Z`),
      endDate: new Date(`${body.project.endDate}T00:00:00Z`),
      amountRequestedOre: 1_200_000n,
      amountGrantedOre: null,
      submission: expect.objectContaining({ roundId: round.id, amountRequested: 12_000, project: expect.objectContaining({ title: body.project.title }) }),
      consentContactLater: true,
      language: 'en',
      assignee: null,
      idempotencyKeyHash: sha256Hex(key),
      accessTokenSealed: expect.any(String),
      requestFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      workflowId: `grant-application-${id}`,
      workflowStartedAt: expect.any(Date),
      submittedAt: expect.any(Date),
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
      anonymisedAt: null,
    });
    expect(reference).toContain(String(row.referenceNumber));
    expect(row.submittedAt!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(row.submittedAt!.getTime());
    expect(unseal(row.accessTokenSealed!, key)).toBe(accessToken);

    expect(accessTokens).toEqual([{ tokenHash: sha256Hex(accessToken), applicationId: id, purpose: 'submission', createdAt: expect.any(Date), revokedAt: null }]);
    expect(events).toEqual([
      { id: expect.any(BigInt), eventKey: `grant-application-${id}:0`, applicationId: id, type: 'submitted', fromStatus: null, toStatus: 'SUBMITTED', actor: 'applicant', occurredAt: row.submittedAt, details: {} },
    ]);
    expect(sponsorship).toBeNull();
    expect(emails).toEqual([]);

    // The same request again returns the first receipt and stores nothing more.
    const again = await postJson(api('/applications?lang=en'), body, { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toMatchObject({ id, accessToken });
    expect(await stack.db.application.count({ where: { idempotencyKeyHash: sha256Hex(key) } })).toBe(1);
  });

  it('stores a self-organised group’s sponsorship and the email asking the sponsor, in the same transaction', async () => {
    const round = await createOpenRound(stack.db, { informalGroups: 'sponsor' });
    const sponsorEmail = `formand+${crypto.randomUUID().slice(0, 8)}@paaroerende.example.dk`;
    const body = applicationBody(round.id, {
      applicant: { kind: 'informalGroup', groupName: 'Strikkecaféen på Nørregade', members: 6 },
      organization: { cvr: '99102748', name: 'Pårørendenetværket Eksempel Kommune', email: sponsorEmail },
    });
    const response = await postJson(api('/applications'), body);
    expect(response.status).toBe(201);
    const { id } = response.body as { id: string };

    const application = await stack.db.application.findUniqueOrThrow({ where: { id }, include: { sponsorship: true, emails: true } });
    expect(application).toMatchObject({ applicantKind: 'informalGroup', groupName: 'Strikkecaféen på Nørregade', idempotencyKeyHash: null, accessTokenSealed: null, language: 'da' });
    expect(application.sponsorship).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      applicationId: id,
      tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      sponsorEmail,
      requestedAt: application.submittedAt,
      confirmedAt: null,
      confirmedBy: null,
    });
    expect(application.emails).toEqual([
      expect.objectContaining({
        messageKey: `${id}:sponsorship`,
        applicationId: id,
        kind: 'sponsorship_request',
        recipient: sponsorEmail,
        subject: expect.any(String),
        text: expect.stringContaining('Strikkecaféen på Nørregade'),
        html: expect.stringContaining('<'),
        attachmentIds: [],
        createdAt: expect.any(Date),
      }),
    ]);
    // The mailer, woken when the transaction committed, may have sent it already.
    expect(['pending', 'sending', 'sent']).toContain(application.emails[0]!.status);
  });
});
