import { formatKontonummer, isValidKontonummer, kontonummerCheckDigit, maskKontonummer, maskKontonummerUnbroken, normalizeKontonummer } from '../../lib/bank-account';
import { applicationInputSchema } from '../../domain/application-input';
import { stepSchemas } from '../../domain/draft-steps';
import { jurisdictionRules } from '../../domain/jurisdiction';

// Real-shaped account numbers, each check digit worked out by hand below.
const VALID = [
  ['12345678903', 'the textbook example'],
  ['86011117947', 'a DNB-shaped number'],
  ['15030000002', 'register number 1503'],
  ['16020000000', 'check digit 0 (the sum is divisible by 11)'],
];

describe('Norwegian kontonummer (modulus 11, weights 5,4,3,2,7,6,5,4,3,2)', () => {
  it.each(VALID)('accepts %s (%s)', (number) => expect(isValidKontonummer(number)).toBe(true));

  it('computes the check digit: 11 − (sum mod 11), 11 becomes 0', () => {
    // 1·5 + 2·4 + 3·3 + 4·2 + 5·7 + 6·6 + 7·5 + 8·4 + 9·3 + 0·2 = 195; 195 mod 11 = 8; 11 − 8 = 3.
    expect(kontonummerCheckDigit('1234567890')).toBe(3);
    // 8·5 + 6·4 + 0·3 + 1·2 + 1·7 + 1·6 + 1·5 + 7·4 + 9·3 + 4·2 = 147; 147 mod 11 = 4; 11 − 4 = 7.
    expect(kontonummerCheckDigit('8601111794')).toBe(7);
    // 1·5 + 6·4 + 0·3 + 2·2 = 33 = 3·11: 11 − 0 = 11, written 0.
    expect(kontonummerCheckDigit('1602000000')).toBe(0);
  });

  it('issues no account where the remainder leaves 10: every eleventh digit is refused', () => {
    // 1·5 + 5·4 + 0·3 + 6·2 + 0·7 + 5·6 = 67; 67 mod 11 = 1; 11 − 1 = 10: no check digit.
    expect(kontonummerCheckDigit('1506050000')).toBeNull();
    for (let digit = 0; digit <= 9; digit++) expect(isValidKontonummer(`1506050000${digit}`)).toBe(false);
  });

  it.each([
    ['12345678904', 'wrong check digit'],
    ['12345678900', 'check digit 0 where 3 is right'],
    ['86011117946', 'wrong check digit'],
    ['16020000001', 'check digit 1 where 0 is right'],
    ['1234567890', 'ten digits'],
    ['123456789030', 'twelve digits'],
    ['1234567890a', 'a letter'],
    ['', 'empty'],
  ])('refuses %s (%s)', (number) => expect(isValidKontonummer(number)).toBe(false));

  it('reads the written forms and stores the digits', () => {
    expect(normalizeKontonummer('1234.56.78903')).toBe('12345678903');
    expect(normalizeKontonummer(' 1234 56 78903 ')).toBe('12345678903');
    expect(normalizeKontonummer('1234-56-78903')).toBe('12345678903');
  });

  it('writes the number as banks print it, and masks all but the last five digits', () => {
    expect(formatKontonummer('12345678903')).toBe('1234.56.78903');
    expect(maskKontonummer('12345678903')).toBe('•••• •• 78903');
    expect(maskKontonummer('12345678903')).not.toContain('123456');
    expect(maskKontonummerUnbroken('12345678903')).toBe('••••\u00a0••\u00a078903');
  });
});

describe('the account in the application schema', () => {
  const norwegian = applicationInputSchema('NO').shape.organization;
  const danish = applicationInputSchema('DK').shape.organization;
  const base = { name: 'Bodø Frivilligsentral', email: 'post@example.no' };

  it('a Norwegian deployment collects the account, and stores its digits', () => {
    expect(jurisdictionRules('NO').payout.collectsAccount).toBe(true);
    const parsed = norwegian.parse({ ...base, cvr: '974760673', bankAccount: '1234.56.78903' });
    expect(parsed).toMatchObject({ bankAccount: '12345678903' });
  });

  it('a wrong check digit is a field-level error on organization.bankAccount', () => {
    const result = stepSchemas('NO').organization.safeParse({ organization: { ...base, cvr: '974760673', bankAccount: '1234.56.78904' } });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['organization.bankAccount', 'i18n:errors.bankAccount.checkDigit']]);
  });

  it('a missing or malformed account is refused in Norway', () => {
    expect(norwegian.safeParse({ ...base, cvr: '974760673' }).success).toBe(false);
    const short = norwegian.safeParse({ ...base, cvr: '974760673', bankAccount: '1234 56 7890' });
    expect(short.error!.issues.map((issue) => issue.message)).toEqual(['i18n:errors.bankAccount.format']);
  });

  it('a Danish deployment pays to the NemKonto: it neither asks for nor keeps an account', () => {
    expect(jurisdictionRules('DK').payout.collectsAccount).toBe(false);
    const parsed = danish.parse({ ...base, cvr: '13748136', bankAccount: '12345678903' });
    expect(parsed).not.toHaveProperty('bankAccount');
  });
});
