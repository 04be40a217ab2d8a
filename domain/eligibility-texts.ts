import type { Language } from '../lib/languages';
import type { BudgetCategory } from './categories';
import { VALUE_LIST_SEPARATOR, type MissingItem, type RuleResult } from './eligibility';
import { DANISH_TIME_ZONE, type ApplicationDocumentKind } from './tiers';

// What screening found, in words a volunteer treasurer understands: Danish first, then Norwegian
// bokmål and English. Reasons speak to the association ("I"/"dere"/"you"); the checklist labels
// are for the caseworker. `{name}` is filled from the rule's values.

const messages = {
  // E1: CVR number
  'E1.active': {
    da: '{name} (CVR {cvr}) er aktiv i CVR-registeret.',
    nb: '{name} (CVR {cvr}) er aktiv i det danske CVR-registeret.',
    en: '{name} (CVR {cvr}) is active in the Danish business register (CVR).',
  },
  'E1.invalidCvr': {
    da: 'CVR-nummeret {cvr} er ikke gyldigt. Tjek, at de 8 cifre er skrevet rigtigt.',
    nb: 'CVR-nummeret {cvr} er ikke gyldig. Sjekk at de 8 sifrene er skrevet riktig.',
    en: 'The CVR number {cvr} is not valid. Check that the 8 digits are typed correctly.',
  },
  'E1.inactive': {
    da: '{name} (CVR {cvr}) er ikke aktiv i CVR-registeret. Kun aktive foreninger kan få tilskud.',
    nb: '{name} (CVR {cvr}) er ikke aktiv i det danske CVR-registeret. Bare aktive foreninger kan få tilskudd.',
    en: '{name} (CVR {cvr}) is not active in the Danish business register (CVR). Only active associations can get a grant.',
  },
  'E1.notInRegister': {
    da: 'Vi kunne ikke finde CVR-nummeret {cvr} i CVR-registeret. En sagsbehandler tjekker det.',
    nb: 'Vi fant ikke CVR-nummeret {cvr} i det danske CVR-registeret. En saksbehandler sjekker det.',
    en: 'We could not find the CVR number {cvr} in the Danish business register. A caseworker will check it.',
  },
  // E7: not already carried out
  'E7.startsAfterSubmission': {
    da: 'Aktiviteten starter {startDate}, ikke før ansøgningen blev sendt.',
    nb: 'Aktiviteten starter {startDate}, ikke før søknaden ble sendt.',
    en: 'The activity starts on {startDate}, not before the application was sent.',
  },
  'E7.startedBeforeSubmission': {
    da: 'Aktiviteten startede {startDate}, før ansøgningen blev sendt {submittedDate}. Puljen støtter normalt ikke noget, der allerede er i gang eller overstået. En sagsbehandler ser på det.',
    nb: 'Aktiviteten startet {startDate}, før søknaden ble sendt {submittedDate}. Puljen støtter vanligvis ikke noe som allerede er i gang eller ferdig. En saksbehandler ser på det.',
    en: 'The activity started on {startDate}, before the application was sent on {submittedDate}. The fund does not usually support something that has already started or finished. A caseworker will look at it.',
  },
  'E7.startDateUnreadable': {
    da: 'Vi kunne ikke læse aktivitetens startdato ({startDate}). En sagsbehandler ser på det.',
    nb: 'Vi kunne ikke lese startdatoen for aktiviteten ({startDate}). En saksbehandler ser på det.',
    en: 'We could not read the start date of the activity ({startDate}). A caseworker will look at it.',
  },
  // E8: excluded costs
  'E8.noExcludedCosts': {
    da: 'Budgettet har ingen udgifter af en slags, som puljen ikke støtter.',
    nb: 'Budsjettet har ingen utgifter av en type som puljen ikke støtter.',
    en: 'The budget has no costs of a kind this fund does not support.',
  },
  'E8.excludedCosts': {
    da: 'Budgettet har udgifter til {categories} (i alt {excludedKroner} kr.), som puljen normalt ikke støtter. En sagsbehandler vurderer dem.',
    nb: 'Budsjettet har utgifter til {categories} (til sammen {excludedKroner} kr.), som puljen vanligvis ikke støtter. En saksbehandler vurderer dem.',
    en: 'The budget has costs for {categories} (in total {excludedKroner} kr.) that this fund does not usually support. A caseworker will assess them.',
  },
  // E9: earlier grants reported
  'E9.allReported': {
    da: 'Der mangler ingen afrapportering for tidligere tilskud.',
    nb: 'Det mangler ingen rapport for tidligere tilskudd.',
    en: 'No reports on earlier grants are missing.',
  },
  'E9.reportsMissing': {
    da: 'Vi mangler jeres afrapportering for tidligere tilskud (sag {references}). Send den, så vi kan behandle den nye ansøgning.',
    nb: 'Vi venter fortsatt på rapporten deres for tidligere tilskudd (sak {references}). Send den, så vi kan behandle den nye søknaden.',
    en: 'We are still waiting for your report on an earlier grant (case {references}). Send it so that we can process the new application.',
  },
  'E9.reportsAwaitingReview': {
    da: 'Vi har fået jeres afrapportering for tidligere tilskud (sag {references}), men har ikke gennemgået den endnu. En sagsbehandler ser på den.',
    nb: 'Vi har fått rapporten deres for tidligere tilskudd (sak {references}), men har ikke gått gjennom den ennå. En saksbehandler ser på den.',
    en: 'We have your report on an earlier grant (case {references}) but have not reviewed it yet. A caseworker will look at it.',
  },
  // E10: børneattest
  'E10.noChildren': {
    da: 'Frivillige i aktiviteten har ikke kontakt med børn under 15 år, så der skal ikke indhentes børneattester.',
    nb: 'Frivillige i aktiviteten har ikke kontakt med barn under 15 år, så det trengs ikke børneattest (politiattest).',
    en: 'Volunteers in the activity have no contact with children under 15, so no child protection certificates (børneattester) are needed.',
  },
  'E10.declared': {
    da: 'I har bekræftet, at I indhenter børneattester for frivillige, der har kontakt med børn under 15 år.',
    nb: 'Dere har bekreftet at dere henter inn børneattest (politiattest) for frivillige som har kontakt med barn under 15 år.',
    en: 'You have confirmed that you get child protection certificates (børneattester) for volunteers in contact with children under 15.',
  },
  'E10.declarationMissing': {
    da: 'Frivillige i aktiviteten har kontakt med børn under 15 år. Bekræft, at I indhenter børneattester for dem.',
    nb: 'Frivillige i aktiviteten har kontakt med barn under 15 år. Bekreft at dere henter inn børneattest (politiattest) for dem.',
    en: 'Volunteers in the activity have contact with children under 15. Confirm that you get child protection certificates (børneattester) for them.',
  },
  // E11: deadline
  'E11.noDeadline': {
    da: 'Puljen har ingen ansøgningsfrist. Ansøgninger behandles, når de kommer.',
    nb: 'Puljen har ingen søknadsfrist. Søknader behandles etter hvert som de kommer inn.',
    en: 'This fund has no deadline. Applications are handled as they arrive.',
  },
  'E11.onTime': {
    da: 'Ansøgningen kom {submittedAt}, inden fristen {closesAt}.',
    nb: 'Søknaden kom {submittedAt}, innen fristen {closesAt}.',
    en: 'The application arrived on {submittedAt}, before the deadline of {closesAt}.',
  },
  'E11.late': {
    da: 'Ansøgningen kom {submittedAt}, efter fristen {closesAt}. Ansøgninger, der kommer for sent, kan desværre ikke behandles.',
    nb: 'Søknaden kom {submittedAt}, etter fristen {closesAt}. Søknader som kommer for sent, kan dessverre ikke behandles.',
    en: 'The application arrived on {submittedAt}, after the deadline of {closesAt}. Unfortunately, late applications cannot be considered.',
  },
  // AMOUNT
  'AMOUNT.withinMaximum': {
    da: 'I søger {requestedKroner} kr. Puljen giver højst {maxKroner} kr., så beløbet er inden for grænsen.',
    nb: 'Dere søker om {requestedKroner} kr. Puljen gir høyst {maxKroner} kr., så beløpet er innenfor grensen.',
    en: 'You are applying for {requestedKroner} kr. The fund gives at most {maxKroner} kr., so the amount is within the limit.',
  },
  'AMOUNT.overMaximum': {
    da: 'I søger {requestedKroner} kr., men puljen giver højst {maxKroner} kr. En sagsbehandler vurderer beløbet.',
    nb: 'Dere søker om {requestedKroner} kr., men puljen gir høyst {maxKroner} kr. En saksbehandler vurderer beløpet.',
    en: 'You are applying for {requestedKroner} kr., but the fund gives at most {maxKroner} kr. A caseworker will assess the amount.',
  },
  // DOCUMENTS
  'DOCUMENTS.noneRequired': {
    da: 'Der skal ikke vedhæftes dokumenter ved det beløb, I søger.',
    nb: 'Det trengs ingen vedlegg for beløpet dere søker om.',
    en: 'No documents need to be attached for the amount you are applying for.',
  },
  'DOCUMENTS.complete': {
    da: 'Alle de dokumenter, der skal med, er vedhæftet.',
    nb: 'Alle vedleggene som trengs, er lagt ved.',
    en: 'All the documents that are needed are attached.',
  },
  'DOCUMENTS.missing': {
    da: 'Der mangler dokumenter: {documents}. Vedhæft dem, så vi kan behandle ansøgningen.',
    nb: 'Det mangler vedlegg: {documents}. Legg dem ved, så vi kan behandle søknaden.',
    en: 'Some documents are missing: {documents}. Attach them so that we can process the application.',
  },
  // The caseworker's manual checklist
  'checklist.E2': {
    da: 'NemKonto: CVR-nummeret har en NemKonto, så pengene kan udbetales.',
    nb: 'NemKonto: CVR-nummeret har en NemKonto, så pengene kan betales ut.',
    en: 'NemKonto: the CVR number has a NemKonto, so the money can be paid out.',
  },
  'checklist.E3': {
    da: 'Vedtægter: foreningen er almennyttig (ikke for at tjene penge), bestyrelsen er ulønnet, og der står, hvad der sker med pengene, hvis foreningen opløses.',
    nb: 'Vedtekter: foreningen er allmennyttig (ikke for å tjene penger), styret er ulønnet, og det står hva som skjer med pengene hvis foreningen oppløses.',
    en: "Statutes: the association is non-profit, the board is unpaid, and they say what happens to the money if the association is dissolved.",
  },
  'checklist.E4': {
    da: 'Lokalt: foreningen hører hjemme eller er aktiv i kommunen, eller aktiviteten kommer kommunens borgere til gode.',
    nb: 'Lokalt: foreningen hører hjemme eller er aktiv i kommunen, eller aktiviteten kommer innbyggerne i kommunen til gode.',
    en: "Local: the association is based or active in the municipality, or the activity benefits the municipality's residents.",
  },
  'checklist.E5': {
    da: 'Frivillighed: det er frivillige, der bærer aktiviteten, og bestyrelsen får ikke løn.',
    nb: 'Frivillighet: det er frivillige som bærer aktiviteten, og styret får ikke lønn.',
    en: 'Volunteering: volunteers carry the activity, and the board is not paid.',
  },
  'checklist.E6': {
    da: 'Socialt formål: aktiviteten har et socialt formål, og målgruppen passer til puljens prioriteter.',
    nb: 'Sosialt formål: aktiviteten har et sosialt formål, og målgruppen passer til puljens prioriteringer.',
    en: "Social purpose: the activity has a social purpose, and the target group fits the fund's priorities.",
  },
  'checklist.E12': {
    da: 'Anden støtte og formue: se foreningens øvrige støtte og formue igennem som en del af den samlede vurdering.',
    nb: 'Annen støtte og formue: se gjennom foreningens øvrige støtte og formue som en del av helhetsvurderingen.',
    en: "Other funding and capital: review the association's other funding and its capital as part of the overall assessment.",
  },
  'checklist.E13': {
    da: 'Supplement: aktiviteten supplerer kommunens egne tilbud og erstatter dem ikke.',
    nb: 'Supplement: aktiviteten supplerer kommunens egne tilbud og erstatter dem ikke.',
    en: "Complement: the activity adds to the municipality's own services and does not replace them.",
  },
  // What can be missing
  'document.statutes': {
    da: 'Vedtægter (foreningens love)',
    nb: 'Vedtekter (foreningens lover)',
    en: "Statutes (the association's rules)",
  },
  'document.annual_accounts': {
    da: 'Seneste årsregnskab',
    nb: 'Siste årsregnskap',
    en: 'Latest annual accounts',
  },
  'document.budget': {
    da: 'Budget for hele aktiviteten',
    nb: 'Budsjett for hele aktiviteten',
    en: 'Budget for the whole activity',
  },
  'missing.childCertificateDeclaration': {
    da: 'Bekræftelse af, at I indhenter børneattester',
    nb: 'Bekreftelse på at dere henter inn børneattest (politiattest)',
    en: 'Confirmation that you get child protection certificates (børneattester)',
  },
  'missing.earlierReport': {
    da: 'Afrapportering for tidligere tilskud (sag {reference})',
    nb: 'Rapport for tidligere tilskudd (sak {reference})',
    en: 'Report on an earlier grant (case {reference})',
  },
  // Budget categories, to name excluded costs
  'category.activities': { da: 'aktiviteter', nb: 'aktiviteter', en: 'activities' },
  'category.materials': { da: 'materialer', nb: 'materiell', en: 'materials' },
  'category.food': { da: 'mad og forplejning', nb: 'mat og servering', en: 'food and catering' },
  'category.transport': { da: 'transport', nb: 'transport', en: 'transport' },
  'category.premises': { da: 'lokaler og husleje', nb: 'lokaler og husleie', en: 'premises and rent' },
  'category.equipment': { da: 'udstyr', nb: 'utstyr', en: 'equipment' },
  'category.marketing': { da: 'markedsføring', nb: 'markedsføring', en: 'marketing' },
  'category.volunteer_expenses': { da: 'udgifter til frivillige', nb: 'utgifter til frivillige', en: 'volunteer expenses' },
  'category.wages': { da: 'løn', nb: 'lønn', en: 'wages' },
  'category.administration': { da: 'administration', nb: 'administrasjon', en: 'administration' },
  'category.other': { da: 'andet', nb: 'annet', en: 'other costs' },
} satisfies Record<string, Record<Language, string>> &
  Record<`document.${ApplicationDocumentKind}` | `category.${BudgetCategory}`, Record<Language, string>>;

