import { FACT_SOURCES, type ConsultationFact } from '../../../../domain/consultation';
import { consultationSchema, type ConsultationInput } from '../../../../domain/consultation-schema';
import { processSettingsSchema } from '../../../../domain/round-settings';
import { parseDuration } from '../../../../lib/durations';
import { html, type SafeHtml } from '../../../../lib/html';
import { formatDateTime, formatDeadline, t, zodErrorMap, type Language, type MessageKey } from '../../../../locale';
import { CSRF_FIELD } from '../../http/csrf';
import { localInstant } from '../admin/round-form';
import { hiddenField, selectField, textArea, textField, type FieldErrors } from '../forms';
import type { CasePageState, LoadedCase } from './case-data';
import { textOf } from './format';
import type { StaffNameOf } from './people';
import { deadlineAfter } from '../../../../domain/time-zone';

// Partshøring on the caseworker's case page: the form that sends the facts, and what was sent and answered.

/** Fact rows the form offers; the JSON API takes up to 20. */
const FACT_ROWS = 3;

/** Where the API's field paths land on the form: facts.1.text is the second fact's field. */
export function consultationFieldFor(path: string): string {
  const fact = /^facts(?:\.(\d+))?/.exec(path);
  if (fact) return `fact-${Number(fact[1] ?? 0) + 1}`;
  // The request form on the same page has its own "message" field.
  return path === 'message' ? 'consultationMessage' : path;
}

/** The form's fields as the API's consultation input, or the form's errors in the page's language. */
export function consultationFromForm(body: Record<string, unknown>, language: Language): { input?: ConsultationInput; errors: FieldErrors } {
  const facts: ConsultationFact[] = [];
  for (let row = 1; row <= FACT_ROWS; row++) {
    const text = textOf(body[`fact-${row}`]).trim();
    const source = FACT_SOURCES.find((s) => s === textOf(body[`source-${row}`]));
    if (text) facts.push({ text, ...(source ? { source } : {}) });
  }
  const day = textOf(body.answerBy).trim();
  const answerBy = day ? localInstant(day, '', 'end') : undefined;
  if (day && !answerBy) return { errors: { answerBy: t(language, 'errors.consultation.deadlineInvalid') } };
  const parsed = consultationSchema.safeParse({ facts, message: textOf(body.consultationMessage), answerBy }, { error: zodErrorMap(language) });
  if (parsed.success) return { input: parsed.data, errors: {} };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const message = issue.message.startsWith('i18n:') ? t(language, issue.message.slice(5) as MessageKey) : issue.message;
    errors[consultationFieldFor(issue.path.map(String).join('.'))] ??= message;
  }
  return { errors };
}

export function consultForm(application: LoadedCase, state: CasePageState, csrf: string, status: string, language: Language): SafeHtml {
  const values = state.form === 'consult' ? (state.values ?? {}) : {};
  const errors = state.form === 'consult' ? (state.errors ?? {}) : {};
  const settings = processSettingsSchema.safeParse(application.round.processSettings ?? {});
  const defaultAnswerBy = deadlineAfter(new Date(), parseDuration(settings.success ? settings.data.answerDeadline : 'P14D'));
  const sources = FACT_SOURCES.map((source) => ({ value: source, label: t(language, `common.factSource.${source}`) }));
  const rows = Array.from({ length: FACT_ROWS }, (_, index) => index + 1);
  return html`<form method="post" action="/personale/sager/${application.id}/partshoering" novalidate class="gf-action">
    <h3 id="action-consult">${t(language, 'casework.consultation.heading')}</h3>
    <p>${t(language, 'casework.consultation.intro')}</p>
    ${hiddenField(CSRF_FIELD, csrf)}${hiddenField('expectedStatus', status)}
    ${rows.map(
      (n) => html`<div class="gf-fact">
        ${textArea({ name: `fact-${n}`, label: t(language, 'casework.consultation.fact', { n }), language, optional: n > 1, maxLength: 2000, rows: 2, value: textOf(values[`fact-${n}`]), error: errors[`fact-${n}`] })}
        ${selectField({ name: `source-${n}`, label: t(language, 'casework.consultation.source', { n }), language, optional: true, emptyLabel: '', options: sources, value: textOf(values[`source-${n}`]) })}
      </div>`,
    )}
    ${textField({ name: 'answerBy', type: 'date', label: t(language, 'casework.consultation.answerBy'), hint: t(language, 'casework.consultation.answerByHint', { date: formatDeadline(language, defaultAnswerBy) }), language, optional: true, width: 's', value: textOf(values.answerBy), error: errors.answerBy })}
    ${textArea({ name: 'consultationMessage', label: t(language, 'casework.consultation.message'), language, optional: true, maxLength: 4000, rows: 3, value: textOf(values.consultationMessage), error: errors.consultationMessage })}
    <button type="submit" class="button button-secondary">${t(language, 'casework.consultation.send')}</button>
  </form>`;
}

/** Every partshøring of the case: the facts, the deadline, and the comments or the deadline passing. */
export function consultationsSection(application: LoadedCase, who: StaffNameOf, language: Language): SafeHtml {
  if (!application.consultations.length) return html``;
  const documents = new Map(application.documents.map((d) => [d.id, d]));
  return html`<section aria-labelledby="consultations-heading">
    <h2 id="consultations-heading">${t(language, 'casework.consultation.sectionHeading')}</h2>
    ${application.consultations.map((consultation) => {
      const facts = consultation.facts as unknown as ConsultationFact[];
      const answer = consultation.answer as { text?: string; documentIds?: string[] } | null;
      return html`<div class="gf-request">
        <h3 class="h4">${t(language, 'casework.consultation.number', { n: consultation.sequence, at: formatDateTime(language, consultation.sentAt), by: who(consultation.requestedBy) })}</h3>
        <ul>${facts.map((fact) => html`<li>${fact.text}${fact.source ? html` <span class="gf-muted">(${t(language, `common.factSource.${fact.source}`)})</span>` : ''}</li>`)}</ul>
        ${consultation.message ? html`<p class="gf-pre">${consultation.message}</p>` : ''}
        <p>${t(language, 'casework.answerBy')}: ${formatDeadline(language, consultation.answerBy)}${consultation.remindersSent ? html` <span class="gf-muted">(${t(language, 'casework.consultation.remindersSent', { count: consultation.remindersSent })})</span>` : ''}</p>
        <h4 class="h5">${t(language, 'casework.answer')}</h4>
        ${answer && consultation.answeredAt
          ? html`<p class="gf-pre">${answer.text ?? ''}</p>
              ${(answer.documentIds ?? []).map((id) => {
                const document = documents.get(id);
                return document ? html`<p><a href="/api/v1/applications/${application.id}/documents/${document.id}" download>${document.filename}</a></p>` : '';
              })}
              <p class="gf-muted">${formatDateTime(language, consultation.answeredAt)}</p>`
          : html`<p>${consultation.deadlinePassedAt ? t(language, 'casework.consultation.deadlinePassed', { at: formatDateTime(language, consultation.deadlinePassedAt) }) : t(language, 'casework.notAnswered')}</p>`}
      </div>`;
    })}
  </section>`;
}
