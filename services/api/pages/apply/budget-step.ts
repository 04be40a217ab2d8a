import { formatKroner, formatMoney, localeSettings, LOCALE_TAGS, t, type Language } from '../../../../locale';
import { BUDGET_CATEGORIES, COFINANCING_STATUSES } from '../../../../domain/categories';
import type { DraftAnswers } from '../../../../domain/draft-steps';
import type { FundingRound } from '../../../../prisma/generated/client';
import { selectField, textField, type FieldErrors } from '../forms';
import { attributes, html, type SafeHtml } from '../../../../lib/html';
import { termLink } from '../glossary';
import { REMOVE_LINE_FIELD } from './form-input';
import { notice, valueAt } from './page-parts';
import { categoryLabel, tierRows } from './round-facts';

export const MIN_BUDGET_ROWS = 3;
export const MIN_COFINANCING_ROWS = 1;

// apply.js puts a line's number where this stands when it renumbers the lines after one is removed.
const BROWSER_FILLS_IN_NUMBER = '{n}';

export interface BudgetStepState {
  round: FundingRound;
  answers: DraftAnswers;
  errors: FieldErrors;
  /** Rows the budget step shows (at least the stored ones plus one empty). */
  budgetRows?: number;
  /** The line (counted from 1) whose "remove" button was just pressed. */
  removedLine?: number;
}

function rowCount(answers: DraftAnswers, list: 'lines' | 'cofinancing'): number {
  const rows = (answers.budget as Record<string, unknown> | undefined)?.[list];
  return Array.isArray(rows) ? rows.length : 0;
}

/** The sum of the budget lines' amounts that read as whole kroner (what the server can add up). */
export function budgetTotal(answers: DraftAnswers): number {
  const lines = (answers.budget as { lines?: unknown } | undefined)?.lines;
  if (!Array.isArray(lines)) return 0;
  return lines.reduce((sum: number, line: unknown) => {
    const amount = (line as { amount?: unknown } | null)?.amount;
    return sum + (typeof amount === 'number' && Number.isFinite(amount) ? amount : 0);
  }, 0);
}

/** The form's data for apply.js: how to write a line's number, a sum of money, a removed line. */
export function budgetScriptData(language: Language): Record<string, string> {
  const fill = { n: BROWSER_FILLS_IN_NUMBER };
  return {
    'data-line-label': t(language, 'apply.form.line', fill),
    'data-remove-label': t(language, 'apply.form.removeLine', fill),
    'data-removed': t(language, 'apply.form.lineRemoved', fill),
    'data-locale': LOCALE_TAGS[language],
    'data-currency': localeSettings().currency,
  };
}

function budgetLine(state: BudgetStepState, language: Language, index: number): SafeHtml {
  const { answers, errors, round } = state;
  const excluded = new Set(round.excludedCostCategories);
  const name = (part: string) => `budget.lines.${index}.${part}`;
  const field = (fieldName: string) => ({ name: fieldName, language, value: valueAt(answers, fieldName), error: errors[fieldName] });
  const category = valueAt(answers, name('category'));
  // With an error on the category the error says it; the warning would say it again.
  const warningHidden = !excluded.has(category) || Boolean(errors[name('category')]);
  return html`<fieldset class="gf-budget-row">
    <legend class="h5">${t(language, 'apply.form.line', { n: index + 1 })}</legend>
    <div class="gf-row-fields">
      ${selectField({
        ...field(name('category')),
        label: t(language, 'apply.form.category'),
        emptyLabel: t(language, 'apply.form.chooseCategory'),
        options: BUDGET_CATEGORIES.map((code) => ({ value: code, label: excluded.has(code) ? `${categoryLabel(code, language)} ${t(language, 'apply.form.notFunded')}` : categoryLabel(code, language) })),
        value: category,
      })}
      ${textField({ ...field(name('description')), label: t(language, 'apply.form.description'), maxLength: 200, width: 'l' })}
      ${textField({ ...field(name('amount')), label: t(language, 'apply.form.amount'), inputMode: 'numeric', width: 's', maxLength: 12 })}
    </div>
    <p class="form-hint gf-excluded-warning" id="${`f-budget-lines-${index}-warning`}" aria-live="polite"${attributes({ hidden: warningHidden })}>${t(language, 'apply.form.excludedWarning')}</p>
    <button type="submit" name="${REMOVE_LINE_FIELD}" value="${String(index)}" class="button button-tertiary gf-remove-line">${t(language, 'apply.form.removeLine', { n: index + 1 })}</button>
  </fieldset>`;
}

