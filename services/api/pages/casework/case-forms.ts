import type { StaffIdentity } from '../../../../lib/staff-auth';
import type { CaseState } from '../../../../workflows/messages';
import { CSRF_FIELD } from '../../http/csrf';
import { criteriaOf } from '../../casework/decision';
import { alert } from '../staff/alert';
import { NOTE_MAX_LENGTH } from '../../casework/notes';
import { OVERRIDE_REASON_MAX_LENGTH } from '../../casework/screening-overrides';
import { choiceGroup, hiddenField, textArea } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import type { Allows, CaseForm, CasePageState, LoadedCase } from './case-data';
import { formatDateTime, formatMoney, isLanguage, ruleExplanation, ruleTitle, t, type Language } from '../../../../locale';
import type { Jurisdiction } from '../../../../domain/jurisdiction';
import { listOf, textOf } from './format';
import type { StaffNameOf } from './people';
import { consultForm } from './consultation';
import { reconsiderationForms } from './reconsideration-forms';
import { amountGrantedField } from './amount-granted-field';

export const REASON_TEXT_MAX_LENGTH = 8000;
export const MESSAGE_MAX_LENGTH = 4000;
export const CONDITIONS_MAX_LENGTH = 20 * 1000;

/** The values a form shows: what was posted when the same form comes back with errors. */
export function valuesFor(state: CasePageState, form: CaseForm): Record<string, unknown> {
  return state.form === form ? (state.values ?? {}) : {};
}

export function errorsFor(state: CasePageState, form: CaseForm): Record<string, string> {
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
  const items = (['casework.itemStatutes', 'casework.itemBudget', 'casework.itemAccounts', 'casework.itemActivity'] as const).map((key) => t(applicantLanguage, key));
  return html`<form method="post" action="/personale/sager/${application.id}/oplysninger" novalidate class="gf-action">
    <h3 id="action-request">${t(language, 'casework.requestInfo')}</h3>
    ${hidden(csrf, status)}
    ${choiceGroup({ name: 'items', label: t(language, 'casework.requestItems'), hint: t(language, 'casework.requestItemsHint'), language, multiple: true, options: items.map((item) => ({ value: item, label: item })), value: listOf(values.items), error: errors.items })}
    ${textArea({ name: 'message', label: t(language, 'casework.requestMessage'), language, optional: true, maxLength: MESSAGE_MAX_LENGTH, value: textOf(values.message), error: errors.message })}
    <button type="submit" class="button button-secondary">${t(language, 'casework.requestSend')}</button>
  </form>`;
}

function decideForm(application: LoadedCase, state: CasePageState, csrf: string, status: string, language: Language): SafeHtml {
  const values = valuesFor(state, 'decide');
  const errors = errorsFor(state, 'decide');
  const criteria = criteriaOf(application.round);
  return html`<form method="post" action="/personale/sager/${application.id}/afgoerelse" novalidate class="gf-action">
    <h3 id="action-decide">${t(language, 'casework.decide')}</h3>
    <p>${t(language, 'casework.decideIntro', { threshold: formatMoney(language, application.round.fourEyesThresholdOre) })}</p>
    ${hidden(csrf, status)}
    ${choiceGroup({
      name: 'outcome',
      label: t(language, 'casework.outcome'),
      language,
      options: [
        { value: 'approved', label: t(language, 'casework.decideOutcome.approved') },
        { value: 'partially_approved', label: t(language, 'casework.decideOutcome.partially_approved') },
        { value: 'rejected', label: t(language, 'casework.decideOutcome.rejected') },
      ],
      value: textOf(values.outcome),
      error: errors.outcome,
    })}
    ${amountGrantedField(language, application.amountRequestedOre, { value: values.amountGranted, error: errors.amountGranted })}
    ${criteria.length
      ? choiceGroup({
          name: 'criteria',
          label: t(language, 'casework.criteria'),
          language,
          optional: true,
          multiple: true,
          options: criteria.map((c) => ({ value: c.code, label: c.label[language] ?? c.label.da ?? c.code })),
          value: listOf(values.criteria),
          error: errors.criteria,
        })
      : ''}
    ${textArea({ name: 'reasonText', label: t(language, 'casework.reasonText'), hint: t(language, 'casework.reasonTextHint'), language, optional: true, maxLength: REASON_TEXT_MAX_LENGTH, value: textOf(values.reasonText), error: errors.reasonText })}
    ${textArea({ name: 'conditions', label: t(language, 'casework.conditions'), hint: t(language, 'casework.conditionsHint'), language, optional: true, maxLength: CONDITIONS_MAX_LENGTH, rows: 3, value: textOf(values.conditions), error: errors.conditions })}
    <div class="gf-buttons">
      <button type="submit" class="button button-primary">${t(language, 'casework.decide')}</button>
      <button type="submit" class="button button-secondary" formaction="/personale/sager/${application.id}/brev-udkast" formtarget="_blank">${t(language, 'casework.previewLetter')}</button>
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
      <button type="submit" class="button button-primary">${t(language, 'casework.approve')}</button>
    </form>
    <form method="post" action="/personale/godkendelser/${applicationId}" novalidate>
      ${hidden(csrf, 'AWAITING_APPROVAL')}${hiddenField('returnTo', options.returnTo)}${hiddenField('approve', 'false')}
      ${textArea({ name: `comment-${applicationId}`, label: t(language, 'casework.comment'), language, maxLength: MESSAGE_MAX_LENGTH, rows: 3, value: textOf(values[`comment-${applicationId}`]), error: errors[`comment-${applicationId}`] })}
      <button type="submit" class="button button-secondary">${t(language, 'casework.returnDecision')}</button>
    </form>
  </div>`;
}

