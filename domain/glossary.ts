/**
 * The terms an association meets in the form, letters and emails of a Danish municipality, in the
 * order the glossary page lists them. Each slug is the term's anchor on the page
 * (/ordliste#<slug>) and names its texts in the glossary catalogue (glossary.term.name.<slug>,
 * glossary.term.text.<slug>).
 */
export const DANISH_GLOSSARY_TERMS = [
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
  'cvr-nummer',
  'bortfald',
  'afvisning',
  'genvurdering',
  'fire-oejne-princippet',
  'medfinansiering',
  'maalgruppe',
] as const;

/**
 * A Norwegian municipality's glossary: its own words under Norwegian law, in the order a Danish
 * one lists its own (the organisasjonsnummer and the kontonummer the organisation gives instead of
 * the CVR number and the NemKonto, enkeltvedtak and klage instead of afgørelse and genvurdering,
 * politiattest instead of børneattest). Medfinansiering and målgruppe are the same word in both.
 */
export const NORWEGIAN_GLOSSARY_TERMS = [
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
  'kontonummer',
  'organisasjonsnummer',
  'bortfall',
  'avvisning',
  'firoeyneprinsippet',
  'medfinansiering',
  'maalgruppe',
] as const;

/** Every term either glossary explains, each once. */
export const GLOSSARY_TERMS = [...new Set([...DANISH_GLOSSARY_TERMS, ...NORWEGIAN_GLOSSARY_TERMS])];

export type GlossaryTerm = (typeof DANISH_GLOSSARY_TERMS)[number] | (typeof NORWEGIAN_GLOSSARY_TERMS)[number];
