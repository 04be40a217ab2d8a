import { renderEmail, type EmailCommon, type EmailData, type EmailKind } from '../../documents/email';
import { escapeHtml } from '../../lib/html';
import type { Language } from '../../lib/languages';

const HOSTILE = '<script>alert("x")</script>';

const common: EmailCommon = {
  municipalityName: 'Vordingborg Kommune',
  organizationName: `Nabohjælp & Venner ${HOSTILE}`,
  contactName: `Birthe Hansen ${HOSTILE}`,
  reference: 'GF-2026-00042',
  caseUrl: 'https://grantflow.example/ansoegning/3f2a?token=abc123&lang=da',
  contact: { name: `Lise Frandsen ${HOSTILE}`, phone: '55 36 10 10', email: 'puljer@vordingborg.dk' },
  glossaryUrl: 'https://grantflow.example/ordliste',
};

const repayment = { proposedOre: 50_000n, claimedOre: 30_000n, account: '9999 0001234567', dueAt: new Date('2027-07-14T21:59:00Z') };

const acceptance = {
  amountGrantedOre: 1_200_000n,
  acceptBy: new Date('2027-01-31T22:59:59.999Z'),
  signatories: ['Bodil Jensen', `Karim Nielsen ${HOSTILE}`],
  signingRule: `Foreningen tegnes af formanden og kassereren i forening. ${HOSTILE}`,
};

// Every kind with every optional field filled, so each sentence that can appear is rendered.
const SAMPLES: { [K in EmailKind]: EmailData[K] } = {
  receipt: { ...common, roundName: `§ 18-puljen 2026 ${HOSTILE}`, submittedAt: new Date('2026-03-02T13:05:00Z'), expectedAnswerBy: new Date('2026-05-01T10:00:00Z') },
  information_request: {
    ...common,
    items: ['Foreningens vedtægter', `Budget for ${HOSTILE}`],
    message: `Hej, vi mangler to ting.\n${HOSTILE}`,
    answerBy: new Date('2026-03-20T22:59:00Z'),
  },
  information_reminder: { ...common, items: ['Foreningens vedtægter'], message: HOSTILE, answerBy: new Date('2026-03-20T22:59:00Z') },
  consultation: {
    ...common,
    facts: [{ text: `CVR-registret viser, at foreningen blev opløst i 2025. ${HOSTILE}`, source: 'register' }, { text: 'Rapporten for 2025 viste 4 deltagere, ikke 40.', source: 'earlier_report' }, { text: 'Aktiviteten foregår i en anden kommune.' }],
    message: `Skriv, hvis oplysningerne er forkerte.\n${HOSTILE}`,
    answerBy: new Date('2026-03-20T22:59:00Z'),
  },
  consultation_reminder: { ...common, facts: [{ text: 'Rapporten for 2025 viste 4 deltagere.', source: 'own_findings' }], message: '', answerBy: new Date('2026-03-20T22:59:00Z') },
  lapsed: common,
  withdrawn: common,
  decision: { ...common, outcome: 'partially_approved', amountGrantedOre: 1_200_000n, payoutDate: new Date('2026-03-16T10:00:00Z') },
  paid: { ...common, amountOre: 1_200_000n, paidOn: new Date('2026-03-16T00:00:00Z') },
  report_reminder: { ...common, dueDate: new Date('2027-04-01T10:00:00Z'), requirement: 'accounts' },
  report_overdue: { ...common, dueDate: new Date('2027-04-01T10:00:00Z'), requirement: 'declaration' },
  report_accepted: { ...common, comment: `Tak, fint regnskab. ${HOSTILE}` },
  report_returned: { ...common, comment: `Bilag 3 mangler. ${HOSTILE}`, dueDate: new Date('2027-05-01T10:00:00Z') },
  report_escalation: {
    ...common,
    caseworkerName: `Mette Sørensen ${HOSTILE}`,
    overdueDays: 14,
    dueDate: new Date('2027-04-01T10:00:00Z'),
    requirement: 'audited_accounts',
    remindersSent: 2,
  },
  back_to_caseworker: { ...common, caseworkerName: `Mette Sørensen ${HOSTILE}`, reason: 'information_received' },
  afvisning: { ...common, roundName: `Sommerpuljen 2026 ${HOSTILE}`, deadline: new Date('2026-06-01T08:00:00Z'), receivedAt: new Date('2026-06-01T10:00:00Z') },
  reconsideration_received: { ...common, requestedAt: new Date('2026-04-02T09:00:00Z') },
  reconsideration_upheld: common,
  reconsideration_forwarded: common,
  appeals_board_decision: { ...common, boardDecidedOn: new Date('2026-05-12T10:00:00Z') },
  repayment_claim: { ...common, ...repayment },
  repayment_waived: { ...common, ...repayment, claimedOre: 0n, dueAt: undefined },
  repayment_carried_over: { ...common, ...repayment, claimedOre: 0n, dueAt: undefined, newPeriodEnd: new Date('2027-12-31T00:00:00Z') },
  repayment_reminder: { ...common, ...repayment },
  repayment_overdue: { ...common, ...repayment },
  repayment_paid: { ...common, ...repayment, paidOn: new Date('2027-07-01T00:00:00Z') },
  grant_declined: { ...common, amountGrantedOre: 1_200_000n, exportedOre: 0n },
  grant_change_decided: { ...common, approved: true, reportDueAt: new Date('2027-09-30T21:59:59Z') },
  acceptance_requested: { ...common, ...acceptance },
  acceptance_reminder: { ...common, ...acceptance },
  grant_lapsed: { ...common, ...acceptance },
};

