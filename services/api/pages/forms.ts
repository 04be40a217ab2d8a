import { formatNumber, t, type Language } from '../../../locale';
import { attributes, html, type SafeHtml } from '../../../lib/html';

/** Field name → message in the page's language; the order is the order of the error summary. */
export type FieldErrors = Record<string, string>;

/** The id of a field's input, derived from its name (dots and brackets are not valid in ids). */
export function fieldId(name: string): string {
  return 'f-' + name.replace(/[^A-Za-z0-9_-]+/g, '-');
}

/** An entry of the error summary that links somewhere other than a field on the same page. */
export interface ErrorLink {
  href: string;
  message: string;
}

/**
 * The DKFDS error summary: at the top of the page, with a link to each field in error. It takes
 * focus on load (tabindex -1 and autofocus) so screen reader users hear it first.
 */
export function errorSummary(errors: FieldErrors | readonly ErrorLink[], language: Language, heading = t(language, 'pages.form.errorSummaryHeading')): SafeHtml {
  const links = isErrorLinks(errors) ? errors : Object.entries(errors).map(([name, message]) => ({ href: `#${fieldId(name)}`, message }));
  if (!links.length) return html``;
  return html`<div class="alert alert-error" role="alert" aria-labelledby="error-summary-heading" tabindex="-1" id="error-summary">
    <div class="alert-body">
      <h2 class="alert-heading" id="error-summary-heading">${heading}</h2>
      <ul class="alert-text nobullet-list">
        ${links.map((link) => html`<li><a class="function-link" href="${link.href}">${link.message}</a></li>`)}
      </ul>
    </div>
  </div>`;
}

export function isErrorLinks(errors: FieldErrors | readonly ErrorLink[]): errors is readonly ErrorLink[] {
  return Array.isArray(errors);
}

/** The "Error:" a screen reader hears before a field's message (the red colour says it to everyone else). */
export function fieldErrorMessage(id: string, error: string | undefined, language: Language): SafeHtml {
  return error ? html`<span class="form-error-message" id="${id}-error"><span class="sr-only">${t(language, 'pages.form.errorPrefix')}</span> ${error}</span>` : html``;
}

interface FieldBase {
  name: string;
  label: string;
  language: Language;
  hint?: string;
  error?: string;
  required?: boolean;
  /** Mark the label "(optional)" — DKFDS marks the optional fields, not the required ones. */
  optional?: boolean;
}

function describedBy(id: string, field: FieldBase, extra: string[] = []): string | undefined {
  const ids = [...(field.hint ? [`${id}-hint`] : []), ...extra, ...(field.error ? [`${id}-error`] : [])];
  return ids.length ? ids.join(' ') : undefined;
}

function labelText(field: FieldBase): SafeHtml {
  return html`${field.label}${field.optional ? html` <span class="weight-normal">${t(field.language, 'pages.form.optional')}</span>` : ''}`;
}

function hintAndError(id: string, field: FieldBase): SafeHtml {
  return html`${field.hint ? html`<span class="form-hint" id="${id}-hint">${field.hint}</span>` : ''}
    ${fieldErrorMessage(id, field.error, field.language)}`;
}

export interface TextFieldOptions extends FieldBase {
  value?: string | number | null;
  type?: 'text' | 'email' | 'tel' | 'number' | 'date' | 'password';
  maxLength?: number;
  autocomplete?: string;
  inputMode?: 'numeric' | 'decimal' | 'email' | 'tel' | 'text';
  width?: 'xs' | 's' | 'm' | 'l' | 'xl';
  /** Extra attributes for the input, e.g. { pattern: '[0-9]{8}' }. */
  attrs?: Record<string, string | number | boolean | undefined>;
}

export function textField(field: TextFieldOptions): SafeHtml {
  const id = fieldId(field.name);
  const limitId = field.maxLength ? `${id}-limit` : undefined;
  return html`<div class="form-group${field.error ? ' form-error' : ''}">
    <label class="form-label" for="${id}">${labelText(field)}</label>
    ${hintAndError(id, field)}
    ${field.maxLength && field.maxLength < 1000 && field.type !== 'number' ? html`<span class="sr-only" id="${limitId}">${t(field.language, 'pages.form.charactersAllowed', { max: field.maxLength })}</span>` : ''}
    <input class="form-input${field.width ? ` input-width-${field.width}` : ''}"${attributes({
      id,
      name: field.name,
      type: field.type ?? 'text',
      value: field.value === null || field.value === undefined ? undefined : String(field.value),
      maxlength: field.maxLength,
      autocomplete: field.autocomplete,
      inputmode: field.inputMode,
      required: field.required,
      'aria-invalid': field.error ? 'true' : undefined,
      'aria-describedby': describedBy(id, field, limitId ? [limitId] : []),
      ...field.attrs,
    })}>
  </div>`;
}

export interface TextAreaOptions extends FieldBase {
  value?: string | null;
  maxLength: number;
  rows?: number;
  width?: 'm' | 'l' | 'xl';
}

// app.js puts the number of characters left where this stands as the text is typed.
const BROWSER_FILLS_IN_COUNT = '{count}';

/**
 * A textarea with the DKFDS character limit: the limit for screen readers, the characters left as
 * a visible count (counted by the server as the page is made, and by app.js as the text is typed),
 * and a polite announcement of the count once typing pauses.
 */
