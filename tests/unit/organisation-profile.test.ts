import { zodErrorMap } from '../../locale';
import { addressParts, prefillAnswers, profileFormInput, profileFromApplication, profileSchema, registerRefreshDue, type StoredProfile } from '../../domain/organisation-profile';

const profile: StoredProfile = {
  name: 'Foreningen Fælles Bord',
  street: 'Kirkestræde 4',
  postcode: '9991',
  city: 'Eksempelby',
  email: 'kasserer@faellesbord.dk',
  phone: null,
  contactName: 'Inge Hansen',
  contactEmail: 'inge@faellesbord.dk',
  contactPhone: '+45 55 66 77 88',
  bankAccount: null,
};

const lastSubmission = {
  roundId: 'r',
  organization: { cvr: '13748136', name: 'Gammelt Navn', email: 'gammel@faellesbord.dk', phone: '+45 11 22 33 44', address: 'Gammel Vej 2, 9991 Eksempelby' },
  contact: { name: 'Bo Berg', email: 'bo@faellesbord.dk' },
  project: { title: 'Fællesspisning', purpose: 'Samvær', startDate: '2026-03-01', endDate: '2026-06-30', volunteers: 8 },
  budget: { lines: [{ category: 'food', description: 'Mad', amount: 5000 }] },
  amountRequested: 5000,
};

describe('the profile form', () => {
  const parse = (body: Record<string, string>, jurisdiction: 'DK' | 'NO' = 'DK') => profileSchema(jurisdiction).safeParse(profileFormInput(body, jurisdiction), { error: zodErrorMap('da') });
  const valid = { name: 'Forening', street: 'Vej 1', postcode: '9991', city: 'By', email: ' Kasse@Forening.DK ', contactName: 'Inge', contactEmail: 'inge@forening.dk', phone: '' };

  it('takes a whole profile, the email lower-cased and an empty phone as none', () => {
    const parsed = parse(valid);
    expect(parsed.success && parsed.data).toEqual({ name: 'Forening', street: 'Vej 1', postcode: '9991', city: 'By', email: 'kasse@forening.dk', contactName: 'Inge', contactEmail: 'inge@forening.dk' });
  });

  it('names each bad field (the postcode by its own message)', () => {
    const parsed = parse({ ...valid, name: '  ', postcode: '99', contactPhone: 'ring' });
    expect(parsed.success).toBe(false);
    const messages = Object.fromEntries(parsed.error!.issues.map((issue) => [issue.path.join('.'), issue.message]));
    expect(Object.keys(messages).sort()).toEqual(['contactPhone', 'name', 'postcode']);
    expect(messages.postcode).toBe('i18n:profile.errors.postcode');
  });

  it('asks for the kontonummer in Norway (modulus 11) and for no account in Denmark', () => {
    expect(parse({ ...valid, bankAccount: '1234.56.78903' }, 'DK').success && parse({ ...valid, bankAccount: 'x' }, 'DK').success).toBe(true);
    const missing = parse(valid, 'NO');
    expect(missing.success ? [] : missing.error.issues.map((issue) => issue.path.join('.'))).toEqual(['bankAccount']);
    const wrongCheckDigit = parse({ ...valid, bankAccount: '1234.56.78904' }, 'NO');
    expect(wrongCheckDigit.success).toBe(false);
    const good = parse({ ...valid, bankAccount: '1234.56.78903' }, 'NO');
    expect(good.success && good.data.bankAccount).toBe('12345678903');
  });
});

describe('a new application filled in from the profile and the last application', () => {
  it('takes the association and the contact from the profile, never the project, budget or dates', () => {
    const prefill = prefillAnswers('13748136', profile, { id: 'a1', submission: lastSubmission, payoutAccount: null }, 'DK');
    expect(prefill.answers).toEqual({
      applicant: { kind: 'association' },
      organization: { cvr: '13748136', name: 'Foreningen Fælles Bord', email: 'kasserer@faellesbord.dk', phone: '+45 11 22 33 44', address: 'Kirkestræde 4, 9991 Eksempelby' },
      contact: { name: 'Inge Hansen', email: 'inge@faellesbord.dk', phone: '+45 55 66 77 88' },
    });
    // The phone came from the last application, so it is named as a source.
    expect(prefill.prefilledFrom).toEqual({ profile: true, applicationId: 'a1' });
  });

  it('names only the profile when the last application added nothing', () => {
    const prefill = prefillAnswers('13748136', { ...profile, phone: '+45 99 99 99 99' }, { id: 'a1', submission: lastSubmission, payoutAccount: null }, 'DK');
    expect(prefill.prefilledFrom).toEqual({ profile: true });
  });

  it('takes the payout account in Norway: the profile\'s, else the last application\'s', () => {
    expect(prefillAnswers('974760673', profile, { id: 'a1', submission: lastSubmission, payoutAccount: '12345678903' }, 'NO').answers.organization).toMatchObject({ bankAccount: '12345678903' });
    expect(prefillAnswers('974760673', { ...profile, bankAccount: '86011117947' }, { id: 'a1', submission: lastSubmission, payoutAccount: '12345678903' }, 'NO').answers.organization).toMatchObject({ bankAccount: '86011117947' });
    expect(prefillAnswers('13748136', profile, { id: 'a1', submission: lastSubmission, payoutAccount: null }, 'DK').answers.organization).not.toHaveProperty('bankAccount');
  });

  it('without a profile, from the last application alone', () => {
    const prefill = prefillAnswers('13748136', null, { id: 'a1', submission: lastSubmission, payoutAccount: null }, 'DK');
    expect(prefill.answers.organization).toEqual({ cvr: '13748136', name: 'Gammelt Navn', email: 'gammel@faellesbord.dk', phone: '+45 11 22 33 44', address: 'Gammel Vej 2, 9991 Eksempelby' });
    expect(prefill.prefilledFrom).toEqual({ profile: false, applicationId: 'a1' });
  });
});

describe('the profile\'s first values and the register', () => {
  it('splits the last application\'s address line into its parts', () => {
    expect(addressParts('Torvegade 7, 1. th, 9991 Eksempelby')).toEqual({ street: 'Torvegade 7, 1. th', postcode: '9991', city: 'Eksempelby' });
    expect(addressParts('Postboks 12')).toEqual({ street: 'Postboks 12', postcode: '', city: '' });
    expect(profileFromApplication('Fra registret', { id: 'a1', submission: lastSubmission, payoutAccount: null })).toMatchObject({ name: 'Gammelt Navn', street: 'Gammel Vej 2', postcode: '9991', city: 'Eksempelby', contactName: 'Bo Berg', contactPhone: null });
    expect(profileFromApplication('Forening 1', null)).toMatchObject({ name: 'Forening 1', street: '', contactEmail: '' });
  });

  it('asks the register on opening at most once a day', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    expect(registerRefreshDue(null, now)).toBe(true);
    expect(registerRefreshDue(new Date('2026-12-04T00:00:01Z'), now)).toBe(false);
    expect(registerRefreshDue(new Date('2026-12-03T12:00:00Z'), now)).toBe(true);
  });
});
