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
  // A Norwegian municipality's own words for the same things, under Norwegian law.
  'tilskuddsordning',
  'tilskudd',
  'enkeltvedtak',
  'begrunnelse',
  'klage',
  'forhaandsvarsling',
  'innsyn',
  'rapportering',
  'politiattest',
  'tro-og-love',
  'bortfall',
  'avvisning',
  'firoeyneprinsippet',
] as const;

export type GlossaryTerm = (typeof GLOSSARY_TERMS)[number];
