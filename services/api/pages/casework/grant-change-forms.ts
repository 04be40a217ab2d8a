import type { CaseState } from '../../../../workflows/messages';
import { CSRF_FIELD } from '../../http/csrf';
import { choiceGroup, hiddenField, textArea } from '../forms';
import { html, type SafeHtml } from '../../../../lib/html';
import { formatDate, formatDateTime, t, type Language } from '../../../../locale';
import type { Allows, CasePageState, LoadedCase } from './case-data';
import { textOf } from './format';

// The case page's change request: what the association asked to change after the grant, and the
// caseworker's decision on it (approve or refuse, with reasons for the letter).

const period = (language: Language, start: Date, end: Date) => `${formatDate(language, start)} – ${formatDate(language, end)}`;

export function grantChangeSection(application: LoadedCase, caseState: CaseState | null, state: CasePageState, csrf: string, allows: Allows, language: Language): SafeHtml {
  const change = application.grantChanges.findLast((c) => c.outcome === null);
  if (!change || !caseState?.allowedActions.includes('decideGrantChange') || !allows('grantChange.decide')) return html``;
  const own = state.form === 'grantChange';
  const values = own ? (state.values ?? {}) : {};
  const errors = own ? (state.errors ?? {}) : {};
  const kind = change.kind === 'period' ? 'period' : 'activity';
  return html`<section aria-labelledby="grant-change-heading">
    <h2 id="grant-change-heading">${t(language, 'casework.grantChange.heading')}</h2>
    <p>${t(language, 'casework.grantChange.requested', { date: formatDateTime(language, change.requestedAt), kind: t(language, `casework.grantChange.kind.${kind}`) })}</p>
    <dl class="gf-summary-list">
      <dt>${t(language, 'casework.grantChange.label.previousPeriod')}</dt><dd>${period(language, change.previousStartDate, change.previousEndDate)}</dd>
      ${change.newStartDate && change.newEndDate ? html`<dt>${t(language, 'casework.grantChange.label.period')}</dt><dd>${period(language, change.newStartDate, change.newEndDate)}</dd>` : ''}
      ${change.activity ? html`<dt>${t(language, 'casework.grantChange.label.activity')}</dt><dd>${change.activity}</dd>` : ''}
      <dt>${t(language, 'casework.grantChange.label.reasons')}</dt><dd>${change.reasons}</dd>
    </dl>
    <form method="post" action="/personale/sager/${application.id}/aendring" novalidate class="gf-action">
      ${hiddenField(CSRF_FIELD, csrf)}${hiddenField('expectedStatus', caseState.status)}
      ${choiceGroup({
        name: 'approve',
        label: t(language, 'casework.grantChange.decision'),
        language,
        options: [
          { value: 'true', label: t(language, 'casework.grantChange.approve') },
          { value: 'false', label: t(language, 'casework.grantChange.refuse') },
        ],
        value: textOf(values.approve),
        error: errors.approve,
      })}
      ${textArea({ name: 'reasons', label: t(language, 'casework.grantChange.reasons'), language, maxLength: 8000, rows: 4, value: textOf(values.reasons), error: errors.reasons })}
      <button type="submit" class="button button-primary">${t(language, 'casework.grantChange.submit')}</button>
    </form>
  </section>`;
}
