import PDFDocument from 'pdfkit';
import { oreToKroner, ORE_PER_KRONE } from '../../domain/money';

export type LetterLanguage = 'da' | 'nb' | 'en';
export type DecisionOutcome = 'approved' | 'partially_approved' | 'rejected';
export type ReportRequirement = 'declaration' | 'short_report' | 'accounts' | 'audited_accounts';

export interface DecisionLetterData {
  language: LetterLanguage;
  municipality: {
    name: string;
    department: string;
    address: string;
    email: string;
    phone: string;
    guidelines: { name: string; adoptedOn: string /* YYYY-MM-DD */; adoptedBy: string };
  };
  date: Date;
  reference: string; // case reference, e.g. GF-2026-00042
  recipient: { organizationName: string; cvr: string; contactName: string; address?: string };
  roundName: string;
  project: { title: string; startDate: string; endDate: string };
  outcome: DecisionOutcome;
  amountRequestedOre: bigint;
  amountGrantedOre: bigint; // integer øre
  reasons: { criteria: string[]; text: string }; // criteria: already-worded decisive criteria the caseworker chose; text: free text
  conditions: string[]; // extra conditions from the caseworker
  reporting?: { requirement: ReportRequirement; dueDate: Date }; // absent when rejected
  payoutDate?: Date; // absent when rejected; paid to the CVR's NemKonto
  appealGuidance: string; // configurable klagevejledning block; Norwegian letters fall back to a default when empty
  caseworker: { name: string; email: string; phone?: string };
}

// ─── Validation ──────────────────────────────────────────────────────────────────────────────

export type DecisionLetterErrorCode = 'reasons_missing' | 'reasons_insufficient' | 'inconsistent_decision' | 'invalid_date';

/** Raised before any byte is drawn, so a letter that may not be sent is never produced. */
export class DecisionLetterError extends Error {
  constructor(
    readonly code: DecisionLetterErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DecisionLetterError';
  }
}

// "Prioritised within the available funds" on its own does not tell the applicant why (the
// ombudsman has criticised exactly that), so these phrases count for nothing in a begrundelse.
const WORD = '[\\p{L}\\d]+';
const FUNDS_NOUN = '(?:midler\\w*|midlerne|rammen?|rammer|budget\\w*|budsjett\\w*|pulje\\w*|funds?|funding|budget|money|penge|penger)';
const FUNDS_ONLY_PHRASES: RegExp[] = [
  new RegExp(`priorit${WORD}(?:\\s+${WORD}){0,4}?\\s+(?:inden\\s*for|innenfor|innanfor|within|ud\\s+fra|ut\\s+fra|based\\s+on)(?:\\s+${WORD}){0,4}?\\s+${FUNDS_NOUN}`, 'giu'),
  new RegExp(`(?:tilgængelige|disponible|begrænsede|afsatte|tilgjengelige|begrensede|available|limited|restricted)(?:\\s+${WORD})?\\s+${FUNDS_NOUN}`, 'giu'),
  new RegExp(`(?:ikke|not|ikkje|insufficient)\\s+(?:nok|tilstrækkelige|tilstrekkelige|enough|sufficient)\\s+${FUNDS_NOUN}`, 'giu'),
  /\b(?:overtegnet|oversubscribed|overbooket)\b/giu,
  /(?:mange|flere|many|more)\s+(?:ansøgninger|søknader|applications)/giu,
];

// Words that carry no reason of their own ("the application", "unfortunately", "could not").
const FILLER_WORDS = new Set(
  (
    'ansøgningen ansøgning ansøgninger ansøgningerne jeres jer i er var blev blevet har have havde vi os desværre ikke kunne kan kunnet måttet må ' +
    'det den de der og på af til som med derfor en et at været muligt imødekomme imødekommet give givet få fik tilskud tilskuddet støtte fuldt ud ' +
    'hele beløbet beløb afslag afgørelse afgørelsen beslutning så også men dette denne disse alle kun år året ' +
    'søknaden søknad søknadene dere deres oss dessverre ble blitt måtte å vært mulig innvilge innvilget gi gitt tilskudd støtten fullt ' +
    'beløpet avslag vedtak vedtaket også kun ' +
    'the application applications your you we us unfortunately not could can had has have been was were is are it and on of to for with ' +
    'therefore a an be able possible grant granted give given receive support full fully whole amount rejected rejection decision so also ' +
    'this that all only year ' +
    // The funds themselves, left over when a phrase above names them twice ("puljens midler").
    'midler midlerne midlene puljen puljens puljer ramme rammen budget budgettet budsjett budsjettet funds fund funding money penge penger'
  ).split(' '),
);

function substantiveWordCount(statement: string): number {
  const withoutFundsPhrases = FUNDS_ONLY_PHRASES.reduce((text, phrase) => text.replace(phrase, ' '), statement);
  const words = withoutFundsPhrases.toLowerCase().match(/[\p{L}\d]+/gu) ?? [];
  return words.filter((word) => !FILLER_WORDS.has(word) && !word.startsWith('priorit')).length;
}

