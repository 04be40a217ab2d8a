import type { Request } from 'express';
import { statusLabel, type Language } from '../../../../locale';
import { FILE_KINDS, fileTypeOf } from '../../../../domain/file-types';
import { CSRF_FIELD } from '../../http/csrf';
import { formatFileSize } from '../../http/uploads';
import { checkboxField, errorSummary, fieldId, hiddenField, textArea, textField, type FieldErrors } from '../forms';
import { attributes, html, type SafeHtml } from '../../../../lib/html';
import { renderPage, type SiteSettings } from '../layout';
import { casePath } from './access';
import type { CaseView } from './model';
import { CASE_TEXTS as T, EVENT_TEXTS, fill, PROCESS_STEPS, REPORT_REQUIREMENT_TITLES, STATUS_EXPLANATIONS } from './texts';

const LOCALES: Record<Language, string> = { da: 'da-DK', nb: 'nb-NO', en: 'en-GB' };
const TIME_ZONE = 'Europe/Copenhagen';

export function formatDate(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: TIME_ZONE }).format(date);
}

function formatDateTime(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(date);
}

function formatKroner(ore: bigint, language: Language): string {
  return `${new Intl.NumberFormat(LOCALES[language]).format(Number(ore / 100n))} kr.`;
}

export interface UploadLimitsShown {
  maxFileBytes: number;
  maxFiles: number;
}

/** What the last post left to show: a confirmation, or a form's errors with what was typed. */
export interface CasePageState {
  notice?: string;
  /** Something the page could not do (the case moved on meanwhile): shown above everything. */
  warning?: string;
  errors?: FieldErrors;
  /** The typed values of the form that failed, by field name. */
  values?: Record<string, string>;
}

export interface CasePageContext {
  req: Request;
  site: SiteSettings;
  language: Language;
  csrf: string;
  limits: UploadLimitsShown;
}

const ACCEPT = FILE_KINDS.flatMap((kind) => {
  const type = fileTypeOf(kind);
  return kind === 'jpeg' ? ['.jpg', '.jpeg', type.mimeType] : [`.${type.extension}`, type.mimeType];
}).join(',');

