import { formatBytes, formatDateTime, formatDeadline, t, type Language } from '../../../../locale';
import { FILE_KINDS, fileTypeOf } from '../../../../domain/file-types';
import { calendarDateFromTyped, typedFromCalendarDate } from '../../../../domain/typed-date';
import { CSRF_FIELD } from '../../http/csrf';
import { checkboxField, choiceGroup, fieldErrorMessage, fieldId, hiddenField, textArea, textField } from '../forms';
import { attributes, html, type SafeHtml } from '../../../../lib/html';
import { casePath } from './access';
import type { CaseView } from './model';
import type { CasePageContext, CasePageState, UploadLimitsShown } from './page-context';

// What the case page asks of the association: an answer to a request, a follow-up report.

/** A part of the case page under its own heading. */
export function caseSection(id: string, heading: string, content: SafeHtml): SafeHtml {
  return html`<section aria-labelledby="${id}-heading" class="mt-7">
    <h2 class="h3" id="${id}-heading">${heading}</h2>
    ${content}
  </section>`;
}

const ACCEPT = FILE_KINDS.flatMap((kind) => {
  const type = fileTypeOf(kind);
  return kind === 'jpeg' ? ['.jpg', '.jpeg', type.mimeType] : [`.${type.extension}`, type.mimeType];
}).join(',');

/** A file input with the limits stated up front (the server enforces the same ones). */
export function fileField(field: { name: string; label: string; language: Language; limits: UploadLimitsShown; error?: string; optional?: boolean }): SafeHtml {
  const id = fieldId(field.name);
  const hint = t(field.language, 'case.files.hint', { size: formatBytes(field.language, field.limits.maxFileBytes), count: field.limits.maxFiles });
  return html`<div class="form-group${field.error ? ' form-error' : ''}">
    <label class="form-label" for="${id}">${field.label}</label>
    <span class="form-hint" id="${id}-hint">${hint}</span>
    ${fieldErrorMessage(id, field.error, field.language)}
    <input${attributes({
      type: 'file',
      id,
      name: field.name,
      multiple: true,
      accept: ACCEPT,
      'aria-invalid': field.error ? 'true' : undefined,
      'aria-describedby': `${id}-hint${field.error ? ` ${id}-error` : ''}`,
    })}>
  </div>`;
}

/** The municipality's request for information, and the form that answers it. */
export function answerSection(view: CaseView, context: CasePageContext, state: CasePageState): SafeHtml {
  const request = view.openRequest;
  if (!request) return html``;
  const { language } = context;
  const errors = state.errors ?? {};
  return caseSection('request', t(language, 'case.request.heading'), html`
    <p>${t(language, 'case.request.answerBy', { date: formatDeadline(language, request.answerBy) })}</p>
    ${request.items.length ? html`<h3 class="h5">${t(language, 'case.request.items')}</h3><ul>${request.items.map((item) => html`<li>${item}</li>`)}</ul>` : ''}
    ${request.message ? html`<p class="gf-request-message">${request.message}</p>` : ''}
    <form method="post" action="${casePath(view.id)}/svar" enctype="multipart/form-data" novalidate>
      ${hiddenField(CSRF_FIELD, context.csrf)}
      ${hiddenField('requestSequence', String(request.sequence))}
      ${textArea({ name: 'text', label: t(language, 'case.request.answerText'), hint: t(language, 'case.request.answerTextHint'), language, maxLength: 8000, rows: 6, value: state.values?.text, error: errors.text })}
      ${fileField({ name: 'answer_files', label: t(language, 'case.files.optional'), language, limits: context.limits, error: errors.answer_files })}
      <button type="submit" class="button button-primary">${t(language, 'case.request.answerSubmit')}</button>
    </form>`);
}

/** The follow-up report the grant asks for, as a form. */
export function reportSection(view: CaseView, context: CasePageContext, state: CasePageState): SafeHtml {
  const due = view.reportDue;
  if (!due) return html``;
  const { language } = context;
  const errors = state.errors ?? {};
  const values = state.values ?? {};
  const requirement = due.requirement;
  const numberField = (name: string, label: string, hint?: string) =>
    textField({ name, label, hint, language, value: values[name], error: errors[name], inputMode: 'numeric', width: 's', maxLength: 12, attrs: { pattern: '[0-9]*' } });
  const heading = `${t(language, 'case.report.heading')}: ${t(language, `case.reportRequirement.${requirement}`)}`;
  return caseSection('report', heading, html`
    <p>${t(language, 'case.report.dueBy', { date: formatDeadline(language, due.dueAt) })}</p>
    <p>${t(language, `case.report.intro.${requirement}`)}</p>
    <form method="post" action="${casePath(view.id)}/afrapportering" enctype="multipart/form-data" novalidate>
      ${hiddenField(CSRF_FIELD, context.csrf)}
      ${requirement === 'declaration'
        ? html`${checkboxField({ name: 'declaration', label: t(language, 'case.report.declaration'), hint: t(language, 'case.report.declarationHint'), language, checked: values.declaration === 'true', error: errors.declaration })}
          ${textArea({ name: 'narrative', label: t(language, 'case.report.narrativeOptional'), language, optional: true, maxLength: 2000, rows: 3, value: values.narrative, error: errors.narrative })}`
        : textArea({ name: 'narrative', label: t(language, 'case.report.narrative'), language, maxLength: 4000, rows: 6, value: values.narrative, error: errors.narrative })}
      ${requirement === 'short_report' ? textArea({ name: 'spending', label: t(language, 'case.report.spending'), hint: t(language, 'case.report.spendingHint'), language, maxLength: 3000, rows: 5, value: values.spending, error: errors.spending }) : ''}
      ${numberField('spentKroner', t(language, 'case.report.spentKroner'), t(language, 'case.report.spentKronerHint'))}
      ${numberField('participants', t(language, 'case.report.participants'))}
      ${numberField('volunteers', t(language, 'case.report.volunteers'))}
      ${requirement === 'accounts' || requirement === 'audited_accounts'
        ? fileField({ name: 'report_files', label: t(language, 'case.report.accountsFile'), language, limits: context.limits, error: errors.report_files })
        : fileField({ name: 'report_files', label: t(language, 'case.files.optional'), language, limits: context.limits, error: errors.report_files })}
      ${textArea({ name: 'story', label: t(language, 'case.report.story'), hint: t(language, 'case.report.storyHint'), language, optional: true, maxLength: 4000, rows: 5, value: values.story, error: errors.story })}
      ${checkboxField({ name: 'storyConsent', label: t(language, 'common.consent.storyAnonymous'), hint: t(language, 'case.report.storyConsentHint'), language, checked: values.storyConsent === 'true' })}
      <button type="submit" class="button button-primary">${t(language, 'case.report.submit')}</button>
    </form>`);
}

