import type { MessageKey } from '../locale/catalogue';
import { namesCriterionOrFact, type ReasonContext } from './reason-specificity';

export type { ReasonContext };

// The rule of a decision, in one place for the workflows, the API and the letter. Pure and free
// of Node and zod: the workflows run it inside their deterministic bundle.

export type DecisionOutcome = 'approved' | 'partially_approved' | 'rejected';

export interface DecisionReasons {
  criteria: string[];
  text: string;
}

export interface DecisionProblem {
  field: 'amountGranted' | 'reasons';
  messageKey: MessageKey;
}

export interface DecisionToCheck {
  outcome: DecisionOutcome;
  /** Integer øre. */
  amountRequestedOre: bigint | number;
  /** Integer øre. */
  amountGrantedOre: bigint | number;
  reasons: DecisionReasons;
}

/**
 * How the chosen criteria are given. The workflows know only the round's codes, and a criterion
 * of the round is a reason in its own right; the API and the letter know each criterion's wording,
 * which is then held to the same standard as free text.
 */
export type CriteriaForm = 'codes' | 'worded';

// "Prioritised within the available funds" on its own does not tell the applicant why (the
// ombudsman has criticised exactly that), so these phrases count for nothing in a begrundelse.
const WORD = '[\\p{L}\\d]+';
const FUNDS_NOUN = '(?:midler\\w*|midlerne|rammen?|rammer|budget\\w*|budsjett\\w*|pulje\\w*|funds?|funding|budget|money|penge|penger)';
const FUNDS_ONLY_PHRASES: RegExp[] = [
  new RegExp(`priorit${WORD}(?:\\s+${WORD}){0,4}?\\s+(?:inden\\s*for|innenfor|innanfor|within|ud\\s+fra|ut\\s+fra|based\\s+on)(?:\\s+${WORD}){0,4}?\\s+${FUNDS_NOUN}`, 'giu'),
  new RegExp(`(?:tilgængelige|disponible|begrænsede|afsatte|tilgjengelige|begrensede|available|limited|restricted)(?:\\s+${WORD})?\\s+${FUNDS_NOUN}`, 'giu'),
  new RegExp(`(?:ikke|not|ikkje|insufficient)\\s+(?:nok|tilstrækkelige|tilstrekkelige|enough|sufficient)\\s+${FUNDS_NOUN}`, 'giu'),
  /\b(?:overtegnet|oversubscribed|overbooket)\b/giu,
  /(?:mange|flere|many|more)\s+(?:ansøgninger|søknader|applications)/giu,
];

// Words that carry no reason of their own ("the application", "unfortunately", "could not").
const FILLER_WORDS = new Set(
  (
    'ansøgningen ansøgning ansøgninger ansøgningerne jeres jer i er var blev blevet har have havde vi os desværre ikke kunne kan kunnet måttet må ' +
    'det den de der og på af til som med derfor en et at været muligt imødekomme imødekommet give givet få fik tilskud tilskuddet støtte fuldt ud ' +
    'hele beløbet beløb afslag afgørelse afgørelsen beslutning så også men dette denne disse alle kun år året ' +
    'søknaden søknad søknadene dere deres oss dessverre ble blitt måtte å vært mulig innvilge innvilget gi gitt tilskudd støtten fullt ' +
    'beløpet avslag vedtak vedtaket også kun ' +
    'the application applications your you we us unfortunately not could can had has have been was were is are it and on of to for with ' +
    'therefore a an be able possible grant granted give given receive support full fully whole amount rejected rejection decision so also ' +
    'this that all only year ' +
    // The funds themselves, left over when a phrase above names them twice ("puljens midler").
    'midler midlerne midlene puljen puljens puljer ramme rammen budget budgettet budsjett budsjettet funds fund funding money penge penger'
  ).split(' '),
);

function substantiveWordCount(statement: string): number {
  const withoutFundsPhrases = FUNDS_ONLY_PHRASES.reduce((text, phrase) => text.replace(phrase, ' '), statement);
  const words = withoutFundsPhrases.toLowerCase().match(/[\p{L}\d]+/gu) ?? [];
  return words.filter((word) => !FILLER_WORDS.has(word) && !word.startsWith('priorit')).length;
}

function splitIntoStatements(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/u)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** Full approval grants the amount requested, a partial approval less but more than 0, a rejection 0. */
export function amountProblems({ outcome, amountRequestedOre, amountGrantedOre }: Omit<DecisionToCheck, 'reasons'>): DecisionProblem[] {
  const wholeOre = typeof amountGrantedOre === 'bigint' || Number.isSafeInteger(amountGrantedOre);
  if (!wholeOre || amountGrantedOre < 0 || amountRequestedOre <= 0) return [{ field: 'amountGranted', messageKey: 'errors.decision.amountInvalid' }];
  const granted = BigInt(amountGrantedOre);
  const requested = BigInt(amountRequestedOre);
  const fits = outcome === 'approved' ? granted === requested : outcome === 'partially_approved' ? granted > 0n && granted < requested : granted === 0n;
  if (fits) return [];
  return [{ field: 'amountGranted', messageKey: outcome === 'rejected' ? 'errors.decision.rejectedIsZero' : 'errors.decision.amountInvalid' }];
}

/**
 * A begrundelse is required unless everything requested is granted (forvaltningsloven §§ 22, 24):
 * at least one criterion or statement, and more than "prioritised within the available funds".
 * Given the round's criteria and the application's own words (`context`), it must also be about
 * this application: a chosen criterion of the round, or a statement naming a criterion or a fact
 * of the application. "Ansøgningen opfylder ikke kriterierne." names neither.
 */
export function reasonsProblems(decision: DecisionToCheck, criteriaForm: CriteriaForm = 'worded', context?: ReasonContext): DecisionProblem[] {
  const { outcome, amountRequestedOre, amountGrantedOre, reasons } = decision;
  if (outcome === 'approved' && BigInt(amountGrantedOre) >= BigInt(amountRequestedOre)) return [];
  const criteria = reasons.criteria.map((criterion) => criterion.trim()).filter((criterion) => criterion.length > 0);
  const statements = [...(criteriaForm === 'worded' ? criteria : []), ...splitIntoStatements(reasons.text)];
  if (criteriaForm === 'codes' && criteria.length > 0) return [];
  if (statements.length === 0) return [{ field: 'reasons', messageKey: 'errors.decision.reasonsRequired' }];
  const substantive = statements.filter((statement) => substantiveWordCount(statement) >= 2);
  if (substantive.length === 0) return [{ field: 'reasons', messageKey: 'errors.decision.reasonsOnlyFunds' }];
  if (!context || criteria.length > 0) return [];
  const withoutFunds = substantive.map((statement) => FUNDS_ONLY_PHRASES.reduce((text, phrase) => text.replace(phrase, ' '), statement));
  if (!withoutFunds.some((statement) => namesCriterionOrFact(statement, context))) return [{ field: 'reasons', messageKey: 'errors.decision.reasonsGeneric' }];
  return [];
}

/** Everything wrong with a decision, amount first; empty when it may be made and sent. */
export function decisionProblems(decision: DecisionToCheck, criteriaForm: CriteriaForm = 'worded', context?: ReasonContext): DecisionProblem[] {
  const amount = amountProblems(decision);
  return amount.length > 0 ? amount : reasonsProblems(decision, criteriaForm, context);
}
