/**
 * The terms an association meets in the form, letters and emails, in the order the glossary page
 * lists them. Each slug is the term's anchor on the page (/ordliste#<slug>) and names its texts in
 * the glossary catalogue (glossary.term.name.<slug>, glossary.term.text.<slug>).
 */
export const GLOSSARY_TERMS = [
  'paragraf-18',
  'tilsagn',
  'afgoerelse',
  'begrundelse',
  'klagevejledning',
  'partshoering',
  'aktindsigt',
  'afrapportering',
  'boerneattest',
  'paa-tro-og-love',
  'nemkonto',
  'kontonummer',
  'cvr-nummer',
  'organisasjonsnummer',
  'bortfald',
  'afvisning',
  'genvurdering',
  'fire-oejne-princippet',
  'medfinansiering',
  'maalgruppe',
] as const;

export type GlossaryTerm = (typeof GLOSSARY_TERMS)[number];
