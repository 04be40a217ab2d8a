import type { MessageKey } from './message-key';
import type { Language } from '../lib/languages';
import { organizationNumberRule, type OrganizationNumberRule } from '../lib/organization-number';
import { DEFAULT_JURISDICTION, JURISDICTIONS, isJurisdiction, type Jurisdiction } from '../lib/jurisdiction';
import { DANISH_GLOSSARY_TERMS, NORWEGIAN_GLOSSARY_TERMS, type GlossaryTerm } from './glossary';

export { DEFAULT_JURISDICTION, JURISDICTIONS, isJurisdiction, type Jurisdiction };

/**
 * The texts that name the organisation identifier and its register, by message key: the form's
 * label and hint, its errors, and the pages that tell who can apply. Each jurisdiction has its own
 * keys, so a Norwegian deployment says "organisasjonsnummer" and points to Brønnøysundregistrene
 * in every language, and a Danish one says "CVR-nummer" and points to virk.dk.
 */
export interface OrganizationNumberTexts {
  /** The form field's label, also the field's name in the error summary and the summary page. */
  label: MessageKey;
  hint: MessageKey;
  /** "Found in the register: {name}". */
  found: MessageKey;
  formatError: MessageKey;
  checkDigitError: MessageKey;
  registerUnavailable: MessageKey;
  whoCanApply: MessageKey;
  precheckWithNumber: MessageKey;
  precheckWithoutNumber: MessageKey;
  /** Why an association without a number cannot apply, and where it gets one. */
  cannotApplyWhy: MessageKey;
  cannotApplyNext: MessageKey;
  /** The glossary term that explains the identifier. */
  glossaryTerm: GlossaryTerm;
  /** Staff pages: the association's number, where staff declare their ties to it. */
  staffTieLabel: MessageKey;
}

/**
 * Where the grant is paid. In Denmark to the association's NemKonto, found from its CVR number:
 * nobody asks for an account. In Norway there is no such register, so the association gives its
 * kontonummer in the application and the finance file carries it.
 */
export interface PayoutRules {
  collectsAccount: boolean;
}

export interface JurisdictionRules {
  jurisdiction: Jurisdiction;
  payout: PayoutRules;
  /** The language pages and API messages fall back to when the visitor chose none. */
  defaultLanguage: Language;
  organizationNumber: OrganizationNumberRule;
  texts: OrganizationNumberTexts;
  /** The currency every amount is written in: Danish or Norwegian kroner. */
  currency: 'DKK' | 'NOK';
  /**
   * The legal frame defaults beside the frame itself (domain/legal-frame.ts): how long after the
   * decision the association may ask again, when a round does not say. Denmark: four weeks to ask
   * for reconsideration; Norway: the three weeks fvl § 29 gives for a klage.
   */
  reconsiderationPeriod: string;
}

const RULES: Record<Jurisdiction, JurisdictionRules> = {
  DK: {
    jurisdiction: 'DK',
    payout: { collectsAccount: false },
    defaultLanguage: 'da',
    organizationNumber: organizationNumberRule('DK'),
    currency: 'DKK',
    reconsiderationPeriod: 'P4W',
    texts: {
      label: 'apply.form.cvr',
      hint: 'apply.form.cvrHint',
      found: 'apply.form.cvrFound',
      formatError: 'errors.cvr.format',
      checkDigitError: 'errors.cvr.checkDigit',
      registerUnavailable: 'errors.register.unavailable',
      whoCanApply: 'apply.landing.whoCanApplyText',
      precheckWithNumber: 'apply.precheck.aAssociationWithCvr',
      precheckWithoutNumber: 'apply.precheck.aAssociationWithoutCvr',
      cannotApplyWhy: 'apply.cannotApply.why.no_cvr',
      cannotApplyNext: 'apply.cannotApply.next.no_cvr',
      glossaryTerm: 'cvr-nummer',
      staffTieLabel: 'staff.ties.cvr',
    },
  },
  NO: {
    jurisdiction: 'NO',
    payout: { collectsAccount: true },
    defaultLanguage: 'nb',
    organizationNumber: organizationNumberRule('NO'),
    currency: 'NOK',
    reconsiderationPeriod: 'P3W',
    texts: {
      label: 'apply.form.orgnr',
      hint: 'apply.form.orgnrHint',
      found: 'apply.form.orgnrFound',
      formatError: 'errors.orgnr.format',
      checkDigitError: 'errors.orgnr.checkDigit',
      registerUnavailable: 'errors.register.unavailableNo',
      whoCanApply: 'apply.landing.whoCanApplyTextNo',
      precheckWithNumber: 'apply.precheck.aAssociationWithOrgnr',
      precheckWithoutNumber: 'apply.precheck.aAssociationWithoutOrgnr',
      cannotApplyWhy: 'apply.cannotApply.whyNoOrgnr',
      cannotApplyNext: 'apply.cannotApply.nextNoOrgnr',
      glossaryTerm: 'organisasjonsnummer',
      staffTieLabel: 'staff.ties.orgnr',
    },
  },
};