const KINDS = Object.keys(SAMPLES) as EmailKind[];
const LANGUAGES: Language[] = ['da', 'nb', 'en'];
const CASES = KINDS.flatMap((kind) => LANGUAGES.map((language) => [kind, language] as const));

function render<K extends EmailKind>(kind: K, language: Language, data: EmailData[K] = SAMPLES[kind]) {
  return renderEmail(kind, data, language);
}

describe.each(CASES)('the %s email in %s', (kind, language) => {
  const email = render(kind, language);

  it('has a subject, a plain-text body and an HTML body', () => {
    expect(email.subject.trim().length).toBeGreaterThan(10);
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.text.trim().length).toBeGreaterThan(100);
    expect(email.html.trim().length).toBeGreaterThan(100);
  });

  it('names the case reference and links to the case', () => {
    expect(email.subject).toContain('GF-2026-00042');
    expect(email.text).toContain('GF-2026-00042');
    expect(email.html).toContain('GF-2026-00042');
    expect(email.text).toContain(common.caseUrl);
    expect(email.html).toContain(`href="${escapeHtml(common.caseUrl)}"`);
  });

  it('shows what people typed as text, never as markup', () => {
    expect(email.html).not.toContain('<script');
    expect(email.html).toContain('&lt;script&gt;');
    expect(email.html).toContain('Nabohjælp &amp; Venner');
    // Plain text is not HTML, so it shows the characters as typed rather than entities.
    expect(email.text).not.toContain('&lt;');
  });

  it('leaks no placeholder or missing value', () => {
    for (const part of [email.subject, email.text, email.html]) {
      expect(part).not.toMatch(/\{\w+\}|\$\{|undefined|null|NaN|\[object Object\]/);
    }
  });

  it('is a simple, accessible HTML page in the right language', () => {
    expect(email.html).toMatch(/^<!DOCTYPE html>/);
    expect(email.html).toContain(`<html lang="${language}">`);
    expect(email.html).toContain('<meta charset="utf-8">');
    expect(email.html).not.toMatch(/<img|<table|<script|<style/i);
  });
});

