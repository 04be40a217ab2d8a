import type { Request } from 'express';
import type { Language } from '../../../../lib/languages';
import type { ApplicationDocumentKind } from '../../../../domain/tiers';
import { FILE_KINDS } from '../../../../domain/file-types';
import type { FundingRound } from '../../../../prisma/generated/client';
import { CSRF_FIELD } from '../../http/csrf';
import { formatFileSize } from '../../http/uploads';
import { errorSummary, fieldId, hiddenField, stepIndicator, type FieldErrors } from '../forms';
import { attributes, html, type SafeHtml } from '../../../../lib/html';
import { renderPage, type SiteSettings } from '../layout';
import { draftPath } from './draft-cookie';
import { documentLabel } from './round-facts';
import type { FormOutline } from './step-pages';
import { say } from './texts';

export interface UploadedDocument {
  id: string;
  kind: string;
  filename: string;
  size: number;
}

const FILE_TYPE_NAMES = FILE_KINDS.map((kind) => kind.toUpperCase()).join(', ');

function documentField(kind: ApplicationDocumentKind, uploaded: UploadedDocument[], state: DocumentsState, language: Language): SafeHtml {
  const id = fieldId(kind);
  const error = state.errors[kind];
  const mine = uploaded.filter((document) => document.kind === kind);
  return html`<div class="form-group${error ? ' form-error' : ''}">
    <label class="form-label" for="${id}">${documentLabel(kind, language)}</label>
    <span class="form-hint" id="${id}-hint">${say('fileHint', language, { types: FILE_TYPE_NAMES, size: formatFileSize(state.maxFileBytes, language) })}</span>
    ${error ? html`<span class="form-error-message" id="${id}-error"><span class="sr-only">${say('errorPrefix', language)}</span> ${error}</span>` : ''}
    ${mine.length
      ? html`<ul class="nobullet-list gf-uploaded">
          ${mine.map(
            (document) => html`<li>${document.filename} (${formatFileSize(document.size, language)})
              <button type="submit" name="remove" value="${document.id}" class="button button-unstyled function-link">${say('remove', language)}<span class="sr-only">: ${document.filename}</span></button></li>`,
          )}
        </ul>`
      : html`<p class="gf-not-uploaded">${say('notUploaded', language)}</p>`}
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
  errors: FieldErrors;
  outline: FormOutline;
  csrf: string;
  shownStamp: string;
  maxFileBytes: number;
  maxFiles: number;
}

/** The documents the amount asks for: each with its own file field, what is uploaded, and every limit up front. */
export function documentsPage(req: Request, site: SiteSettings, language: Language, state: DocumentsState): string {
  const outlineIndex = state.outline.steps.findIndex((step) => step.key === 'documents');
  return renderPage(req, site, {
    title: say('documentsTitle', language),
    language,
    hasErrors: Object.keys(state.errors).length > 0,
    main: html`${errorSummary(state.errors, language)}
      ${stepIndicator(state.outline.steps.map((step) => ({ label: step.label, href: step.href })), outlineIndex, language)}
      <p class="h5 mb-2">${say('applicationTo', language, { round: state.round.name })}</p>
      <h1>${say('documentsTitle', language)}</h1>
      <p>${say('documentsIntro', language)}</p>
      <p class="form-hint">${say('documentsLimits', language, { types: FILE_TYPE_NAMES, size: formatFileSize(state.maxFileBytes, language), max: state.maxFiles })}</p>
      <form method="post" action="${draftPath(state.draftId)}/dokumenter" enctype="multipart/form-data" novalidate>
        ${hiddenField(CSRF_FIELD, state.csrf)}
        ${hiddenField('_shown', state.shownStamp)}
        <button type="submit" name="action" value="next" class="gf-default-action" tabindex="-1" aria-hidden="true">${say('next', language)}</button>
        ${state.asked.map((kind) => documentField(kind, state.uploaded, state, language))}
        <div class="gf-form-actions">
          <button type="submit" name="action" value="next" class="button button-primary">${say('next', language)}</button>
          <button type="submit" name="action" value="upload" class="button button-secondary">${say('uploadNow', language)}</button>
          <button type="submit" name="action" value="back" class="button button-tertiary">${say('back', language)}</button>
        </div>
      </form>`,
  });
}
