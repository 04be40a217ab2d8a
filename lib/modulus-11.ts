/** The weighted digit sum behind the Nordic modulus-11 checks (CVR, organisasjonsnummer, kontonummer). */
export function weightedDigitSum(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i]!;
  return sum;
}

/**
 * The check digit for `digits` under `weights` (one weight per digit): 11 − (sum mod 11), where 11
 * becomes 0 and 10 means no number is issued with these digits (null). Non-digits or the wrong
 * length give null too.
 */
export function modulus11CheckDigit(digits: string, weights: readonly number[]): number | null {
  if (digits.length !== weights.length || !/^\d+$/.test(digits)) return null;
  const check = 11 - (weightedDigitSum(digits, weights) % 11);
  if (check === 11) return 0;
  return check === 10 ? null : check;
}
