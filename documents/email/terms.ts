import type { Locale } from '../../locale';
import type { GlossaryTerm } from '../../domain/glossary';
import type { OptionalBlock } from './blocks';

/**
 * The glossary's terms an email uses, each linked to its explanation (<glossary>#<term>). The
 * term is named as Danish letters name it; in a Norwegian or English email it is marked as Danish.
 */
export function termsBlock({ t, language }: Locale, glossaryUrl: string, terms: GlossaryTerm[]): OptionalBlock {
  if (terms.length === 0) return undefined;
  return {
    type: 'terms',
    label: t('mail.terms'),
    terms: terms.map((term) => ({
      name: danishTermName(term),
      url: `${glossaryUrl}#${term}`,
      ...(language === 'da' ? {} : { lang: 'da' }),
    })),
  };
}

/** How Danish letters and emails write each term. */
const DANISH_NAMES: Record<GlossaryTerm, string> = {
  'paragraf-18': 'serviceloven § 18',
  tilsagn: 'tilsagn',
  afgoerelse: 'afgørelse',
  begrundelse: 'begrundelse',
  klagevejledning: 'klagevejledning',
  partshoering: 'partshøring',
  aktindsigt: 'aktindsigt',
  afrapportering: 'afrapportering',
  boerneattest: 'børneattest',
  'paa-tro-og-love': 'på tro og love',
  nemkonto: 'NemKonto',
  'cvr-nummer': 'CVR-nummer',
  bortfald: 'bortfald',
  afvisning: 'afvisning',
  genvurdering: 'genvurdering',
  'fire-oejne-princippet': 'fire øjne-princippet',
  medfinansiering: 'medfinansiering',
  maalgruppe: 'målgruppe',
};

export function danishTermName(term: GlossaryTerm): string {
  return DANISH_NAMES[term];
}