describe('email details', () => {
  it('writes dates in the reader’s language and time zone', () => {
    // 22:59 UTC on 20 March is 23:59 the same evening in Copenhagen and Oslo.
    expect(render('information_request', 'da').text).toContain('senest 20. marts 2026');
    expect(render('information_request', 'nb').text).toContain('innen 20. mars 2026');
    expect(render('information_request', 'en').text).toContain('by 20 March 2026');
    expect(render('receipt', 'da').text).toContain('2. marts 2026 kl. 14.05');
    expect(render('receipt', 'en').text).toContain('2 March 2026 at 14:05');
    // A moment after midnight in Denmark belongs to the next day there.
    const lateEvening = { ...SAMPLES.information_request, answerBy: new Date('2026-03-20T23:30:00Z') };
    expect(render('information_request', 'da', lateEvening).text).toContain('senest 21. marts 2026');
  });

  it('writes amounts as the reader’s language writes money', () => {
    // The amount and its currency are kept together by a non-breaking space.
    const spaced = (text: string) => text.replace(/\u00a0/g, ' ');
    expect(spaced(render('decision', 'da').text)).toContain('I får 12.000 kr. i tilskud');
    expect(spaced(render('decision', 'nb').subject)).toContain('12 000 DKK');
    expect(spaced(render('decision', 'en').html)).toContain('DKK 12,000');
  });

  it('says what the reader must do next in a decision', () => {
    const rejected = render('decision', 'da', { ...SAMPLES.decision, outcome: 'rejected', amountGrantedOre: 0n, payoutDate: undefined });
    expect(rejected.text).toContain('ikke tilskud');
    expect(rejected.text).not.toContain('NemKonto');
    expect(render('decision', 'da').text).toContain('NemKonto den 16. marts 2026');
    // A Norwegian municipality's decision may be appealed within three weeks; a Danish one's, read in bokmål, is reconsidered.
    expect(render('decision', 'nb', { ...SAMPLES.decision, outcome: 'rejected', amountGrantedOre: 0n, law: 'NO' }).text).toContain('klage på vedtaket innen 3 uker');
    expect(render('decision', 'nb', { ...SAMPLES.decision, outcome: 'rejected', amountGrantedOre: 0n }).text).not.toContain('3 uker');
  });

  it('tells a declined grant is not paid, or, already exported, is to be paid back', () => {
    const spaced = (text: string) => text.replace(/\u00a0/g, ' ');
    const declined = render('grant_declined', 'da');
    expect(declined.subject).toBe('I har sagt nej tak til tilskuddet (GF-2026-00042)');
    expect(spaced(declined.text)).toContain('har sagt nej tak til tilskuddet på 12.000 kr. Sagen er nu lukket.');
    expect(spaced(declined.text)).toContain('bliver det heller ikke');
    const exported = render('grant_declined', 'en', { ...SAMPLES.grant_declined, exportedOre: 1_200_000n });
    expect(spaced(exported.text)).toContain('The payout of DKK 12,000 had already been sent');
    expect(exported.text).not.toContain('will not be');
  });

  it('says a grant will be paid until finance confirms it, and that it is paid only then', () => {
    const spaced = (text: string) => text.replace(/\u00a0/g, ' ');
    const decision = spaced(render('decision', 'da').text);
    expect(decision).toContain('Pengene udbetales til foreningens NemKonto den 16. marts 2026');
    expect(decision).not.toContain('udbetalt');
    const paid = render('paid', 'da');
    expect(paid.subject).toBe('Tilskuddet er udbetalt (GF-2026-00042)');
    expect(spaced(paid.text)).toContain('12.000 kr. er betalt til foreningens NemKonto den 16. marts 2026');
    expect(render('paid', 'nb').subject).toBe('Tilskuddet er utbetalt (GF-2026-00042)');
    expect(spaced(render('paid', 'en').text)).toContain('DKK 12,000 was paid into the association’s NemKonto on 16 March 2026');
  });

  it('names the account a Norwegian organisation gave, masked, instead of the NemKonto, and explains that term', () => {
    const spaced = (text: string) => text.replace(/\u00a0/g, ' ');
    const account = '•••• •• 78903';
    const decision = render('decision', 'nb', { ...SAMPLES.decision, payoutAccount: account });
    expect(spaced(decision.text)).toContain('Pengene betales ut 16. mars 2026 til kontonummer •••• •• 78903, som organisasjonen har oppgitt.');
    expect(decision.html).toContain('/ordliste#kontonummer');
    expect(decision.html).not.toContain('/ordliste#nemkonto');
    const paid = render('paid', 'nb', { ...SAMPLES.paid, payoutAccount: account });
    expect(spaced(paid.text)).toContain('er betalt til kontonummer •••• •• 78903 16. mars 2026');
    expect(paid.text).not.toContain('NemKonto');
    expect(render('paid', 'da').html).toContain('/ordliste#nemkonto');
  });

  it('asks the signatory to accept by the deadline, naming who may sign, and says when the grant lapsed', () => {
    const spaced = (text: string) => text.replace(/\u00a0/g, ' ');
    const requested = render('acceptance_requested', 'da');
    expect(requested.subject).toBe(`Accepter tilskuddet til Nabohjælp & Venner ${HOSTILE} (GF-2026-00042)`);
    expect(spaced(requested.text)).toContain('har fået et tilskud på 12.000 kr.');
    expect(spaced(requested.text)).toContain('Accepter senest 31. januar 2027.');
    expect(requested.text).toContain('Derfor kan Bodil Jensen, Karim Nielsen');
    expect(requested.text).toContain('giv linket videre til en af dem, der må.');
    const named = render('acceptance_requested', 'en', { ...SAMPLES.acceptance_requested, signingRule: undefined, signatories: ['Inge Hansen'] });
    expect(named.text).toContain('Your association named Inge Hansen as the person who signs.');
    expect(named.text).toContain('The link is personal.');
    expect(render('acceptance_reminder', 'nb').subject).toBe('Påminnelse: godta tilskuddet (GF-2026-00042)');
    const lapsed = spaced(render('grant_lapsed', 'da').text);
    expect(lapsed).toContain('blev ikke accepteret senest 31. januar 2027. Derfor er det bortfaldet og bliver ikke udbetalt.');
    const decision = spaced(render('decision', 'da', { ...SAMPLES.decision, acceptBy: new Date('2027-01-31T22:59:59.999Z') }).text);
    expect(decision).toContain('når en, der må skrive under for foreningen, har accepteret betingelserne, senest 31. januar 2027');
    expect(decision).not.toContain('den 16. marts 2026');
  });

  it('lists the missing items and keeps the caseworker’s line breaks', () => {
    const email = render('information_request', 'da');
    expect(email.text).toContain('- Foreningens vedtægter');
    expect(email.html).toContain('<li>Foreningens vedtægter</li>');
    expect(email.html).toContain('Hej, vi mangler to ting.<br>');
  });

  it('leaves out what was not given', () => {
    const { expectedAnswerBy: _ignored, ...withoutExpectedAnswer } = SAMPLES.receipt;
    expect(render('receipt', 'da', withoutExpectedAnswer).text).toContain('så snart vi har behandlet');
    const noMessage = render('information_request', 'da', { ...SAMPLES.information_request, message: '  ' });
    expect(noMessage.text).not.toContain('Besked fra sagsbehandleren');
    const noComment = render('report_accepted', 'en', { ...common });
    expect(noComment.text).not.toContain('Comment from your caseworker');
  });

  it('tells the caseworker the case is hers again, for each reason it came back', () => {
    for (const reason of ['information_received', 'consultation_answered', 'consultation_deadline_passed'] as const) {
      const email = render('back_to_caseworker', 'da', { ...SAMPLES.back_to_caseworker, reason });
      expect(email.text).toContain('Hej Mette Sørensen');
      expect(email.text).toContain('Mine sager');
    }
    expect(render('back_to_caseworker', 'da').subject).toBe(`Nabohjælp & Venner ${HOSTILE} har svaret på din anmodning (GF-2026-00042)`);
    expect(render('back_to_caseworker', 'da', { ...SAMPLES.back_to_caseworker, reason: 'consultation_deadline_passed' }).subject).toContain('Fristen i partshøringen er udløbet');
    expect(render('back_to_caseworker', 'en').text).toContain('My cases');
  });

  it('addresses the escalation to the caseworker, not the association', () => {
    const email = render('report_escalation', 'da');
    expect(email.text.startsWith('Hej Mette Sørensen')).toBe(true);
    expect(email.text).toContain('14 dage over fristen');
    expect(render('report_escalation', 'en', { ...SAMPLES.report_escalation, overdueDays: 1 }).subject).toContain('1 day overdue');
  });

  it('refuses a case link that is not a web address', () => {
    expect(() => render('lapsed', 'da', { ...common, caseUrl: 'javascript:alert(1)' })).toThrow(/http/);
    expect(() => render('lapsed', 'da', { ...common, caseUrl: '/relative/path' })).toThrow(/absolute/);
  });
});