function proposalSummary(caseState: CaseState, who: StaffNameOf, language: Language): SafeHtml {
  const proposal = caseState.proposal;
  if (!proposal) return html``;
  return html`<p>${t(language, 'casework.decidedBy', {
    outcome: t(language, `common.outcome.${proposal.outcome}`),
    amount: formatMoney(language, BigInt(proposal.amountGrantedOre)),
    by: who(proposal.decidedBy),
    at: formatDateTime(language, proposal.decidedAt),
  })}</p>`;
}

/** Only the actions the workflow allows now, each a plain form carrying the status it was shown in. */
export function actionForms({
  application,
  caseState,
  staff,
  who,
  allows,
  state,
  csrf,
  language,
}: {
  application: LoadedCase;
  caseState: CaseState | null;
  staff: StaffIdentity;
  /** Names the staff members the case records by email address. */
  who: StaffNameOf;
  /** What the signed-in member's roles allow (domain/staff-policy.ts): a form shows only then. */
  allows: Allows;
  state: CasePageState;
  csrf: string;
  language: Language;
}): SafeHtml {
  const allowed = new Set(caseState?.allowedActions ?? []);
  const status = caseState?.status ?? application.status;
  const forms: SafeHtml[] = [];
  const mine = caseState?.assignee === staff.email;
  // A deadline round's case: decided in the round's allocation, or on its own when left out of it.
  if (caseState?.decidedSeparately) forms.push(alert('info', t(language, 'casework.decidedSeparately'), 'note'));
  else if (application.round.mode === 'deadline' && !caseState?.decision && caseState?.allowedActions.includes('withdraw')) forms.push(alert('info', t(language, 'casework.inAllocation'), 'note'));
  // Back in the queue after an answer, the case is claimed again, also by its own caseworker.
  if (allowed.has('claim') && allows('case.claim') && (status === 'IN_QUEUE' || !mine)) {
    forms.push(html`<form method="post" action="/personale/sager/${application.id}/tag" class="gf-action">
      ${hidden(csrf, status)}
      ${caseState?.assignee && !mine ? html`<p>${t(language, 'casework.claimedByOther', { assignee: who(caseState.assignee) })}</p>` : ''}
      <button type="submit" class="button button-primary">${t(language, 'casework.claim')}</button>
    </form>`);
  }
  // The case's own caseworker works it; anyone else first takes it over with "claim".
  // The longer forms, listed at the top of the actions so each is one click away; one that came
  // back with errors comes first, where its messages are seen without scrolling.
  const longer: { form: CaseForm; id: string; label: string; markup: SafeHtml }[] = [];
  if (allowed.has('requestInformation') && allows('case.requestInformation') && mine) {
    longer.push({ form: 'request', id: 'action-request', label: t(language, 'casework.requestInfo'), markup: requestForm(application, state, csrf, status, language) });
  }
  if (allowed.has('consult') && allows('case.consult') && mine) {
    longer.push({ form: 'consult', id: 'action-consult', label: t(language, 'casework.consultation.heading'), markup: consultForm(application, state, csrf, status, language) });
  }
  if (allowed.has('decide') && allows('case.decide') && mine) {
    longer.push({ form: 'decide', id: 'action-decide', label: t(language, 'casework.decide'), markup: decideForm(application, state, csrf, status, language) });
  }
  const refused = state.errors && Object.keys(state.errors).length ? state.form : undefined;
  forms.push(...[...longer.filter((entry) => entry.form === refused), ...longer.filter((entry) => entry.form !== refused)].map((entry) => entry.markup));
  if (allowed.has('release') && allows('case.release') && mine) {
    forms.push(html`<form method="post" action="/personale/sager/${application.id}/frigiv" class="gf-action">
      ${hidden(csrf, status)}
      <button type="submit" class="button button-tertiary">${t(language, 'casework.release')}</button>
    </form>`);
  }
  // A request for reconsideration is answered by any caseworker: the case's own may have moved on.
  if (caseState && allows('reconsideration.answer')) forms.push(...reconsiderationForms(application, caseState, state, csrf, language));
  if (allowed.has('approve') && caseState) {
    const own = caseState.proposal?.decidedBy === staff.email;
    forms.push(html`<div class="gf-action">
      <h3 id="action-approval">${t(language, 'casework.approvalHere')}</h3>
      ${proposalSummary(caseState, who, language)}
      ${allows('case.approve') && !own ? approvalForms(application.id, { returnTo: `/personale/sager/${application.id}`, csrf, state, language }) : ''}
      ${allows('case.approve') && own ? html`<p>${t(language, 'casework.ownDecision')}</p>` : ''}
      ${!allows('case.approve') ? html`<p><a href="/personale/godkendelser">${t(language, 'casework.goToApprovals')}</a></p>` : ''}
    </div>`);
  }
  // A repayment is decided and registered in its own section below.
  if (status === 'REPAYMENT_PROPOSED' && allows('repayment.decide')) forms.push(html`<p><a href="#repayment-heading">${t(language, 'casework.repayment.toDecide')}</a></p>`);
  if (status === 'REPAYMENT_DUE' && allows('repayment.registerPaid')) forms.push(html`<p><a href="#repayment-heading">${t(language, 'casework.repayment.toRegister')}</a></p>`);
  // Whatever the status: a link that reached the wrong people is closed at once (the association can ask for a new one).
  if (allows('case.revokeLinks')) forms.push(html`<form method="post" action="/personale/sager/${application.id}/luk-links" class="gf-action">
      ${hiddenField(CSRF_FIELD, csrf)}
      <p>${t(language, 'casework.privateLinks.explain')}</p>
      <button type="submit" class="button button-secondary">${t(language, 'casework.privateLinks.revoke')}</button>
    </form>`);
  // So is a change request after the grant.
  if (allowed.has('decideGrantChange') && allows('grantChange.decide')) forms.push(html`<p><a href="#grant-change-heading">${t(language, 'casework.grantChange.toDecide')}</a></p>`);
  const links = longer.length > 1 ? html`<ul class="gf-action-index">${longer.map((entry) => html`<li><a href="#${entry.id}">${entry.label}</a></li>`)}</ul>` : '';
  return actionsSection(forms.length ? [links, ...forms] : [html`<p>${t(language, 'casework.noActions')}</p>`], language);
}

