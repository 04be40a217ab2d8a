import { formatDateTime, t, type Language } from '../../../../locale';
import { html, type SafeHtml } from '../../../../lib/html';
import { CSRF_FIELD } from '../../http/csrf';
import { hiddenField } from '../forms';
import { isHelperToken } from '../../drafts/helper';
import type { StoredDraft } from '../../drafts/access';
import { draftPath } from './draft-paths';

/** A draft a volunteer centre prepared, as its pages show it: by whom, for whom, and who is looking. */
export interface PreparedView {
  by: string;
  for: string;
  /** Opened with the helper's token: the helper may change the draft and send its link, never submit it. */
  helper: boolean;
  sharedWithEmail: string;
  sharedAt: Date | null;
}

export function preparedView(draft: StoredDraft, token: string): PreparedView | undefined {
  if (!draft.preparedBy) return undefined;
  return { by: draft.preparedBy, for: draft.preparedFor ?? '', helper: isHelperToken(draft, token), sharedWithEmail: draft.sharedWithEmail ?? '', sharedAt: draft.sharedAt };
}

/** "Prepared by … for …", on every page of the draft: to the association, and to the helper what comes next. */
export function preparedNotice(view: PreparedView | undefined, language: Language): SafeHtml | string {
  if (!view) return '';
  const text = view.helper
    ? t(language, 'apply.helper.helperNotice', { association: view.for, email: view.sharedWithEmail })
    : t(language, 'apply.helper.notice', { by: view.by, association: view.for });
  return html`<div class="alert alert-info" role="note"><div class="alert-body"><p class="alert-text">${text}</p></div></div>`;
}

/** In place of "send the application", the helper sends the association the draft's link. */
export function shareForm(view: PreparedView, draftId: string, csrf: string, language: Language): SafeHtml {
  return html`<h2 class="h3">${t(language, 'apply.helper.shareHeading')}</h2>
    ${view.sharedAt
      ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t(language, 'apply.helper.shared', { email: view.sharedWithEmail, date: formatDateTime(language, view.sharedAt) })}</p></div></div>`
      : ''}
    <form method="post" action="${draftPath(draftId)}/del" novalidate>
      ${hiddenField(CSRF_FIELD, csrf)}
      <p>${t(language, 'apply.helper.shareIntro', { association: view.for, email: view.sharedWithEmail })}</p>
      ${view.sharedAt ? html`<p class="form-hint">${t(language, 'apply.helper.shareAgain')}</p>` : ''}
      <button type="submit" class="button button-primary">${t(language, 'apply.helper.share')}</button>
    </form>`;
}
