import type { Request } from 'express';
import { t, type Language } from '../../../../locale';
import { BUDGET_CATEGORIES, COFINANCING_STATUSES, TARGET_GROUPS } from '../../../../domain/categories';
import { FORM_STEPS, type DraftAnswers, type FormStep } from '../../../../domain/draft-steps';
import type { FundingRound } from '../../../../prisma/generated/client';
import { CSRF_FIELD } from '../../http/csrf';
import { checkboxField, choiceGroup, errorSummary, hiddenField, selectField, stepIndicator, textArea, textField, type FieldErrors } from '../forms';
import { attributes, html, type SafeHtml } from '../../../../lib/html';
import { renderPage, type SiteSettings } from '../layout';
import { draftPath } from './draft-cookie';
import { categoryLabel, kronerOfOre, tierRows } from './round-facts';
import { say, STEP_SLUGS, STEP_TITLES, TARGET_GROUP_LABELS, type ApplyTextKey } from './texts';

/** The steps shown in the step indicator: the form's own, the documents (when asked for), the summary. */
export interface FormOutline {
  steps: { key: string; label: string; href: string }[];
}

export interface StepPageState {
  draftId: string;
  round: FundingRound;
  step: FormStep;
  answers: DraftAnswers;
  errors: FieldErrors;
  outline: FormOutline;
  csrf: string;
  shownStamp: string;
  /** Rows the budget step shows (at least the stored ones plus a few empty). */
  budgetRows?: number;
}

/** CVR check and register lookup as the field is left, and the excluded-category warning. */
export const APPLY_SCRIPT = '/assets/apply/apply.js';

export const MIN_BUDGET_ROWS = 3;
export const MIN_COFINANCING_ROWS = 1;

/** A value from the answers by its field name ("budget.lines.0.amount"), as text for an input. */
function valueAt(answers: DraftAnswers, name: string): string {
  let current: unknown = answers;
  for (const part of name.split('.')) {
    if (current === null || typeof current !== 'object') return '';
    current = (current as Record<string, unknown>)[part];
  }
  return current === undefined || current === null ? '' : String(current);
}

function yesNoOptions(language: Language, yes = say('yes', language), no = say('no', language)) {
  return [
    { value: 'true', label: yes },
    { value: 'false', label: no },
  ];
}

function organizationFields(state: StepPageState, language: Language): SafeHtml {
  const { answers, errors } = state;
  const field = (name: string) => ({ name, language, value: valueAt(answers, name), error: errors[name] });
  return html`${textField({
    ...field('organization.cvr'),
    label: say('cvr', language),
    hint: say('cvrHint', language),
    width: 's',
    inputMode: 'numeric',
    maxLength: 12,
    autocomplete: 'off',
    attrs: { 'data-cvr-lookup': '/api/v1/register/', 'data-error-format': t(language, 'errors.cvr.format'), 'data-error-check': t(language, 'errors.cvr.checkDigit'), 'data-found': say('cvrFound', language) },
  })}
    <p class="form-hint gf-cvr-status" id="cvr-status" aria-live="polite"></p>
    ${textField({ ...field('organization.name'), label: say('orgName', language), maxLength: 200, autocomplete: 'organization', width: 'xl' })}
    ${textField({ ...field('organization.address'), label: say('address', language), maxLength: 300, optional: true, autocomplete: 'street-address', width: 'xl' })}
    ${textField({ ...field('organization.email'), label: say('orgEmail', language), hint: say('orgEmailHint', language), type: 'email', maxLength: 254, autocomplete: 'email', width: 'l' })}
    ${textField({ ...field('organization.phone'), label: say('phone', language), hint: say('phoneHint', language), type: 'tel', maxLength: 20, optional: true, autocomplete: 'tel', width: 'm' })}`;
}

function contactFields(state: StepPageState, language: Language): SafeHtml {
  const { answers, errors } = state;
  const field = (name: string) => ({ name, language, value: valueAt(answers, name), error: errors[name] });
  return html`${textField({ ...field('contact.name'), label: say('contactName', language), maxLength: 200, autocomplete: 'name', width: 'l' })}
    ${textField({ ...field('contact.email'), label: say('contactEmail', language), hint: say('contactEmailHint', language), type: 'email', maxLength: 254, autocomplete: 'email', width: 'l' })}
    ${textField({ ...field('contact.phone'), label: say('phone', language), hint: say('phoneHint', language), type: 'tel', maxLength: 20, optional: true, autocomplete: 'tel', width: 'm' })}`;
}

