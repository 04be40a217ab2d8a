import {
  describeReportRequirement,
  formatDate,
  formatKroner,
  timeZoneFor,
  type DecisionOutcome,
  type ReportRequirement,
} from '../letters/formats';

export type EmailLanguage = 'da' | 'nb' | 'en';
export type EmailKind =
  | 'receipt'
  | 'information_request'
  | 'information_reminder'
  | 'lapsed'
  | 'withdrawn'
  | 'decision'
  | 'report_reminder'
  | 'report_overdue'
  | 'report_accepted'
  | 'report_returned'
  | 'report_escalation';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** What every email about a case needs. */
export interface EmailCommon {
  municipalityName: string;
  organizationName: string;
  contactName: string;
  reference: string;
  /** The association's private link to the case; for report_escalation, the caseworker's case page. */
  caseUrl: string;
}

export interface InformationRequestDetails {
  items: string[]; // already worded, one thing that is missing per item
  message: string; // the caseworker's own words; may be empty
  answerBy: Date;
}

export interface ReportDeadline {
  dueDate: Date;
  requirement: ReportRequirement;
}

export interface EmailData {
  receipt: EmailCommon & { roundName: string; submittedAt: Date; expectedAnswerBy?: Date };
  information_request: EmailCommon & InformationRequestDetails;
  information_reminder: EmailCommon & InformationRequestDetails;
  lapsed: EmailCommon;
  withdrawn: EmailCommon;
  /** The decision letter (PDF) is attached by the caller. */
  decision: EmailCommon & { outcome: DecisionOutcome; amountGrantedOre: bigint; payoutDate?: Date };
  report_reminder: EmailCommon & ReportDeadline;
  report_overdue: EmailCommon & ReportDeadline;
  report_accepted: EmailCommon & { comment?: string };
  report_returned: EmailCommon & { comment: string; dueDate?: Date };
  /** Sent to the caseworker, not the association. */
  report_escalation: EmailCommon & ReportDeadline & { caseworkerName: string; overdueDays: number; remindersSent?: number };
}

// ─── Content model: one description, rendered to both plain text and HTML ─────────────────────

type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'quote'; label: string; text: string } // someone's own words, shown as written
  | { type: 'link'; label: string; url: string };

interface EmailContent {
  subject: string;
  blocks: Array<Block | false | undefined>; // false/undefined: a block that does not apply
  greeting?: string; // overrides the language's greeting to the association
  signOff?: string[];
}

const p = (text: string): Block => ({ type: 'paragraph', text });
const list = (items: string[]): Block | undefined => {
  const worded = items.map((item) => item.trim()).filter((item) => item.length > 0);
  return worded.length > 0 ? { type: 'list', items: worded } : undefined;
};
const quote = (label: string, text: string | undefined): Block | undefined =>
  text && text.trim().length > 0 ? { type: 'quote', label, text: text.trim() } : undefined;
const link = (label: string, url: string): Block => ({ type: 'link', label, url });

// ─── Wording: one complete set per language ──────────────────────────────────────────────────

interface LanguagePack {
  htmlLang: string;
  greeting(name: string): string;
  signOff(d: EmailCommon): string[];
  footer(d: EmailCommon): string;
  templates: { [K in EmailKind]: (d: EmailData[K]) => EmailContent };
}

function dateTime(date: Date, language: EmailLanguage): string {
  const time = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language === 'nb' ? 'nb-NO' : 'da-DK', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: timeZoneFor(language),
  }).format(date);
  return language === 'en' ? `${formatDate(date, language)} at ${time}` : `${formatDate(date, language)} kl. ${time}`;
}

