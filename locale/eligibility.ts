import {
  VALUE_LIST_SEPARATOR,
  type ChecklistLabelKey,
  type EligibilityReasonKey,
  type ManualRuleId,
  type MissingItem,
  type RuleId,
  type RuleResult,
} from '../domain/eligibility';
import type { Language } from '../lib/languages';
import type { MessageKey } from './catalogue';
import { formatDate, formatDateTime, formatKroner } from './format';
import { hasMessage, t } from './translate';
import type { Jurisdiction } from '../lib/jurisdiction';
import { lawWordingOf } from './law-wording';

// What screening found, in words a volunteer treasurer understands. Reasons speak to the
// association ("I"/"dere"/"you"); the checklist labels are for the caseworker.

/**
 * The message of each key a stored screening holds. Screenings keep the keys they were stored
 * with, so the catalogue may name its messages differently without touching stored data.
 */
const MESSAGES = {
  'E1.active': 'eligibility.E1.active',
  'E1.invalidCvr': 'eligibility.E1.invalidCvr',
  'E1.inactive': 'eligibility.E1.inactive',
  'E1.notInRegister': 'eligibility.E1.notInRegister',
  'E1.activeOrgnr': 'eligibility.E1.activeOrgnr',
  'E1.invalidOrgnr': 'eligibility.E1.invalidOrgnr',
  'E1.inactiveOrgnr': 'eligibility.E1.inactiveOrgnr',
  'E1.notInRegisterOrgnr': 'eligibility.E1.notInRegisterOrgnr',
  'E7.startsAfterSubmission': 'eligibility.E7.startsAfterSubmission',
  'E7.startedBeforeSubmission': 'eligibility.E7.startedBeforeSubmission',
  'E7.startDateUnreadable': 'eligibility.E7.startDateUnreadable',
  'E8.noExcludedCosts': 'eligibility.E8.noExcludedCosts',
  'E8.excludedCosts': 'eligibility.E8.excludedCosts',
  'E9.allReported': 'eligibility.E9.allReported',
  'E9.reportsMissing': 'eligibility.E9.reportsMissing',
  'E9.reportsAwaitingReview': 'eligibility.E9.reportsAwaitingReview',
  'E10.noChildren': 'eligibility.E10.noChildren',
  'E10.declared': 'eligibility.E10.declared',
  'E10.declarationMissing': 'eligibility.E10.declarationMissing',
  'E11.noDeadline': 'eligibility.E11.noDeadline',
  'E11.onTime': 'eligibility.E11.onTime',
  'E11.late': 'eligibility.E11.late',
  'AMOUNT.withinMaximum': 'eligibility.AMOUNT.withinMaximum',
  'AMOUNT.overMaximum': 'eligibility.AMOUNT.overMaximum',
  'DOCUMENTS.noneRequired': 'eligibility.DOCUMENTS.noneRequired',
  'DOCUMENTS.complete': 'eligibility.DOCUMENTS.complete',
  'DOCUMENTS.missing': 'eligibility.DOCUMENTS.missing',
  'SPONSOR.sponsoredGroup': 'eligibility.informalGroup.sponsoredGroup',
  'checklist.E2': 'eligibility.checklist.E2',
  'checklist.E3': 'eligibility.checklist.E3',
  'checklist.E4': 'eligibility.checklist.E4',
  'checklist.E5': 'eligibility.checklist.E5',
  'checklist.E6': 'eligibility.checklist.E6',
  'checklist.E12': 'eligibility.checklist.E12',
  'checklist.E13': 'eligibility.checklist.E13',
} as const satisfies Record<EligibilityReasonKey | ChecklistLabelKey, MessageKey>;

/**
 * Every rule's name and what it checks: the automatic rules' explanations of their own, the manual
 * checklist's its labels. A rule the catalogue does not name fails the type check here.
 */
const RULES = {
  E1: ['eligibility.rule.E1', 'eligibility.explained.E1'],
  E2: ['eligibility.rule.E2', 'eligibility.checklist.E2'],
  E3: ['eligibility.rule.E3', 'eligibility.checklist.E3'],
  E4: ['eligibility.rule.E4', 'eligibility.checklist.E4'],
  E5: ['eligibility.rule.E5', 'eligibility.checklist.E5'],
  E6: ['eligibility.rule.E6', 'eligibility.checklist.E6'],
  E7: ['eligibility.rule.E7', 'eligibility.explained.E7'],
  E8: ['eligibility.rule.E8', 'eligibility.explained.E8'],
  E9: ['eligibility.rule.E9', 'eligibility.explained.E9'],
  E10: ['eligibility.rule.E10', 'eligibility.explained.E10'],
  E11: ['eligibility.rule.E11', 'eligibility.explained.E11'],
  E12: ['eligibility.rule.E12', 'eligibility.checklist.E12'],
  E13: ['eligibility.rule.E13', 'eligibility.checklist.E13'],
  AMOUNT: ['eligibility.rule.AMOUNT', 'eligibility.explained.AMOUNT'],
  DOCUMENTS: ['eligibility.rule.DOCUMENTS', 'eligibility.explained.DOCUMENTS'],
  SPONSOR: ['eligibility.informalGroup.rule', 'eligibility.informalGroup.explained'],
} as const satisfies Record<RuleId | ManualRuleId, readonly [MessageKey, MessageKey]>;

