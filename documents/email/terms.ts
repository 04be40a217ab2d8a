import { t as translate, type Locale } from '../../locale';
import type { GlossaryTerm } from '../../domain/glossary';
import type { OptionalBlock } from './blocks';

/**
 * The glossary's terms an email uses, each linked to its explanation (<glossary>#<term>). Each is
 * named as the Danish letters name it (the glossary page gives the translation beside it); in a
 * Norwegian or English email the name is marked as Danish.
 */
export function termsBlock({ t, language }: Locale, glossaryUrl: string, terms: GlossaryTerm[]): OptionalBlock {
  if (terms.length === 0) return undefined;
  return {
    type: 'terms',
    label: t('mail.terms'),
    terms: terms.map((term) => ({
      name: translate('da', `glossary.term.name.${term}`),
      url: `${glossaryUrl}#${term}`,
      ...(language === 'da' ? {} : { lang: 'da' }),
    })),
  };
}