function days(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

const DANISH: LanguagePack = {
  htmlLang: 'da',
  greeting: (name) => `Kære ${name}`,
  signOff: (d) => ['Med venlig hilsen', d.municipalityName],
  footer: (d) => `Sagsnummer: ${d.reference}. Skriv sagsnummeret, hvis I kontakter os om sagen.`,
  templates: {
    receipt: (d) => ({
      subject: `Vi har modtaget jeres ansøgning (${d.reference})`,
      blocks: [
        p(`Tak for ansøgningen fra ${d.organizationName} til ${d.roundName}. Vi modtog den ${dateTime(d.submittedAt, 'da')}.`),
        p(
          d.expectedAnswerBy
            ? `Vi forventer at give jer svar senest ${formatDate(d.expectedAnswerBy, 'da')}.`
            : 'Vi giver jer besked, så snart vi har behandlet ansøgningen.',
        ),
        p('I skal ikke gøre mere lige nu. Mangler vi oplysninger, skriver vi til jer. Via linket kan I altid se, hvor langt sagen er.'),
        link('Følg jeres ansøgning', d.caseUrl),
        p('Linket er personligt. Gem denne mail, og del kun linket med dem i foreningen, der skal følge sagen.'),
      ],
    }),
    information_request: (d) => ({
      subject: `Vi mangler oplysninger til jeres ansøgning (${d.reference})`,
      blocks: [
        p(`Vi er i gang med ansøgningen fra ${d.organizationName}, men vi mangler noget, før vi kan træffe en afgørelse:`),
        list(d.items),
        quote('Besked fra sagsbehandleren:', d.message),
        p(`Send oplysningerne senest ${formatDate(d.answerBy, 'da')}. I kan svare og uploade filer via linket.`),
        link('Send de manglende oplysninger', d.caseUrl),
        p('Får vi ikke svar inden fristen, lukker vi ansøgningen. Kan I ikke nå det, så skriv til os før fristen.'),
      ],
    }),
    information_reminder: (d) => ({
      subject: `Påmindelse: Vi mangler stadig oplysninger (${d.reference})`,
      blocks: [
        p(`Vi mangler stadig nogle oplysninger til ansøgningen fra ${d.organizationName}. Fristen er ${formatDate(d.answerBy, 'da')}.`),
        list(d.items),
        quote('Besked fra sagsbehandleren:', d.message),
        link('Send de manglende oplysninger', d.caseUrl),
        p('Får vi ikke oplysningerne inden fristen, lukker vi ansøgningen, og I skal søge igen. Har I allerede svaret, kan I se bort fra denne mail.'),
      ],
    }),
    lapsed: (d) => ({
      subject: `Jeres ansøgning er lukket (${d.reference})`,
      blocks: [
        p(`Vi har ikke fået de oplysninger, vi bad om, inden fristen. Derfor har vi lukket ansøgningen fra ${d.organizationName}, og vi behandler den ikke videre.`),
        p('I er velkomne til at søge igen, når puljen er åben. Mener I, at I har sendt oplysningerne, så kontakt os hurtigst muligt.'),
        link('Se sagen', d.caseUrl),
      ],
    }),
    withdrawn: (d) => ({
      subject: `Jeres ansøgning er trukket tilbage (${d.reference})`,
      blocks: [
        p(`Vi har registreret, at ${d.organizationName} har trukket ansøgningen tilbage. Vi behandler den ikke videre, og I skal ikke gøre mere.`),
        p('Var det en fejl, så kontakt os hurtigst muligt. I er altid velkomne til at søge igen.'),
        link('Se sagen', d.caseUrl),
      ],
    }),
    decision: (d) => {
      const amount = formatKroner(d.amountGrantedOre);
      const granted = d.outcome !== 'rejected';
      return {
        subject:
          d.outcome === 'rejected' ? `Afgørelse på jeres ansøgning (${d.reference})` : `Afgørelse: I får ${amount} i tilskud (${d.reference})`,
        blocks: [
          p(
            d.outcome === 'approved'
              ? `Vi har truffet afgørelse om ansøgningen fra ${d.organizationName}: I får ${amount} i tilskud.`
              : d.outcome === 'partially_approved'
                ? `Vi har truffet afgørelse om ansøgningen fra ${d.organizationName}: I får ${amount} i tilskud. Det er mindre, end I søgte om, og i brevet kan I læse hvorfor.`
                : `Vi har truffet afgørelse om ansøgningen fra ${d.organizationName}: I får desværre ikke tilskud denne gang. I brevet kan I læse hvorfor.`,
          ),
          p(
            granted
              ? 'Afgørelsesbrevet er vedhæftet som PDF. Læs det grundigt: det indeholder også betingelserne for tilskuddet og fristen for afrapportering.'
              : 'Afgørelsesbrevet er vedhæftet som PDF. I kan også finde det via linket.',
          ),
          granted &&
            p(
              d.payoutDate
                ? `Vi udbetaler pengene til foreningens NemKonto den ${formatDate(d.payoutDate, 'da')}. I skal ikke gøre noget for at få dem.`
                : 'Vi udbetaler pengene til foreningens NemKonto. Datoen står i brevet, og I skal ikke gøre noget for at få dem.',
            ),
          link('Se sagen og afgørelsesbrevet', d.caseUrl),
          p('Har I spørgsmål til afgørelsen, er I velkomne til at kontakte os.'),
        ],
      };
    },
    report_reminder: (d) => ({
      subject: `Påmindelse: Afrapportering senest ${formatDate(d.dueDate, 'da')} (${d.reference})`,
      blocks: [
        p(`Husk at sende afrapportering for tilskuddet til ${d.organizationName} senest ${formatDate(d.dueDate, 'da')}.`),
        p(`I skal sende ${describeReportRequirement(d.requirement, 'da')}.`),
        link('Send afrapportering', d.caseUrl),
        p('Har I brug for mere tid, eller har I penge tilbage, så skriv til os før fristen.'),
      ],
    }),
    report_overdue: (d) => ({
      subject: `Vi mangler jeres afrapportering (${d.reference})`,
      blocks: [
        p(`Fristen for afrapportering for tilskuddet til ${d.organizationName} var ${formatDate(d.dueDate, 'da')}, og vi har ikke modtaget den endnu.`),
        p(`Send ${describeReportRequirement(d.requirement, 'da')} så hurtigt som muligt.`),
        link('Send afrapportering', d.caseUrl),
        p(
          'Får vi ikke afrapporteringen, kan foreningen ikke få nye tilskud fra puljen, og vi kan kræve tilskuddet betalt tilbage. Er der noget, der driller, så kontakt os, så finder vi en løsning.',
        ),
      ],
    }),
    report_accepted: (d) => ({
      subject: `Afrapporteringen er godkendt (${d.reference})`,
      blocks: [
        p(`Tak for afrapporteringen fra ${d.organizationName}. Vi har gennemgået og godkendt den. Sagen er nu afsluttet, og I skal ikke gøre mere.`),
        quote('Bemærkning fra sagsbehandleren:', d.comment),
        p('Vi håber, aktiviteten gik godt. I er velkomne til at søge igen.'),
        link('Se sagen', d.caseUrl),
      ],
    }),
    report_returned: (d) => ({
      subject: `Afrapporteringen skal rettes (${d.reference})`,
      blocks: [
        p(`Tak for afrapporteringen fra ${d.organizationName}. Vi har gennemgået den, og der er noget, I skal rette eller uddybe, før vi kan godkende den:`),
        quote('Besked fra sagsbehandleren:', d.comment),
        p(
          d.dueDate
            ? `Send den rettede afrapportering senest ${formatDate(d.dueDate, 'da')}.`
            : 'Send den rettede afrapportering, så snart I kan.',
        ),
        link('Ret afrapporteringen', d.caseUrl),
      ],
    }),
    report_escalation: (d) => ({
      subject: `Afrapportering ${days(d.overdueDays, 'dag', 'dage')} over fristen (${d.reference})`,
      greeting: `Hej ${d.caseworkerName}`,
      blocks: [
        p(
          `Afrapporteringen fra ${d.organizationName} (kontaktperson: ${d.contactName}) er ${days(d.overdueDays, 'dag', 'dage')} over fristen, som var ${formatDate(d.dueDate, 'da')}. Foreningen skal sende ${describeReportRequirement(d.requirement, 'da')}.`,
        ),
        d.remindersSent !== undefined && p(`Foreningen har fået ${d.remindersSent} ${d.remindersSent === 1 ? 'påmindelse' : 'påmindelser'}.`),
        p('Vurder, om du vil kontakte foreningen direkte, give udsættelse eller rejse krav om tilbagebetaling.'),
        link('Åbn sagen', d.caseUrl),
      ],
      signOff: [`Automatisk besked fra ${d.municipalityName}s sagssystem for § 18-puljen`],
    }),
  },
};

const NORWEGIAN: LanguagePack = {
  htmlLang: 'nb',
  greeting: (name) => `Hei, ${name}`,
  signOff: (d) => ['Med vennlig hilsen', d.municipalityName],
  footer: (d) => `Vår referanse: ${d.reference}. Oppgi referansen hvis dere kontakter oss om saken.`,
  templates: {
    receipt: (d) => ({
      subject: `Vi har mottatt søknaden deres (${d.reference})`,
      blocks: [
        p(`Takk for søknaden fra ${d.organizationName} til ${d.roundName}. Vi mottok den ${dateTime(d.submittedAt, 'nb')}.`),
        p(
          d.expectedAnswerBy
            ? `Vi regner med å gi dere svar innen ${formatDate(d.expectedAnswerBy, 'nb')}.`
            : 'Vi gir dere beskjed så snart vi har behandlet søknaden.',
        ),
        p('Dere trenger ikke å gjøre noe mer nå. Mangler vi opplysninger, tar vi kontakt. Via lenken kan dere alltid se hvor langt saken har kommet.'),
        link('Følg søknaden', d.caseUrl),
        p('Lenken er personlig. Ta vare på denne e-posten, og del lenken bare med dem i organisasjonen som skal følge saken.'),
      ],
    }),
    information_request: (d) => ({
      subject: `Vi trenger flere opplysninger til søknaden deres (${d.reference})`,
      blocks: [
        p(`Vi har begynt å behandle søknaden fra ${d.organizationName}, men vi trenger noe mer før vi kan gjøre vedtak:`),
        list(d.items),
        quote('Melding fra saksbehandleren:', d.message),
        p(`Send opplysningene innen ${formatDate(d.answerBy, 'nb')}. Dere kan svare og laste opp filer via lenken.`),
        link('Send opplysningene', d.caseUrl),
        p('Får vi ikke svar innen fristen, avslutter vi søknaden. Rekker dere det ikke, så skriv til oss før fristen.'),
      ],
    }),
    information_reminder: (d) => ({
      subject: `Påminnelse: Vi mangler fortsatt opplysninger (${d.reference})`,
      blocks: [
        p(`Vi mangler fortsatt noen opplysninger til søknaden fra ${d.organizationName}. Fristen er ${formatDate(d.answerBy, 'nb')}.`),
        list(d.items),
        quote('Melding fra saksbehandleren:', d.message),
        link('Send opplysningene', d.caseUrl),
        p('Får vi ikke opplysningene innen fristen, avslutter vi søknaden, og dere må søke på nytt. Har dere allerede svart, kan dere se bort fra denne e-posten.'),
      ],
    }),
    lapsed: (d) => ({
      subject: `Søknaden deres er avsluttet (${d.reference})`,
      blocks: [
        p(`Vi har ikke fått opplysningene vi ba om innen fristen. Derfor har vi avsluttet søknaden fra ${d.organizationName}, og vi behandler den ikke videre.`),
        p('Dere er velkomne til å søke på nytt når ordningen er åpen. Mener dere at dere har sendt opplysningene, så ta kontakt med oss så snart som mulig.'),
        link('Se saken', d.caseUrl),
      ],
    }),
    withdrawn: (d) => ({
      subject: `Søknaden deres er trukket (${d.reference})`,
      blocks: [
        p(`Vi har registrert at ${d.organizationName} har trukket søknaden. Vi behandler den ikke videre, og dere trenger ikke å gjøre noe mer.`),
        p('Var det en feil, så ta kontakt med oss så snart som mulig. Dere er alltid velkomne til å søke igjen.'),
        link('Se saken', d.caseUrl),
      ],
    }),
    decision: (d) => {
      const amount = formatKroner(d.amountGrantedOre);
      const granted = d.outcome !== 'rejected';
      return {
        subject: d.outcome === 'rejected' ? `Vedtak i saken deres (${d.reference})` : `Vedtak: Dere får ${amount} i tilskudd (${d.reference})`,
        blocks: [
          p(
            d.outcome === 'approved'
              ? `Vi har gjort vedtak om søknaden fra ${d.organizationName}: Dere får ${amount} i tilskudd.`
              : d.outcome === 'partially_approved'
                ? `Vi har gjort vedtak om søknaden fra ${d.organizationName}: Dere får ${amount} i tilskudd. Det er mindre enn dere søkte om, og i brevet kan dere lese hvorfor.`
                : `Vi har gjort vedtak om søknaden fra ${d.organizationName}: Dere får dessverre ikke tilskudd denne gangen. I brevet kan dere lese hvorfor.`,
          ),
          p(
            granted
              ? 'Vedtaksbrevet ligger ved som PDF. Les det nøye: der står også vilkårene for tilskuddet og fristen for rapportering.'
              : 'Vedtaksbrevet ligger ved som PDF. Dere finner det også via lenken.',
          ),
          granted &&
            p(
              d.payoutDate
                ? `Vi betaler ut pengene til organisasjonens konto ${formatDate(d.payoutDate, 'nb')}. Dere trenger ikke å gjøre noe for å få dem.`
                : 'Vi betaler ut pengene til organisasjonens konto. Datoen står i brevet, og dere trenger ikke å gjøre noe for å få dem.',
            ),
          link('Se saken og vedtaksbrevet', d.caseUrl),
          p('Dere kan klage på vedtaket innen 3 uker. I brevet står det hvordan. Har dere spørsmål, er dere velkomne til å ta kontakt.'),
        ],
      };
    },
    report_reminder: (d) => ({
      subject: `Påminnelse: Rapportering innen ${formatDate(d.dueDate, 'nb')} (${d.reference})`,
      blocks: [
        p(`Husk å sende rapport for tilskuddet til ${d.organizationName} innen ${formatDate(d.dueDate, 'nb')}.`),
        p(`Dere skal sende ${describeReportRequirement(d.requirement, 'nb')}.`),
        link('Send rapporten', d.caseUrl),
        p('Trenger dere mer tid, eller har dere penger igjen, så skriv til oss før fristen.'),
      ],
    }),
    report_overdue: (d) => ({
      subject: `Vi mangler rapporten deres (${d.reference})`,
      blocks: [
        p(`Fristen for rapport om tilskuddet til ${d.organizationName} var ${formatDate(d.dueDate, 'nb')}, og vi har ikke mottatt den ennå.`),
        p(`Send ${describeReportRequirement(d.requirement, 'nb')} så snart som mulig.`),
        link('Send rapporten', d.caseUrl),
        p(
          'Får vi ikke rapporten, kan organisasjonen ikke få nye tilskudd fra ordningen, og vi kan kreve tilskuddet betalt tilbake. Er det noe som gjør det vanskelig, så ta kontakt, så finner vi en løsning.',
        ),
      ],
    }),
    report_accepted: (d) => ({
      subject: `Rapporten er godkjent (${d.reference})`,
      blocks: [
        p(`Takk for rapporten fra ${d.organizationName}. Vi har gått gjennom og godkjent den. Saken er nå avsluttet, og dere trenger ikke å gjøre noe mer.`),
        quote('Kommentar fra saksbehandleren:', d.comment),
        p('Vi håper aktiviteten gikk bra. Dere er velkomne til å søke igjen.'),
        link('Se saken', d.caseUrl),
      ],
    }),
    report_returned: (d) => ({
      subject: `Rapporten må rettes (${d.reference})`,
      blocks: [
        p(`Takk for rapporten fra ${d.organizationName}. Vi har gått gjennom den, og det er noe dere må rette eller utdype før vi kan godkjenne den:`),
        quote('Melding fra saksbehandleren:', d.comment),
        p(d.dueDate ? `Send den rettede rapporten innen ${formatDate(d.dueDate, 'nb')}.` : 'Send den rettede rapporten så snart dere kan.'),
        link('Rett rapporten', d.caseUrl),
      ],
    }),
    report_escalation: (d) => ({
      subject: `Rapport ${days(d.overdueDays, 'dag', 'dager')} over fristen (${d.reference})`,
      greeting: `Hei, ${d.caseworkerName}`,
      blocks: [
        p(
          `Rapporten fra ${d.organizationName} (kontaktperson: ${d.contactName}) er ${days(d.overdueDays, 'dag', 'dager')} over fristen, som var ${formatDate(d.dueDate, 'nb')}. Organisasjonen skal sende ${describeReportRequirement(d.requirement, 'nb')}.`,
        ),
        d.remindersSent !== undefined && p(`Organisasjonen har fått ${d.remindersSent} ${d.remindersSent === 1 ? 'påminnelse' : 'påminnelser'}.`),
        p('Vurder om du vil kontakte organisasjonen direkte, gi utsettelse eller kreve tilskuddet tilbakebetalt.'),
        link('Åpne saken', d.caseUrl),
      ],
      signOff: [`Automatisk melding fra saksbehandlingssystemet i ${d.municipalityName}`],
    }),
  },
};

const ENGLISH: LanguagePack = {
  htmlLang: 'en',
  greeting: (name) => `Dear ${name}`,
  signOff: (d) => ['Kind regards', d.municipalityName],
  footer: (d) => `Case number: ${d.reference}. Please quote it if you contact us about this case.`,
  templates: {
    receipt: (d) => ({
      subject: `We have received your application (${d.reference})`,
      blocks: [
        p(`Thank you for the application from ${d.organizationName} to ${d.roundName}. We received it on ${dateTime(d.submittedAt, 'en')}.`),
        p(
          d.expectedAnswerBy
            ? `We expect to give you an answer by ${formatDate(d.expectedAnswerBy, 'en')}.`
            : 'We will let you know as soon as we have assessed your application.',
        ),
        p('You do not need to do anything else for now. If we need more information, we will write to you. You can always see how far your case has got through the link.'),
        link('Follow your application', d.caseUrl),
        p('The link is personal. Keep this email, and share the link only with the people in your association who need to follow the case.'),
      ],
    }),
    information_request: (d) => ({
      subject: `We need more information for your application (${d.reference})`,
      blocks: [
        p(`We have started on the application from ${d.organizationName}, but we need a few more things before we can decide:`),
        list(d.items),
        quote('Message from your caseworker:', d.message),
        p(`Please send the information by ${formatDate(d.answerBy, 'en')}. You can answer and upload files through the link.`),
        link('Send the missing information', d.caseUrl),
        p('If we have not heard from you by the deadline, we will close the application. If you cannot make it, write to us before the deadline.'),
      ],
    }),
    information_reminder: (d) => ({
      subject: `Reminder: we still need some information (${d.reference})`,
      blocks: [
        p(`We are still missing some information for the application from ${d.organizationName}. The deadline is ${formatDate(d.answerBy, 'en')}.`),
        list(d.items),
        quote('Message from your caseworker:', d.message),
        link('Send the missing information', d.caseUrl),
        p('If we do not receive it by the deadline, we will close the application and you will need to apply again. If you have already answered, please ignore this email.'),
      ],
    }),
    lapsed: (d) => ({
      subject: `Your application has been closed (${d.reference})`,
      blocks: [
        p(`We did not receive the information we asked for by the deadline. We have therefore closed the application from ${d.organizationName} and will not assess it further.`),
        p('You are welcome to apply again when the fund is open. If you believe you did send the information, please contact us as soon as possible.'),
        link('See the case', d.caseUrl),
      ],
    }),
    withdrawn: (d) => ({
      subject: `Your application has been withdrawn (${d.reference})`,
      blocks: [
        p(`We have recorded that ${d.organizationName} has withdrawn its application. We will not assess it further, and you do not need to do anything else.`),
        p('If this was a mistake, please contact us as soon as possible. You are always welcome to apply again.'),
        link('See the case', d.caseUrl),
      ],
    }),
    decision: (d) => {
      const amount = formatKroner(d.amountGrantedOre);
      const granted = d.outcome !== 'rejected';
      return {
        subject:
          d.outcome === 'rejected' ? `Decision on your application (${d.reference})` : `Decision: you will receive a grant of ${amount} (${d.reference})`,
        blocks: [
          p(
            d.outcome === 'approved'
              ? `We have decided on the application from ${d.organizationName}: you will receive a grant of ${amount}.`
              : d.outcome === 'partially_approved'
                ? `We have decided on the application from ${d.organizationName}: you will receive a grant of ${amount}. This is less than you applied for; the letter explains why.`
                : `We have decided on the application from ${d.organizationName}: unfortunately, you will not receive a grant this time. The letter explains why.`,
          ),
          p(
            granted
              ? 'The decision letter is attached as a PDF. Please read it carefully: it also sets out the conditions of the grant and the deadline for your report.'
              : 'The decision letter is attached as a PDF. You can also find it through the link.',
          ),
          granted &&
            p(
              d.payoutDate
                ? `We will pay the money into your association's NemKonto on ${formatDate(d.payoutDate, 'en')}. You do not need to do anything to receive it.`
                : "We will pay the money into your association's NemKonto. The date is in the letter, and you do not need to do anything to receive it.",
            ),
          link('See the case and the decision letter', d.caseUrl),
          p('If you have questions about the decision, you are welcome to contact us.'),
        ],
      };
    },
    report_reminder: (d) => ({
      subject: `Reminder: report due by ${formatDate(d.dueDate, 'en')} (${d.reference})`,
      blocks: [
        p(`Please remember to send the report on the grant to ${d.organizationName} by ${formatDate(d.dueDate, 'en')}.`),
        p(`You need to send ${describeReportRequirement(d.requirement, 'en')}.`),
        link('Send your report', d.caseUrl),
        p('If you need more time, or if some of the money is left over, write to us before the deadline.'),
      ],
    }),
    report_overdue: (d) => ({
      subject: `We have not received your report (${d.reference})`,
      blocks: [
        p(`The deadline for the report on the grant to ${d.organizationName} was ${formatDate(d.dueDate, 'en')}, and we have not received it yet.`),
        p(`Please send ${describeReportRequirement(d.requirement, 'en')} as soon as possible.`),
        link('Send your report', d.caseUrl),
        p(
          'Without the report, your association cannot receive new grants from this fund, and we may ask you to pay the grant back. If something is getting in the way, contact us and we will find a solution together.',
        ),
      ],
    }),
    report_accepted: (d) => ({
      subject: `Your report has been approved (${d.reference})`,
      blocks: [
        p(`Thank you for the report from ${d.organizationName}. We have reviewed and approved it. The case is now closed, and you do not need to do anything else.`),
        quote('Comment from your caseworker:', d.comment),
        p('We hope the activity went well. You are welcome to apply again.'),
        link('See the case', d.caseUrl),
      ],
    }),
    report_returned: (d) => ({
      subject: `Your report needs changes (${d.reference})`,
      blocks: [
        p(`Thank you for the report from ${d.organizationName}. We have reviewed it, and there is something you need to correct or explain before we can approve it:`),
        quote('Message from your caseworker:', d.comment),
        p(d.dueDate ? `Please send the corrected report by ${formatDate(d.dueDate, 'en')}.` : 'Please send the corrected report as soon as you can.'),
        link('Correct your report', d.caseUrl),
      ],
    }),
    report_escalation: (d) => ({
      subject: `Report ${days(d.overdueDays, 'day', 'days')} overdue (${d.reference})`,
      greeting: `Hello ${d.caseworkerName}`,
      blocks: [
        p(
          `The report from ${d.organizationName} (contact: ${d.contactName}) is ${days(d.overdueDays, 'day', 'days')} overdue; the deadline was ${formatDate(d.dueDate, 'en')}. The association must send ${describeReportRequirement(d.requirement, 'en')}.`,
        ),
        d.remindersSent !== undefined && p(`The association has received ${d.remindersSent} ${d.remindersSent === 1 ? 'reminder' : 'reminders'}.`),
        p('Please decide whether to contact the association directly, grant an extension or claim the grant back.'),
        link('Open the case', d.caseUrl),
      ],
      signOff: [`Automatic message from the ${d.municipalityName} case system`],
    }),
  },
};

const LANGUAGE_PACKS: Record<EmailLanguage, LanguagePack> = { da: DANISH, nb: NORWEGIAN, en: ENGLISH };

// ─── Rendering ───────────────────────────────────────────────────────────────────────────────

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Line breaks someone typed are kept; everything else they typed is shown, never interpreted. */
function htmlText(value: string): string {
  return escapeHtml(value).replace(/\r?\n/g, '<br>\n');
}

// A private link that is not http(s) would be a broken or dangerous link in every email.
function assertWebLink(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`caseUrl is not an absolute URL: ${url}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`caseUrl must be an http(s) link, got ${parsed.protocol}`);
}

const STYLE = {
  body: 'margin:0;padding:0;background:#ffffff;',
  column: 'max-width:600px;margin:0 auto;padding:24px 16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;',
  paragraph: 'margin:0 0 16px;',
  list: 'margin:0 0 16px;padding-left:24px;',
  quote: 'margin:0 0 16px;padding:8px 16px;border-left:4px solid #1f4e79;background:#eef2f7;',
  link: 'color:#1f4e79;font-weight:bold;text-decoration:underline;',
  footer: 'margin:24px 0 0;padding-top:12px;border-top:1px solid #b8c4d2;font-size:14px;color:#4a4a4a;',
};

function blockToText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return block.text;
    case 'list':
      return block.items.map((item) => `- ${item}`).join('\n');
    case 'quote':
      return `${block.label}\n${block.text
        .split(/\r?\n/)
        .map((line) => `> ${line}`)
        .join('\n')}`;
    case 'link':
      return `${block.label}:\n${block.url}`;
  }
}

function blockToHtml(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p style="${STYLE.paragraph}">${htmlText(block.text)}</p>`;
    case 'list':
      return `<ul style="${STYLE.list}">\n${block.items.map((item) => `<li>${htmlText(item)}</li>`).join('\n')}\n</ul>`;
    case 'quote':
      return `<p style="${STYLE.paragraph}">${htmlText(block.label)}</p>\n<blockquote style="${STYLE.quote}">${htmlText(block.text)}</blockquote>`;
    case 'link':
      return `<p style="${STYLE.paragraph}"><a href="${escapeHtml(block.url)}" style="${STYLE.link}">${htmlText(block.label)}</a></p>`;
  }
}

function singleLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

/** One email in the reader's language, as plain text and as simple, accessible HTML. */
export function renderEmail<K extends EmailKind>(kind: K, data: EmailData[K], language: EmailLanguage): RenderedEmail {
  assertWebLink(data.caseUrl);
  const pack = LANGUAGE_PACKS[language];
  const content = pack.templates[kind](data);
  return assembleEmail(pack, content, content.greeting ?? pack.greeting(data.contactName), content.signOff ?? pack.signOff(data), pack.footer(data));
}

function assembleEmail(pack: LanguagePack, content: EmailContent, greeting: string, signOff: string[], footer: string): RenderedEmail {
  const blocks = content.blocks.filter((block): block is Block => Boolean(block));
  const subject = singleLine(content.subject);

  const text = [`${greeting}`, ...blocks.map(blockToText), signOff.join('\n'), '--', footer].join('\n\n') + '\n';

  const html = [
    '<!DOCTYPE html>',
    `<html lang="${pack.htmlLang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title>`,
    '</head>',
    `<body style="${STYLE.body}">`,
    `<div role="article" aria-label="${escapeHtml(subject)}" lang="${pack.htmlLang}" style="${STYLE.column}">`,
    `<p style="${STYLE.paragraph}">${htmlText(greeting)}</p>`,
    ...blocks.map(blockToHtml),
    `<p style="${STYLE.paragraph}">${signOff.map(htmlText).join('<br>\n')}</p>`,
    `<p style="${STYLE.footer}">${htmlText(footer)}</p>`,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');

  return { subject, text, html };
}

// ─── A draft's resume link: there is no case yet, so no reference and no contact name ────────

export interface DraftResumeData {
  municipalityName: string;
  roundName: string;
  /** The draft's private link. */
  resumeUrl: string;
  savedAt: Date;
  /** The round's deadline, when it has one. */
  closesAt?: Date;
}

const DRAFT_RESUME: Record<EmailLanguage, { greeting: string; footer: string; content(d: DraftResumeData): EmailContent }> = {
  da: {
    greeting: 'Hej',
    footer: 'Har I ikke bedt om denne mail, kan I se bort fra den. Uden linket kan ingen se kladden.',
    content: (d) => ({
      subject: `Fortsæt jeres ansøgning til ${d.roundName}`,
      blocks: [
        p(`I har gemt en ansøgning til ${d.roundName}, så I kan fortsætte senere. Alt, hvad I havde skrevet ${dateTime(d.savedAt, 'da')}, er gemt.`),
        link('Fortsæt ansøgningen', d.resumeUrl),
        d.closesAt && p(`Ansøgningen skal være sendt senest ${dateTime(d.closesAt, 'da')}.`),
        p('Ansøgningen er ikke sendt endnu. Den er først sendt, når I har trykket "Send ansøgningen" og fået en kvittering.'),
        p('Linket er personligt og giver adgang til det, I har skrevet. Del det kun med dem i foreningen, der hjælper med ansøgningen.'),
      ],
    }),
  },
  nb: {
    greeting: 'Hei',
    footer: 'Har dere ikke bedt om denne e-posten, kan dere se bort fra den. Uten lenken kan ingen se utkastet.',
    content: (d) => ({
      subject: `Fortsett søknaden deres til ${d.roundName}`,
      blocks: [
        p(`Dere har lagret en søknad til ${d.roundName} for å fortsette senere. Alt dere hadde skrevet ${dateTime(d.savedAt, 'nb')}, er lagret.`),
        link('Fortsett søknaden', d.resumeUrl),
        d.closesAt && p(`Søknaden må være sendt innen ${dateTime(d.closesAt, 'nb')}.`),
        p('Søknaden er ikke sendt ennå. Den er først sendt når dere har trykket «Send søknaden» og fått en kvittering.'),
        p('Lenken er personlig og gir tilgang til det dere har skrevet. Del den bare med dem i foreningen som hjelper med søknaden.'),
      ],
    }),
  },
  en: {
    greeting: 'Hello',
    footer: 'If you did not ask for this email, you can ignore it. Without the link nobody can see the draft.',
    content: (d) => ({
      subject: `Continue your application to ${d.roundName}`,
      blocks: [
        p(`You saved an application to ${d.roundName} to continue later. Everything you had entered by ${dateTime(d.savedAt, 'en')} is saved.`),
        link('Continue the application', d.resumeUrl),
        d.closesAt && p(`The application must be sent by ${dateTime(d.closesAt, 'en')}.`),
        p('The application has not been sent yet. It is sent only when you have pressed "Send the application" and got a receipt.'),
        p('The link is personal and opens what you have entered. Share it only with the people in the association who help with the application.'),
      ],
    }),
  },
};

/** The email with a draft's private link, so an association can continue the form later. */
export function renderDraftResumeEmail(data: DraftResumeData, language: EmailLanguage): RenderedEmail {
  assertWebLink(data.resumeUrl);
  const wording = DRAFT_RESUME[language];
  const pack = LANGUAGE_PACKS[language];
  return assembleEmail(pack, wording.content(data), wording.greeting, pack.signOff({ municipalityName: data.municipalityName } as EmailCommon), wording.footer);
}
