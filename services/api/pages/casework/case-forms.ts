import type { Language } from '../../../../lib/languages';
import { isLanguage } from '../../../../lib/languages';
import type { StaffIdentity } from '../../../../lib/staff-auth';
import type { CaseState } from '../../../../workflows/messages';
import { labelOf, OUTCOME_LABELS } from '../../stats/labels';
import { CSRF_FIELD } from '../../http/csrf';
import { hasRole } from '../../http/staff';
import { criteriaOf } from '../../casework/decision';
import { NOTE_MAX_LENGTH } from '../../casework/notes';
import { OVERRIDE_REASON_MAX_LENGTH } from '../../casework/screening-overrides';
import { choiceGroup, hiddenField, selectField, textArea, textField } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import { dateTime, kronerFromOre, listOf, textOf } from './format';
import type { CasePageState, LoadedCase } from './case-page';
import { CASEWORK_TEXTS as T, fill } from './texts';

export type CaseForm = 'decide' | 'request' | 'judge' | 'note' | 'approval';

export const REASON_TEXT_MAX_LENGTH = 8000;
export const MESSAGE_MAX_LENGTH = 4000;
export const CONDITIONS_MAX_LENGTH = 20 * 1000;

/** The values a form shows: what was posted when the same form comes back with errors. */
function valuesFor(state: CasePageState, form: CaseForm): Record<string, unknown> {
  return state.form === form ? (state.values ?? {}) : {};
}

function errorsFor(state: CasePageState, form: CaseForm): Record<string, string> {
  return state.form === form ? (state.errors ?? {}) : {};
}

function hidden(csrf: string, expectedStatus: string): SafeHtml {
  return html`${hiddenField(CSRF_FIELD, csrf)}${hiddenField('expectedStatus', expectedStatus)}`;
}

function requestForm(application: LoadedCase, state: CasePageState, csrf: string, status: string, language: Language): SafeHtml {
  const values = valuesFor(state, 'request');
  const errors = errorsFor(state, 'request');
  // The items are sent to the association, so they are worded in the application's language.
  const applicantLanguage: Language = isLanguage(application.language) ? application.language : 'da';
  const items = [T.itemStatutes, T.itemBudget, T.itemAccounts, T.itemActivity].map((text) => text[applicantLanguage]);
  return html`<form method="post" action="/personale/sager/${application.id}/oplysninger" novalidate class="gf-action">
    <h3>${T.requestInfo[language]}</h3>
    ${hidden(csrf, status)}
    ${choiceGroup({ name: 'items', label: T.requestItems[language], hint: T.requestItemsHint[language], language, multiple: true, options: items.map((item) => ({ value: item, label: item })), value: listOf(values.items), error: errors.items })}
    ${textArea({ name: 'message', label: T.requestMessage[language], language, optional: true, maxLength: MESSAGE_MAX_LENGTH, value: textOf(values.message), error: errors.message })}
    <button type="submit" class="button button-secondary">${T.requestSend[language]}</button>
  </form>`;
}

