import type { Request } from 'express';
import { lawWording, t, type Language } from '../../../../locale';
import type { GlossaryTerm } from '../../../../domain/glossary';
import { glossaryTermIn, glossaryTermsFor, isNorwegianTerm, type Jurisdiction } from '../../../../domain/jurisdiction';
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

/** Terms whose Norwegian name is the Danish word itself, a Norwegian word too. */
const SHARED_WITH_NORWEGIAN = new Set<GlossaryTerm>(['medfinansiering', 'maalgruppe']);

/**
 * A term's name with its Danish words marked as Danish (lang="da") on a Norwegian or English page:
 * Norwegian names lead with the Danish term ("begrundelse (begrunnelse)"), English ones end with it
 * ("statement of reasons (begrundelse)").
 */
export function termNameHtml(language: Language, term: GlossaryTerm): SafeHtml {
  const name = termName(language, term);
  const danish = (text: string) => html`<span lang="da">${text}</span>`;
  if (isNorwegianTerm(term)) return norwegianTermHtml(language, name);
  if (language === 'da') return html`${name}`;
  const paired = /^(.*) \((.*)\)$/.exec(name);
  if (language === 'nb') {
    if (term === 'paragraf-18') return danish(name);
    if (paired) return html`${danish(paired[1]!)} (${paired[2]})`;
    return SHARED_WITH_NORWEGIAN.has(term) ? html`${name}` : danish(name);
  }
  if (paired && term !== 'fire-oejne-princippet') return html`${paired[1]} (${danish(paired[2]!)})`;
  return term === 'nemkonto' ? danish(name) : html`${name}`;
}

/** The Norwegian term: its Norwegian word marked as bokmål on a Danish or English page ("organisationsnummer (organisasjonsnummer)"). */
function norwegianTermHtml(language: Language, name: string): SafeHtml {
  const paired = /^(.*) \((.*)\)$/.exec(name);
  if (language === 'nb' || !paired) return html`${name}`;
  return html`${paired[1]} (<span lang="nb">${paired[2]}</span>)`;
}

// Stands in for the term while the question is translated, so the term can carry its markup.
const TERM_SLOT = '\u0000';

/**
 * "What does 'x' mean?": a link to the term's explanation that makes sense out of context; in a
 * Norwegian deployment to the Norwegian term (politiattest, not børneattest).
 */
export function termLink(language: Language, danishTerm: GlossaryTerm, jurisdiction?: Jurisdiction): SafeHtml {
  const term = glossaryTermIn(danishTerm, jurisdiction);
  const [before, after] = t(language, 'glossary.link.ask', { term: TERM_SLOT }).split(TERM_SLOT);
  return html`<p class="gf-term-link"><a href="${glossaryHref(term)}">${before ?? ''}${termNameHtml(language, term)}${after ?? ''}</a></p>`;
}

/** The glossary: every term with its plain explanation, each term's id its slug. */
export function glossaryPage(req: Request, site: SiteSettings, language: Language): string {
  const title = t(language, 'glossary.page.title');
  return renderPage(req, site, {
    title,
    description: t(language, 'pages.glossary.description', { municipality: site.municipalityName }),
    language,
    main: html`<h1>${title}</h1>
      <p class="font-lead">${t(language, lawWording('glossary.page.intro', site.jurisdiction))}</p>
      <h2>${t(language, 'glossary.page.termsHeading')}</h2>
      <dl class="gf-glossary">
        ${glossaryTermsFor(site.jurisdiction).map(
          (term) => html`<dt id="${term}">${termNameHtml(language, term)}</dt>
            <dd>${t(language, `glossary.term.text.${term}`)}</dd>`,
        )}
      </dl>`,
  });
}
