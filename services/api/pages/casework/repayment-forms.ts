import { REPAYMENT_OUTCOMES, REPAYMENT_REASONS_MAX } from '../../../../domain/repayment';
import type { CaseState } from '../../../../workflows/messages';
import { CSRF_FIELD } from '../../http/csrf';
import { choiceGroup, hiddenField, textArea, textField } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import { formatDate, formatDateTime, formatKroner, formatMoney, t, type Language } from '../../../../locale';
import type { Allows, CasePageState, LoadedCase } from './case-data';
import type { StaffNameOf } from './people';
import { textOf } from './format';

// The case page's repayment section: the claim an accepted report proposed (grant, spent, unspent),
// the caseworker's decision on it, and once claimed, the deadline and the form to register the payment.

function fields(state: CasePageState, form: 'repayment' | 'repaymentPaid') {
  const own = state.form === form;
  return { values: own ? (state.values ?? {}) : {}, errors: own ? (state.errors ?? {}) : {} };
}

export function repaymentSection(application: LoadedCase, caseState: CaseState | null, state: CasePageState, csrf: string, who: StaffNameOf, allows: Allows, language: Language): SafeHtml {
  const repayment = application.repayments.at(-1);
  if (!repayment) return html``;
  const report = application.reports.find((r) => r.sequence === repayment.reportSequence);
  const spentKroner = Number((report?.content as { spentKroner?: number } | null)?.spentKroner ?? 0);
  const status = caseState?.status ?? application.status;
  const hidden = html`${hiddenField(CSRF_FIELD, csrf)}${hiddenField('expectedStatus', status)}`;
  const letter = application.documents.findLast((d) => d.kind === 'repayment_letter');
  const claimed = repayment.claimedOre ?? 0n;

  let body: SafeHtml;
  if (!repayment.outcome && status === 'REPAYMENT_PROPOSED') {
    if (!allows('repayment.decide')) return html``;
    const { values, errors } = fields(state, 'repayment');
    body = html`<form method="post" action="/personale/sager/${application.id}/tilbagebetaling" novalidate class="gf-action">
      ${hidden}
      ${choiceGroup({
        name: 'outcome',
        label: t(language, 'casework.repayment.outcome'),
        language,
        options: REPAYMENT_OUTCOMES.map((value) => ({ value, label: t(language, `casework.repayment.outcomes.${value}`) })),
        value: textOf(values.outcome),
        error: errors.outcome,
      })}
      ${textField({ name: 'amount', label: t(language, 'casework.repayment.amount'), hint: t(language, 'casework.repayment.amountHint'), language, optional: true, width: 's', inputMode: 'numeric', maxLength: 12, value: textOf(values.amount), error: errors.amount })}
      ${textArea({ name: 'reasons', label: t(language, 'casework.repayment.reasons'), hint: t(language, 'casework.repayment.reasonsHint'), language, maxLength: REPAYMENT_REASONS_MAX, rows: 4, value: textOf(values.reasons), error: errors.reasons })}
      ${textField({ name: 'newPeriodEnd', label: t(language, 'casework.repayment.newPeriodEnd'), hint: t(language, 'casework.repayment.newPeriodEndHint'), language, optional: true, width: 's', maxLength: 10, value: textOf(values.newPeriodEnd), error: errors.newPeriodEnd })}
      <button type="submit" class="button button-primary">${t(language, 'casework.repayment.decide')}</button>
    </form>`;
  } else {
    const { values, errors } = fields(state, 'repaymentPaid');
    body = html`${repayment.outcome && repayment.decidedBy && repayment.decidedAt
      ? html`<p>${t(language, 'casework.repayment.decided', { outcome: t(language, `casework.repayment.outcomes.${repayment.outcome as (typeof REPAYMENT_OUTCOMES)[number]}`), amount: formatMoney(language, claimed), by: who(repayment.decidedBy), at: formatDateTime(language, repayment.decidedAt) })}</p>
        ${repayment.reasons ? html`<blockquote class="gf-request-message">${repayment.reasons}</blockquote>` : ''}`
      : ''}
      ${repayment.newPeriodEnd ? html`<p>${t(language, 'casework.repayment.newPeriod', { date: formatDate(language, repayment.newPeriodEnd) })}</p>` : ''}
      ${repayment.dueAt && !repayment.paidOn ? html`<p><strong>${t(language, 'casework.repayment.due', { dueAt: formatDate(language, repayment.dueAt), reminders: repayment.remindersSent })}</strong></p>` : ''}
      ${repayment.paidOn && repayment.paidRegisteredBy ? html`<p>${t(language, 'casework.repayment.paid', { paidOn: formatDate(language, repayment.paidOn), by: who(repayment.paidRegisteredBy) })}</p>` : ''}
      ${letter ? html`<p><a href="/api/v1/applications/${application.id}/documents/${letter.id}" download>${t(language, 'casework.repayment.letter')}</a></p>` : ''}
      ${status === 'REPAYMENT_DUE' && allows('repayment.registerPaid')
        ? html`<form method="post" action="/personale/sager/${application.id}/indbetaling" novalidate class="gf-action">
            ${hidden}
            ${textField({ name: 'paidOn', label: t(language, 'casework.repayment.paidOn'), hint: t(language, 'casework.repayment.paidOnHint'), language, width: 's', maxLength: 10, value: textOf(values.paidOn), error: errors.paidOn })}
            <button type="submit" class="button button-primary">${t(language, 'casework.repayment.registerPaid')}</button>
          </form>`
        : ''}`;
  }
  return html`<section aria-labelledby="repayment-heading">
    <h2 id="repayment-heading">${t(language, 'casework.repayment.heading')}</h2>
    <p>${t(language, 'casework.repayment.proposal', { granted: formatMoney(language, application.amountGrantedOre ?? 0n), spent: formatKroner(language, spentKroner), amount: formatMoney(language, repayment.proposedOre) })}</p>
    ${body}
  </section>`;
}
