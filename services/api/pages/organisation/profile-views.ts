import type { Request } from 'express';
import { formatDateTime, t, type Language, type MessageKey } from '../../../../locale';
import { html, type SafeHtml } from '../../../../lib/html';
import { jurisdictionRules } from '../../../../domain/jurisdiction';
import type { Jurisdiction } from '../../../../lib/jurisdiction';
import type { StoredProfile } from '../../../../domain/organisation-profile';
import { CSRF_FIELD } from '../../http/csrf';
import { hiddenField, textField, type FieldErrors } from '../forms';
import type { SiteSettings } from '../layout';
import { PROFILE_PATH, PROFILE_REFRESH_PATH } from '../../organisation/paths';
import type { SignedInMember } from '../../organisation/session';
import type { RegisterRefresh } from '../../organisation/profile';
import { memberPage } from './views';

/** What the register said the last time it answered. */
export interface RegisterView {
  name: string | null;
  address: string | null;
  status: string | null;
  readAt: Date | null;
}

export interface ProfileState {
  /** The form's values: as stored, or as typed when they did not validate. */
  values: Partial<Record<keyof StoredProfile, string | null>>;
  errors: FieldErrors;
  saved?: 'saved' | 'nothingChanged';
  refresh?: RegisterRefresh;
}

const REFRESH_NOTICE: Record<RegisterRefresh, MessageKey> = {
  refreshed: 'profile.register.refreshed',
  unchanged: 'profile.register.unchanged',
  notFound: 'profile.register.notFound',
  unavailable: 'profile.register.unavailable',
};

function notice(kind: 'success' | 'warning', text: string): SafeHtml {
  return html`<div class="alert alert-${kind}" role="${kind === 'warning' ? 'alert' : 'status'}"><div class="alert-body"><p class="alert-text">${text}</p></div></div>`;
}

function registerSection(language: Language, register: RegisterView, csrf: string): SafeHtml {
  const rows: [string, string][] = [
    [t(language, 'profile.register.name'), register.name ?? ''],
    [t(language, 'profile.register.address'), register.address ?? t(language, 'profile.register.noAddress')],
    [t(language, 'profile.register.status'), register.status ?? ''],
    [t(language, 'profile.register.readAt'), register.readAt ? formatDateTime(language, register.readAt) : ''],
  ];
  return html`<h2 class="h3">${t(language, 'profile.register.heading')}</h2>
    <p>${t(language, 'profile.register.intro')}</p>
    ${register.readAt
      ? html`<dl class="gf-summary-list">${rows.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>`
      : html`<p>${t(language, 'profile.register.never')}</p>`}
    <form method="post" action="${PROFILE_REFRESH_PATH}">
      ${hiddenField(CSRF_FIELD, csrf)}
      <button type="submit" class="button button-secondary">${t(language, 'profile.register.button')}</button>
    </form>`;
}

export function profilePage(req: Request, site: SiteSettings, language: Language, signedIn: SignedInMember, page: { jurisdiction: Jurisdiction; register: RegisterView; csrf: string }, state: ProfileState): string {
  const { register, csrf } = page;
  const { values, errors } = state;
  const rules = jurisdictionRules(page.jurisdiction);
  const field = (name: keyof StoredProfile, options: { type?: 'email' | 'tel'; width?: 'xs' | 's' | 'm' | 'l'; autocomplete?: string; maxLength: number; optional?: boolean; hint?: string; inputMode?: 'numeric' }) =>
    textField({ name, label: t(language, `profile.fields.${name}`), language, value: values[name] ?? '', error: errors[name], required: !options.optional, width: options.width ?? 'l', ...options });
  const refreshNotice = state.refresh
    ? notice(state.refresh === 'unavailable' || state.refresh === 'notFound' ? 'warning' : 'success', t(language, REFRESH_NOTICE[state.refresh], { number: signedIn.organisation.number }))
    : '';
  const main = html`<div>
    ${state.saved ? notice('success', t(language, state.saved === 'saved' ? 'profile.saved' : 'profile.nothingChanged')) : ''}
    ${refreshNotice}
    <p>${t(language, 'profile.intro')}</p>
    <p>${t(language, 'profile.reuse')}</p>
    <form method="post" action="${PROFILE_PATH}" novalidate>
      ${hiddenField(CSRF_FIELD, csrf)}
      <h2 class="h3">${t(language, 'profile.associationHeading')}</h2>
      ${field('name', { maxLength: 200, autocomplete: 'organization' })}
      ${field('street', { maxLength: 200, autocomplete: 'address-line1' })}
      ${field('postcode', { maxLength: 4, width: 'xs', inputMode: 'numeric', autocomplete: 'postal-code' })}
      ${field('city', { maxLength: 100, width: 'm', autocomplete: 'address-level2' })}
      ${field('email', { type: 'email', maxLength: 254, autocomplete: 'email' })}
      ${field('phone', { type: 'tel', maxLength: 20, width: 'm', optional: true, autocomplete: 'tel' })}
      <h2 class="h3">${t(language, 'profile.contactHeading')}</h2>
      ${field('contactName', { maxLength: 200, autocomplete: 'name' })}
      ${field('contactEmail', { type: 'email', maxLength: 254, autocomplete: 'email' })}
      ${field('contactPhone', { type: 'tel', maxLength: 20, width: 'm', optional: true, autocomplete: 'tel' })}
      <h2 class="h3">${t(language, 'profile.payoutHeading')}</h2>
      ${rules.payout.collectsAccount
        ? field('bankAccount', { maxLength: 20, width: 'm', inputMode: 'numeric', hint: t(language, 'profile.fields.bankAccountHint'), autocomplete: 'off' })
        : html`<p>${t(language, 'profile.nemKonto')}</p>`}
      <button type="submit" class="button button-primary">${t(language, 'profile.save')}</button>
    </form>
    ${registerSection(language, register, csrf)}
  </div>`;
  return memberPage(req, site, language, signedIn, { current: 'profile', title: t(language, 'profile.title'), csrf, main, errors: errorLinks(errors) });
}

function errorLinks(errors: FieldErrors) {
  return Object.entries(errors).map(([name, message]) => ({ href: `#f-${name}`, message }));
}
