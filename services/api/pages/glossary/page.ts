import type { Request } from 'express';
import { t, type Language } from '../../../../locale';
import { GLOSSARY_TERMS, type GlossaryTerm } from '../../../../domain/glossary';
import { html, type SafeHtml } from '../../../../lib/html';
import { renderPage, type SiteSettings } from '../layout';

/** Where the glossary lives; a term's explanation is at its slug. */
export const GLOSSARY_PATH = '/ordliste';

export function glossaryHref(term: GlossaryTerm): string {
  return `${GLOSSARY_PATH}#${term}`;
}

export function termName(language: Language, term: GlossaryTerm): string {
  return t(language, `glossary.term.name.${term}`);
}

/** "What does 'x' mean?": a link to the term's explanation that makes sense out of context. */
export function termLink(language: Language, term: GlossaryTerm): SafeHtml {
  return html`<p class="gf-term-link"><a href="${glossaryHref(term)}">${t(language, 'glossary.link.ask', { term: termName(language, term) })}</a></p>`;
}

/** The glossary: every term with its plain explanation, each term's id its slug. */
export function glossaryPage(req: Request, site: SiteSettings, language: Language): string {
  const title = t(language, 'glossary.page.title');
  return renderPage(req, site, {
    title,
    language,
    main: html`<h1>${title}</h1>
      <p class="font-lead">${t(language, 'glossary.page.intro')}</p>
      <h2>${t(language, 'glossary.page.termsHeading')}</h2>
      <dl class="gf-glossary">
        ${GLOSSARY_TERMS.map(
          (term) => html`<dt id="${term}">${termName(language, term)}</dt>
            <dd>${t(language, `glossary.term.text.${term}`)}</dd>`,
        )}
      </dl>`,
  });
}
