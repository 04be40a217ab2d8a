// The letters about a case: their content and wording, rendered through the shared PDF layout.
export { renderDecisionLetter } from './render';
export { renderAfvisningLetter } from './afvisning';
export { DecisionLetterError, assertLetterMayBeSent, type AfvisningLetterData, type DecisionLetterData, type DecisionLetterErrorCode, type LetterCommon, type LetterFrame, type Supersedes } from './letter-data';
export { afvisningLetterData, decisionLetterData, letterParties, municipalityContactOf, wordReasons, type LetterDecision, type MunicipalitySettings } from './from-case';
export { describeReportRequirement } from './report-requirement';
export type { DecisionOutcome } from '../../domain/decision-rules';
export type { ReportRequirement } from '../../domain/tiers';
export type { Language as LetterLanguage } from '../../lib/languages';
export { renderReconsiderationLetter, type ReconsiderationLetterData, type ReconsiderationLetterKind } from './reconsideration-letter';
export { renderRepaymentLetter, type RepaymentLetterData } from './repayment-letter';
export { renderGrantChangeLetter, type GrantChangeLetterData } from './grant-change-letter';
export { renderAcceptanceLapseLetter, type AcceptanceLapseLetterData } from './acceptance-lapse-letter';
