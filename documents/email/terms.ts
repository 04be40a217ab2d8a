import { t as translate, type Locale } from '../../locale';
import type { GlossaryTerm } from '../../domain/glossary';
import { glossaryTermIn, type Jurisdiction } from '../../domain/jurisdiction';
import type { OptionalBlock } from './blocks';

/**
 * The glossary's terms an email uses, each linked to its explanation (<glossary>#<term>). Each is
 * named as the municipality's letters name it (the glossary page gives the translation beside
 * it): in Danish, or in a Norwegian municipality in bokmål by its Norwegian term; in another
 * language the name is marked as the municipality's.
 */
export function termsBlock({ t, language }: Locale, glossaryUrl: string, terms: GlossaryTerm[], law?: Jurisdiction): OptionalBlock {
  if (terms.length === 0) return undefined;
  const own = law === 'NO' ? 'nb' : 'da';
  return {
    type: 'terms',
    label: t('mail.terms'),
    terms: [...new Set(terms.map((term) => glossaryTermIn(term, law)))].map((term) => ({
      name: translate(own, `glossary.term.name.${term}`),
      url: `${glossaryUrl}#${term}`,
      ...(language === own ? {} : { lang: own }),
    })),
  };
}