function projectFields(state: StepPageState, language: Language): SafeHtml {
  const { answers, errors, round } = state;
  const field = (name: string) => ({ name, language, value: valueAt(answers, name), error: errors[name] });
  const priorities = new Set(round.targetGroups);
  return html`${textField({ ...field('project.title'), label: say('title', language), maxLength: 120, width: 'xl' })}
    ${textArea({ ...field('project.purpose'), label: say('purpose', language), hint: say('purposeHint', language), maxLength: 4000, rows: 4 })}
    ${choiceGroup({
      ...field('project.targetGroup'),
      label: say('targetGroup', language),
      hint: say('targetGroupHint', language),
      options: TARGET_GROUPS.map((group) => ({
        value: group,
        label: priorities.has(group) ? `${TARGET_GROUP_LABELS[group][language]} ${say('priority', language)}` : TARGET_GROUP_LABELS[group][language],
      })),
    })}
    ${textArea({ ...field('project.activities'), label: say('activities', language), hint: say('activitiesHint', language), maxLength: 4000, rows: 6 })}
    ${textField({ ...field('project.startDate'), label: say('startDate', language), hint: say('dateHint', language), type: 'date', width: 's' })}
    ${textField({ ...field('project.endDate'), label: say('endDate', language), hint: say('dateHint', language), type: 'date', width: 's' })}
    ${textField({ ...field('project.place'), label: say('place', language), maxLength: 200, optional: true, width: 'l' })}
    ${textField({ ...field('project.volunteers'), label: say('volunteers', language), hint: say('numberHint', language), inputMode: 'numeric', width: 'xs', maxLength: 6 })}
    ${textField({ ...field('project.expectedParticipants'), label: say('participants', language), hint: say('numberHint', language), inputMode: 'numeric', width: 'xs', maxLength: 7 })}
    ${choiceGroup({ ...field('project.isNew'), label: say('isNew', language), options: yesNoOptions(language, say('isNewYes', language), say('isNewNo', language)) })}
    ${choiceGroup({ ...field('project.childrenUnder15'), label: say('childrenUnder15', language), hint: say('qChildrenHint', language), options: yesNoOptions(language) })}`;
}

function rowCount(answers: DraftAnswers, list: 'lines' | 'cofinancing'): number {
  const rows = (answers.budget as Record<string, unknown> | undefined)?.[list];
  return Array.isArray(rows) ? rows.length : 0;
}

