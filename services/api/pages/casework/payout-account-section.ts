import { t, type Language } from '../../../../locale';
import { html, type SafeHtml } from '../../../../lib/html';
import { maskKontonummerUnbroken } from '../../../../lib/bank-account';
import { CSRF_FIELD } from '../../http/csrf';
import { hiddenField, textField } from '../forms';
import { errorsFor, valuesFor } from './case-forms';
import type { Allows, CasePageState, LoadedCase } from './case-data';
import { textOf } from './format';

/**
 * Where the jurisdiction has no NemKonto (NO): the account the grant is paid to, masked, and the
 * form to correct it when the organisation asks. A payout already in a file for finance keeps the
 * number it was sent with, and the section says so.
 */
export function payoutAccountSection(application: LoadedCase, state: CasePageState, csrf: string, allows: Allows, language: Language): SafeHtml {
  const values = valuesFor(state, 'payoutAccount');
  const errors = errorsFor(state, 'payoutAccount');
  const exported = application.payouts.some((payout) => payout.payoutRun && !payout.confirmedAt && payout.amountOre > 0n);
  return html`<section aria-labelledby="payout-account-heading">
    <h2 id="payout-account-heading">${t(language, 'casework.payoutAccount.heading')}</h2>
    <p>${application.payoutAccount ? t(language, 'casework.payoutAccount.current', { account: maskKontonummerUnbroken(application.payoutAccount) }) : t(language, 'casework.payoutAccount.missing')}</p>
    ${exported ? html`<p class="form-hint">${t(language, 'casework.payoutAccount.exported')}</p>` : ''}
    ${allows('case.correctPayoutAccount')
      ? html`<form method="post" action="/personale/sager/${application.id}/kontonummer" novalidate class="gf-action">
          ${hiddenField(CSRF_FIELD, csrf)}
          ${textField({
            name: 'bankAccount',
            label: t(language, 'casework.payoutAccount.label'),
            hint: t(language, 'casework.payoutAccount.hint'),
            language,
            value: textOf(values.bankAccount),
            error: errors.bankAccount,
            inputMode: 'numeric',
            maxLength: 20,
            autocomplete: 'off',
            width: 'm',
          })}
          <button type="submit" class="button button-secondary">${t(language, 'casework.payoutAccount.submit')}</button>
        </form>`
      : ''}
  </section>`;
}
