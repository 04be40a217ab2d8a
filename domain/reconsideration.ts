import type { Jurisdiction } from '../lib/jurisdiction';
import { reasonsProblems, type DecisionProblem, type DecisionReasons } from './decision-rules';

// Reconsideration: pure rules, free of zod (the workflows run them). Within the round's period
// after a decision the association may ask the municipality to look at it again. In Denmark a
// § 18 decision has no administrative appeal, so the municipality upholds or changes it itself.
// In Norway the same request is a klage (fvl §§ 28-33):
// the municipality changes the decision (§ 33 første ledd) or sends the klage with its assessment
// to the klagenemnd, whose decision is registered and sent.

export type ReconsiderationProcedure = 'reconsideration' | 'klage';

/**
 * Which procedure a case follows: the law of the deployment's jurisdiction, whatever language the
 * association reads. A Norwegian municipality's decisions are enkeltvedtak with a klage (fvl
 * §§ 28-33); a Danish one's are reconsidered by the municipality itself.
 */
export function reconsiderationProcedure(jurisdiction: Jurisdiction): ReconsiderationProcedure {
  return jurisdiction === 'NO' ? 'klage' : 'reconsideration';
}

/** What a caseworker may answer: uphold (Danish only), change, or forward to the klagenemnd (klage only). */
export type ReconsiderationAnswer = 'uphold' | 'change' | 'forward';

export function answersAllowed(procedure: ReconsiderationProcedure): ReconsiderationAnswer[] {
  return procedure === 'klage' ? ['change', 'forward'] : ['uphold', 'change'];
}

/**
 * Upholding a decision, or sending a klage on with the municipality's assessment, needs a real
 * begrundelse: the same rule a refusal's letter obeys (domain/decision-rules.ts).
 */
export function answerReasonsProblems(reasons: DecisionReasons): DecisionProblem[] {
  return reasonsProblems({ outcome: 'rejected', amountRequestedOre: 1, amountGrantedOre: 0, reasons }, 'codes');
}

/** The payout difference a changed decision makes: positive is paid out, negative claimed back. */
export function payoutDifferenceOre(previousGrantedOre: number, newGrantedOre: number): number {
  return newGrantedOre - previousGrantedOre;
}