export type EligibilityMessageKey = keyof typeof messages;

export const eligibilityMessages: Readonly<Record<EligibilityMessageKey, Readonly<Record<Language, string>>>> = messages;

export function isEligibilityMessageKey(key: string): key is EligibilityMessageKey {
  return Object.hasOwn(messages, key);
}

// ── Filling in values ───────────────────────────────────────────────────────────────────────

const LOCALES: Record<Language, string> = { da: 'da-DK', nb: 'nb-NO', en: 'en-GB' };

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

function formatInstant(value: string, language: Language): string {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeStyle: 'short', timeZone: DANISH_TIME_ZONE }).format(
    instant,
  );
}

function formatCalendarDate(value: string, language: Language): string {
  // A calendar date has no time zone; format it as the same day everywhere.
  if (!CALENDAR_DATE.test(value)) return value;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

function formatKroner(value: string | number, language: Language): string {
  const amount = Number(value);
  return Number.isFinite(amount) ? new Intl.NumberFormat(LOCALES[language]).format(amount) : String(value);
}

/** Each code in a list named in the reader's language; codes without a text are shown as they are. */
function formatCodeList(value: string, prefix: 'document' | 'category', language: Language): string {
  return value
    .split(VALUE_LIST_SEPARATOR)
    .map((code) => {
      const key = `${prefix}.${code}`;
      return isEligibilityMessageKey(key) ? messages[key][language] : code;
    })
    .join(', ');
}

function formatValue(name: string, value: string | number, language: Language): string {
  if (name === 'documents') return formatCodeList(String(value), 'document', language);
  if (name === 'categories') return formatCodeList(String(value), 'category', language);
  if (name.endsWith('At')) return formatInstant(String(value), language);
  if (name.endsWith('Date')) return formatCalendarDate(String(value), language);
  if (name.endsWith('Kroner')) return formatKroner(value, language);
  return String(value);
}

/** A message with its `{placeholders}` filled; a placeholder without a value is left visible. */
export function describeEligibilityMessage(
  key: EligibilityMessageKey,
  language: Language,
  values: Record<string, string | number> = {},
): string {
  return messages[key][language].replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = values[name];
    return value === undefined ? placeholder : formatValue(name, value, language);
  });
}

export function describeRuleResult(result: RuleResult, language: Language): string {
  return describeEligibilityMessage(result.reasonKey, language, result.values);
}

export function describeMissingItem(item: MissingItem, language: Language): string {
  switch (item.code) {
    case 'document':
      return formatCodeList(item.detail, 'document', language);
    case 'child_certificate_declaration':
      return describeEligibilityMessage('missing.childCertificateDeclaration', language);
    case 'earlier_report':
      return describeEligibilityMessage('missing.earlierReport', language, { reference: item.detail });
  }
}
