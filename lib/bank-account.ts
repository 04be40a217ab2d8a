import { modulus11CheckDigit } from './modulus-11';

const KONTONUMMER_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/**
 * The check digit of a Norwegian bank account number (kontonummer) from its first ten digits
 * (the banks' modulus-11 rule): weights 5, 4, 3, 2, 7, 6, 5, 4, 3, 2; the check digit is
 * 11 − (sum mod 11), where 11 becomes 0 and 10 means no account is issued with these digits (null).
 */
export function kontonummerCheckDigit(firstTen: string): number | null {
  return modulus11CheckDigit(firstTen, KONTONUMMER_WEIGHTS);
}

/**
 * A Norwegian kontonummer: eleven digits (bank's register number, account group, account number),
 * the last a modulus-11 check digit. Passing proves the syntax only, not that the account exists.
 */
export function isValidKontonummer(value: string): boolean {
  if (!/^\d{11}$/.test(value)) return false;
  return kontonummerCheckDigit(value.slice(0, 10)) === Number(value[10]);
}

/** Accepts the forms people write ("1234.56.78903", "1234 56 78903") and returns the digits. */
export function normalizeKontonummer(value: string): string {
  return value.replace(/[\s.-]/g, '');
}

/** "1234.56.78903": the written form banks print. Anything not eleven digits is returned as it is. */
export function formatKontonummer(value: string): string {
  return /^\d{11}$/.test(value) ? `${value.slice(0, 4)}.${value.slice(4, 6)}.${value.slice(6)}` : value;
}

/**
 * The account as pages, letters and emails show it: only the last five digits, so the number can
 * be recognised but not copied ("•••• •• 78903"). Only the finance file carries it in full.
 */
export function maskKontonummer(value: string): string {
  const digits = normalizeKontonummer(value);
  return `•••• •• ${digits.slice(-5)}`;
}

/** The masked account as a page shows it: kept on one line (no-break spaces), never split after the dots. */
export function maskKontonummerUnbroken(value: string): string {
  return maskKontonummer(value).replace(/ /g, '\u00a0');
}