function decideForm(application: LoadedCase, state: CasePageState, csrf: string, status: string, language: Language): SafeHtml {
  const values = valuesFor(state, 'decide');
  const errors = errorsFor(state, 'decide');
  const criteria = criteriaOf(application.round);
  return html`<form method="post" action="/personale/sager/${application.id}/afgoerelse" novalidate class="gf-action">
    <h3>${T.decide[language]}</h3>
    <p>${fill(T.decideIntro[language], { threshold: kronerFromOre(application.round.fourEyesThresholdOre, language) })}</p>
    ${hidden(csrf, status)}
    ${choiceGroup({
      name: 'outcome',
      label: T.outcome[language],
      language,
      options: [
        { value: 'approved', label: T.outcomeApproved[language] },
        { value: 'partially_approved', label: T.outcomePartial[language] },
        { value: 'rejected', label: T.outcomeRejected[language] },
      ],
      value: textOf(values.outcome),
      error: errors.outcome,
    })}
    ${textField({
      name: 'amountGranted',
      label: T.amountGranted[language],
      hint: fill(T.amountGrantedHint[language], { requested: kronerFromOre(application.amountRequestedOre, language) }),
      language,
      inputMode: 'numeric',
      width: 's',
      maxLength: 9,
      value: textOf(values.amountGranted),
      error: errors.amountGranted,
    })}
    ${criteria.length
      ? choiceGroup({
          name: 'criteria',
          label: T.criteria[language],
          language,
          optional: true,
          multiple: true,
          options: criteria.map((c) => ({ value: c.code, label: c.label[language] ?? c.label.da ?? c.code })),
          value: listOf(values.criteria),
          error: errors.criteria,
        })
      : ''}
    ${textArea({ name: 'reasonText', label: T.reasonText[language], hint: T.reasonTextHint[language], language, optional: true, maxLength: REASON_TEXT_MAX_LENGTH, value: textOf(values.reasonText), error: errors.reasonText })}
    ${textArea({ name: 'conditions', label: T.conditions[language], hint: T.conditionsHint[language], language, optional: true, maxLength: CONDITIONS_MAX_LENGTH, rows: 3, value: textOf(values.conditions), error: errors.conditions })}
    <div class="gf-buttons">
      <button type="submit" class="button button-primary">${T.decide[language]}</button>
      <button type="submit" class="button button-secondary" formaction="/personale/sager/${application.id}/brev-udkast" formtarget="_blank">${T.previewLetter[language]}</button>
    </div>
  </form>`;
}

/** Approve or return a proposed decision; the approvals page shows the same forms. */
export function approvalForms(applicationId: string, options: { returnTo: string; csrf: string; state: CasePageState; language: Language }): SafeHtml {
  const { language, csrf } = options;
  const values = valuesFor(options.state, 'approval');
  const errors = errorsFor(options.state, 'approval');
  return html`<div class="gf-approval">
    <form method="post" action="/personale/godkendelser/${applicationId}" class="gf-inline-form">
      ${hidden(csrf, 'AWAITING_APPROVAL')}${hiddenField('returnTo', options.returnTo)}${hiddenField('approve', 'true')}
      <button type="submit" class="button button-primary">${T.approve[language]}</button>
    </form>
    <form method="post" action="/personale/godkendelser/${applicationId}" novalidate>
      ${hidden(csrf, 'AWAITING_APPROVAL')}${hiddenField('returnTo', options.returnTo)}${hiddenField('approve', 'false')}
      ${textArea({ name: `comment-${applicationId}`, label: T.comment[language], language, maxLength: MESSAGE_MAX_LENGTH, rows: 3, value: textOf(values[`comment-${applicationId}`]), error: errors[`comment-${applicationId}`] })}
      <button type="submit" class="button button-secondary">${T.returnDecision[language]}</button>
    </form>
  </div>`;
}

function proposalSummary(caseState: CaseState, language: Language): SafeHtml {
  const proposal = caseState.proposal;
  if (!proposal) return html``;
  return html`<p>${fill(T.decidedBy[language], {
    outcome: labelOf(OUTCOME_LABELS, proposal.outcome, language),
    amount: kronerFromOre(BigInt(proposal.amountGrantedOre), language),
    by: proposal.decidedBy,
    at: dateTime(proposal.decidedAt, language),
  })}</p>`;
}

