import type { Request } from 'express';
import { formatBytes, formatDate, t, type Language } from '../../../../locale';
import { html, type SafeHtml } from '../../../../lib/html';
import { ORGANISATION_DOCUMENT_KINDS } from '../../../../domain/organisation-documents';
import { CSRF_FIELD } from '../../http/csrf';
import { choiceGroup, fieldErrorMessage, fieldId, hiddenField, textField, type FieldErrors } from '../forms';
import { renderPageWithErrors } from '../page-with-errors';
import type { SiteSettings } from '../layout';
import { ORGANISATION_PATH, SIGN_OUT_PATH } from '../../organisation/paths';
import { ARCHIVE_PATH, archiveDocumentPath } from '../../organisation/archive-paths';
import type { ArchiveDocument } from '../../organisation/documents';
import type { SignedInMember } from '../../organisation/session';
import { memberNavigation } from './member-navigation';

/** "Vedtægter" or "Årsregnskab for 2025": what a kept document is, in the reader's language. */
export function archiveDocumentName(language: Language, document: { kind: string; financialYear: number | null }): string {
  return document.kind === 'annual_accounts' ? t(language, 'archive.document.annual_accounts', { year: String(document.financialYear ?? '') }) : t(language, 'archive.document.statutes');
}

export interface ArchiveState {
  notice?: string;
  errors: FieldErrors;
  kind: string;
  financialYear: string;
  maxFileBytes: number;
  currentYear: number;
}

function documentRow(language: Language, document: ArchiveDocument): SafeHtml {
  const name = archiveDocumentName(language, document);
  return html`<li class="mb-5">
    <p class="mb-0"><strong>${name}</strong>: <span class="gf-break">${document.filename}</span> (${formatBytes(language, document.size)})</p>
    <p class="gf-muted mt-0 mb-2">${t(language, 'archive.uploadedBy', { date: formatDate(language, document.uploadedAt), member: document.uploadedBy })}${document.replacedAt ? html` · ${t(language, 'archive.replacedOn', { date: formatDate(language, document.replacedAt) })}` : ''}</p>
    <a href="${archiveDocumentPath(document.id)}" download>${t(language, 'archive.download')}<span class="sr-only">: ${name}, ${document.filename}</span></a>
  </li>`;
}

/** The organisation's kept documents: the current ones, earlier versions, and the upload form. */
export function archivePage(req: Request, site: SiteSettings, language: Language, signedIn: SignedInMember, documents: ArchiveDocument[], csrf: string, state: ArchiveState): string {
  const title = t(language, 'archive.title');
  // Statutes first, then accounts, newest year first.
  const current = documents
    .filter((document) => document.replacedAt === null)
    .sort((a, b) => ORGANISATION_DOCUMENT_KINDS.indexOf(a.kind as never) - ORGANISATION_DOCUMENT_KINDS.indexOf(b.kind as never) || (b.financialYear ?? 0) - (a.financialYear ?? 0));
  const replaced = documents.filter((document) => document.replacedAt !== null);
  const fileId = fieldId('file');
  const fileError = state.errors.file;
  return renderPageWithErrors(req, site, {
    title,
    language,
    errors: state.errors,
    navigation: memberNavigation(language, 'documents'),
    main: html`<h1>${title}</h1>
      <p>${t(language, 'organisation.overview.signedInAs', { email: signedIn.member.email, role: t(language, signedIn.member.role === 'admin' ? 'organisation.members.admin' : 'organisation.members.member') })}
        <a href="${ORGANISATION_PATH}">${t(language, 'organisation.nav.seeOverview')}</a></p>
      ${state.notice ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${state.notice}</p></div></div>` : ''}
      <p>${t(language, 'archive.intro')}</p>
      <ul>${ORGANISATION_DOCUMENT_KINDS.map((kind) => html`<li>${t(language, `archive.rules.${kind}`)}</li>`)}</ul>
      <h2 class="h3">${t(language, 'archive.currentHeading')}</h2>
      ${current.length ? html`<ul class="nobullet-list">${current.map((document) => documentRow(language, document))}</ul>` : html`<p>${t(language, 'archive.none')}</p>`}
      <h2 class="h3">${t(language, 'archive.uploadHeading')}</h2>
      <p>${t(language, 'archive.uploadHint')}</p>
      <form method="post" action="${ARCHIVE_PATH}" enctype="multipart/form-data" novalidate>
        ${hiddenField(CSRF_FIELD, csrf)}
        ${choiceGroup({ name: 'kind', label: t(language, 'archive.kindLabel'), language, value: state.kind, error: state.errors.kind, required: true, options: ORGANISATION_DOCUMENT_KINDS.map((kind) => ({ value: kind, label: t(language, `archive.kind.${kind}`) })) })}
        ${textField({ name: 'financialYear', label: t(language, 'archive.yearLabel'), hint: t(language, 'archive.yearHint', { year: String(state.currentYear - 1) }), language, value: state.financialYear, error: state.errors.financialYear, inputMode: 'numeric', width: 'xs', maxLength: 4, autocomplete: 'off', optional: true })}
        <div class="form-group${fileError ? ' form-error' : ''}">
          <label class="form-label" for="${fileId}">${t(language, 'archive.fileLabel')}</label>
          <span class="form-hint" id="${fileId}-hint">${t(language, 'archive.fileHint', { size: formatBytes(language, state.maxFileBytes) })}</span>
          ${fieldErrorMessage(fileId, fileError, language)}
          <input class="form-file-input" type="file" id="${fileId}" name="file" accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt,.ods" aria-describedby="${fileId}-hint${fileError ? ` ${fileId}-error` : ''}"${fileError ? html` aria-invalid="true"` : ''}>
        </div>
        <button type="submit" class="button button-primary">${t(language, 'archive.button')}</button>
      </form>
      ${replaced.length ? html`<h2 class="h3">${t(language, 'archive.replacedHeading')}</h2><ul class="nobullet-list">${replaced.map((document) => documentRow(language, document))}</ul>` : ''}
      <form method="post" action="${SIGN_OUT_PATH}" class="mt-7">
        ${hiddenField(CSRF_FIELD, csrf)}
        <button type="submit" class="button button-secondary">${t(language, 'organisation.nav.signOut')}</button>
      </form>`,
  });
}
