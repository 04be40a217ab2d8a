import { isValidCvr, normalizeCvr } from './cvr';
import { modulus11CheckDigit } from './modulus-11';
import type { Jurisdiction } from './jurisdiction';

const ORGNR_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/**
 * The check digit of a Norwegian organisasjonsnummer from its first eight digits (Brønnøysund's
 * modulus-11 rule): weights 3, 2, 7, 6, 5, 4, 3, 2; the check digit is 11 − (sum mod 11), where
 * 11 becomes 0 and 10 means no number is issued with these eight digits (null).
 */
export function orgnrCheckDigit(firstEight: string): number | null {
  return modulus11CheckDigit(firstEight, ORGNR_WEIGHTS);
}

/**
 * Norwegian organisasjonsnummer (Enhetsregisteret): nine digits, the last a modulus-11 check
 * digit. Passing proves the syntax only, not that the entity exists.
 */
export function isValidOrgnr(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  return orgnrCheckDigit(value.slice(0, 8)) === Number(value[8]);
}

/** Accepts the forms people type ("974 760 673", "NO974760673MVA", "974.760.673") and returns the digits. */
export function normalizeOrgnr(value: string): string {
  return value
    .replace(/^\s*NO/i, '')
    .replace(/MVA\s*$/i, '')
    .replace(/[\s.-]/g, '');
}

/** How one jurisdiction's organisations are numbered: the one place the service asks. */
export interface OrganizationNumberRule {
  /** How many digits a number has (DK: 8, NO: 9). */
  digits: 8 | 9;
  /** Strips what people add when they type a number (spaces, hyphens, a country prefix). */
  normalize(value: string): string;
  /** The digits and the check digit, after `normalize`. */
  isValid(value: string): boolean;
}

const RULES: Record<Jurisdiction, OrganizationNumberRule> = {
  // Danish CVR number (Det Centrale Virksomhedsregister).
  DK: { digits: 8, normalize: normalizeCvr, isValid: isValidCvr },
  // Norwegian organisasjonsnummer (Enhetsregisteret, Brønnøysundregistrene).
  NO: { digits: 9, normalize: normalizeOrgnr, isValid: isValidOrgnr },
};

/** The organisation identifier rule of a jurisdiction: CVR in Denmark, organisasjonsnummer in Norway. */
export function organizationNumberRule(jurisdiction: Jurisdiction): OrganizationNumberRule {
  return RULES[jurisdiction];
}
