import type { Request } from 'express';
import { lawWording, t, type Language } from '../../../../locale';
import { requestJurisdiction } from '../../http/language';
import type { Jurisdiction } from '../../../../domain/jurisdiction';
import { html } from '../../../../lib/html';
import { accessLogQueryOf, type AccessLogQuery } from '../../admin/access-log';
import type { DataSubjectApplication } from '../../admin/data-subject-applications';
import { ApiError } from '../../http/errors';
import { textField, type FieldErrors } from '../forms';
import { fieldErrorsOf } from './page';

// The logs an administrator searches for a data subject (an association's organisation number —
// CVR or organisasjonsnummer — or a contact person's email) share the search form, its checks and the list of applications found.

export interface SearchTerms {
  cvr: string;
  email: string;
}

export interface SearchOutcome<T> {
  terms: SearchTerms;
  answer?: T;
  errors: FieldErrors;
  status: number;
}

/** Runs the search when the GET form was filled in; a malformed term is a 400 naming the field. */
export async function dataSubjectSearch<T>(req: Request, language: Language, search: (query: AccessLogQuery) => Promise<T>): Promise<SearchOutcome<T>> {
  const terms = { cvr: typeof req.query.cvr === 'string' ? req.query.cvr : '', email: typeof req.query.email === 'string' ? req.query.email : '' };
  if (!terms.cvr.trim() && !terms.email.trim()) return { terms, errors: {}, status: 200 };
  try {
    return { terms, answer: await search(accessLogQueryOf(terms, requestJurisdiction(req))), errors: {}, status: 200 };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 400) throw error;
    return { terms, errors: fieldErrorsOf(error, language), status: 400 };
  }
}

export function dataSubjectSearchForm(action: string, language: Language, { terms, errors }: Pick<SearchOutcome<unknown>, 'terms' | 'errors'>, jurisdiction?: Jurisdiction) {
  return html`<form method="get" action="${action}" novalidate>
    ${textField({ name: 'cvr', label: t(language, lawWording('admin.cvr', jurisdiction)), language, value: terms.cvr, error: errors.cvr, inputMode: 'numeric', width: 's', maxLength: 14, autocomplete: 'off' })}
    ${textField({ name: 'email', label: t(language, 'admin.contactEmail'), language, type: 'email', value: terms.email, error: errors.email, width: 'l', maxLength: 254, autocomplete: 'off' })}
    <button type="submit" class="button button-primary">${t(language, 'admin.search')}</button>
  </form>`;
}

export function applicationsFound(language: Language, applications: readonly DataSubjectApplication[], jurisdiction?: Jurisdiction) {
  return html`<h2>${t(language, 'admin.foundApplications')}</h2>
    ${applications.length
      ? html`<div class="table--responsive-scroll" tabindex="0"><table class="table table--compact gf-data-subject">
          <thead><tr><th scope="col">${t(language, 'admin.application')}</th><th scope="col">${t(language, 'admin.name')}</th><th scope="col">${t(language, 'admin.email')}</th></tr></thead>
          <tbody>${applications.map((a) => html`<tr><td>${a.reference}</td><td>${t(language, lawWording('admin.organizationWithNumber', jurisdiction), { name: a.organizationName, number: a.organizationCvr })} – ${a.contactName}</td><td class="gf-address">${a.contactEmail}</td></tr>`)}</tbody>
        </table></div>`
      : html`<p>${t(language, 'admin.noApplications')}</p>`}`;
}