function budgetFields(state: StepPageState, language: Language): SafeHtml {
  const { answers, errors, round } = state;
  const excluded = new Set(round.excludedCostCategories);
  const lineRows = Math.max(state.budgetRows ?? 0, rowCount(answers, 'lines') + 1, MIN_BUDGET_ROWS);
  const cofinancingRows = Math.max(rowCount(answers, 'cofinancing') + 1, MIN_COFINANCING_ROWS);
  const field = (name: string) => ({ name, language, value: valueAt(answers, name), error: errors[name] });
  const tiers = tierRows(round, language);
  const excludedNames = round.excludedCostCategories.map((category) => categoryLabel(category, language).toLowerCase()).join(', ');
  return html`<p>${say('budgetIntro', language)}</p>
    ${excludedNames ? html`<p class="form-hint">${say('excludedCosts', language)}: ${excludedNames}.</p>` : ''}
    <fieldset>
      <legend class="h3">${say('budgetLines', language)}</legend>
      ${Array.from({ length: lineRows }, (_, index) => {
        const name = (part: string) => `budget.lines.${index}.${part}`;
        const category = valueAt(answers, name('category'));
        return html`<fieldset class="gf-budget-row">
          <legend class="h5">${say('line', language, { n: index + 1 })}</legend>
          <div class="gf-row-fields">
            ${selectField({
              ...field(name('category')),
              label: say('category', language),
              emptyLabel: say('chooseCategory', language),
              options: BUDGET_CATEGORIES.map((code) => ({ value: code, label: excluded.has(code) ? `${categoryLabel(code, language)} ${say('notFunded', language)}` : categoryLabel(code, language) })),
              value: category,
            })}
            ${textField({ ...field(name('description')), label: say('description', language), maxLength: 200, width: 'l' })}
            ${textField({ ...field(name('amount')), label: say('amount', language), inputMode: 'numeric', width: 's', maxLength: 12 })}
          </div>
          <p class="form-hint gf-excluded-warning" id="${`f-budget-lines-${index}-warning`}" aria-live="polite"${attributes({ hidden: !excluded.has(category) })}>${say('excludedWarning', language)}</p>
        </fieldset>`;
      })}
      <button type="submit" name="action" value="more-lines" class="button button-secondary">${say('addLines', language)}</button>
    </fieldset>
    <fieldset>
      <legend class="h3">${say('cofinancing', language)}</legend>
      <p class="form-hint">${say('cofinancingHint', language)}</p>
      ${Array.from({ length: cofinancingRows }, (_, index) => {
        const name = (part: string) => `budget.cofinancing.${index}.${part}`;
        return html`<div class="gf-row-fields">
          ${textField({ ...field(name('source')), label: `${say('source', language)} (${say('line', language, { n: index + 1 }).toLowerCase()})`, maxLength: 200, width: 'l', optional: true })}
          ${textField({ ...field(name('amount')), label: say('amount', language), inputMode: 'numeric', width: 's', maxLength: 12, optional: true })}
          ${selectField({
            ...field(name('status')),
            label: say('status', language),
            options: COFINANCING_STATUSES.map((status) => ({ value: status, label: say(status === 'applied' ? 'statusApplied' : 'statusGranted', language) })),
          })}
        </div>`;
      })}
    </fieldset>
    <h2 class="h3">${say('amountRequested', language)}</h2>
    <p>${say('tierNotice', language)}</p>
    <ul>
      ${tiers.map((row) => html`<li>${row.range}: ${row.documents.length ? row.documents.join(', ') : say('noDocuments', language)}</li>`)}
    </ul>
    ${textField({
      ...field('amountRequested'),
      label: say('amountRequested', language),
      hint: say('amountRequestedHint', language, { max: kronerOfOre(round.maxAmountOre, language) }),
      inputMode: 'numeric',
      width: 's',
      maxLength: 12,
    })}`;
}

function declarationFields(state: StepPageState, language: Language): SafeHtml {
  const { answers, errors } = state;
  const checked = (name: string) => valueAt(answers, name) === 'true';
  const children = valueAt(answers, 'project.childrenUnder15') === 'true';
  return html`${checkboxField({ name: 'declarations.truthful', label: say('truthful', language), hint: say('truthfulHint', language), language, checked: checked('declarations.truthful'), error: errors['declarations.truthful'] })}
    ${children
      ? checkboxField({ name: 'declarations.childCertificates', label: say('childCertificates', language), language, checked: checked('declarations.childCertificates'), error: errors['declarations.childCertificates'] })
      : ''}
    ${checkboxField({ name: 'declarations.shareStory', label: say('shareStory', language), hint: say('shareStoryHint', language), language, checked: checked('declarations.shareStory'), error: errors['declarations.shareStory'] })}`;
}

const FIELDS: Record<FormStep, (state: StepPageState, language: Language) => SafeHtml> = {
  organization: organizationFields,
  contact: contactFields,
  project: projectFields,
  budget: budgetFields,
  declarations: declarationFields,
};

/**
 * Where the error summary's link for an issue goes: the field itself, or for an issue on a group
 * (a missing budget, a budget line) its first field.
 */
export function fieldNameFor(path: string): string {
  const firstField: Record<string, string> = {
    organization: 'organization.cvr',
    contact: 'contact.name',
    project: 'project.title',
    budget: 'budget.lines.0.category',
    'budget.lines': 'budget.lines.0.category',
    'budget.cofinancing': 'budget.cofinancing.0.source',
    declarations: 'declarations.truthful',
  };
  if (firstField[path]) return firstField[path]!;
  const row = /^budget\.(lines|cofinancing)\.(\d+)$/.exec(path);
  if (row) return `budget.${row[1]}.${row[2]}.${row[1] === 'lines' ? 'category' : 'source'}`;
  return path;
}

