import type { Request } from 'express';
import type { Language } from '../../../../lib/languages';
import { CSRF_FIELD } from '../../http/csrf';
import { errorSummary, hiddenField, textField, type FieldErrors } from '../forms';
import { html } from '../../../../lib/html';
import { renderPage, type SiteSettings } from '../layout';
import { draftPath } from './draft-cookie';
import { notice } from './page-parts';
import { say } from './texts';

/** "Save and continue later": the answers are saved already; this sends the private link. */
export function saveLaterPage(
  req: Request,
  site: SiteSettings,
  language: Language,
  state: { draftId: string; email: string; errors: FieldErrors; sentTo?: string; csrf: string; backHref: string },
): string {
  return renderPage(req, site, {
    title: say('saveTitle', language),
    language,
    hasErrors: Object.keys(state.errors).length > 0,
    main: html`${errorSummary(state.errors, language)}
      <h1>${say('saveTitle', language)}</h1>
      ${state.sentTo ? notice('success', say('linkSent', language, { email: state.sentTo })) : ''}
      <p>${say('saveIntro', language)}</p>
      <form method="post" action="${draftPath(state.draftId)}/gem" novalidate>
        ${hiddenField(CSRF_FIELD, state.csrf)}
        ${textField({ name: 'email', label: say('resumeEmail', language), language, type: 'email', autocomplete: 'email', value: state.email, error: state.errors.email, width: 'l', maxLength: 254 })}
        <button type="submit" class="button button-primary">${say('sendLink', language)}</button>
      </form>
      <p class="mt-6"><a href="${state.backHref}">${say('backToForm', language)}</a></p>`,
  });
}
