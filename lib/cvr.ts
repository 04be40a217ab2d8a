import { weightedDigitSum } from './modulus-11';

const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;

/**
 * Danish CVR numbers: eight digits whose weighted sum is divisible by 11 (the modulus-11 rule
 * published by Erhvervsstyrelsen). Passing proves the syntax only, not that the entity exists.
 */
export function isValidCvr(value: string): boolean {
  if (!/^\d{8}$/.test(value)) return false;
  return weightedDigitSum(value, CVR_WEIGHTS) % 11 === 0;
}

/** Accepts the forms people type ("1374 8136", "DK13748136") and returns the eight digits. */
export function normalizeCvr(value: string): string {
  return value.replace(/^\s*DK/i, '').replace(/[\s-]/g, '');
}