function isRule(code: string): code is keyof typeof RULES {
  return Object.hasOwn(RULES, code);
}

/**
 * A rule as the caseworker reads it: its number in the guidelines and its name ("E2: NemKonto"),
 * the name alone for a rule the guidelines do not number ("Beløbsgrænse"); a code the catalogue
 * does not know as it is.
 */
export function ruleTitle(language: Language, code: string, law?: Jurisdiction): string {
  if (!isRule(code)) return code;
  const name = t(language, lawWordingOf(RULES[code][0], law));
  return /^E\d+$/.test(code) ? t(language, 'eligibility.ruleTitle', { number: code, name }) : name;
}

/** What a rule checks, in a sentence or two; undefined for a code the catalogue does not know. */
export function ruleExplanation(language: Language, code: string, law?: Jurisdiction): string | undefined {
  return isRule(code) ? t(language, lawWordingOf(RULES[code][1], law)) : undefined;
}

function isStoredKey(key: string): key is keyof typeof MESSAGES {
  return Object.hasOwn(MESSAGES, key);
}

/** A budget category by its name in the language ("løn", "wages"); a code without a name as it is. */
export function budgetCategoryName(language: Language, category: string): string {
  const key = `eligibility.category.${category}`;
  return hasMessage(language, key) ? t(language, key) : category;
}

/** A budget category as a label starts ("Løn", "Wages"): the name with a capital first letter. */
export function budgetCategoryLabel(language: Language, category: string): string {
  const name = budgetCategoryName(language, category);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** A document kind by its name in the language; a kind without a name as it is. */
export function documentKindName(language: Language, kind: string): string {
  const key = `eligibility.document.${kind}`;
  return hasMessage(language, key) ? t(language, key) : kind;
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

function namedList(value: string, name: (language: Language, code: string) => string, language: Language): string {
  return value
    .split(VALUE_LIST_SEPARATOR)
    .map((code) => name(language, code))
    .join(', ');
}

/** A value as the rules' naming convention says to show it (see RuleResult); anything unreadable as it is. */
function formatValue(language: Language, name: string, value: string | number): string {
  const text = String(value);
  if (name === 'documents') return namedList(text, documentKindName, language);
  if (name === 'categories') return namedList(text, budgetCategoryName, language);
  if (name.endsWith('At')) return Number.isNaN(new Date(text).getTime()) ? text : formatDateTime(language, text, 'long');
  if (name.endsWith('Date')) return CALENDAR_DATE.test(text) ? formatDate(language, text) : text;
  if (name.endsWith('Kroner')) return Number.isFinite(Number(value)) ? formatKroner(language, Number(value)) : text;
  return text;
}

/** Why a rule came out as it did, with its values filled in. */
export function describeRuleResult(language: Language, result: Pick<RuleResult, 'reasonKey' | 'values'>, law?: Jurisdiction): string {
  const values = Object.fromEntries(Object.entries(result.values).map(([name, value]) => [name, formatValue(language, name, value)]));
  return t(language, lawWordingOf(MESSAGES[result.reasonKey], law), values);
}

/** A manual checklist rule as the caseworker reads it; a label the catalogue does not know as it is. */
export function describeChecklistItem(language: Language, item: { labelKey: string }, law?: Jurisdiction): string {
  return isStoredKey(item.labelKey) ? t(language, lawWordingOf(MESSAGES[item.labelKey], law)) : item.labelKey;
}

/** What the applicant must still send, in their language (the declaration the jurisdiction's law asks for). */
export function describeMissingItem(language: Language, item: MissingItem, law?: Jurisdiction): string {
  switch (item.code) {
    case 'document':
      return documentKindName(language, item.detail);
    case 'child_certificate_declaration':
      return t(language, lawWordingOf('eligibility.missing.childCertificateDeclaration', law));
    case 'earlier_report':
      return t(language, 'eligibility.missing.earlierReport', { reference: item.detail });
  }
}
