import { z } from 'zod';
import { messageKey } from './message-key';
import { isValidKontonummer, normalizeKontonummer } from '../lib/bank-account';

/**
 * The association's Norwegian bank account (kontonummer), where the grant is paid: eleven digits
 * with the modulus-11 check digit, written with or without the usual dots and spaces; the eleven
 * digits are stored. The application form, the drafts API, POST /applications and the
 * caseworker's correction share it.
 */
export const bankAccountSchema = z
  .string()
  .meta({
    description:
      'The organisation\'s Norwegian bank account number (kontonummer), where the grant is paid: 11 digits passing the modulus-11 check ' +
      '(weights 5,4,3,2,7,6,5,4,3,2), written "1234.56.78903", "1234 56 78903" or "12345678903"; stored and returned as the 11 digits. ' +
      'Asked for only with JURISDICTION=NO: a Danish deployment pays to the NemKonto of the CVR number.',
    examples: ['1234.56.78903'],
  })
  .transform(normalizeKontonummer)
  .pipe(
    z
      .string()
      .regex(/^\d{11}$/, { message: messageKey('errors.bankAccount.format'), abort: true })
      .refine(isValidKontonummer, { message: messageKey('errors.bankAccount.checkDigit') }),
  );

/** The caseworker's correction of the account on the case page and in the API. */
export const bankAccountCorrectionSchema = z.object({ bankAccount: bankAccountSchema });