const FIELD_LABELS: Record<string, ApplyTextKey> = {
  'organization.cvr': 'cvr',
  'organization.name': 'orgName',
  'organization.email': 'orgEmail',
  'organization.phone': 'phone',
  'organization.address': 'address',
  'contact.name': 'contactName',
  'contact.email': 'contactEmail',
  'contact.phone': 'phone',
  'project.title': 'title',
  'project.purpose': 'purpose',
  'project.targetGroup': 'targetGroup',
  'project.activities': 'activities',
  'project.startDate': 'startDate',
  'project.endDate': 'endDate',
  'project.place': 'place',
  'project.volunteers': 'volunteers',
  'project.expectedParticipants': 'participants',
  'project.isNew': 'isNew',
  'project.childrenUnder15': 'childrenUnder15',
  amountRequested: 'amountRequested',
  'declarations.truthful': 'truthful',
  'declarations.childCertificates': 'childCertificates',
};

const ROW_PART_LABELS: Record<string, ApplyTextKey> = { category: 'category', description: 'description', amount: 'amount', source: 'source', status: 'status' };

/** The label of a field by its name, so the error summary says which field a message is about. */
export function fieldLabel(name: string, language: Language): string | undefined {
  const row = /^budget\.(lines|cofinancing)\.(\d+)\.(\w+)$/.exec(name);
  if (row) {
    const part = ROW_PART_LABELS[row[3]!];
    const group = say(row[1] === 'lines' ? 'budgetLines' : 'cofinancing', language);
    return part ? `${group}, ${say('line', language, { n: Number(row[2]) + 1 }).toLowerCase()}, ${say(part, language).toLowerCase()}` : undefined;
  }
  const key = FIELD_LABELS[name];
  return key ? say(key, language) : undefined;
}

/** The error summary's entries: the field's label, then the message shown above the field. */
export function labelledErrors(errors: FieldErrors, language: Language): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([name, message]) => {
      const label = fieldLabel(name, language);
      return [name, label ? `${label}: ${message}` : message];
    }),
  );
}

export function stepPage(req: Request, site: SiteSettings, language: Language, state: StepPageState): string {
  const index = FORM_STEPS.indexOf(state.step);
  const outlineIndex = state.outline.steps.findIndex((step) => step.key === state.step);
  const title = STEP_TITLES[state.step][language];
  const action = `${draftPath(state.draftId)}/trin/${STEP_SLUGS[state.step]}`;
  return renderPage(req, site, {
    title,
    language,
    hasErrors: Object.keys(state.errors).length > 0,
    scripts: [APPLY_SCRIPT],
    main: html`${errorSummary(labelledErrors(state.errors, language), language)}
      ${stepIndicator(state.outline.steps.map((step) => ({ label: step.label, href: step.href })), outlineIndex, language)}
      <p class="h5 mb-2">${say('applicationTo', language, { round: state.round.name })}</p>
      <h1>${title}</h1>
      <p class="form-hint">${say('savedNotice', language)}</p>
      <form method="post" action="${action}" novalidate class="gf-apply-form" data-excluded="${state.round.excludedCostCategories.join(' ')}">
        ${hiddenField(CSRF_FIELD, state.csrf)}
        ${hiddenField('_shown', state.shownStamp)}
        ${
          // Enter in a field presses the first submit button: make that "next", not "more lines".
          html`<button type="submit" name="action" value="next" class="gf-default-action" tabindex="-1" aria-hidden="true">${say('next', language)}</button>`
        }
        ${FIELDS[state.step](state, language)}
        <div class="gf-form-actions">
          <button type="submit" name="action" value="next" class="button button-primary">${say('next', language)}</button>
          <button type="submit" name="action" value="later" class="button button-secondary">${say('saveLater', language)}</button>
          ${index > 0 ? html`<button type="submit" name="action" value="back" class="button button-tertiary">${say('back', language)}</button>` : ''}
        </div>
      </form>`,
  });
}