/**
 * While the period runs: the form to ask for the decision to be reconsidered (in a Norwegian case,
 * to complain), with the last day to ask. Reasons are required, documents optional.
 */
export function reconsiderationSection(view: CaseView, context: CasePageContext, state: CasePageState): SafeHtml {
  const r = view.reconsideration;
  if (!r?.mayAsk || !r.until) return html``;
  const { language } = context;
  const errors = state.errors ?? {};
  return caseSection('reconsideration', t(language, `case.reconsideration.heading.${r.procedure}`), html`
    <p>${t(language, `case.reconsideration.intro.${r.procedure}`, { date: formatDeadline(language, r.until) })}</p>
    <form method="post" action="${casePath(view.id)}/genovervejelse" enctype="multipart/form-data" novalidate>
      ${hiddenField(CSRF_FIELD, context.csrf)}
      ${textArea({ name: 'reasons', label: t(language, 'case.reconsideration.reasons'), hint: t(language, 'case.reconsideration.reasonsHint'), language, maxLength: 8000, rows: 6, value: state.values?.reasons, error: errors.reasons })}
      ${fileField({ name: 'reconsideration_files', label: t(language, 'case.files.optional'), language, limits: context.limits, error: errors.reconsideration_files })}
      <button type="submit" class="button button-primary">${t(language, `case.reconsideration.submit.${r.procedure}`)}</button>
    </form>`);
}

/** The page's names for the fields of a change request (the case page holds other forms' "reasons"). */
export const CHANGE_FIELDS = { kind: 'changeKind', activity: 'changeActivity', startDate: 'changeStartDate', endDate: 'changeEndDate', reasons: 'changeReasons' } as const;

/** The grant-change request the form's fields make: dates typed as day.month.year become calendar dates. */
export function grantChangeInput(values: Record<string, string>): Record<string, string> {
  const f = CHANGE_FIELDS;
  const day = (typed: string) => calendarDateFromTyped(typed) ?? typed;
  const kind = values[f.kind] ?? '';
  return { kind, reasons: values[f.reasons] ?? '', ...(kind === 'activity' ? { activity: values[f.activity] ?? '' } : { startDate: day(values[f.startDate] ?? ''), endDate: day(values[f.endDate] ?? '') }) };
}

/** "Ændring af aktiviteten eller perioden": the request form until the activity ends, or the request waiting for an answer. */
export function grantChangeSection(view: CaseView, context: CasePageContext, state: CasePageState): SafeHtml {
  const { language } = context;
  if (view.pendingGrantChange) {
    return caseSection('change', t(language, 'case.change.heading'), html`<p>${t(language, 'case.change.pending', { date: formatDateTime(language, view.pendingGrantChange.requestedAt) })}</p>`);
  }
  if (!view.canRequestGrantChange) return html``;
  const errors = state.errors ?? {};
  const values = state.values ?? {};
  const f = CHANGE_FIELDS;
  return caseSection('change', t(language, 'case.change.heading'), html`
    <p>${t(language, 'case.change.intro')}</p>
    <form method="post" action="${casePath(view.id)}/aendring" novalidate>
      ${hiddenField(CSRF_FIELD, context.csrf)}
      ${choiceGroup({
        name: f.kind,
        label: t(language, 'case.change.kind'),
        language,
        options: [
          { value: 'activity', label: t(language, 'case.change.kind.activity') },
          { value: 'period', label: t(language, 'case.change.kind.period') },
        ],
        value: values[f.kind] ?? 'period',
        error: errors[f.kind],
      })}
      ${textArea({ name: f.activity, label: t(language, 'case.change.activity'), language, optional: true, maxLength: 8000, rows: 4, value: values[f.activity], error: errors[f.activity] })}
      ${textField({ name: f.startDate, label: t(language, 'case.change.startDate'), hint: t(language, 'apply.form.dateHint'), language, optional: true, width: 's', maxLength: 10, autocomplete: 'off', value: typedFromCalendarDate(values[f.startDate] ?? ''), error: errors[f.startDate] })}
      ${textField({ name: f.endDate, label: t(language, 'case.change.endDate'), hint: t(language, 'apply.form.dateHint'), language, optional: true, width: 's', maxLength: 10, autocomplete: 'off', value: typedFromCalendarDate(values[f.endDate] ?? ''), error: errors[f.endDate] })}
      ${textArea({ name: f.reasons, label: t(language, 'case.change.reasons'), language, maxLength: 8000, rows: 4, value: values[f.reasons], error: errors[f.reasons] })}
      <button type="submit" class="button button-primary">${t(language, 'case.change.submit')}</button>
    </form>`);
}
