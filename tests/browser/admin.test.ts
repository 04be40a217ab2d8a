import crypto from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, newContext, screenshots, type Screenshots } from '../support/browser';
import { createOpenRound, getJson, insertApplication, postJson } from '../support/fixtures';
import { samplePdf } from '../support/sample-files';
import { signedInStaff, signInThroughPage } from '../support/staff';
import { startTestStack, type TestStack } from '../support/stack';

// The administration pages, without JavaScript: staff accounts (argon2id, deactivation ends the
// sessions), funding rounds with every setting, the access log a data subject may ask for, and the
// emails the outbox set aside for a person.
describe('administration pages', () => {
  let stack: TestStack;
  let browser: Browser;
  let shots: Screenshots;
  let context: BrowserContext;
  let page: Page;
  let admin: Awaited<ReturnType<typeof signedInStaff>>;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    browser = await launchBrowser();
    shots = screenshots('admin');
    admin = await signedInStaff(stack, ['admin'], 'Administrator Anna');
    context = await newContext(browser, { javaScriptEnabled: false });
    page = await context.newPage();
    page.setDefaultTimeout(45_000);
    await signInThroughPage(page, stack.baseUrl, admin, '/personale/admin');
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stack?.stop();
  });

  async function check(name: string) {
    expect(await accessibilityViolations(page)).toEqual([]);
    await shots.take(page, name);
  }

  async function submit(formAction: string) {
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(`form[action="${formAction}"] button[type="submit"]`).click()]);
  }

  it('lands an admin on the administration home page', async () => {
    expect(new URL(page.url()).pathname).toBe('/personale/admin');
    expect(await page.locator('h1').textContent()).toBe('Administration');
    await check('home');
  }, 120_000);

  it('creates a staff account, sets a new password and deactivates it, ending its sessions', async () => {
    await page.goto(`${stack.baseUrl}/personale/admin/medarbejdere`);
    await check('staff-list');

    // Nothing filled in: the error summary names each field, in Danish, and nothing is stored.
    const before = await stack.db.staffUser.count();
    await page.locator('#f-roles-0').uncheck();
    await submit('/personale/admin/medarbejdere');
    expect(await page.title()).toMatch(/^Fejl: /);
    const links = await page.locator('#error-summary a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(links).toEqual(expect.arrayContaining(['#f-name', '#f-email', '#f-roles', '#f-password']));
    expect(await page.locator('#error-summary').textContent()).toMatch(/Vælg mindst én rolle/);
    expect(await stack.db.staffUser.count()).toBe(before);
    await check('staff-create-errors');

    const email = `ny-${crypto.randomUUID().slice(0, 8)}@eksempel.dk`;
    const password = crypto.randomBytes(12).toString('base64url');
    await page.locator('#f-name').fill('Ny Sagsbehandler');
    await page.locator('#f-email').fill(email);
    await page.locator('#f-roles-0').check();
    await page.locator('#f-password').fill(password);
    await submit('/personale/admin/medarbejdere');
    expect(await page.locator('.alert-success').textContent()).toMatch(/oprettet/);
    const stored = await stack.db.staffUser.findUniqueOrThrow({ where: { email } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.roles).toEqual(['caseworker']);
    expect(await stack.db.staffAuditLog.count({ where: { action: 'staff.create', staffUserId: (await stack.db.staffUser.findUniqueOrThrow({ where: { email: admin.email } })).id } })).toBe(1);

    const firstSession = (await postJson(`${stack.baseUrl}/api/v1/auth/login`, { email, password })).body.token as string;
    const me = (token: string) => fetch(`${stack.baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    expect(await me(firstSession)).toBe(200);

    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(`a[href="/personale/admin/medarbejdere/${stored.id}"]`).click()]);
    await check('staff-account');
    await page.locator('#f-password').fill('kort');
    await submit(`/personale/admin/medarbejdere/${stored.id}/adgangskode`);
    expect(await page.locator('#error-summary').textContent()).toMatch(/12 til 200 tegn/);
    await check('staff-password-error');

    const newPassword = crypto.randomBytes(12).toString('base64url');
    await page.locator('#f-password').fill(newPassword);
    await submit(`/personale/admin/medarbejdere/${stored.id}/adgangskode`);
    expect(await page.locator('.alert-success').textContent()).toMatch(/Adgangskoden er ændret/);
    // Whoever knew the old password is signed out; the old password no longer works.
    expect(await me(firstSession)).toBe(401);
    expect((await postJson(`${stack.baseUrl}/api/v1/auth/login`, { email, password })).status).toBe(401);
    const secondSession = (await postJson(`${stack.baseUrl}/api/v1/auth/login`, { email, password: newPassword })).body.token as string;
    expect(await me(secondSession)).toBe(200);

    await submit(`/personale/admin/medarbejdere/${stored.id}/deaktiver`);
    expect(await page.locator('.alert-success').textContent()).toMatch(/deaktiveret/);
    expect(await me(secondSession)).toBe(401);
    expect((await postJson(`${stack.baseUrl}/api/v1/auth/login`, { email, password: newPassword })).status).toBe(401);
    await check('staff-deactivated');
    const actions = (await stack.db.staffAuditLog.findMany({ where: { details: { path: ['staffUserId'], equals: stored.id } }, orderBy: { id: 'asc' } })).map((row) => row.action);
    expect(actions).toEqual(['staff.create', 'staff.password', 'staff.deactivate']);

    // An admin cannot lock themselves out: their own page offers no deactivation.
    const self = await stack.db.staffUser.findUniqueOrThrow({ where: { email: admin.email } });
    await page.goto(`${stack.baseUrl}/personale/admin/medarbejdere/${self.id}`);
    expect(await page.locator(`form[action$="/deaktiver"]`).count()).toBe(0);
  }, 300_000);

  it('creates a funding round with every setting and edits it, with errors on the fields', async () => {
    await page.goto(`${stack.baseUrl}/personale/admin/puljer`);
    await check('rounds');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main a[href="/personale/admin/puljer/ny"]').click()]);
    await check('round-new');

    const slug = `pulje-${crypto.randomUUID().slice(0, 8)}`;
    await page.locator('#f-scheme').selectOption('paragraf-18');
    await page.locator('#f-name').fill('§18-puljen 2027 (frist)');
    await page.locator('#f-slug').fill(slug);
    await page.locator('#f-mode-1').check();
    await page.locator('#f-budget').fill('400.000');
    await page.locator('#f-maxAmount').fill('500000');
    await page.locator('#f-opensAt').fill('2027-01-01');
    await page.locator('#f-opensAtTime').fill('08:00');
    await page.locator('#f-closesAt').fill('2027-03-01');
    await page.locator('#f-closesAtTime').fill('12:00');
    await page.locator('[id="f-decisionCriteria-0-code"]').fill('target_group');
    await page.locator('[id="f-decisionCriteria-0-label-da"]').fill('Aktiviteten når kun få i målgruppen.');
    await page.locator('[id="f-decisionCriteria-0-label-nb"]').fill('Aktiviteten når bare få i målgruppen.');
    await page.locator('[id="f-decisionCriteria-0-label-en"]').fill('The activity reaches few people in the target group.');
    // Durations are written in words, as the form shows them; one that does not read is refused on its field.
    expect(await page.locator('[id="f-processSettings-answerDeadline"]').inputValue()).toBe('14 dage');
    expect(await page.locator('[id="f-processSettings-reportReminders"]').inputValue()).toBe('30 dage før fristen, på fristens dag, 14 dage efter fristen');
    await page.locator('[id="f-processSettings-answerReminders"]').fill('7 dage, syv');
    // The legal frame: decided by a committee (whose meeting date is still missing), a contact person.
    await page.locator('[id="f-legalFrame-decisionMaker-kind-1"]').check();
    await page.locator('[id="f-legalFrame-decisionMaker-body"]').fill('Social- og Sundhedsudvalget');
    await page.locator('[id="f-legalFrame-contact-name"]').fill('Lise Frandsen');
    await page.locator('[id="f-legalFrame-contact-phone"]').fill('55 36 10 10');
    await page.locator('[id="f-legalFrame-contact-email"]').fill('puljer@eksempel.dk');
    await submit('/personale/admin/puljer/ny');
    expect(await page.title()).toMatch(/^Fejl: /);
    const links = await page.locator('#error-summary a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(links).toEqual(expect.arrayContaining(['#f-maxAmount', '#f-processSettings-answerReminders', '#f-legalFrame-decisionMaker-meetingDate']));
    expect(await page.locator('[id="f-legalFrame-decisionMaker-meetingDate-error"]').textContent()).toContain('Skriv datoen for udvalgets møde');
    expect(await page.locator('[id="f-processSettings-answerReminders-error"]').textContent()).toContain('»syv« kan ikke læses som en varighed');
    expect(await stack.db.fundingRound.count({ where: { slug } })).toBe(0);
    await check('round-new-errors');

    await page.locator('#f-maxAmount').fill('50000');
    await page.locator('[id="f-processSettings-answerReminders"]').fill('7 dage, 12 dage');
    await page.locator('[id="f-processSettings-reconsiderationPeriod"]').fill('3 uger');
    await page.locator('[id="f-processSettings-repaymentReminders"]').fill('1 uge før, 2 uger efter');
    await page.locator('[id="f-legalFrame-decisionMaker-meetingDate"]').fill('2027-03-10');
    await submit('/personale/admin/puljer/ny');
    expect(await page.locator('.alert-success').textContent()).toMatch(/oprettet/);
    const round = await stack.db.fundingRound.findUniqueOrThrow({ where: { slug } });
    expect(round).toMatchObject({ mode: 'deadline', budgetOre: 40_000_000n, maxAmountOre: 5_000_000n });
    // Danish wall-clock time: 1 March 2027 12:00 is 11:00 UTC (winter time).
    expect(round.closesAt?.toISOString()).toBe('2027-03-01T11:00:00.000Z');
    // Written in words, stored as ISO-8601.
    expect(round.processSettings).toMatchObject({ answerDeadline: 'P14D', answerReminders: ['P7D', 'P12D'], reconsiderationPeriod: 'P3W', repaymentReminders: ['-P1W', 'P2W'], reportReminders: ['-P30D', 'P0D', 'P14D'] });
    expect(round.decisionCriteria).toEqual([
      { code: 'target_group', label: { da: 'Aktiviteten når kun få i målgruppen.', nb: 'Aktiviteten når bare få i målgruppen.', en: 'The activity reaches few people in the target group.' } },
    ]);
    // What the administrator left blank of the frame comes from the § 18 scheme's frame.
    expect(round.legalFrame).toMatchObject({
      legalBasis: 'serviceloven § 18',
      decisionMaker: { kind: 'committee', body: 'Social- og Sundhedsudvalget', meetingDate: '2027-03-10' },
      contact: { name: 'Lise Frandsen', phone: '55 36 10 10', email: 'puljer@eksempel.dk' },
    });
    await check('round-edit');

    // Edit: a lower four-eyes threshold, a second reporting tier, a fixed report date.
    await page.locator('#f-fourEyesThreshold').fill('25000');
    await page.locator('[id="f-reportingTiers-0-upToKroner"]').fill('');
    await page.locator('[id="f-processSettings-reportDue-kind-1"]').check();
    await page.locator('[id="f-processSettings-reportDue-month"]').fill('4');
    await page.locator('[id="f-processSettings-reportDue-day"]').fill('1');
    await submit(`/personale/admin/puljer/${round.id}`);
    // The first tier now has no limit but is not the last: refused on that field.
    expect(await page.title()).toMatch(/^Fejl: /);
    expect(await page.locator('#error-summary a').first().getAttribute('href')).toBe('#f-reportingTiers-0-upToKroner');
    await check('round-edit-errors');
    await page.locator('[id="f-reportingTiers-0-upToKroner"]').fill('10000');
    await submit(`/personale/admin/puljer/${round.id}`);
    expect(await page.locator('.alert-success').textContent()).toMatch(/gemt/);
    const saved = await stack.db.fundingRound.findUniqueOrThrow({ where: { id: round.id } });
    expect(saved.fourEyesThresholdOre).toBe(2_500_000n);
    expect((saved.processSettings as { reportDue: unknown }).reportDue).toEqual({ kind: 'fixed_date_next_year', month: 4, day: 1 });
    const audit = await stack.db.staffAuditLog.findFirstOrThrow({ where: { action: 'round.update', details: { path: ['roundId'], equals: round.id } } });
    expect((audit.details as { changed: string[] }).changed).toEqual(expect.arrayContaining(['fourEyesThreshold', 'processSettings']));

    await page.goto(`${stack.baseUrl}/personale/admin/puljer/${round.id}?lang=en`);
    expect(await page.locator('h1').textContent()).toMatch(/^Edit the funding round/);
    expect(await page.locator('[id="f-processSettings-repaymentReminders"]').inputValue()).toBe('1 week before the deadline, 2 weeks after the deadline');
    await page.goto(`${stack.baseUrl}/personale/admin/puljer/${round.id}?lang=nb`);
    expect(await page.locator('h1').textContent()).toMatch(/^Endre pulje/);
    expect(await page.locator('[id="f-processSettings-answerReminders"]').inputValue()).toBe('7 dager, 12 dager');
    // Saved in Norwegian words, the durations stay what they were.
    await submit(`/personale/admin/puljer/${round.id}`);
    expect((await stack.db.fundingRound.findUniqueOrThrow({ where: { id: round.id } })).processSettings).toMatchObject({ answerReminders: ['P7D', 'P12D'], reconsiderationPeriod: 'P3W', repaymentReminders: ['-P1W', 'P2W'] });
    await page.goto(`${stack.baseUrl}/personale/admin/puljer?lang=da`);
  }, 300_000);

  it('creates a grant scheme with its texts and legal frame, with errors on the fields, and a round in it', async () => {
    await page.goto(`${stack.baseUrl}/personale/admin/ordninger`);
    expect(await page.locator('main table').textContent()).toContain('serviceloven § 18');
    await check('schemes');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main a[href="/personale/admin/ordninger/ny"]').click()]);

    const slug = `kultur-${crypto.randomUUID().slice(0, 8)}`;
    await page.locator('#f-slug').fill(slug);
    await page.locator('[id="f-name-da"]').fill('Kultur- og aktivitetspuljen');
    await page.locator('[id="f-name-nb"]').fill('Kultur- og aktivitetspuljen');
    await page.locator('[id="f-description-da"]').fill('Tilskud til kultur- og fritidsaktiviteter for alle kommunens borgere.');
    await page.locator('[id="f-description-nb"]').fill('Tilskudd til kultur- og fritidsaktiviteter for alle innbyggerne i kommunen.');
    await page.locator('[id="f-description-en"]').fill('Grants for culture and leisure activities open to everyone in the municipality.');
    await page.locator('[id="f-legalFrame-guidelines-name"]').fill('Retningslinjer for Kultur- og aktivitetspuljen');
    await page.locator('[id="f-legalFrame-guidelines-adoptedOn"]').fill('2026-02-05');
    await page.locator('[id="f-legalFrame-guidelines-adoptedBy"]').fill('Kultur- og Fritidsudvalget');
    await page.locator('[id="f-legalFrame-decisionMaker-body"]').fill('Kultur- og Fritidsudvalget');
    // No English name and no legal basis: each refused on its field, nothing stored.
    await submit('/personale/admin/ordninger/ny');
    expect(await page.title()).toMatch(/^Fejl: /);
    const links = await page.locator('#error-summary a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(links).toEqual(expect.arrayContaining(['#f-name-en', '#f-legalFrame-legalBasis']));
    expect(await stack.db.scheme.count({ where: { slug } })).toBe(0);
    await check('scheme-new-errors');

    await page.locator('[id="f-name-en"]').fill('Culture and activity pool');
    await page.locator('[id="f-legalFrame-legalBasis"]').fill('kommunalfuldmagtsreglerne (de uskrevne regler om kommunens opgaver)');
    await page.locator('[id="f-decisionCriteria-0-code"]').fill('open_to_all');
    await page.locator('[id="f-decisionCriteria-0-label-da"]').fill('Aktiviteten er ikke åben for alle borgere i kommunen.');
    await page.locator('[id="f-decisionCriteria-0-label-nb"]').fill('Aktiviteten er ikke åpen for alle innbyggerne i kommunen.');
    await page.locator('[id="f-decisionCriteria-0-label-en"]').fill('The activity is not open to everyone in the municipality.');
    await submit('/personale/admin/ordninger/ny');
    expect(await page.locator('.alert-success').textContent()).toMatch(/oprettet/);
    const scheme = await stack.db.scheme.findUniqueOrThrow({ where: { slug } });
    expect(scheme.legalFrame).toMatchObject({ legalBasis: 'kommunalfuldmagtsreglerne (de uskrevne regler om kommunens opgaver)', decisionMaker: { kind: 'delegation', body: 'Kultur- og Fritidsudvalget' } });
    await check('scheme-edit');

    // A round in the scheme: the link preselects it; the round's frame comes from the scheme.
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(`main a[href="/personale/admin/puljer/ny?ordning=${slug}"]`).click()]);
    expect(await page.locator('#f-scheme').inputValue()).toBe(slug);
    const roundSlug = `kulturpulje-${crypto.randomUUID().slice(0, 8)}`;
    await page.locator('#f-name').fill('Kultur- og aktivitetspuljen 2027');
    await page.locator('#f-slug').fill(roundSlug);
    await page.locator('#f-budget').fill('400000');
    await page.locator('#f-maxAmount').fill('30000');
    await page.locator('#f-opensAt').fill('2027-01-01');
    await submit('/personale/admin/puljer/ny');
    expect(await page.locator('.alert-success').textContent()).toMatch(/oprettet/);
    const round = await stack.db.fundingRound.findUniqueOrThrow({ where: { slug: roundSlug } });
    expect(round.schemeId).toBe(scheme.id);
    // The round's criteria and tiers, left empty on its form, are the scheme's.
    expect(round.decisionCriteria).toEqual(scheme.decisionCriteria);
    expect((round.decisionCriteria as { code: string }[]).map((criterion) => criterion.code)).toEqual(['open_to_all']);
    expect(round.reportingTiers).toEqual(scheme.reportingTiers);
    expect(round.legalFrame).toMatchObject({ legalBasis: 'kommunalfuldmagtsreglerne (de uskrevne regler om kommunens opgaver)', guidelines: { name: 'Retningslinjer for Kultur- og aktivitetspuljen' } });
    expect(await page.locator('#f-legalFrame-legalBasis').inputValue()).toBe('kommunalfuldmagtsreglerne (de uskrevne regler om kommunens opgaver)');
  }, 300_000);

  it('lists who viewed an association’s applications, and logs the search itself', async () => {
    const round = await createOpenRound(stack.db);
    const application = await insertApplication(stack.db, round.id);
    const caseworker = await signedInStaff(stack, ['caseworker'], 'Karin Sagsbehandler');
    expect((await getJson(`${stack.baseUrl}/api/v1/applications/${application.id}`, caseworker.headers)).status).toBe(200);

    await page.goto(`${stack.baseUrl}/personale/admin/adgangslog`);
    await check('access-log');
    await page.locator('#f-cvr').fill('12345678');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main form button[type="submit"]').click()]);
    expect(await page.title()).toMatch(/^Fejl: /);
    await check('access-log-error');

    await page.goto(`${stack.baseUrl}/personale/admin/adgangslog?cvr=13748136`);
    const rows = await page.locator('table').last().locator('tbody tr').allTextContents();
    expect(rows.some((row) => row.includes(caseworker.email) && row.includes('Hentede sagen'))).toBe(true);
    await check('access-log-result');
    const adminId = (await stack.db.staffUser.findUniqueOrThrow({ where: { email: admin.email } })).id;
    expect(await stack.db.staffAccessLog.count({ where: { staffUserId: adminId, applicationId: application.id, purpose: 'access_log_search' } })).toBe(1);

    // The same through the JSON API: the earlier search shows, by the contact person's email.
    const byEmail = await getJson(`${stack.baseUrl}/api/v1/admin/access-log?email=INGE@faellesbord.dk`, admin.headers);
    expect(byEmail.status).toBe(200);
    // Other test files' staff may open this application too (the database is shared): this test's two count.
    const ours = new Set([admin.email, caseworker.email]);
    const mine = byEmail.body.entries.filter((entry: { application: { id: string }; staffEmail: string }) => entry.application.id === application.id && ours.has(entry.staffEmail));
    expect(mine.map((entry: { purpose: string; staffEmail: string }) => `${entry.staffEmail} ${entry.purpose}`)).toEqual([`${admin.email} access_log_search`, `${caseworker.email} case_api`]);
    expect((await getJson(`${stack.baseUrl}/api/v1/admin/access-log?cvr=13748136&email=a@b.dk`, admin.headers)).status).toBe(400);
  }, 300_000);

  it('lists what staff did in an association’s applications, and logs the search itself', async () => {
    const round = await createOpenRound(stack.db);
    const application = await insertApplication(stack.db, round.id);
    const caseworker = await signedInStaff(stack, ['caseworker'], 'Kim Sagsbehandler');
    const upload = new FormData();
    upload.append('kind', 'answer');
    upload.append('files', new Blob([new Uint8Array(await samplePdf())], { type: 'application/pdf' }), 'budget.pdf');
    const uploaded = await fetch(`${stack.baseUrl}/api/v1/applications/${application.id}/documents`, { method: 'POST', headers: caseworker.headers, body: upload });
    expect(uploaded.status).toBe(201);

    await page.goto(`${stack.baseUrl}/personale/admin`);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main a[href="/personale/admin/revisionslog"]').click()]);
    expect(await page.locator('h1').textContent()).toBe('Revisionslog');
    await page.locator('#f-email').fill('ikke-en-adresse');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main form button[type="submit"]').click()]);
    expect(await page.title()).toMatch(/^Fejl: /);

    await page.locator('#f-email').fill('');
    await page.locator('#f-cvr').fill('13748136');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main form button[type="submit"]').click()]);
    const rows = await page.locator('table').last().locator('tbody tr').allTextContents();
    expect(rows.some((row) => row.includes(caseworker.email) && row.includes('Lagde et dokument på sagen'))).toBe(true);
    await check('audit-log-result');
    const adminId = (await stack.db.staffUser.findUniqueOrThrow({ where: { email: admin.email } })).id;
    expect(await stack.db.staffAccessLog.count({ where: { staffUserId: adminId, applicationId: application.id, purpose: 'audit_log_search' } })).toBe(1);
    expect(await stack.db.staffAuditLog.count({ where: { staffUserId: adminId, action: 'audit_log.search' } })).toBeGreaterThanOrEqual(1);
  }, 300_000);

  it('shows the emails the outbox set aside, and resolves one as delivered', async () => {
    const key = crypto.randomUUID();
    const email = (kind: string, subject: string) => ({ messageKey: `admin-page:${key}:${kind}`, kind: 'receipt', recipient: 'kasserer@faellesbord.dk', subject, text: 'Tak', html: '<p>Tak</p>' });
    const uncertain = await stack.db.outboxEmail.create({
      data: { ...email('uncertain', 'Vi har modtaget jeres ansøgning (usikker)'), status: 'uncertain', attempts: 1, createdAt: new Date(Date.now() - 120_000), claimedBy: 'mailer-7f9c:4242:1a2b3c4d', claimedAt: new Date(Date.now() - 90_000) },
    });
    await stack.db.outboxEmail.create({ data: { ...email('dead', 'Afgørelse på jeres ansøgning (opgivet)'), status: 'dead', attempts: 15, lastError: 'Can\'t send mail - all recipients were rejected: 550 5.1.1 No such mailbox' } });

    await page.goto(`${stack.baseUrl}/personale/admin`);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main a[href="/personale/admin/udbakke"]').click()]);
    expect(await page.locator('h1').textContent()).toBe('Usikre og opgivne e-mails');
    const card = page.locator(`article[aria-labelledby="email-${uncertain.id}"]`);
    expect(await card.textContent()).toContain(`<${uncertain.id}@grantflow>`);
    await check('outbox');
    await page.setViewportSize({ width: 390, height: 844 });
    await check('outbox-narrow');
    await page.setViewportSize({ width: 1280, height: 900 });

    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), card.locator('button', { hasText: 'Er leveret' }).click()]);
    expect(await page.locator('main [role="status"]').textContent()).toContain('markeret som leveret');
    expect(await page.locator(`article[aria-labelledby="email-${uncertain.id}"]`).count()).toBe(0);
    expect(await stack.db.outboxEmail.findUniqueOrThrow({ where: { id: uncertain.id } })).toMatchObject({ status: 'sent' });
    await check('outbox-resolved');
  }, 300_000);

  it('manages staff accounts through the JSON API', async () => {
    const email = `api-${crypto.randomUUID().slice(0, 8)}@eksempel.dk`;
    const invalid = await postJson(`${stack.baseUrl}/api/v1/admin/staff?lang=en`, { email: 'nope', name: '', roles: [], password: 'short' }, admin.headers);
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['email', 'name', 'password', 'roles']);
    const created = await postJson(`${stack.baseUrl}/api/v1/admin/staff`, { email, name: 'API Godkender', roles: ['approver'], password: 'en-lang-adgangskode' }, admin.headers);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, roles: ['approver'], active: true, openSessions: 0 });
    expect(created.body.passwordHash).toBeUndefined();
    expect((await postJson(`${stack.baseUrl}/api/v1/admin/staff`, { email, name: 'Igen', roles: ['approver'], password: 'en-lang-adgangskode' }, admin.headers)).status).toBe(409);
    const list = await getJson(`${stack.baseUrl}/api/v1/admin/staff`, admin.headers);
    expect(list.body.staff.some((account: { email: string }) => account.email === email)).toBe(true);

    const self = await stack.db.staffUser.findUniqueOrThrow({ where: { email: admin.email } });
    const selfDeactivation = await postJson(`${stack.baseUrl}/api/v1/admin/staff/${self.id}/deactivation`, {}, admin.headers);
    expect(selfDeactivation.status).toBe(409);
    const deactivated = await postJson(`${stack.baseUrl}/api/v1/admin/staff/${created.body.id}/deactivation`, {}, admin.headers);
    expect(deactivated.body.active).toBe(false);
    const reactivated = await fetch(`${stack.baseUrl}/api/v1/admin/staff/${created.body.id}/deactivation`, { method: 'DELETE', headers: admin.headers });
    expect(((await reactivated.json()) as { active: boolean }).active).toBe(true);
    const password = await fetch(`${stack.baseUrl}/api/v1/admin/staff/${created.body.id}/password`, {
      method: 'PUT',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'en-anden-lang-adgangskode' }),
    });
    expect(password.status).toBe(200);
    expect((await postJson(`${stack.baseUrl}/api/v1/auth/login`, { email, password: 'en-anden-lang-adgangskode' })).status).toBe(200);
    const actions = await stack.db.staffAuditLog.findMany({ where: { details: { path: ['staffUserId'], equals: created.body.id } }, orderBy: { id: 'asc' } });
    expect(actions.map((row) => row.action)).toEqual(['staff.create', 'staff.deactivate', 'staff.reactivate', 'staff.password']);
    expect(JSON.stringify(actions.map((row) => row.details))).not.toContain('en-anden-lang-adgangskode');
  });
});
