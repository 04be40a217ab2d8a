import crypto from 'node:crypto';
import { getJson, postJson } from '../support/fixtures';
import { signedInStaff } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// Staff accounts carry the name, job title and direct phone that letters and case pages print;
// the administrator sets them when creating the account and can change them later.
describe('staff name, title and phone', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('are set on creation, refused when malformed, changed later and audited', async () => {
    const admin = await signedInStaff(stack, ['admin']);
    const email = `karin-${crypto.randomUUID().slice(0, 8)}@eksempel.dk`;
    const base = { email, name: ' Karin Holm ', roles: ['caseworker'], password: 'en-lang-adgangskode' };

    const badPhone = await postJson(`${stack.baseUrl}/api/v1/admin/staff`, { ...base, phone: 'ring til mig' }, admin.headers);
    expect(badPhone.status).toBe(400);
    expect(JSON.stringify(badPhone.body)).toContain('phone');

    const created = await postJson(`${stack.baseUrl}/api/v1/admin/staff`, { ...base, title: ' Sagsbehandler ', phone: '+45 99 99-12 34' }, admin.headers);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Karin Holm', title: 'Sagsbehandler', phone: '+45 99 99-12 34' });

    const put = (body: unknown) =>
      fetch(`${stack.baseUrl}/api/v1/admin/staff/${created.body.id as string}/profile`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...admin.headers },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

    expect((await put({ name: 'Karin Holm', title: 'x'.repeat(101) })).status).toBe(400);
    expect((await put({ name: '  ' })).status).toBe(400);
    const changed = await put({ name: 'Karin Holm Jensen', title: 'Specialkonsulent', phone: '' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Karin Holm Jensen', title: 'Specialkonsulent', phone: null });
    expect((await getJson(`${stack.baseUrl}/api/v1/admin/staff/${created.body.id as string}`, admin.headers)).body).toMatchObject({ title: 'Specialkonsulent', phone: null });
    expect(await stack.db.staffAuditLog.count({ where: { action: 'staff.profile', details: { path: ['staffUserId'], equals: created.body.id as string } } })).toBe(1);
  });
});
