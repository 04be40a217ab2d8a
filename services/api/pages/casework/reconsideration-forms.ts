import type { CaseState } from '../../../../workflows/messages';
import { CSRF_FIELD } from '../../http/csrf';
import { criteriaOf } from '../../casework/decision';
import { choiceGroup, hiddenField, textArea, textField } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import type { CasePageState, LoadedCase } from './case-data';
import { formatDate, formatDateTime, t, type Language } from '../../../../locale';
import { listOf, textOf } from './format';
import { amountGrantedField } from './amount-granted-field';

// The caseworker's forms for a request for reconsideration (Norway: a klage): the request as the
// association sent it, then uphold or change it (a klage: change or forward to the klagenemnd),
// and once forwarded, the klagenemnd's decision to register.

const REASON_MAX = 8000;

function fields(state: CasePageState, form: 'reconsider' | 'board') {
  const own = state.form === form;
  return { values: own ? (state.values ?? {}) : {}, errors: own ? (state.errors ?? {}) : {} };
}

/** The new decision's outcome, amount and conditions, shared by "change" and a changed klagenemnd decision. */
function newDecisionFields(application: LoadedCase, values: Record<string, unknown>, errors: Record<string, string>, language: Language): SafeHtml {
  return html`${choiceGroup({
    name: 'outcome',
    label: t(language, 'casework.reconsideration.newOutcome'),
    language,
    optional: true,
    options: (['approved', 'partially_approved', 'rejected'] as const).map((value) => ({ value, label: t(language, `casework.decideOutcome.${value}`) })),
    value: textOf(values.outcome),
    error: errors.outcome,
  })}
  ${amountGrantedField(language, application.amountRequestedOre, { value: values.amountGranted, error: errors.amountGranted, optional: true })}
  ${textArea({ name: 'conditions', label: t(language, 'casework.conditions'), hint: t(language, 'casework.conditionsHint'), language, optional: true, maxLength: 20_000, rows: 3, value: textOf(values.conditions), error: errors.conditions })}`;
}

/** The open request as the association wrote it, with its documents. */
function requestSummary(application: LoadedCase, language: Language): SafeHtml {
  const open = application.reconsiderations.at(-1);
  if (!open) return html``;
  const documents = application.documents.filter((d) => open.documentIds.includes(d.id));
  return html`<p>${t(language, `casework.reconsideration.requested.${open.procedure === 'klage' ? 'klage' : 'reconsideration'}`, { date: formatDateTime(language, open.requestedAt) })}</p>
    <blockquote class="gf-request-message">${open.reasons}</blockquote>
    ${documents.length ? html`<ul class="nobullet-list">${documents.map((d) => html`<li><a class="function-link" href="/api/v1/applications/${application.id}/documents/${d.id}" download>${d.filename}</a></li>`)}</ul>` : ''}
    ${open.outcome === 'forwarded' && open.answeredAt ? html`<p>${t(language, 'casework.reconsideration.forwardedOn', { date: formatDate(language, open.answeredAt) })}</p>` : ''}`;
}

export function reconsiderationForms(application: LoadedCase, caseState: CaseState, state: CasePageState, csrf: string, language: Language): SafeHtml[] {
  const open = caseState.reconsideration;
  const allowed = new Set(caseState.allowedActions);
  if (!open) return [];
  const hidden = html`${hiddenField(CSRF_FIELD, csrf)}${hiddenField('expectedStatus', caseState.status)}`;
  if (allowed.has('answerReconsideration')) {
    const { values, errors } = fields(state, 'reconsider');
    const criteria = criteriaOf(application.round);
    return [
      html`<form method="post" action="/personale/sager/${application.id}/genovervejelse" novalidate class="gf-action">
        <h3>${t(language, `casework.reconsideration.heading.${open.procedure}`)}</h3>
        ${requestSummary(application, language)}
        ${hidden}
        ${choiceGroup({
          name: 'answer',
          label: t(language, 'casework.reconsideration.answer'),
          language,
          options: open.answersAllowed.map((value) => ({ value, label: t(language, `casework.reconsideration.answers.${value}`) })),
          value: textOf(values.answer),
          error: errors.answer,
        })}
        ${criteria.length
          ? choiceGroup({ name: 'criteria', label: t(language, 'casework.criteria'), language, optional: true, multiple: true, options: criteria.map((c) => ({ value: c.code, label: c.label[language] ?? c.label.da ?? c.code })), value: listOf(values.criteria), error: errors.criteria })
          : ''}
        ${textArea({ name: 'reasonText', label: t(language, 'casework.reconsideration.reasons'), hint: t(language, 'casework.reconsideration.reasonsHint'), language, maxLength: REASON_MAX, value: textOf(values.reasonText), error: errors.reasonText })}
        <h4 class="h5">${t(language, 'casework.reconsideration.newDecision')}</h4>
        ${newDecisionFields(application, values, errors, language)}
        <button type="submit" class="button button-primary">${t(language, 'casework.reconsideration.send')}</button>
      </form>`,
    ];
  }
  if (allowed.has('registerBoardDecision')) {
    const { values, errors } = fields(state, 'board');
    return [
      html`<form method="post" action="/personale/sager/${application.id}/klagenaevn" novalidate class="gf-action">
        <h3>${t(language, 'casework.reconsideration.boardHeading')}</h3>
        ${requestSummary(application, language)}
        ${hidden}
        ${choiceGroup({
          name: 'boardOutcome',
          label: t(language, 'casework.reconsideration.boardOutcome'),
          language,
          options: (['upheld', 'changed'] as const).map((value) => ({ value, label: t(language, `casework.reconsideration.boardOutcomes.${value}`) })),
          value: textOf(values.boardOutcome),
          error: errors.boardOutcome,
        })}
        ${textField({ name: 'decidedOn', label: t(language, 'casework.reconsideration.boardDate'), hint: t(language, 'casework.reconsideration.boardDateHint'), language, width: 's', maxLength: 10, value: textOf(values.decidedOn), error: errors.decidedOn })}
        ${textArea({ name: 'text', label: t(language, 'casework.reconsideration.boardText'), hint: t(language, 'casework.reconsideration.boardTextHint'), language, maxLength: REASON_MAX, value: textOf(values.text), error: errors.text })}
        <h4 class="h5">${t(language, 'casework.reconsideration.newDecision')}</h4>
        ${newDecisionFields(application, values, errors, language)}
        <button type="submit" class="button button-primary">${t(language, 'casework.reconsideration.register')}</button>
      </form>`,
    ];
  }
  return [];
}
