import type { Request } from 'express';
import { t, type Language } from '../../../../locale';
import { CSRF_FIELD } from '../../http/csrf';
import { hiddenField, textField, type FieldErrors } from '../forms';
import { html } from '../../../../lib/html';
import type { SiteSettings } from '../layout';
import { renderPageWithErrors } from '../page-with-errors';
import { draftPath } from './draft-paths';
import { notice } from './page-parts';

/** "Save and continue later": the answers are saved already; this sends the private link. */
export function saveLaterPage(
  req: Request,
  site: SiteSettings,
  language: Language,
  state: { draftId: string; email: string; errors: FieldErrors; sentTo?: string; csrf: string; backHref: string },
): string {
  return renderPageWithErrors(req, site, {
    title: t(language, 'apply.saveLater.title'),
    language,
    errors: state.errors,
    main: html`<h1>${t(language, 'apply.saveLater.title')}</h1>
      ${state.sentTo ? notice('success', t(language, 'apply.saveLater.linkSent', { email: state.sentTo })) : ''}
      <p>${t(language, 'apply.saveLater.intro')}</p>
      <form method="post" action="${draftPath(state.draftId)}/gem" novalidate>
        ${hiddenField(CSRF_FIELD, state.csrf)}
        ${textField({ name: 'email', label: t(language, 'apply.saveLater.resumeEmail'), language, type: 'email', autocomplete: 'email', value: state.email, error: state.errors.email, width: 'l', maxLength: 254 })}
        <button type="submit" class="button button-primary">${t(language, 'apply.saveLater.sendLink')}</button>
      </form>
      <p class="mt-6"><a href="${state.backHref}">${t(language, 'apply.saveLater.backToForm')}</a></p>`,
  });
}