function splitIntoStatements(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/u)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/**
 * A begrundelse is required unless everything requested is granted (forvaltningsloven §§ 22, 24).
 * Exported so the decision can be refused up front, before the case moves on.
 */
export function assertDecisionIsExplained(data: Pick<DecisionLetterData, 'outcome' | 'amountRequestedOre' | 'amountGrantedOre' | 'reasons'>): void {
  const fullyGranted = data.outcome === 'approved' && data.amountGrantedOre >= data.amountRequestedOre;
  if (fullyGranted) return;
  const statements = [...data.reasons.criteria.map((c) => c.trim()), ...splitIntoStatements(data.reasons.text)].filter((s) => s.length > 0);
  if (statements.length === 0) {
    throw new DecisionLetterError(
      'reasons_missing',
      'A partial approval or a rejection needs a begrundelse: choose the decisive criteria or write the reasons (forvaltningsloven §§ 22 and 24).',
    );
  }
  if (!statements.some((statement) => substantiveWordCount(statement) >= 2)) {
    throw new DecisionLetterError(
      'reasons_insufficient',
      'The begrundelse only says the application was prioritised within the available funds. Name the decisive criteria and the facts they rest on (forvaltningsloven § 24).',
    );
  }
}

function assertDecisionIsConsistent(data: DecisionLetterData): void {
  const { outcome, amountRequestedOre: requested, amountGrantedOre: granted } = data;
  const fail = (message: string) => {
    throw new DecisionLetterError('inconsistent_decision', message);
  };
  if (requested <= 0n) fail('The amount requested must be more than 0.');
  if (granted < 0n) fail('The amount granted cannot be negative.');
  if (outcome === 'approved' && granted !== requested) fail('An approval grants exactly the amount requested; use partially_approved for less.');
  if (outcome === 'partially_approved' && !(granted > 0n && granted < requested)) fail('A partial approval grants more than 0 and less than the amount requested.');
  if (outcome === 'rejected' && granted !== 0n) fail('A rejection grants 0.');
  if (outcome !== 'rejected' && !data.reporting) fail('A grant needs a reporting requirement and deadline.');
  if (outcome !== 'rejected' && !data.payoutDate) fail('A grant needs a payout date.');
}

// ─── Formatting shared with the emails ───────────────────────────────────────────────────────

