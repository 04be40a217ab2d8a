import type { Request } from 'express';
import type { Language } from '../../../locale';
import { html, type SafeHtml } from '../../../lib/html';
import { errorSummary, isErrorLinks, type ErrorLink, type FieldErrors } from './forms';
import { renderPage, type PageOptions, type SiteSettings } from './layout';

/** What a page with a form says about its errors: field messages, or links to fields elsewhere. */
export interface ErrorsShown {
  /** Field name → message (linked to the field on this page), or ready-made links. */
  errors: FieldErrors | readonly ErrorLink[];
  /** The summary's heading, when the page's own words fit better than the general one. */
  errorHeading?: string;
}

/**
 * Any page's options with its errors applied as DKFDS prescribes: the error summary first in the
 * main content, and the title marked as erroneous when there are any. For shells other than
 * renderPage (the staff pages' own), which take the same title, language, main and hasErrors.
 */
export function withErrorSummary<Options extends { language: Language; main: SafeHtml }>(
  options: Options & ErrorsShown,
): Omit<Options, keyof ErrorsShown> & { main: SafeHtml; hasErrors: boolean } {
  const { errors, errorHeading, ...page } = options;
  const hasErrors = isErrorLinks(errors) ? errors.length > 0 : Object.keys(errors).length > 0;
  return { ...page, main: html`${errorSummary(errors, options.language, errorHeading)}${options.main}`, hasErrors };
}

/** A page whose main content follows the error summary of its form. */
export function renderPageWithErrors(req: Request, site: SiteSettings, options: Omit<PageOptions, 'hasErrors'> & ErrorsShown): string {
  return renderPage(req, site, withErrorSummary(options));
}
