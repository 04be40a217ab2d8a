// The decision letter: its content and wording, rendered through the shared PDF layout.
export { renderDecisionLetter } from './render';
export { DecisionLetterError, assertLetterMayBeSent, type DecisionLetterData, type DecisionLetterErrorCode } from './letter-data';
export { decisionLetterData, letterParties, wordReasons, type LetterDecision, type MunicipalitySettings } from './from-case';
export { describeReportRequirement } from './report-requirement';
export type { DecisionOutcome } from '../../domain/decision-rules';
export type { ReportRequirement } from '../../domain/tiers';
export type { Language as LetterLanguage } from '../../lib/languages';
export { renderReconsiderationLetter, type ReconsiderationLetterData, type ReconsiderationLetterKind } from './reconsideration-letter';
export type { Supersedes } from './letter-data';
