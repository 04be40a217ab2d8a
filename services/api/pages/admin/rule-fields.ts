import { t, type Language } from '../../../../locale';
import type { DecisionCriterion } from '../../../../domain/round-input';
import { APPLICATION_DOCUMENT_KINDS, REPORT_REQUIREMENTS, type ReportingTier } from '../../../../domain/tiers';
import { choiceGroup, selectField, textField, type FieldErrors } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import { list, rowCount, text } from './form-values';

// The reporting tiers and decision criteria on the round form and the scheme form: one numbered
// fieldset per tier and per criterion, each input named by its path (reportingTiers.0.upToKroner),
// so a refusal from the shared validation lands on the very field it concerns.

type Values = Record<string, string | string[]>;

const EXTRA_TIER_ROWS = 1;
const EXTRA_CRITERION_ROWS = 2;
const MAX_TIER_ROWS = 8;

/** The tiers and criteria as the form's texts. */
export function ruleFormValues(rules: { reportingTiers: readonly ReportingTier[]; decisionCriteria: readonly DecisionCriterion[] }): Values {
  const values: Values = {};
  rules.reportingTiers.forEach((tier, index) => {
    values[`reportingTiers.${index}.upToKroner`] = tier.upToKroner === null ? '' : String(tier.upToKroner);
    values[`reportingTiers.${index}.requirement`] = tier.requirement;
    values[`reportingTiers.${index}.applicationDocuments`] = [...tier.applicationDocuments];
  });
  rules.decisionCriteria.forEach((criterion, index) => {
    values[`decisionCriteria.${index}.code`] = criterion.code;
    values[`decisionCriteria.${index}.label.da`] = criterion.label.da;
    values[`decisionCriteria.${index}.label.nb`] = criterion.label.nb ?? '';
    values[`decisionCriteria.${index}.label.en`] = criterion.label.en ?? '';
  });
  return values;
}

/**
 * The posted tiers and criteria, blank rows left out. `kroner` reads a tier's limit (recording a
 * number that does not read as one as the form's own error).
 */
export function rulesFromForm(body: Record<string, unknown>, kroner: (name: string) => number | null | undefined) {
  const reportingTiers = [];
  for (let index = 0; index < rowCount(body, 'reportingTiers'); index += 1) {
    const requirement = text(body, `reportingTiers.${index}.requirement`);
    const documents = list(body, `reportingTiers.${index}.applicationDocuments`);
    const upTo = text(body, `reportingTiers.${index}.upToKroner`);
    if (!requirement && !documents.length && !upTo.trim()) continue;
    reportingTiers.push({ upToKroner: kroner(`reportingTiers.${index}.upToKroner`), requirement, applicationDocuments: documents });
  }

  const decisionCriteria = [];
  for (let index = 0; index < rowCount(body, 'decisionCriteria'); index += 1) {
    const field = (name: string) => text(body, `decisionCriteria.${index}.${name}`).trim();
    if (![field('code'), field('label.da'), field('label.nb'), field('label.en')].some(Boolean)) continue;
    decisionCriteria.push({
      code: field('code'),
      label: { da: field('label.da'), ...(field('label.nb') ? { nb: field('label.nb') } : {}), ...(field('label.en') ? { en: field('label.en') } : {}) },
    });
  }
  return { reportingTiers, decisionCriteria };
}

function tierRowCount(values: Values): number {
  return Math.min(rowCount(values, 'reportingTiers') + EXTRA_TIER_ROWS, MAX_TIER_ROWS);
}

function criterionRowCount(values: Values): number {
  return Math.min(rowCount(values, 'decisionCriteria') + EXTRA_CRITERION_ROWS, 50);
}

/** The names of every tier and criterion input the form renders for these values (to place errors on). */
export function ruleFieldNames(values: Values): string[] {
  return [
    ...Array.from({ length: tierRowCount(values) }, (_, i) => [`reportingTiers.${i}.upToKroner`, `reportingTiers.${i}.requirement`, `reportingTiers.${i}.applicationDocuments`]).flat(),
    ...Array.from({ length: criterionRowCount(values) }, (_, i) => [`decisionCriteria.${i}.code`, `decisionCriteria.${i}.label.da`, `decisionCriteria.${i}.label.nb`, `decisionCriteria.${i}.label.en`]).flat(),
  ];
}

/** A repeated group of fields (reportingTiers.<n>.…): one numbered fieldset per row. */
function rows(count: number, prefix: string, legend: (n: number) => string, fields: (name: (part: string) => string) => SafeHtml): SafeHtml[] {
  return Array.from({ length: count }, (_, index) => html`<fieldset class="gf-budget-row">
    <legend class="h4">${legend(index + 1)}</legend>
    ${fields((part) => `${prefix}.${index}.${part}`)}
  </fieldset>`);
}

/** The tiers and criteria sections; `extraHint` follows each section's own hint. */
export function renderRuleFields(language: Language, v: Values, errors: FieldErrors, extraHint = ''): SafeHtml {
  const field = (name: string, label: string, extra: Partial<Parameters<typeof textField>[0]> = {}) =>
    textField({ name, label, language, value: text(v, name), error: errors[name], ...extra });
  const choices = (name: string, label: string, options: { value: string; label: string }[]) =>
    choiceGroup({ name, label, language, multiple: true, value: list(v, name), error: errors[name], options });
  return html`
    <h2>${t(language, 'admin.sectionTiers')}</h2>
    <p class="form-hint">${t(language, 'admin.tiersHint')} ${extraHint}</p>
    ${rows(tierRowCount(v), 'reportingTiers', (n) => t(language, 'admin.tier', { n }), (name) => html`
        <div class="gf-row-fields">
          ${field(name('upToKroner'), t(language, 'admin.upTo'), { inputMode: 'numeric', width: 's', optional: true })}
          ${selectField({
            name: name('requirement'),
            label: t(language, 'admin.requirement'),
            language,
            value: text(v, name('requirement')),
            error: errors[name('requirement')],
            emptyLabel: '—',
            options: REPORT_REQUIREMENTS.map((requirement) => ({ value: requirement, label: t(language, `admin.requirement.${requirement}`) })),
          })}
        </div>
        ${choices(name('applicationDocuments'), t(language, 'admin.documents'), APPLICATION_DOCUMENT_KINDS.map((kind) => ({ value: kind, label: t(language, `admin.document.${kind}`) })))}`)}

    <h2>${t(language, 'admin.sectionCriteria')}</h2>
    <p class="form-hint">${t(language, 'admin.criteriaHint')} ${extraHint}</p>
    ${rows(criterionRowCount(v), 'decisionCriteria', (n) => t(language, 'admin.criterion', { n }), (name) => html`
        ${field(name('code'), t(language, 'admin.criterionCode'), { width: 'm', maxLength: 100, autocomplete: 'off' })}
        ${field(name('label.da'), t(language, 'admin.criterionDa'), { width: 'xl', maxLength: 500 })}
        ${field(name('label.nb'), t(language, 'admin.criterionNb'), { width: 'xl', maxLength: 500, optional: true })}
        ${field(name('label.en'), t(language, 'admin.criterionEn'), { width: 'xl', maxLength: 500, optional: true })}`)}`;
}
