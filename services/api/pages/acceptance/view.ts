import type { Request } from 'express';
import { formatDateTime, formatDeadline, formatMoney, t, type Language } from '../../../../locale';
import { html, type SafeHtml } from '../../../../lib/html';
import { CSRF_FIELD } from '../../http/csrf';
import { checkboxField, hiddenField, textField, type FieldErrors } from '../forms';
import { renderPage, type SiteSettings } from '../layout';
import { renderPageWithErrors } from '../page-with-errors';
import type { AcceptanceRecord } from '../../acceptance/accept';

/** What the acceptance page shows: the grant, who may sign, the conditions and the form (or the outcome). */
export interface AcceptancePageView {
  applicationId: string;
  organizationName: string;
  projectTitle: string;
  amountGrantedOre: bigint;
  acceptance: AcceptanceRecord;
}

export interface AcceptancePageState {
  errors?: FieldErrors;
  values?: { signerName?: string; accept?: boolean };
  warning?: string;
}

export function acceptancePath(applicationId: string): string {
  return `/tilsagn/${applicationId}`;
}

/** The conditions as stored: the statement, then the numbered conditions as a list. */
function conditionsBlock(text: string): SafeHtml {
  const [statement = '', ...lines] = text.split('\n');
  return html`<p>${statement}</p>
    <ol class="gf-conditions">${lines.map((line) => html`<li>${line.replace(/^\d+\.\s*/, '')}</li>`)}</ol>`;
}

function whoMaySign({ acceptance }: AcceptancePageView, language: Language): string {
  const names = acceptance.signatories as string[];
  if (acceptance.signingRule) return t(language, 'case.acceptance.whoRegister', { rule: acceptance.signingRule, names: names.join(', ') });
  return t(language, 'case.acceptance.whoNamed', { name: names[0] ?? '' });
}

function outcomeOrForm(view: AcceptancePageView, language: Language, csrf: string, state: AcceptancePageState): SafeHtml {
  const { acceptance } = view;
  if (acceptance.acceptedAt) {
    return html`<div class="alert alert-success" role="status"><div class="alert-body">
      <p class="alert-text">${t(language, 'case.acceptance.accepted', { name: acceptance.acceptedByName ?? '', date: formatDateTime(language, acceptance.acceptedAt, 'long') })}</p>
      <p class="alert-text">${t(language, 'case.acceptance.signatureReference', { reference: acceptance.signatureReference ?? '' })}</p>
    </div></div>`;
  }
  if (acceptance.lapsedAt) return html`<div class="alert alert-warning" role="status"><div class="alert-body"><p class="alert-text">${t(language, 'case.acceptance.lapsed')}</p></div></div>`;
  const errors = state.errors ?? {};
  return html`<form method="post" action="${acceptancePath(view.applicationId)}" novalidate>
    ${hiddenField(CSRF_FIELD, csrf)}
    ${textField({ name: 'signerName', label: t(language, 'case.acceptance.signerName'), hint: t(language, 'case.acceptance.signerNameHint'), language, autocomplete: 'name', maxLength: 200, width: 'l', value: state.values?.signerName, error: errors.signerName })}
    ${checkboxField({ name: 'accept', label: t(language, 'case.acceptance.accept'), language, value: 'ja', checked: state.values?.accept, error: errors.accept })}
    <p class="form-hint">${t(language, 'case.acceptance.signingNote')}</p>
    <button type="submit" class="button button-primary">${t(language, 'case.acceptance.submit')}</button>
  </form>`;
}

/** The page the signatory's private link opens. */
export function renderAcceptancePage(req: Request, site: SiteSettings, language: Language, csrf: string, view: AcceptancePageView, state: AcceptancePageState = {}): string {
  const { acceptance } = view;
  const title = t(language, 'case.acceptance.title');
  const main = html`
    ${state.warning ? html`<div class="alert alert-warning" role="alert"><div class="alert-body"><p class="alert-text">${state.warning}</p></div></div>` : ''}
    <span class="caption">${view.projectTitle}</span>
    <h1>${t(language, 'case.acceptance.heading', { organization: view.organizationName })}</h1>
    <p>${t(language, 'case.acceptance.intro', { organization: view.organizationName, amount: formatMoney(language, view.amountGrantedOre), projectTitle: view.projectTitle })}</p>
    ${acceptance.acceptedAt || acceptance.lapsedAt ? '' : html`<p><strong>${t(language, 'case.acceptance.deadline', { date: formatDeadline(language, acceptance.acceptBy) })}</strong></p>`}
    <h2>${t(language, 'case.acceptance.whoHeading')}</h2>
    <p>${whoMaySign(view, language)}</p>
    <h2>${t(language, 'case.acceptance.conditionsHeading')}</h2>
    ${conditionsBlock(acceptance.conditionsText)}
    <p class="form-hint">${t(language, 'case.acceptance.version', { version: acceptance.conditionsVersion })}</p>
    ${outcomeOrForm(view, language, csrf, state)}`;
  return renderPageWithErrors(req, site, { title, language, main, errors: state.errors ?? {} });
}

/** Opened without a valid acceptance link: what to do instead. */
export function renderAcceptanceNoLink(req: Request, site: SiteSettings, language: Language): string {
  const title = t(language, 'case.acceptance.title');
  return renderPage(req, site, { title, language, main: html`<h1>${title}</h1><p>${t(language, 'case.acceptance.noLink')}</p>` });
}