/** `12.000 kr.`; øre are shown only when there are any, so a computed amount is never misstated. */
export function formatKroner(ore: bigint): string {
  const sign = ore < 0n ? '-' : '';
  const absolute = ore < 0n ? -ore : ore;
  const kroner = String(oreToKroner(absolute)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const restOre = absolute % ORE_PER_KRONE;
  return `${sign}${kroner}${restOre === 0n ? '' : `,${String(restOre).padStart(2, '0')}`} kr.`;
}

const LOCALES: Record<LetterLanguage, string> = { da: 'da-DK', nb: 'nb-NO', en: 'en-GB' };

/** Letters and emails are read where the municipality is, so dates follow its clock. */
export function timeZoneFor(language: LetterLanguage): string {
  return language === 'nb' ? 'Europe/Oslo' : 'Europe/Copenhagen';
}

/** A moment (`Date`) in the reader's time zone, or a calendar date (`YYYY-MM-DD`) exactly as given. */
export function formatDate(value: Date | string, language: LetterLanguage): string {
  const calendarDate = typeof value === 'string';
  const date = calendarDate ? parseCalendarDate(value) : value;
  if (Number.isNaN(date.getTime())) throw new DecisionLetterError('invalid_date', `Not a valid date: ${String(value)}`);
  return new Intl.DateTimeFormat(LOCALES[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: calendarDate ? 'UTC' : timeZoneFor(language),
  }).format(date);
}

function parseCalendarDate(value: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new DecisionLetterError('invalid_date', `Expected a date as YYYY-MM-DD, got "${value}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) throw new DecisionLetterError('invalid_date', `No such date: ${value}`);
  return date;
}

const REPORT_REQUIREMENTS: Record<LetterLanguage, Record<ReportRequirement, string>> = {
  da: {
    declaration: 'en erklæring på tro og love om, at pengene er brugt som aftalt',
    short_report: 'en kort beretning om, hvordan aktiviteten gik, og hvad pengene er brugt til',
    accounts: 'en kort beretning og et regnskab for tilskuddet',
    audited_accounts: 'en kort beretning og et regnskab for tilskuddet, som er revideret og underskrevet af en revisor',
  },
  nb: {
    declaration: 'en egenerklæring om at pengene er brukt slik det var avtalt',
    short_report: 'en kort rapport om hvordan aktiviteten gikk, og hva pengene er brukt til',
    accounts: 'en kort rapport og et regnskap for tilskuddet',
    audited_accounts: 'en kort rapport og et regnskap for tilskuddet som er revidert og signert av en revisor',
  },
  en: {
    declaration: 'a signed declaration on your honour (tro og love) that the money was used as agreed',
    short_report: 'a short report on how the activity went and what the money was spent on',
    accounts: 'a short report and accounts for the grant',
    audited_accounts: 'a short report and accounts for the grant, audited and signed by an auditor',
  },
};

/** What the association must send in, worded to follow "send …" in a sentence. */
export function describeReportRequirement(requirement: ReportRequirement, language: LetterLanguage): string {
  return REPORT_REQUIREMENTS[language][requirement];
}

// ─── Wording: one complete letter per language ───────────────────────────────────────────────

/** The data with every amount and date already written out, so templates only choose words. */
interface LetterFacts {
  data: DecisionLetterData;
  requested: string;
  granted: string;
  date: string;
  start: string;
  end: string;
  payoutDate: string;
  reportDue: string;
  requirement: string;
  guidelinesAdoptedOn: string;
}

interface LetterWording {
  lang: string;
  title: string;
  subject(f: LetterFacts): string;
  labels: {
    phone: string;
    email: string;
    date: string;
    reference: string;
    caseworker: string;
    orgNumber: string;
    attention: string;
    requested: string;
    granted: string;
    activity: string;
    period: string;
    payout: string;
    page(current: number, total: number): string;
  };
  kicker: string;
  heading(f: LetterFacts): string;
  greeting(name: string): string;
  intro(f: LetterFacts): string;
  period(f: LetterFacts): string;
  reasons: { heading(outcome: DecisionOutcome): string; criteriaIntro: string; guidelines(f: LetterFacts): string };
  legalBasis: { heading: string; body(f: LetterFacts): string[] };
  conditions: { heading: string; intro: string; standard(f: LetterFacts): string[] };
  payout: { heading: string; body(f: LetterFacts): string };
  appeal: { heading: string; fallback?(f: LetterFacts): string };
  access: { heading: string; body(f: LetterFacts): string };
  contact: { heading: string; body(f: LetterFacts): string; disagree: string; closing: string };
}

const DANISH: LetterWording = {
  lang: 'da-DK',
  title: 'Afgørelse om tilskud',
  subject: (f) => `Afgørelse om tilskud efter serviceloven § 18 – ${f.data.roundName}`,
  labels: {
    phone: 'Tlf.',
    email: 'E-mail',
    date: 'Dato',
    reference: 'Sagsnr.',
    caseworker: 'Sagsbehandler',
    orgNumber: 'CVR-nr.',
    attention: 'Att.',
    requested: 'I søgte om',
    granted: 'I får',
    activity: 'Aktivitet',
    period: 'Periode',
    payout: 'Udbetales',
    page: (current, total) => `Side ${current} af ${total}`,
  },
  kicker: 'Afgørelse om tilskud efter serviceloven § 18',
  heading: (f) => {
    switch (f.data.outcome) {
      case 'approved':
        return `I får ${f.granted} i tilskud`;
      case 'partially_approved':
        return `I får ${f.granted} af de ${f.requested}, I søgte om`;
      case 'rejected':
        return 'I får desværre ikke tilskud denne gang';
    }
  },
  greeting: (name) => `Kære ${name}`,
  intro: (f) =>
    `Tak for jeres ansøgning til ${f.data.roundName} om tilskud til »${f.data.project.title}«. Vi har nu behandlet ansøgningen, og i dette brev kan I læse vores afgørelse, og hvad der skal ske nu.`,
  period: (f) => `${f.start} – ${f.end}`,
  reasons: {
    heading: (outcome) =>
      outcome === 'rejected'
        ? 'Derfor får I ikke tilskud (begrundelse)'
        : outcome === 'partially_approved'
          ? 'Derfor får I ikke hele beløbet (begrundelse)'
          : 'Vores vurdering',
    criteriaIntro: 'Vi har især lagt vægt på:',
    guidelines: (f) =>
      `Vi har vurderet ansøgningen efter ${f.data.municipality.guidelines.name} og den måde, vi plejer at behandle lignende ansøgninger på.`,
  },
  legalBasis: {
    heading: 'Regler, afgørelsen bygger på',
    body: (f) => [
      'Tilskuddet gives efter serviceloven § 18, stk. 2. Efter den bestemmelse støtter kommunen frivilligt socialt arbejde med et beløb, der hvert år er afsat til det.',
      `Kommunen fordeler pengene efter ${f.data.municipality.guidelines.name}, vedtaget af ${f.data.municipality.guidelines.adoptedBy} den ${f.guidelinesAdoptedOn}.`,
    ],
  },
  conditions: {
    heading: 'Betingelser for tilskuddet',
    intro: 'Når I tager imod tilskuddet, siger I ja til disse betingelser:',
    standard: (f) => [
      `Pengene må kun bruges til »${f.data.project.title}«, som I har beskrevet det i ansøgningen, og i perioden ${f.start} til ${f.end}.`,
      `Senest den ${f.reportDue} skal I sende os ${f.requirement} (afrapportering). Vi sender en påmindelse, før fristen udløber.`,
      'Penge, I ikke bruger, skal betales tilbage til kommunen. Vil I bruge dem senere, skal I spørge os skriftligt, før perioden slutter.',
      'Fortæl os hurtigst muligt, hvis aktiviteten ændrer sig væsentligt, bliver udskudt eller aflyst.',
      'Gem kvitteringer og bilag i 5 år. Kommunen kan bede om at se dem og laver stikprøvekontrol.',
      'Har frivillige i aktiviteten direkte kontakt med børn under 15 år, skal foreningen indhente børneattest for dem, før de går i gang.',
      'Får vi ikke jeres afrapportering, kan foreningen ikke få nye tilskud fra puljen, og vi kan kræve tilskuddet betalt tilbage.',
    ],
  },
  payout: {
    heading: 'Udbetaling',
    body: (f) =>
      `Vi udbetaler ${f.granted} den ${f.payoutDate} til foreningens NemKonto, som er knyttet til CVR-nr. ${f.data.recipient.cvr}. I skal ikke gøre noget for at få pengene. Har foreningen ikke en NemKonto, så kontakt jeres bank, og giv os besked.`,
  },
  appeal: { heading: 'Hvis I vil klage (klagevejledning)' },
  access: {
    heading: 'I kan se sagens dokumenter (aktindsigt)',
    body: (f) =>
      `I har ret til at se dokumenterne i jeres sag (forvaltningsloven § 9). Skriv til ${f.data.municipality.email} med sagsnummeret. Vi svarer inden for 7 arbejdsdage, eller fortæller jer, hvorfor det tager længere tid.`,
  },
  contact: {
    heading: 'Har I spørgsmål?',
    body: (f) =>
      `Kontakt ${f.data.caseworker.name} på ${f.data.caseworker.email}${f.data.caseworker.phone ? ` eller ${f.data.caseworker.phone}` : ''}. Skriv gerne sagsnummeret ${f.data.reference}, når I kontakter os.`,
    disagree: 'Er I uenige i afgørelsen, eller mener I, at vi har misforstået noget i ansøgningen, er I velkomne til at kontakte os.',
    closing: 'Med venlig hilsen',
  },
};

// Norwegian municipalities decide these grants as enkeltvedtak under their own forvaltningslov,
// so this letter cites the municipality's rules and always tells how to appeal (fvl §§ 28-29).
const NORWEGIAN: LetterWording = {
  lang: 'nb-NO',
  title: 'Vedtak om tilskudd',
  subject: (f) => `Vedtak om tilskudd – ${f.data.roundName}`,
  labels: {
    phone: 'Tlf.',
    email: 'E-post',
    date: 'Dato',
    reference: 'Vår ref.',
    caseworker: 'Saksbehandler',
    orgNumber: 'Org.nr.',
    attention: 'Att.',
    requested: 'Dere søkte om',
    granted: 'Dere får',
    activity: 'Aktivitet',
    period: 'Periode',
    payout: 'Utbetales',
    page: (current, total) => `Side ${current} av ${total}`,
  },
  kicker: 'Vedtak om tilskudd til frivillig sosialt arbeid',
  heading: (f) => {
    switch (f.data.outcome) {
      case 'approved':
        return `Dere får ${f.granted} i tilskudd`;
      case 'partially_approved':
        return `Dere får ${f.granted} av de ${f.requested} dere søkte om`;
      case 'rejected':
        return 'Dere får dessverre ikke tilskudd denne gangen';
    }
  },
  greeting: (name) => `Hei, ${name}`,
  intro: (f) =>
    `Takk for søknaden deres til ${f.data.roundName} om tilskudd til «${f.data.project.title}». Vi har nå behandlet søknaden. I dette brevet finner dere vedtaket vårt og hva som skjer videre.`,
  period: (f) => `${f.start} – ${f.end}`,
  reasons: {
    heading: (outcome) =>
      outcome === 'rejected'
        ? 'Hvorfor dere ikke får tilskudd (begrunnelse)'
        : outcome === 'partially_approved'
          ? 'Hvorfor dere ikke får hele beløpet (begrunnelse)'
          : 'Vår vurdering',
    criteriaIntro: 'Vi har særlig lagt vekt på dette:',
    guidelines: (f) =>
      `Vi har vurdert søknaden etter ${f.data.municipality.guidelines.name} og etter hvordan vi vanligvis behandler lignende søknader.`,
  },
  legalBasis: {
    heading: 'Regler vedtaket bygger på',
    body: (f) => [
      `Tilskuddet gis etter ${f.data.municipality.guidelines.name}, vedtatt av ${f.data.municipality.guidelines.adoptedBy} ${f.guidelinesAdoptedOn}. Ingen organisasjon har krav på tilskudd; kommunen fordeler de pengene som er satt av i budsjettet.`,
      'Vedtaket er et enkeltvedtak etter forvaltningsloven. Derfor skal det begrunnes (forvaltningsloven §§ 24 og 25), og dere kan klage på det (forvaltningsloven § 28).',
    ],
  },
  conditions: {
    heading: 'Vilkår for tilskuddet',
    intro: 'Når dere tar imot tilskuddet, godtar dere disse vilkårene:',
    standard: (f) => [
      `Pengene skal bare brukes til «${f.data.project.title}», slik dere beskrev det i søknaden, og i perioden ${f.start} til ${f.end}.`,
      `Innen ${f.reportDue} skal dere sende oss ${f.requirement} (rapportering). Vi sender en påminnelse før fristen går ut.`,
      'Penger dere ikke bruker, skal betales tilbake til kommunen. Vil dere bruke dem senere, må dere spørre oss skriftlig før perioden er over.',
      'Gi oss beskjed så snart som mulig hvis aktiviteten endres vesentlig, blir utsatt eller avlyst.',
      'Ta vare på kvitteringer og bilag i 5 år. Kommunen kan be om å se dem og gjør stikkprøver.',
      'Har frivillige i aktiviteten direkte kontakt med barn under 15 år, skal organisasjonen hente inn politiattest for dem før de begynner.',
      'Får vi ikke rapporten, kan organisasjonen ikke få nye tilskudd fra ordningen, og vi kan kreve tilskuddet betalt tilbake.',
    ],
  },
  payout: {
    heading: 'Utbetaling',
    body: (f) =>
      `Vi betaler ut ${f.granted} ${f.payoutDate} til kontoen som er registrert på organisasjonsnummer ${f.data.recipient.cvr}. Dere trenger ikke å gjøre noe for å få pengene. Har organisasjonen byttet konto, må dere gi oss beskjed før utbetalingen.`,
  },
  appeal: {
    heading: 'Slik klager dere (klageveiledning)',
    fallback: (f) =>
      [
        `Dere kan klage på vedtaket. Klagefristen er 3 uker fra dere mottok dette brevet (forvaltningsloven § 29).`,
        `Send klagen til ${f.data.municipality.name}, ${f.data.municipality.department}, ${f.data.municipality.address}, eller på e-post til ${f.data.municipality.email}. Skriv hvilket vedtak dere klager på (vår ref. ${f.data.reference}), hva dere ønsker endret, og gjerne hvorfor. Klagen må være signert.`,
        'Hvis vi ikke endrer vedtaket selv, sender vi klagen videre til kommunens klagenemnd, som avgjør saken (forvaltningsloven § 28 andre ledd).',
      ].join('\n'),
  },
  access: {
    heading: 'Dere kan se dokumentene i saken (innsyn)',
    body: (f) =>
      `Dere har rett til å se dokumentene i saken deres (forvaltningsloven § 18). Skriv til ${f.data.municipality.email} og oppgi vår referanse.`,
  },
  contact: {
    heading: 'Har dere spørsmål?',
    body: (f) =>
      `Kontakt ${f.data.caseworker.name} på ${f.data.caseworker.email}${f.data.caseworker.phone ? ` eller ${f.data.caseworker.phone}` : ''}. Oppgi gjerne referansen ${f.data.reference} når dere tar kontakt.`,
    disagree: 'Mener dere at vi har misforstått noe i søknaden, er dere velkomne til å ta kontakt, også før dere eventuelt klager.',
    closing: 'Med vennlig hilsen',
  },
};

// English is for associations that read Danish poorly; the Danish term stays in brackets so they
// can find it in the ordliste and recognise it in other letters.
const ENGLISH: LetterWording = {
  lang: 'en-GB',
  title: 'Decision on your grant application',
  subject: (f) => `Decision on a grant under section 18 of the Danish Social Services Act – ${f.data.roundName}`,
  labels: {
    phone: 'Phone',
    email: 'Email',
    date: 'Date',
    reference: 'Case no.',
    caseworker: 'Caseworker',
    orgNumber: 'CVR no.',
    attention: 'Attn.',
    requested: 'You applied for',
    granted: 'You receive',
    activity: 'Activity',
    period: 'Period',
    payout: 'Paid on',
    page: (current, total) => `Page ${current} of ${total}`,
  },
  kicker: 'Decision on a grant for voluntary social work (section 18)',
  heading: (f) => {
    switch (f.data.outcome) {
      case 'approved':
        return `You will receive a grant of ${f.granted}`;
      case 'partially_approved':
        return `You will receive ${f.granted} of the ${f.requested} you applied for`;
      case 'rejected':
        return 'Unfortunately, you will not receive a grant this time';
    }
  },
  greeting: (name) => `Dear ${name}`,
  intro: (f) =>
    `Thank you for applying to ${f.data.roundName} for a grant for "${f.data.project.title}". We have now assessed your application. This letter tells you what we decided and what happens next.`,
  period: (f) => `${f.start} to ${f.end}`,
  reasons: {
    heading: (outcome) =>
      outcome === 'rejected'
        ? 'Why you are not receiving a grant (begrundelse)'
        : outcome === 'partially_approved'
          ? 'Why you are not receiving the full amount (begrundelse)'
          : 'Our assessment',
    criteriaIntro: 'What weighed most in our decision:',
    guidelines: (f) =>
      `We assessed your application against ${f.data.municipality.guidelines.name} and the way we usually decide similar applications.`,
  },
  legalBasis: {
    heading: 'The rules behind this decision',
    body: (f) => [
      'The grant is made under section 18(2) of the Danish Social Services Act (serviceloven § 18, stk. 2), under which the municipality supports voluntary social work from an amount it sets aside each year.',
      `The municipality shares out that amount according to ${f.data.municipality.guidelines.name}, adopted by ${f.data.municipality.guidelines.adoptedBy} on ${f.guidelinesAdoptedOn}.`,
    ],
  },
  conditions: {
    heading: 'Conditions of the grant',
    intro: 'By accepting the grant, you agree to these conditions:',
    standard: (f) => [
      `Use the money only for "${f.data.project.title}" as described in your application, and within the period ${f.start} to ${f.end}.`,
      `By ${f.reportDue}, send us ${f.requirement} (afrapportering). We will remind you before the deadline.`,
      'Pay back any money you do not use. If you would like to use it later, ask us in writing before the period ends.',
      'Tell us as soon as possible if the activity changes significantly, is postponed or is cancelled.',
      'Keep receipts and vouchers for 5 years. The municipality may ask to see them and carries out spot checks.',
      'If volunteers in the activity have direct contact with children under 15, your association must obtain a child protection certificate (børneattest) for each of them before they start.',
      'If we do not receive your report, your association cannot receive new grants from this fund, and we may ask you to pay the grant back.',
    ],
  },
  payout: {
    heading: 'Payment',
    body: (f) =>
      `We will pay ${f.granted} on ${f.payoutDate} into your association's NemKonto, the bank account linked to CVR no. ${f.data.recipient.cvr}. You do not need to do anything to receive the money. If your association has no NemKonto, please contact your bank and let us know.`,
  },
  appeal: { heading: 'If you want to appeal (klagevejledning)' },
  access: {
    heading: 'Seeing the documents in your case (aktindsigt)',
    body: (f) =>
      `You have the right to see the documents in your case (section 9 of the Danish Public Administration Act, forvaltningsloven). Write to ${f.data.municipality.email} quoting the case number. We will reply within 7 working days or tell you why it will take longer.`,
  },
  contact: {
    heading: 'Questions?',
    body: (f) =>
      `Contact ${f.data.caseworker.name} at ${f.data.caseworker.email}${f.data.caseworker.phone ? ` or ${f.data.caseworker.phone}` : ''}. Please quote case number ${f.data.reference}.`,
    disagree: 'If you disagree with the decision or think we have misunderstood something in your application, you are welcome to contact us.',
    closing: 'Kind regards',
  },
};

const WORDING: Record<LetterLanguage, LetterWording> = { da: DANISH, nb: NORWEGIAN, en: ENGLISH };

// ─── Layout ──────────────────────────────────────────────────────────────────────────────────

const MARGIN = { top: 56, bottom: 78, left: 64, right: 64 };
const COLOR = { text: '#1a1a1a', muted: '#555555', accent: '#1f4e79', rule: '#b8c4d2', box: '#eef2f7' };
const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold' };
const BODY_SIZE = 10.5;
const LINE_GAP = 2.5;

// A legal reference or an amount split over two lines ("§§" / "24", "12.000" / "kr.") is hard to
// read, so the spaces inside them become non-breaking in the PDF.
function keepReferencesTogether(text: string): string {
  return text.replace(/(§§?|stk\.|nr\.|no\.) (?=\d)/g, '$1\u00a0').replace(/(\d) (?=kr\.)/g, '$1\u00a0');
}

/** Small drawing vocabulary on top of pdfkit, so the letter below reads like the letter. */
class LetterCanvas {
  constructor(readonly doc: PDFKit.PDFDocument) {}

  get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  /** Keep a heading with the first lines that follow it. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  gap(points: number): void {
    this.doc.y += points;
  }

  heading(text: string): void {
    this.doc.font(FONT.bold).fontSize(12);
    this.ensureSpace(this.doc.heightOfString(text, { width: this.width }) + 3 * (BODY_SIZE + LINE_GAP) + 14);
    this.gap(10);
    this.doc.fillColor(COLOR.accent).text(keepReferencesTogether(text), MARGIN.left, this.doc.y, { width: this.width });
    this.gap(3);
    this.doc.fillColor(COLOR.text);
  }

  /** Each line of the text becomes its own paragraph, so a configured block keeps its breaks. */
  paragraph(text: string): void {
    for (const line of text.split(/\n+/)) {
      this.doc.font(FONT.regular).fontSize(BODY_SIZE).fillColor(COLOR.text);
      this.ensureSpace(2 * (BODY_SIZE + LINE_GAP)); // no single orphaned line at the foot of a page
      this.doc.text(keepReferencesTogether(line), MARGIN.left, this.doc.y, { width: this.width, lineGap: LINE_GAP });
      this.gap(5);
    }
    this.doc.fillColor(COLOR.text);
  }

  /** Lines that belong together, such as a signature, without paragraph spacing. */
  lines(lines: string[]): void {
    this.doc.font(FONT.regular).fontSize(BODY_SIZE).fillColor(COLOR.text).text(lines.join('\n'), MARGIN.left, this.doc.y, { width: this.width, lineGap: LINE_GAP });
  }

  /** Bullets or numbers in a hanging indent, so wrapped lines line up under the text. */
  list(items: string[], marker: (index: number) => string): void {
    const indent = 18;
    this.doc.font(FONT.regular).fontSize(BODY_SIZE).fillColor(COLOR.text);
    items.forEach((item, index) => {
      const text = keepReferencesTogether(item);
      // A short item is not split over two pages; a long one starts with at least a few lines.
      const height = this.doc.heightOfString(text, { width: this.width - indent, lineGap: LINE_GAP });
      this.ensureSpace(Math.min(height, 4 * (BODY_SIZE + LINE_GAP)));
      const top = this.doc.y;
      this.doc.text(marker(index), MARGIN.left, top, { width: indent, lineBreak: false });
      this.doc.text(text, MARGIN.left + indent, top, { width: this.width - indent, lineGap: LINE_GAP });
      this.gap(3);
    });
    this.doc.x = MARGIN.left;
    this.gap(2);
  }

  /** The decision at a glance: label/value rows on a tinted panel. */
  factsPanel(facts: Array<[string, string]>): void {
    const rows = facts.map(([label, value]): [string, string] => [label, keepReferencesTogether(value)]);
    const padding = 10;
    const labelWidth = 120;
    const valueWidth = this.width - labelWidth - 2 * padding;
    this.doc.fontSize(BODY_SIZE);
    const rowHeights = rows.map(([, value]) => this.doc.font(FONT.bold).heightOfString(value, { width: valueWidth, lineGap: LINE_GAP }) + 4);
    const height = rowHeights.reduce((sum, h) => sum + h, 0) + 2 * padding - 4;
    this.ensureSpace(height + 8);
    const top = this.doc.y + 4;
    this.doc.rect(MARGIN.left, top, this.width, height).fill(COLOR.box);
    this.doc.rect(MARGIN.left, top, 3, height).fill(COLOR.accent);
    let y = top + padding;
    rows.forEach(([label, value], index) => {
      this.doc.font(FONT.regular).fillColor(COLOR.muted).text(label, MARGIN.left + padding + 4, y, { width: labelWidth - 8 });
      this.doc.font(FONT.bold).fillColor(COLOR.text).text(value, MARGIN.left + padding + labelWidth, y, { width: valueWidth, lineGap: LINE_GAP });
      y += rowHeights[index] ?? 0;
    });
    this.doc.x = MARGIN.left;
    this.doc.y = top + height + 10;
    this.doc.font(FONT.regular).fillColor(COLOR.text);
  }
}

function buildFacts(data: DecisionLetterData): LetterFacts {
  const language = data.language;
  return {
    data,
    requested: formatKroner(data.amountRequestedOre),
    granted: formatKroner(data.amountGrantedOre),
    date: formatDate(data.date, language),
    start: formatDate(data.project.startDate, language),
    end: formatDate(data.project.endDate, language),
    payoutDate: data.payoutDate ? formatDate(data.payoutDate, language) : '',
    reportDue: data.reporting ? formatDate(data.reporting.dueDate, language) : '',
    requirement: data.reporting ? describeReportRequirement(data.reporting.requirement, language) : '',
    guidelinesAdoptedOn: formatDate(data.municipality.guidelines.adoptedOn, language),
  };
}

function drawLetterhead(canvas: LetterCanvas, w: LetterWording, f: LetterFacts): void {
  const { doc } = canvas;
  const m = f.data.municipality;
  const top = MARGIN.top;
  const rightWidth = 190;
  const rightX = doc.page.width - MARGIN.right - rightWidth;

  doc.font(FONT.bold).fontSize(17).fillColor(COLOR.accent).text(m.name, MARGIN.left, top, { width: canvas.width - rightWidth - 10 });
  doc.font(FONT.regular).fontSize(10.5).fillColor(COLOR.text).text(m.department, MARGIN.left, doc.y + 2, { width: canvas.width - rightWidth - 10 });
  const leftBottom = doc.y;

  doc.fontSize(8.5).fillColor(COLOR.muted);
  doc.text([m.address, `${w.labels.phone} ${m.phone}`, `${w.labels.email} ${m.email}`].join('\n'), rightX, top + 2, {
    width: rightWidth,
    align: 'right',
    lineGap: 1.5,
  });
  const ruleY = Math.max(leftBottom, doc.y) + 10;
  doc.moveTo(MARGIN.left, ruleY).lineTo(doc.page.width - MARGIN.right, ruleY).lineWidth(0.75).strokeColor(COLOR.rule).stroke();

  // Recipient where a window envelope shows it; case facts opposite, as in any official letter.
  const blockTop = ruleY + 26;
  const r = f.data.recipient;
  const recipientLines = [r.organizationName, `${w.labels.attention} ${r.contactName}`, ...(r.address ? r.address.split(/\n|,\s*/) : []), `${w.labels.orgNumber} ${r.cvr}`];
  doc.font(FONT.regular).fontSize(BODY_SIZE).fillColor(COLOR.text).text(recipientLines.join('\n'), MARGIN.left, blockTop, { width: 250, lineGap: 1.5 });
  const recipientBottom = doc.y;

  const caseLines: Array<[string, string]> = [
    [w.labels.date, f.date],
    [w.labels.reference, f.data.reference],
    [w.labels.caseworker, f.data.caseworker.name],
  ];
  let y = blockTop;
  for (const [label, value] of caseLines) {
    doc.font(FONT.regular).fontSize(9).fillColor(COLOR.muted).text(label, rightX, y, { width: 80 });
    doc.font(FONT.regular).fontSize(9).fillColor(COLOR.text).text(value, rightX + 80, y, { width: rightWidth - 80 });
    y = doc.y + 2;
  }
  doc.x = MARGIN.left;
  doc.y = Math.max(recipientBottom, y) + 30;
}

function drawBody(canvas: LetterCanvas, w: LetterWording, f: LetterFacts): void {
  const { doc } = canvas;
  const data = f.data;
  const granted = data.outcome !== 'rejected';

  doc.font(FONT.regular).fontSize(9.5).fillColor(COLOR.muted).text(w.kicker.toUpperCase(), MARGIN.left, doc.y, { width: canvas.width, characterSpacing: 0.4 });
  canvas.gap(3);
  doc.font(FONT.bold).fontSize(16).fillColor(COLOR.text).text(keepReferencesTogether(w.heading(f)), MARGIN.left, doc.y, { width: canvas.width });
  canvas.gap(12);

  canvas.paragraph(w.greeting(data.recipient.contactName));
  canvas.paragraph(w.intro(f));

  const facts: Array<[string, string]> = [
    [w.labels.requested, f.requested],
    [w.labels.granted, f.granted],
    [w.labels.activity, data.project.title],
    [w.labels.period, w.period(f)],
  ];
  if (granted) facts.push([w.labels.payout, f.payoutDate]);
  canvas.factsPanel(facts);

  const criteria = data.reasons.criteria.map((c) => c.trim()).filter((c) => c.length > 0);
  const reasonText = data.reasons.text.trim();
  if (criteria.length > 0 || reasonText.length > 0) {
    canvas.heading(w.reasons.heading(data.outcome));
    if (criteria.length > 0) {
      canvas.paragraph(w.reasons.criteriaIntro);
      canvas.list(criteria, () => '•');
    }
    if (reasonText.length > 0) canvas.paragraph(reasonText);
    canvas.paragraph(w.reasons.guidelines(f));
  }

  canvas.heading(w.legalBasis.heading);
  for (const paragraph of w.legalBasis.body(f)) canvas.paragraph(paragraph);

  if (granted) {
    canvas.heading(w.conditions.heading);
    canvas.paragraph(w.conditions.intro);
    const conditions = [...w.conditions.standard(f), ...data.conditions.map((c) => c.trim()).filter((c) => c.length > 0)];
    canvas.list(conditions, (index) => `${index + 1}.`);

    canvas.heading(w.payout.heading);
    canvas.paragraph(w.payout.body(f));
  }

  const appeal = data.appealGuidance.trim() || w.appeal.fallback?.(f) || '';
  if (appeal.length > 0) {
    canvas.heading(w.appeal.heading);
    canvas.paragraph(appeal);
  }

  canvas.heading(w.access.heading);
  canvas.paragraph(w.access.body(f));

  canvas.heading(w.contact.heading);
  canvas.paragraph(w.contact.body(f));
  if (data.outcome !== 'approved') canvas.paragraph(w.contact.disagree);

  canvas.ensureSpace(70);
  canvas.gap(8);
  canvas.paragraph(w.contact.closing);
  canvas.gap(4);
  canvas.lines([data.caseworker.name, data.municipality.department, data.municipality.name]);
}

/** Page numbers need the total, so they are drawn last on every buffered page. */
function drawFooters(doc: PDFKit.PDFDocument, w: LetterWording, f: LetterFacts): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 46;
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    doc.moveTo(MARGIN.left, y - 8).lineTo(doc.page.width - MARGIN.right, y - 8).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
    doc.font(FONT.regular).fontSize(8.5).fillColor(COLOR.muted);
    doc.text(`${f.data.municipality.name} · ${w.labels.reference} ${f.data.reference}`, MARGIN.left, y, { width: width / 2, lineBreak: false });
    doc.text(w.labels.page(index - start + 1, count), MARGIN.left + width / 2, y, { width: width / 2, align: 'right', lineBreak: false });
    doc.page.margins.bottom = savedBottom;
  }
}

/**
 * The decision letter as PDF bytes. Pure: the same data gives the same bytes (the creation date is
 * the letter's date), and a letter that may not be sent — no real begrundelse, amounts that
 * contradict the outcome — is refused with a DecisionLetterError.
 */
export async function renderDecisionLetter(data: DecisionLetterData): Promise<Buffer> {
  assertDecisionIsConsistent(data);
  assertDecisionIsExplained(data);
  const wording = WORDING[data.language];
  const facts = buildFacts(data);

  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: wording.lang,
    displayTitle: true,
    info: {
      Title: `${wording.title} – ${data.reference}`,
      Author: data.municipality.name,
      Subject: wording.subject(facts),
      Keywords: `${data.reference}, ${data.recipient.cvr}`,
      Creator: 'grantflow',
      CreationDate: data.date,
    },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const canvas = new LetterCanvas(doc);
  drawLetterhead(canvas, wording, facts);
  drawBody(canvas, wording, facts);
  drawFooters(doc, wording, facts);
  doc.end();
  return finished;
}