describe('the glossary links of an email', () => {
  it('link the terms the email uses to the glossary, marked as Danish in another language', () => {
    const danish = render('decision', 'da', { ...SAMPLES.decision, outcome: 'rejected', amountGrantedOre: 0n });
    expect(danish.text).toContain('Ordforklaringer:\n- begrundelse: https://grantflow.example/ordliste#begrundelse\n- klagevejledning: https://grantflow.example/ordliste#klagevejledning');
    expect(danish.html).toContain('<a href="https://grantflow.example/ordliste#begrundelse">begrundelse</a>');
    const english = render('afvisning', 'en');
    expect(english.html).toContain('<a href="https://grantflow.example/ordliste#afvisning" lang="da">afvisning</a>');
    expect(english.text).toContain('Words explained:');
    expect(render('receipt', 'da').text).not.toContain('Ordforklaringer');
  });

  it('end with the round’s contact person', () => {
    for (const kind of KINDS) expect(render(kind, 'da').text).toContain('Spørgsmål? Kontakt Lise Frandsen');
  });
});

describe('the repayment emails', () => {
  it('the report accepted with money unspent says a claim is coming, not that the case is over', () => {
    const email = render('report_accepted', 'da', { ...common, repaymentProposedOre: 50_000n });
    expect(email.text).toContain('I har ikke brugt 500 kr. af tilskuddet');
    expect(email.text).toContain('Sagen er ikke afsluttet endnu');
    expect(email.text).not.toContain('I skal ikke gøre mere');
    expect(render('report_accepted', 'da').text).toContain('I skal ikke gøre mere');
  });

  it('a claim names the amount, the deadline and the account', () => {
    const email = render('repayment_claim', 'da');
    expect(email.subject).toContain('300 kr.');
    expect(email.text).toContain('Betal senest 14. juli 2027 til reg.nr. 9999, kontonr. 0001234567. Skriv sagsnummeret GF-2026-00042 i beskeden til modtageren.');
  });
});