/** Only the actions the workflow allows now, each a plain form carrying the status it was shown in. */
export function actionForms({
  application,
  caseState,
  staff,
  canApprove,
  state,
  csrf,
  language,
}: {
  application: LoadedCase;
  caseState: CaseState | null;
  staff: StaffIdentity;
  canApprove: boolean;
  state: CasePageState;
  csrf: string;
  language: Language;
}): SafeHtml {
  const allowed = new Set(caseState?.allowedActions ?? []);
  const status = caseState?.status ?? application.status;
  const isCaseworker = hasRole(staff, 'caseworker');
  const forms: SafeHtml[] = [];
  const mine = caseState?.assignee === staff.email;
  // Back in the queue after an answer, the case is claimed again, also by its own caseworker.
  if (allowed.has('claim') && (status === 'IN_QUEUE' || !mine)) {
    forms.push(html`<form method="post" action="/personale/sager/${application.id}/tag" class="gf-action">
      ${hidden(csrf, status)}
      ${caseState?.assignee && !mine ? html`<p>${fill(T.claimedByOther[language], { assignee: caseState.assignee })}</p>` : ''}
      <button type="submit" class="button button-primary">${T.claim[language]}</button>
    </form>`);
  }
  // The case's own caseworker works it; anyone else first takes it over with "claim".
  if (allowed.has('requestInformation') && isCaseworker && mine) forms.push(requestForm(application, state, csrf, status, language));
  if (allowed.has('decide') && isCaseworker && mine) forms.push(decideForm(application, state, csrf, status, language));
  if (allowed.has('release') && mine) {
    forms.push(html`<form method="post" action="/personale/sager/${application.id}/frigiv" class="gf-action">
      ${hidden(csrf, status)}
      <button type="submit" class="button button-tertiary">${T.release[language]}</button>
    </form>`);
  }
  if (allowed.has('approve') && caseState) {
    const own = caseState.proposal?.decidedBy === staff.email;
    forms.push(html`<div class="gf-action">
      <h3>${T.approvalHere[language]}</h3>
      ${proposalSummary(caseState, language)}
      ${canApprove && !own ? approvalForms(application.id, { returnTo: `/personale/sager/${application.id}`, csrf, state, language }) : ''}
      ${canApprove && own ? html`<p>${T.ownDecision[language]}</p>` : ''}
      ${!canApprove ? html`<p><a href="/personale/godkendelser">${T.goToApprovals[language]}</a></p>` : ''}
    </div>`);
  }
  return html`<section aria-labelledby="actions-heading" class="gf-actions">
    <h2 id="actions-heading">${T.actions[language]}</h2>
    ${forms.length ? forms : html`<p>${T.noActions[language]}</p>`}
  </section>`;
}

export function judgeForm(applicationId: string, rules: string[], state: CasePageState, csrf: string, language: Language): SafeHtml {
  const values = valuesFor(state, 'judge');
  const errors = errorsFor(state, 'judge');
  return html`<form method="post" action="/personale/sager/${applicationId}/vurdering" novalidate class="gf-action">
    <h3>${T.judge[language]}</h3>
    <p>${T.judgeIntro[language]}</p>
    ${hiddenField(CSRF_FIELD, csrf)}
    ${selectField({ name: 'code', label: T.judgeRule[language], language, emptyLabel: '', value: textOf(values.code), options: rules.map((rule) => ({ value: rule, label: rule })), error: errors.code })}
    ${choiceGroup({ name: 'result', label: T.judgeResult[language], language, options: [{ value: 'pass', label: T.pass[language] }, { value: 'fail', label: T.fail[language] }], value: textOf(values.result), error: errors.result })}
    ${textArea({ name: 'reason', label: T.judgeReason[language], language, maxLength: OVERRIDE_REASON_MAX_LENGTH, rows: 3, value: textOf(values.reason), error: errors.reason })}
    <button type="submit" class="button button-secondary">${T.judgeSave[language]}</button>
  </form>`;
}

export function noteForm(applicationId: string, state: CasePageState, csrf: string, language: Language): SafeHtml {
  const values = valuesFor(state, 'note');
  const errors = errorsFor(state, 'note');
  return html`<form method="post" action="/personale/sager/${applicationId}/noter" novalidate class="gf-action">
    ${hiddenField(CSRF_FIELD, csrf)}
    ${textArea({ name: 'text', label: T.noteText[language], language, maxLength: NOTE_MAX_LENGTH, rows: 3, value: textOf(values.text), error: errors.text })}
    <button type="submit" class="button button-secondary">${T.noteAdd[language]}</button>
  </form>`;
}