function cofinancingRow(state: BudgetStepState, language: Language, index: number): SafeHtml {
  const { answers, errors } = state;
  const name = (part: string) => `budget.cofinancing.${index}.${part}`;
  const field = (fieldName: string) => ({ name: fieldName, language, value: valueAt(answers, fieldName), error: errors[fieldName] });
  return html`<div class="gf-row-fields">
    ${textField({ ...field(name('source')), label: `${t(language, 'apply.form.source')} (${t(language, 'apply.form.line', { n: index + 1 }).toLowerCase()})`, maxLength: 200, width: 'l', optional: true })}
    ${textField({ ...field(name('amount')), label: t(language, 'apply.form.amount'), inputMode: 'numeric', width: 's', maxLength: 12, optional: true })}
    ${selectField({
      ...field(name('status')),
      label: t(language, 'apply.form.status'),
      options: COFINANCING_STATUSES.map((status) => ({ value: status, label: t(language, `apply.form.cofinancingStatus.${status}`) })),
    })}
  </div>`;
}

/** The budget step: lines (each with its own "remove" button), the running total, co-financing and the amount. */
export function budgetFields(state: BudgetStepState, language: Language): SafeHtml {
  const { answers, errors, round } = state;
  const lineRows = Math.max(state.budgetRows ?? 0, rowCount(answers, 'lines') + 1, MIN_BUDGET_ROWS);
  const cofinancingRows = Math.max(rowCount(answers, 'cofinancing') + 1, MIN_COFINANCING_ROWS);
  const tiers = tierRows(round, language);
  const excludedNames = round.excludedCostCategories.map((category) => categoryLabel(category, language).toLowerCase()).join(', ');
  return html`${state.removedLine ? notice('success', t(language, 'apply.form.lineRemoved', { n: state.removedLine })) : ''}
    <p>${t(language, 'apply.form.budgetIntro')}</p>
    ${excludedNames ? html`<p class="form-hint">${t(language, 'apply.landing.excludedCosts')}: ${excludedNames}.</p>` : ''}
    <fieldset>
      <legend class="h3">${t(language, 'apply.form.budgetLines')}</legend>
      <div class="gf-budget-lines">${Array.from({ length: lineRows }, (_, index) => budgetLine(state, language, index))}</div>
      <p class="gf-budget-total">${t(language, 'apply.summary.total')}: <strong id="budget-total">${formatKroner(language, budgetTotal(answers))}</strong></p>
      <p class="sr-only" id="budget-announce" aria-live="polite"></p>
      <button type="submit" name="action" value="more-lines" class="button button-secondary">${t(language, 'apply.form.addLines')}</button>
    </fieldset>
    <fieldset>
      <legend class="h3">${t(language, 'apply.form.cofinancing')}</legend>
      <p class="form-hint">${t(language, 'apply.form.cofinancingHint')}</p>
      ${termLink(language, 'medfinansiering')}
      ${Array.from({ length: cofinancingRows }, (_, index) => cofinancingRow(state, language, index))}
    </fieldset>
    <h2 class="h3">${t(language, 'apply.form.amountRequested')}</h2>
    <p>${t(language, 'apply.form.tierNotice')}</p>
    <ul>
      ${tiers.map((row) => html`<li>${row.range}: ${row.documents.length ? row.documents.join(', ') : t(language, 'apply.landing.noDocuments')}</li>`)}
    </ul>
    ${textField({
      name: 'amountRequested',
      language,
      value: valueAt(answers, 'amountRequested'),
      error: errors.amountRequested,
      label: t(language, 'apply.form.amountRequested'),
      hint: t(language, 'apply.form.amountRequestedHint', { max: formatMoney(language, round.maxAmountOre) }),
      inputMode: 'numeric',
      width: 's',
      maxLength: 12,
    })}`;
}