/**
 * A value built once per jurisdiction, on first use (a schema, an OpenAPI description): the
 * deployment has one jurisdiction, and tests build both.
 */
export function perJurisdiction<T>(build: (jurisdiction: Jurisdiction) => T): (jurisdiction?: Jurisdiction) => T {
  const built = new Map<Jurisdiction, T>();
  return (jurisdiction = DEFAULT_JURISDICTION) => {
    if (!built.has(jurisdiction)) built.set(jurisdiction, build(jurisdiction));
    return built.get(jurisdiction)!;
  };
}

/** Everything that differs between a Danish and a Norwegian municipality, in one place. */
export function jurisdictionRules(jurisdiction: Jurisdiction = DEFAULT_JURISDICTION): JurisdictionRules {
  return RULES[jurisdiction];
}

/** The Norwegian term a page, letter or email of a Norwegian municipality links to instead of the Danish one. */
const NORWEGIAN_COUNTERPART: Partial<Record<GlossaryTerm, GlossaryTerm>> = {
  'paragraf-18': 'tilskuddsordning',
  tilsagn: 'tilskudd',
  afgoerelse: 'enkeltvedtak',
  begrundelse: 'begrunnelse',
  klagevejledning: 'klage',
  genvurdering: 'klage',
  partshoering: 'forhaandsvarsling',
  aktindsigt: 'innsyn',
  afrapportering: 'rapportering',
  boerneattest: 'politiattest',
  'paa-tro-og-love': 'tro-og-love',
  nemkonto: 'kontonummer',
  'cvr-nummer': 'organisasjonsnummer',
  bortfald: 'bortfall',
  afvisning: 'avvisning',
  'fire-oejne-princippet': 'firoeyneprinsippet',
};

/** The term that explains where the grant is paid: the NemKonto, or the account the organisation gave. */
export function payoutTerm(jurisdiction: Jurisdiction = DEFAULT_JURISDICTION): GlossaryTerm {
  return RULES[jurisdiction].payout.collectsAccount ? 'kontonummer' : 'nemkonto';
}

/** The glossary's terms for a jurisdiction: its own words and law, not the other country's. */
export function glossaryTermsFor(jurisdiction: Jurisdiction = DEFAULT_JURISDICTION): GlossaryTerm[] {
  return [...(jurisdiction === 'NO' ? NORWEGIAN_GLOSSARY_TERMS : DANISH_GLOSSARY_TERMS)];
}

/** A Norwegian word (the glossary marks it as bokmål on a Danish or English page). */
export function isNorwegianTerm(term: GlossaryTerm): boolean {
  return (NORWEGIAN_GLOSSARY_TERMS as readonly GlossaryTerm[]).includes(term) && !(DANISH_GLOSSARY_TERMS as readonly GlossaryTerm[]).includes(term);
}

/** The term as the jurisdiction's glossary names it: a Danish term's Norwegian counterpart in Norway. */
export function glossaryTermIn(term: GlossaryTerm, jurisdiction: Jurisdiction | undefined): GlossaryTerm {
  return jurisdiction === 'NO' ? (NORWEGIAN_COUNTERPART[term] ?? term) : term;
}
