// The language layer: every text people read comes from the catalogues through t(), and every
// number, amount, date and time through these formatters.
export { LANGUAGES, DEFAULT_LANGUAGE, LOCALE_TAGS, isLanguage, pickLanguage, type Language } from '../lib/languages';
export type { MessageKey } from './catalogue';
export { t, hasMessage, type MessageValues } from './translate';
export { formatMoney, formatKroner, formatNumber, formatPercent, formatBytes, formatDate, formatDateTime, formatDeadline, formatTime, type DateStyle } from './format';
export { configureLocale, localeSettings, DEFAULT_LOCALE_SETTINGS, type LocaleSettings } from './settings';
export { zodErrorMap } from './zod';
export { localeFor, type Locale } from './locale';
export { lawWording, lawWordingOf, type LawWordedKey } from './law-wording';
export { statusLabel, isCaseStatus } from './labels';
export { describeRuleResult, describeChecklistItem, describeMissingItem, budgetCategoryName, budgetCategoryLabel, documentKindName, ruleTitle, ruleExplanation } from './eligibility';