export function textArea(field: TextAreaOptions): SafeHtml {
  const id = fieldId(field.name);
  const left = field.maxLength - (field.value ?? '').length;
  return html`<div class="form-group gf-limit${field.error ? ' form-error' : ''}">
    <label class="form-label" for="${id}">${labelText(field)}</label>
    ${hintAndError(id, field)}
    <textarea class="form-input${field.width ? ` input-width-${field.width}` : ''}"${attributes({
      id,
      name: field.name,
      rows: field.rows ?? 5,
      maxlength: field.maxLength,
      required: field.required,
      'aria-invalid': field.error ? 'true' : undefined,
      'aria-describedby': describedBy(id, field, [`${id}-limit`]),
    })}>${field.value ?? ''}</textarea>
    <span class="sr-only" id="${id}-limit">${t(field.language, 'pages.form.charactersAllowed', { max: formatNumber(field.language, field.maxLength) })}</span>
    <span class="form-hint character-limit" aria-hidden="true"${attributes({ 'data-template': t(field.language, 'pages.form.charactersLeft', { count: BROWSER_FILLS_IN_COUNT }) })}>${t(field.language, 'pages.form.charactersLeft', { count: formatNumber(field.language, left) })}</span>
    <span class="sr-only character-limit-sr-only" aria-live="polite"></span>
  </div>`;
}

export interface ChoiceOptions extends FieldBase {
  options: { value: string; label: string; hint?: string }[];
  value?: string | readonly string[] | null;
}

/** Radio buttons (one answer) or checkboxes (several) in a fieldset with the label as legend. */
export function choiceGroup(field: ChoiceOptions & { multiple?: boolean }): SafeHtml {
  const id = fieldId(field.name);
  const selected = new Set(Array.isArray(field.value) ? field.value : field.value ? [field.value as string] : []);
  const type = field.multiple ? 'checkbox' : 'radio';
  return html`<div class="form-group${field.error ? ' form-error' : ''}">
    <fieldset${attributes({ 'aria-describedby': describedBy(id, field) })}>
      <legend class="form-label">${labelText(field)}</legend>
      ${hintAndError(id, field)}
      <ul class="nobullet-list" id="${id}">
        ${field.options.map((option, index) => {
          const optionId = index === 0 ? id + '-0' : `${id}-${index}`;
          return html`<li class="form-group-${type}">
            <input class="form-${type}"${attributes({
              type,
              id: optionId,
              name: field.name,
              value: option.value,
              checked: selected.has(option.value),
              'aria-describedby': option.hint ? `${optionId}-hint` : undefined,
            })}>
            <label for="${optionId}">${option.label}</label>
            ${option.hint ? html`<span class="form-hint" id="${optionId}-hint">${option.hint}</span>` : ''}
          </li>`;
        })}
      </ul>
    </fieldset>
  </div>`;
}

/** A single checkbox (e.g. a declaration). */
export function checkboxField(field: FieldBase & { checked?: boolean; value?: string }): SafeHtml {
  const id = fieldId(field.name);
  return html`<div class="form-group${field.error ? ' form-error' : ''}">
    ${hintAndError(id, field)}
    <div class="form-group-checkbox">
      <input class="form-checkbox"${attributes({
        type: 'checkbox',
        id,
        name: field.name,
        value: field.value ?? 'true',
        checked: field.checked,
        required: field.required,
        'aria-invalid': field.error ? 'true' : undefined,
        'aria-describedby': describedBy(id, field),
      })}>
      <label for="${id}">${field.label}</label>
    </div>
  </div>`;
}

export function selectField(field: FieldBase & { options: { value: string; label: string }[]; value?: string | null; emptyLabel?: string }): SafeHtml {
  const id = fieldId(field.name);
  return html`<div class="form-group${field.error ? ' form-error' : ''}">
    <label class="form-label" for="${id}">${labelText(field)}</label>
    ${hintAndError(id, field)}
    <select class="form-select"${attributes({
      id,
      name: field.name,
      required: field.required,
      'aria-invalid': field.error ? 'true' : undefined,
      'aria-describedby': describedBy(id, field),
    })}>
      ${field.emptyLabel !== undefined ? html`<option value="">${field.emptyLabel}</option>` : ''}
      ${field.options.map((option) => html`<option${attributes({ value: option.value, selected: option.value === field.value })}>${option.label}</option>`)}
    </select>
  </div>`;
}

/** The DKFDS step indicator; steps before the current one are links back (they are saved). */
export function stepIndicator(steps: { label: string; href?: string }[], currentIndex: number, language: Language): SafeHtml {
  return html`<nav aria-label="${t(language, 'pages.form.steps')}" class="mb-6">
    <p class="h5 mb-3">${t(language, 'pages.form.stepOf', { n: currentIndex + 1, total: steps.length })}</p>
    <ol class="step-indicator">
      ${steps.map((step, index) => {
        const state = index < currentIndex ? 'step-done' : index === currentIndex ? 'step-current' : '';
        const label = html`<span class="step-number">${index + 1}</span><span class="step-title">${step.label}</span>${
          index < currentIndex ? html`<span class="sr-only"> (${t(language, 'pages.form.stepDone')})</span>` : ''
        }`;
        return html`<li class="step ${state}"${index === currentIndex ? html` aria-current="step"` : ''}>
          ${index < currentIndex && step.href ? html`<a href="${step.href}">${label}</a>` : html`<span>${label}</span>`}
        </li>`;
      })}
    </ol>
  </nav>`;
}

/** A hidden CSRF field; pages that post with a cookie session put it in every form. */
export function hiddenField(name: string, value: string): SafeHtml {
  return html`<input type="hidden" name="${name}" value="${value}">`;
}
