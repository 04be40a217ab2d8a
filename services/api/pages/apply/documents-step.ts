import type { Request } from 'express';
import { formatBytes, formatDate, t, type Language } from '../../../../locale';
import type { ApplicationDocumentKind } from '../../../../domain/tiers';
import { FILE_KINDS } from '../../../../domain/file-types';
import type { FundingRound } from '../../../../prisma/generated/client';
import { CSRF_FIELD } from '../../http/csrf';
import { fieldErrorMessage, fieldId, hiddenField, type FieldErrors } from '../forms';
import { attributes, html, type SafeHtml } from '../../../../lib/html';
import type { SiteSettings } from '../layout';
import { renderPageWithErrors } from '../page-with-errors';
import { draftPath } from './draft-paths';
import { documentLabel } from './round-facts';
import { formProgress, type FormOutline } from './page-parts';

export interface UploadedDocument {
  id: string;
  kind: string;
  filename: string;
  size: number;
  /** Set when the document is a copy of one the organisation keeps. */
  fromOrganisationDocumentId?: string | null;
}

/** A document the organisation keeps that the step offers instead of an upload. */
export interface ArchiveOffer {
  id: string;
  kind: string;
  financialYear: number | null;
  uploadedAt: Date;
}

function offerButton(offer: ArchiveOffer, language: Language): SafeHtml {
  const date = formatDate(language, offer.uploadedAt);
  const label = offer.kind === 'annual_accounts' ? t(language, 'archive.offer.annual_accounts', { year: String(offer.financialYear ?? ''), date }) : t(language, 'archive.offer.statutes', { date });
  return html`<p class="mb-2">${t(language, 'archive.offer.intro')}</p>
    <p><button type="submit" name="fromArchive" value="${offer.id}" class="button button-secondary">${label}</button></p>`;
}

const FILE_TYPE_NAMES = FILE_KINDS.map((kind) => kind.toUpperCase()).join(', ');

function documentField(kind: ApplicationDocumentKind, uploaded: UploadedDocument[], state: DocumentsState, language: Language): SafeHtml {
  const id = fieldId(kind);
  const error = state.errors[kind];
  const mine = uploaded.filter((document) => document.kind === kind);
  const offer = state.offers.get(kind);
  const offered = offer && !mine.some((document) => document.fromOrganisationDocumentId === offer.id) ? offer : undefined;
  return html`<div class="form-group${error ? ' form-error' : ''}">
    <label class="form-label" for="${id}">${documentLabel(kind, language)}</label>
    <span class="form-hint" id="${id}-hint">${t(language, 'apply.documents.fileHint', { types: FILE_TYPE_NAMES, size: formatBytes(language, state.maxFileBytes) })}</span>
    ${fieldErrorMessage(id, error, language)}
    ${mine.length
      ? html`<ul class="nobullet-list gf-uploaded">
          ${mine.map(
            (document) => html`<li>${document.filename} (${formatBytes(language, document.size)})${document.fromOrganisationDocumentId ? html` – ${t(language, 'archive.fromArchive')}` : ''}
              <button type="submit" name="remove" value="${document.id}" class="button button-unstyled function-link">${t(language, 'apply.documents.remove')}<span class="sr-only">: ${document.filename}</span></button></li>`,
          )}
        </ul>`
      : html`<p class="gf-not-uploaded">${t(language, 'apply.documents.notUploaded')}</p>`}
    ${offered ? offerButton(offered, language) : ''}
    <input class="form-file-input"${attributes({
      type: 'file',
      id,
      name: kind,
      multiple: true,
      accept: '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt,.ods',
      'aria-describedby': [`${id}-hint`, ...(error ? [`${id}-error`] : [])].join(' '),
      'aria-invalid': error ? 'true' : undefined,
    })}>
  </div>`;
}

export interface DocumentsState {
  draftId: string;
  round: FundingRound;
  asked: ApplicationDocumentKind[];
  uploaded: UploadedDocument[];
  /** By kind: what the organisation keeps and the round takes (only for a signed-in member). */
  offers: ReadonlyMap<string, ArchiveOffer>;
  errors: FieldErrors;
  outline: FormOutline;
  csrf: string;
  shownStamp: string;
  maxFileBytes: number;
  maxFiles: number;
}

/** The documents the amount asks for: each with its own file field, what is uploaded, and every limit up front. */
export function documentsPage(req: Request, site: SiteSettings, language: Language, state: DocumentsState): string {
  return renderPageWithErrors(req, site, {
    title: t(language, 'apply.documents.title'),
    language,
    errors: state.errors,
    main: html`${formProgress(state.outline, 'documents', state.round, language)}
      <h1>${t(language, 'apply.documents.title')}</h1>
      <p>${t(language, 'apply.documents.intro')}</p>
      <p class="form-hint">${t(language, 'apply.documents.limits', { types: FILE_TYPE_NAMES, size: formatBytes(language, state.maxFileBytes), max: state.maxFiles })}</p>
      <form method="post" action="${draftPath(state.draftId)}/dokumenter" enctype="multipart/form-data" novalidate>
        ${hiddenField(CSRF_FIELD, state.csrf)}
        ${hiddenField('_shown', state.shownStamp)}
        <button type="submit" name="action" value="next" class="gf-default-action" tabindex="-1" aria-hidden="true">${t(language, 'apply.form.next')}</button>
        ${state.asked.map((kind) => documentField(kind, state.uploaded, state, language))}
        <div class="gf-form-actions">
          <button type="submit" name="action" value="next" class="button button-primary">${t(language, 'apply.form.next')}</button>
          <button type="submit" name="action" value="upload" class="button button-secondary">${t(language, 'apply.documents.uploadNow')}</button>
          <button type="submit" name="action" value="back" class="button button-tertiary">${t(language, 'apply.form.back')}</button>
        </div>
      </form>`,
  });
}