/** A file input with the limits stated up front (the server enforces the same ones). */
export function fileField(field: { name: string; label: string; language: Language; limits: UploadLimitsShown; error?: string; optional?: boolean }): SafeHtml {
  const id = fieldId(field.name);
  const hint = fill(T.filesHint[field.language], { size: formatFileSize(field.limits.maxFileBytes, field.language), count: field.limits.maxFiles });
  return html`<div class="form-group${field.error ? ' form-error' : ''}">
    <label class="form-label" for="${id}">${field.label}</label>
    <span class="form-hint" id="${id}-hint">${hint}</span>
    ${field.error ? html`<span class="form-error-message" id="${id}-error"><span class="sr-only">${field.language === 'en' ? 'Error:' : field.language === 'nb' ? 'Feil:' : 'Fejl:'}</span> ${field.error}</span>` : ''}
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

function summaryList(rows: [string, SafeHtml | string][]): SafeHtml {
  return html`<dl class="gf-summary-list">${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
}

function processSteps(view: CaseView, language: Language): SafeHtml {
  const rejected = view.decision?.outcome === 'rejected';
  const steps = rejected ? PROCESS_STEPS.slice(0, 3) : PROCESS_STEPS;
  const current = steps.findIndex((step) => step.statuses.includes(view.status));
  if (current < 0) return html``;
  // A rejection ends the case at the decision: that step is then the last, and done.
  return html`<h2 class="h3">${T.processHeading[language]}</h2>
    <ol class="gf-case-steps">
      ${steps.map((step, index) => {
        const state = index < current ? 'done' : index === current ? 'current' : 'todo';
        return html`<li class="gf-case-step gf-case-step-${state}"${state === 'current' ? html` aria-current="step"` : ''}>
          ${state === 'current' ? html`<strong>${step.label[language]}</strong>` : step.label[language]}${
            state === 'done' ? html`<span class="sr-only"> (${T.stepDone[language]})</span>` : state === 'current' ? html`<span class="sr-only"> (${T.stepCurrent[language]})</span>` : ''
          }
        </li>`;
      })}
    </ol>`;
}

function timeline(view: CaseView, language: Language): SafeHtml {
  const entries = view.timeline.filter((event) => EVENT_TEXTS[event.type]);
  return html`<h2 class="h3">${T.timelineHeading[language]}</h2>
    <ol class="gf-timeline nobullet-list">
      ${entries.reverse().map(
        (event) => html`<li><time datetime="${event.occurredAt.toISOString()}">${formatDateTime(event.occurredAt, language)}</time>: ${EVENT_TEXTS[event.type]![language]}</li>`,
      )}
    </ol>`;
}

function documentsSection(view: CaseView, language: Language): SafeHtml {
  return html`<h2 class="h3">${T.documentsHeading[language]}</h2>
    ${view.documents.length
      ? html`<ul class="nobullet-list">${view.documents.map(
          (document) => html`<li><a class="function-link" href="${casePath(view.id)}/dokumenter/${document.id}" download>${T.download[language]} ${document.filename}</a> (${formatFileSize(document.size, language)})</li>`,
        )}</ul>`
      : html`<p>${T.noDocuments[language]}</p>`}`;
}

function decisionSection(view: CaseView, language: Language): SafeHtml {
  if (!view.decision) return html``;
  const outcome = fill(T[`outcome_${view.decision.outcome}`][language], { amount: formatKroner(view.decision.amountGrantedOre, language) });
  return html`<section aria-labelledby="decision-heading" class="mt-7">
    <h2 class="h3" id="decision-heading">${T.decisionHeading[language]}</h2>
    <p><strong>${outcome}</strong> ${fill(T.decidedOn[language], { date: formatDate(view.decision.decidedAt, language) })}</p>
    ${view.hasLetter ? html`<p><a class="function-link" href="${casePath(view.id)}/afgoerelse.pdf" download>${T.letterLink[language]}</a></p>` : html`<p>${T.letterPending[language]}</p>`}
  </section>`;
}

function answerSection(view: CaseView, context: CasePageContext, state: CasePageState): SafeHtml {
  const request = view.openRequest;
  if (!request) return html``;
  const { language } = context;
  const errors = state.errors ?? {};
  return html`<section aria-labelledby="request-heading" class="mt-7">
    <h2 class="h3" id="request-heading">${T.requestHeading[language]}</h2>
    <p>${fill(T.requestAnswerBy[language], { date: formatDate(request.answerBy, language) })}</p>
    ${request.items.length ? html`<h3 class="h5">${T.requestItems[language]}</h3><ul>${request.items.map((item) => html`<li>${item}</li>`)}</ul>` : ''}
    ${request.message ? html`<p class="gf-request-message">${request.message}</p>` : ''}
    <form method="post" action="${casePath(view.id)}/svar" enctype="multipart/form-data" novalidate>
      ${hiddenField(CSRF_FIELD, context.csrf)}
      ${hiddenField('requestSequence', String(request.sequence))}
      ${textArea({ name: 'text', label: T.answerText[language], hint: T.answerTextHint[language], language, maxLength: 8000, rows: 6, value: state.values?.text, error: errors.text })}
      ${fileField({ name: 'answer_files', label: T.filesOptional[language], language, limits: context.limits, error: errors.answer_files })}
      <button type="submit" class="button button-primary">${T.answerSubmit[language]}</button>
    </form>
  </section>`;
}

function reportSection(view: CaseView, context: CasePageContext, state: CasePageState): SafeHtml {
  const due = view.reportDue;
  if (!due) return html``;
  const { language } = context;
  const errors = state.errors ?? {};
  const values = state.values ?? {};
  const requirement = due.requirement;
  const numberField = (name: string, label: string, hint?: string) =>
    textField({ name, label, hint, language, value: values[name], error: errors[name], inputMode: 'numeric', width: 's', maxLength: 12, attrs: { pattern: '[0-9]*' } });
  return html`<section aria-labelledby="report-heading" class="mt-7">
    <h2 class="h3" id="report-heading">${T.reportHeading[language]}: ${REPORT_REQUIREMENT_TITLES[requirement][language]}</h2>
    <p>${fill(T.reportDueBy[language], { date: formatDate(due.dueAt, language) })}</p>
    <p>${T[`reportIntro_${requirement}`][language]}</p>
    <form method="post" action="${casePath(view.id)}/afrapportering" enctype="multipart/form-data" novalidate>
      ${hiddenField(CSRF_FIELD, context.csrf)}
      ${requirement === 'declaration'
        ? html`${checkboxField({ name: 'declaration', label: T.declaration[language], hint: T.declarationHint[language], language, checked: values.declaration === 'true', error: errors.declaration })}
          ${textArea({ name: 'narrative', label: T.narrativeOptional[language], language, optional: true, maxLength: 2000, rows: 3, value: values.narrative, error: errors.narrative })}`
        : textArea({ name: 'narrative', label: T.narrative[language], language, maxLength: 4000, rows: 6, value: values.narrative, error: errors.narrative })}
      ${requirement === 'short_report' ? textArea({ name: 'spending', label: T.spending[language], hint: T.spendingHint[language], language, maxLength: 3000, rows: 5, value: values.spending, error: errors.spending }) : ''}
      ${numberField('spentKroner', T.spentKroner[language], T.spentKronerHint[language])}
      ${numberField('participants', T.participants[language])}
      ${numberField('volunteers', T.volunteers[language])}
      ${requirement === 'accounts' || requirement === 'audited_accounts'
        ? fileField({ name: 'report_files', label: T.accountsFile[language], language, limits: context.limits, error: errors.report_files })
        : fileField({ name: 'report_files', label: T.filesOptional[language], language, limits: context.limits, error: errors.report_files })}
      ${textArea({ name: 'story', label: T.story[language], hint: T.storyHint[language], language, optional: true, maxLength: 4000, rows: 5, value: values.story, error: errors.story })}
      ${checkboxField({ name: 'shareStory', label: T.shareStory[language], language, checked: values.shareStory === 'true' })}
      <button type="submit" class="button button-primary">${T.reportSubmit[language]}</button>
    </form>
  </section>`;
}

export function renderCasePage(view: CaseView, context: CasePageContext, state: CasePageState = {}): string {
  const { language } = context;
  const errors = state.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  const currentStatus = statusLabel(language, view.status);
  const main = html`
    ${errorSummary(errors, language)}
    ${state.warning ? html`<div class="alert alert-warning" role="alert"><div class="alert-body"><p class="alert-text">${state.warning}</p></div></div>` : ''}
    ${state.notice ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${state.notice}</p></div></div>` : ''}
    <span class="caption">${T.caseTitle[language]}</span>
    <h1>${view.projectTitle}</h1>
    ${summaryList([
      [T.reference[language], view.reference],
      [T.association[language], view.organizationName],
      [T.round[language], view.roundName],
      [T.amountRequested[language], formatKroner(view.amountRequestedOre, language)],
      [T.submittedAt[language], formatDate(view.submittedAt, language)],
    ])}
    <div class="alert alert-info mt-6" id="case-status">
      <div class="alert-body">
        <h2 class="alert-heading">${T.statusHeading[language]}: ${currentStatus}</h2>
        <p class="alert-text">${STATUS_EXPLANATIONS[view.status][language]}</p>
        ${view.expectedAnswerBy
          ? html`<p class="alert-text"><strong>${T.expectedAnswer[language]}: ${formatDate(view.expectedAnswerBy, language)}.</strong> ${T.expectedAnswerHint[language]}</p>`
          : ''}
      </div>
    </div>
    ${processSteps(view, language)}
    ${answerSection(view, context, state)}
    ${reportSection(view, context, state)}
    ${decisionSection(view, language)}
    <div class="mt-7">${timeline(view, language)}</div>
    <div class="mt-7">${documentsSection(view, language)}</div>
    ${view.canWithdraw
      ? html`<section aria-labelledby="withdraw-heading" class="mt-7">
          <h2 class="h3" id="withdraw-heading">${T.withdrawHeading[language]}</h2>
          <p>${T.withdrawIntro[language]}</p>
          <p><a class="button button-secondary" href="${casePath(view.id)}/traek-tilbage">${T.withdrawLink[language]}</a></p>
        </section>`
      : ''}`;
  return renderPage(context.req, context.site, { title: `${T.caseTitle[language]}: ${view.projectTitle}`, language, main, hasErrors });
}

export function renderWithdrawConfirmation(view: CaseView, context: CasePageContext, state: CasePageState = {}): string {
  const { language } = context;
  const errors = state.errors ?? {};
  const main = html`
    ${errorSummary(errors, language)}
    <span class="caption">${view.projectTitle}</span>
    <h1>${T.withdrawConfirmTitle[language]}</h1>
    <p>${T.withdrawConfirmBody[language]}</p>
    <form method="post" action="${casePath(view.id)}/traek-tilbage" novalidate>
      ${hiddenField(CSRF_FIELD, context.csrf)}
      ${textArea({ name: 'reason', label: T.withdrawReason[language], hint: T.withdrawReasonHint[language], language, optional: true, maxLength: 2000, rows: 4, value: state.values?.reason, error: errors.reason })}
      <button type="submit" class="button button-primary">${T.withdrawConfirm[language]}</button>
      <a class="button button-secondary" href="${casePath(view.id)}">${T.withdrawCancel[language]}</a>
    </form>`;
  return renderPage(context.req, context.site, { title: T.withdrawConfirmTitle[language], language, main, hasErrors: Object.keys(errors).length > 0 });
}

/** Shown for a missing, wrong or expired link: what to do, not a bare error code. */
export function renderNoAccess(req: Request, site: SiteSettings, language: Language, kind: 'forbidden' | 'no_link'): string {
  const title = kind === 'forbidden' ? T.noAccessTitle[language] : T.openLinkTitle[language];
  const body = kind === 'forbidden' ? T.noAccessBody[language] : T.openLinkBody[language];
  return renderPage(req, site, { title, language, main: html`<h1>${title}</h1><p>${body}</p>` });
}