/** What the staff member can do on the case now, under one heading the page links to. */
export function actionsSection(content: (SafeHtml | '')[], language: Language): SafeHtml {
  return html`<section aria-labelledby="actions-heading" class="gf-actions">
    <h2 id="actions-heading">${t(language, 'casework.actions')}</h2>
    ${content}
  </section>`;
}

export function judgeForm(applicationId: string, rules: string[], state: CasePageState, csrf: string, language: Language, law?: Jurisdiction): SafeHtml {
  const values = valuesFor(state, 'judge');
  const errors = errorsFor(state, 'judge');
  return html`<form method="post" action="/personale/sager/${applicationId}/vurdering" novalidate class="gf-action">
    <p>${t(language, 'casework.judgeIntro')}</p>
    ${hiddenField(CSRF_FIELD, csrf)}
    ${choiceGroup({ name: 'code', label: t(language, 'casework.judgeRule'), language, value: textOf(values.code), options: rules.map((rule) => ({ value: rule, label: ruleTitle(language, rule, law), hint: ruleExplanation(language, rule, law) })), error: errors.code })}
    ${choiceGroup({ name: 'result', label: t(language, 'casework.judgeResult'), language, options: [{ value: 'pass', label: t(language, 'casework.result.pass') }, { value: 'fail', label: t(language, 'casework.result.fail') }], value: textOf(values.result), error: errors.result })}
    ${textArea({ name: 'reason', label: t(language, 'casework.judgeReason'), language, maxLength: OVERRIDE_REASON_MAX_LENGTH, rows: 3, value: textOf(values.reason), error: errors.reason })}
    <button type="submit" class="button button-secondary">${t(language, 'casework.judgeSave')}</button>
  </form>`;
}

export function noteForm(applicationId: string, state: CasePageState, csrf: string, language: Language): SafeHtml {
  const values = valuesFor(state, 'note');
  const errors = errorsFor(state, 'note');
  return html`<form method="post" action="/personale/sager/${applicationId}/noter" novalidate class="gf-action">
    ${hiddenField(CSRF_FIELD, csrf)}
    ${textArea({ name: 'text', label: t(language, 'casework.noteText'), language, maxLength: NOTE_MAX_LENGTH, rows: 3, value: textOf(values.text), error: errors.text })}
    <button type="submit" class="button button-secondary">${t(language, 'casework.noteAdd')}</button>
  </form>`;
}
