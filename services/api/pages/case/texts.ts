import type { CaseStatus } from '../../../../domain/status';
import type { ReportRequirement } from '../../../../domain/tiers';
import type { Language } from '../../../../lib/languages';

type Text = Record<Language, string>;

/** Every word of the association's case page, in Danish, Norwegian bokmål and English. */
export const CASE_TEXTS = {
  caseTitle: { da: 'Jeres ansøgning', nb: 'Deres søknad', en: 'Your application' },
  reference: { da: 'Sagsnummer', nb: 'Saksnummer', en: 'Case number' },
  association: { da: 'Forening', nb: 'Forening', en: 'Association' },
  round: { da: 'Pulje', nb: 'Pulje', en: 'Funding round' },
  amountRequested: { da: 'Søgt beløb', nb: 'Søkt beløp', en: 'Amount applied for' },
  submittedAt: { da: 'Sendt', nb: 'Sendt', en: 'Sent' },
  statusHeading: { da: 'Status', nb: 'Status', en: 'Status' },
  expectedAnswer: { da: 'Forventet svar senest', nb: 'Forventet svar senest', en: 'Expected answer by' },
  expectedAnswerHint: {
    da: 'Puljens mål for, hvor længe behandlingen tager. Får vi brug for flere oplysninger, kan det tage længere.',
    nb: 'Puljens mål for hvor lang tid behandlingen tar. Trenger vi flere opplysninger, kan det ta lengre tid.',
    en: 'The round’s target for how long the assessment takes. If we need more information, it can take longer.',
  },
  processHeading: { da: 'Hvor er sagen?', nb: 'Hvor er saken?', en: 'Where is the case?' },
  stepDone: { da: 'gennemført', nb: 'fullført', en: 'completed' },
  stepCurrent: { da: 'her er sagen nu', nb: 'her er saken nå', en: 'the case is here now' },
  timelineHeading: { da: 'Det er sket i sagen', nb: 'Dette har skjedd i saken', en: 'What has happened' },
  documentsHeading: { da: 'Dokumenter', nb: 'Dokumenter', en: 'Documents' },
  download: { da: 'Hent', nb: 'Last ned', en: 'Download' },
  noDocuments: { da: 'Der er ingen dokumenter på sagen endnu.', nb: 'Det er ingen dokumenter på saken ennå.', en: 'There are no documents on the case yet.' },

  // Information request
  requestHeading: { da: 'Kommunen mangler oplysninger', nb: 'Kommunen mangler opplysninger', en: 'The municipality needs more information' },
  requestAnswerBy: { da: 'Svar senest {date}. Får vi ikke svar, bortfalder ansøgningen.', nb: 'Svar senest {date}. Får vi ikke svar, bortfaller søknaden.', en: 'Answer by {date}. Without an answer, the application lapses.' },
  requestItems: { da: 'Det mangler vi', nb: 'Dette mangler vi', en: 'What we need' },
  answerText: { da: 'Jeres svar', nb: 'Deres svar', en: 'Your answer' },
  answerTextHint: { da: 'Skriv svaret her, eller vedhæft det som fil. Begge dele er muligt.', nb: 'Skriv svaret her, eller legg det ved som fil. Begge deler er mulig.', en: 'Write the answer here, or attach it as a file. You can do both.' },
  answerSubmit: { da: 'Send svar', nb: 'Send svar', en: 'Send answer' },
  answerMissing: { da: 'Skriv et svar, eller vedhæft mindst én fil.', nb: 'Skriv et svar, eller legg ved minst én fil.', en: 'Write an answer, or attach at least one file.' },
  answerSent: { da: 'Tak. Vi har modtaget jeres svar, og sagen går videre.', nb: 'Takk. Vi har mottatt svaret deres, og saken går videre.', en: 'Thank you. We have received your answer, and the case moves on.' },

  // Files
  files: { da: 'Filer', nb: 'Filer', en: 'Files' },
  filesOptional: { da: 'Vedhæft filer', nb: 'Legg ved filer', en: 'Attach files' },
  filesHint: {
    da: 'PDF, PNG, JPEG, Word (DOCX), Excel (XLSX) eller OpenDocument (ODT, ODS). Højst {size} pr. fil og {count} filer i alt på sagen. Du kan vælge flere filer på én gang.',
    nb: 'PDF, PNG, JPEG, Word (DOCX), Excel (XLSX) eller OpenDocument (ODT, ODS). Høyst {size} per fil og {count} filer totalt på saken. Du kan velge flere filer samtidig.',
    en: 'PDF, PNG, JPEG, Word (DOCX), Excel (XLSX) or OpenDocument (ODT, ODS). At most {size} a file and {count} files in all on the case. You can choose several files at once.',
  },
  filesChooseAgain: { da: 'Ingen af filerne blev gemt. Vælg de filer, der skal med, igen.', nb: 'Ingen av filene ble lagret. Velg filene som skal være med, på nytt.', en: 'None of the files were saved. Choose the files to include again.' },

  // Withdrawal
  withdrawHeading: { da: 'Træk ansøgningen tilbage', nb: 'Trekk søknaden tilbake', en: 'Withdraw the application' },
  withdrawIntro: { da: 'Har I ikke længere brug for tilskuddet, kan I trække ansøgningen tilbage.', nb: 'Trenger dere ikke lenger tilskuddet, kan dere trekke søknaden tilbake.', en: 'If you no longer need the grant, you can withdraw the application.' },
  withdrawLink: { da: 'Træk ansøgningen tilbage', nb: 'Trekk søknaden tilbake', en: 'Withdraw the application' },
  withdrawConfirmTitle: { da: 'Vil I trække ansøgningen tilbage?', nb: 'Vil dere trekke søknaden tilbake?', en: 'Do you want to withdraw the application?' },
  withdrawConfirmBody: {
    da: 'Sagen lukkes, og kommunen behandler ikke ansøgningen. Det kan ikke fortrydes, men I kan altid søge igen.',
    nb: 'Saken lukkes, og kommunen behandler ikke søknaden. Det kan ikke angres, men dere kan alltid søke på nytt.',
    en: 'The case is closed and the municipality will not assess the application. This cannot be undone, but you can always apply again.',
  },
  withdrawReason: { da: 'Hvorfor trækker I ansøgningen tilbage?', nb: 'Hvorfor trekker dere søknaden tilbake?', en: 'Why are you withdrawing the application?' },
  withdrawReasonHint: { da: 'Det hjælper kommunen med at gøre det lettere at søge.', nb: 'Det hjelper kommunen med å gjøre det lettere å søke.', en: 'It helps the municipality make applying easier.' },
  withdrawConfirm: { da: 'Ja, træk ansøgningen tilbage', nb: 'Ja, trekk søknaden tilbake', en: 'Yes, withdraw the application' },
  withdrawCancel: { da: 'Nej, gå tilbage til sagen', nb: 'Nei, gå tilbake til saken', en: 'No, go back to the case' },
  withdrawn: { da: 'Ansøgningen er trukket tilbage.', nb: 'Søknaden er trukket tilbake.', en: 'The application has been withdrawn.' },

  // Decision
  decisionHeading: { da: 'Afgørelse', nb: 'Vedtak', en: 'Decision' },
  outcome_approved: { da: 'I har fået tilskud på {amount}', nb: 'Dere har fått tilskudd på {amount}', en: 'You have been granted {amount}' },
  outcome_partially_approved: { da: 'I har fået delvist tilskud: {amount}', nb: 'Dere har fått delvis tilskudd: {amount}', en: 'You have been granted part of the amount: {amount}' },
  outcome_rejected: { da: 'I har desværre fået afslag.', nb: 'Dere har dessverre fått avslag.', en: 'Unfortunately, the application was rejected.' },
  decidedOn: { da: 'Afgjort {date}.', nb: 'Avgjort {date}.', en: 'Decided on {date}.' },
  letterLink: { da: 'Hent afgørelsesbrevet (PDF)', nb: 'Last ned vedtaksbrevet (PDF)', en: 'Download the decision letter (PDF)' },
  letterPending: { da: 'Afgørelsesbrevet bliver lavet og kan hentes her om lidt.', nb: 'Vedtaksbrevet lages og kan lastes ned her om litt.', en: 'The decision letter is being made and can be downloaded here shortly.' },

  // Follow-up report
  reportHeading: { da: 'Afrapportering', nb: 'Rapportering', en: 'Follow-up report' },
  reportDueBy: { da: 'Send afrapporteringen senest {date}.', nb: 'Send rapporten senest {date}.', en: 'Send the report by {date}.' },
  reportIntro_declaration: {
    da: 'Jeres tilskud er så lille, at en erklæring er nok: I bekræfter, at pengene er brugt som bevilget, og fortæller kort, hvad I fik ud af det.',
    nb: 'Tilskuddet er så lite at en erklæring er nok: Dere bekrefter at pengene er brukt som bevilget, og forteller kort hva dere fikk ut av det.',
    en: 'Your grant is small enough that a declaration will do: you confirm the money was used as granted and say briefly what came of it.',
  },
  reportIntro_short_report: {
    da: 'Fortæl kort, hvad I har lavet, og list, hvad pengene er brugt til.',
    nb: 'Fortell kort hva dere har gjort, og list opp hva pengene er brukt til.',
    en: 'Tell us briefly what you did, and list what the money was spent on.',
  },
  reportIntro_accounts: {
    da: 'Fortæl, hvad I har lavet, og vedhæft regnskabet for aktiviteten.',
    nb: 'Fortell hva dere har gjort, og legg ved regnskapet for aktiviteten.',
    en: 'Tell us what you did, and attach the accounts for the activity.',
  },
  reportIntro_audited_accounts: {
    da: 'Fortæl, hvad I har lavet, og vedhæft regnskabet for aktiviteten, påtegnet af en revisor uden for bestyrelsen.',
    nb: 'Fortell hva dere har gjort, og legg ved regnskapet for aktiviteten, påtegnet av en revisor utenfor styret.',
    en: 'Tell us what you did, and attach the accounts for the activity, signed off by an auditor from outside the board.',
  },
  declaration: {
    da: 'Vi erklærer på tro og love, at tilskuddet er brugt til det, det blev bevilget til.',
    nb: 'Vi erklærer på tro og ære at tilskuddet er brukt til det det ble bevilget til.',
    en: 'We declare on our honour that the grant was used for what it was given for.',
  },
  declarationHint: { da: 'Urigtige oplysninger kan straffes. Kommunen laver stikprøver.', nb: 'Uriktige opplysninger kan straffes. Kommunen tar stikkprøver.', en: 'False statements are punishable. The municipality makes spot checks.' },
  declarationRequired: { da: 'Sæt kryds for at bekræfte erklæringen.', nb: 'Kryss av for å bekrefte erklæringen.', en: 'Tick the box to confirm the declaration.' },
  narrative: { da: 'Hvad har I lavet, og hvordan gik det?', nb: 'Hva har dere gjort, og hvordan gikk det?', en: 'What did you do, and how did it go?' },
  narrativeOptional: { da: 'Vil I fortælle kort, hvordan det gik?', nb: 'Vil dere fortelle kort hvordan det gikk?', en: 'Would you like to say briefly how it went?' },
  narrativeRequired: { da: 'Fortæl kort, hvad I har lavet.', nb: 'Fortell kort hva dere har gjort.', en: 'Tell us briefly what you did.' },
  spending: { da: 'Hvad blev pengene brugt til?', nb: 'Hva ble pengene brukt til?', en: 'What was the money spent on?' },
  spendingHint: { da: 'Én linje pr. post, fx "Råvarer: 8.500 kr."', nb: 'Én linje per post, f.eks. "Råvarer: 8 500 kr."', en: 'One line per item, e.g. "Food: 8,500 kr."' },
  spendingRequired: { da: 'Skriv, hvad pengene blev brugt til.', nb: 'Skriv hva pengene ble brukt til.', en: 'Write what the money was spent on.' },
  spentKroner: { da: 'Brugt af tilskuddet (kr.)', nb: 'Brukt av tilskuddet (kr.)', en: 'Spent of the grant (kr.)' },
  spentKronerHint: { da: 'I hele kroner. Ubrugte penge skal betales tilbage.', nb: 'I hele kroner. Ubrukte penger må betales tilbake.', en: 'In whole kroner. Unspent money must be paid back.' },
  participants: { da: 'Antal deltagere', nb: 'Antall deltakere', en: 'Number of participants' },
  volunteers: { da: 'Antal frivillige', nb: 'Antall frivillige', en: 'Number of volunteers' },
  wholeNumber: { da: 'Skriv et helt tal, fx 40.', nb: 'Skriv et helt tall, f.eks. 40.', en: 'Enter a whole number, e.g. 40.' },
  accountsFile: { da: 'Regnskab', nb: 'Regnskap', en: 'Accounts' },
  accountsRequired: { da: 'Vedhæft regnskabet.', nb: 'Legg ved regnskapet.', en: 'Attach the accounts.' },
  story: { da: 'En historie fra aktiviteten', nb: 'En historie fra aktiviteten', en: 'A story from the activity' },
  storyHint: {
    da: 'Et øjeblik, en deltager eller en frivillig, der viser, hvad tilskuddet gjorde. Skriv ikke navne på deltagere uden deres lov.',
    nb: 'Et øyeblikk, en deltaker eller en frivillig som viser hva tilskuddet gjorde. Ikke skriv navn på deltakere uten deres tillatelse.',
    en: 'A moment, a participant or a volunteer that shows what the grant did. Do not name participants without their permission.',
  },
  shareStory: { da: 'Kommunen må dele historien, fx i en rapport til byrådet eller på kommunens hjemmeside.', nb: 'Kommunen kan dele historien, f.eks. i en rapport til kommunestyret eller på kommunens nettside.', en: 'The municipality may share the story, e.g. in a report to the council or on its website.' },
  reportSubmit: { da: 'Send afrapportering', nb: 'Send rapport', en: 'Send report' },
  reportSent: { da: 'Tak. Vi har modtaget afrapporteringen.', nb: 'Takk. Vi har mottatt rapporten.', en: 'Thank you. We have received the report.' },

  // Access
  noAccessTitle: { da: 'Linket giver ikke adgang til denne sag', nb: 'Lenken gir ikke tilgang til denne saken', en: 'This link does not open this case' },
  noAccessBody: {
    da: 'Brug linket i den seneste e-mail om sagen. Hvert link åbner kun sin egen sag. Har du ikke linket, så kontakt kommunen.',
    nb: 'Bruk lenken i den siste e-posten om saken. Hver lenke åpner bare sin egen sak. Har du ikke lenken, kontakt kommunen.',
    en: 'Use the link in the latest email about the case. Each link opens only its own case. If you do not have the link, contact the municipality.',
  },
  openLinkTitle: { da: 'Åbn sagen fra din e-mail', nb: 'Åpne saken fra e-posten din', en: 'Open the case from your email' },
  openLinkBody: {
    da: 'Sagen er privat. Åbn den med linket i en e-mail om sagen – så husker denne browser sagen i et stykke tid.',
    nb: 'Saken er privat. Åpne den med lenken i en e-post om saken – da husker denne nettleseren saken en stund.',
    en: 'The case is private. Open it with the link in an email about the case – this browser then remembers the case for a while.',
  },
  notAllowedNow: { da: 'Det kan ikke lade sig gøre lige nu: sagen har status "{status}". Genindlæs siden for at se, hvor den er.', nb: 'Det er ikke mulig akkurat nå: saken har status «{status}». Last inn siden på nytt for å se hvor den er.', en: 'That is not possible right now: the case’s status is "{status}". Reload the page to see where it is.' },
} satisfies Record<string, Text>;

/** What the status means for the association and what happens next. */
export const STATUS_EXPLANATIONS: Record<CaseStatus, Text> = {
  SUBMITTED: { da: 'Vi har modtaget ansøgningen og kontrollerer den automatisk. Det tager normalt få minutter.', nb: 'Vi har mottatt søknaden og kontrollerer den automatisk. Det tar vanligvis noen minutter.', en: 'We have received the application and check it automatically. It usually takes a few minutes.' },
  SCREENING: { da: 'Vi kontrollerer automatisk, at ansøgningen er komplet. Det tager normalt få minutter.', nb: 'Vi kontrollerer automatisk at søknaden er komplett. Det tar vanligvis noen minutter.', en: 'We are checking automatically that the application is complete. It usually takes a few minutes.' },
  AWAITING_APPLICANT: { da: 'Kommunen mangler oplysninger fra jer, før sagen kan gå videre. Svar nedenfor.', nb: 'Kommunen mangler opplysninger fra dere før saken kan gå videre. Svar nedenfor.', en: 'The municipality needs information from you before the case can move on. Answer below.' },
  IN_QUEUE: { da: 'Ansøgningen er komplet og venter på, at en sagsbehandler tager den.', nb: 'Søknaden er komplett og venter på at en saksbehandler tar den.', en: 'The application is complete and waiting for a caseworker to take it.' },
  IN_REVIEW: { da: 'En sagsbehandler vurderer ansøgningen.', nb: 'En saksbehandler vurderer søknaden.', en: 'A caseworker is assessing the application.' },
  AWAITING_APPROVAL: { da: 'Afgørelsen er forberedt og bliver godkendt af en anden medarbejder.', nb: 'Vedtaket er forberedt og blir godkjent av en annen medarbeider.', en: 'The decision is prepared and is being approved by a second member of staff.' },
  DECIDED: { da: 'Der er truffet afgørelse. Læs afgørelsesbrevet nedenfor.', nb: 'Det er fattet vedtak. Les vedtaksbrevet nedenfor.', en: 'A decision has been made. Read the decision letter below.' },
  PAID: { da: 'Tilskuddet er sendt til foreningens NemKonto.', nb: 'Tilskuddet er sendt til foreningens konto.', en: 'The grant has been sent to the association’s NemKonto.' },
  REPORT_DUE: { da: 'Når aktiviteten er slut, skal I fortælle, hvordan pengene er brugt. Formularen er nedenfor.', nb: 'Når aktiviteten er ferdig, skal dere fortelle hvordan pengene er brukt. Skjemaet er nedenfor.', en: 'Now the activity is over, tell us how the money was used. The form is below.' },
  REPORT_SUBMITTED: { da: 'Vi har modtaget afrapporteringen, og kommunen gennemgår den.', nb: 'Vi har mottatt rapporten, og kommunen går gjennom den.', en: 'We have received the report, and the municipality is reviewing it.' },
  CLOSED: { da: 'Sagen er afsluttet. Tak for jeres arbejde.', nb: 'Saken er avsluttet. Takk for arbeidet deres.', en: 'The case is closed. Thank you for your work.' },
  WITHDRAWN: { da: 'I har trukket ansøgningen tilbage. I er velkomne til at søge igen.', nb: 'Dere har trukket søknaden tilbake. Dere er velkommen til å søke igjen.', en: 'You withdrew the application. You are welcome to apply again.' },
  LAPSED: { da: 'Sagen er bortfaldet, fordi vi ikke fik svar i tide. I er velkomne til at søge igen.', nb: 'Saken er bortfalt fordi vi ikke fikk svar i tide. Dere er velkommen til å søke igjen.', en: 'The case lapsed because we did not get an answer in time. You are welcome to apply again.' },
};

/** The stages an association sees; each status belongs to one. */
export const PROCESS_STEPS: { statuses: CaseStatus[]; label: Text }[] = [
  { statuses: ['SUBMITTED', 'SCREENING'], label: { da: 'Modtaget', nb: 'Mottatt', en: 'Received' } },
  { statuses: ['AWAITING_APPLICANT', 'IN_QUEUE', 'IN_REVIEW', 'AWAITING_APPROVAL'], label: { da: 'Behandling', nb: 'Behandling', en: 'Assessment' } },
  { statuses: ['DECIDED'], label: { da: 'Afgørelse', nb: 'Vedtak', en: 'Decision' } },
  { statuses: ['PAID'], label: { da: 'Udbetaling', nb: 'Utbetaling', en: 'Payment' } },
  { statuses: ['REPORT_DUE', 'REPORT_SUBMITTED'], label: { da: 'Afrapportering', nb: 'Rapportering', en: 'Report' } },
  { statuses: ['CLOSED'], label: { da: 'Afsluttet', nb: 'Avsluttet', en: 'Closed' } },
];

/** Timeline entries in the association's words; internal steps (reassignment, escalation) are left out. */
export const EVENT_TEXTS: Record<string, Text> = {
  submitted: { da: 'Ansøgningen er sendt', nb: 'Søknaden er sendt', en: 'Application sent' },
  screening_started: { da: 'Automatisk kontrol begyndt', nb: 'Automatisk kontroll startet', en: 'Automatic checks started' },
  queued: { da: 'Ansøgningen er komplet og i kø til en sagsbehandler', nb: 'Søknaden er komplett og i kø til en saksbehandler', en: 'Application complete and queued for a caseworker' },
  claimed: { da: 'En sagsbehandler er gået i gang', nb: 'En saksbehandler har startet', en: 'A caseworker has started' },
  information_requested: { da: 'Kommunen har bedt om flere oplysninger', nb: 'Kommunen har bedt om flere opplysninger', en: 'The municipality asked for more information' },
  information_reminder_sent: { da: 'Påmindelse sendt om de manglende oplysninger', nb: 'Påminnelse sendt om de manglende opplysningene', en: 'Reminder sent about the missing information' },
  information_received: { da: 'Jeres svar er modtaget', nb: 'Svaret deres er mottatt', en: 'Your answer was received' },
  decision_proposed: { da: 'Afgørelsen er forberedt', nb: 'Vedtaket er forberedt', en: 'Decision prepared' },
  decided: { da: 'Afgørelse truffet', nb: 'Vedtak fattet', en: 'Decision made' },
  decision_approved: { da: 'Afgørelse truffet', nb: 'Vedtak fattet', en: 'Decision made' },
  sla_breached: { da: 'Behandlingen tager længere end puljens mål', nb: 'Behandlingen tar lengre tid enn puljens mål', en: 'The assessment is taking longer than the round’s target' },
  paid: { da: 'Tilskuddet er udbetalt', nb: 'Tilskuddet er utbetalt', en: 'Grant paid' },
  report_due: { da: 'Afrapporteringen er åbnet', nb: 'Rapporteringen er åpnet', en: 'Report opened' },
  report_returned: { da: 'Afrapporteringen er sendt tilbage til rettelse', nb: 'Rapporten er sendt tilbake for retting', en: 'Report returned for changes' },
  report_reminder_sent: { da: 'Påmindelse om afrapporteringen sendt', nb: 'Påminnelse om rapporten sendt', en: 'Report reminder sent' },
  report_overdue_reminder_sent: { da: 'Påmindelse sendt: afrapporteringen er forsinket', nb: 'Påminnelse sendt: rapporten er forsinket', en: 'Reminder sent: the report is late' },
  report_submitted: { da: 'Afrapporteringen er modtaget', nb: 'Rapporten er mottatt', en: 'Report received' },
  repayment_claimed: { da: 'Ubrugte penge skal betales tilbage', nb: 'Ubrukte penger må betales tilbake', en: 'Unspent money to be paid back' },
  report_accepted: { da: 'Afrapporteringen er godkendt, og sagen er afsluttet', nb: 'Rapporten er godkjent, og saken er avsluttet', en: 'Report accepted and case closed' },
  lapsed: { da: 'Sagen er bortfaldet', nb: 'Saken er bortfalt', en: 'Case lapsed' },
  withdrawn: { da: 'Ansøgningen er trukket tilbage', nb: 'Søknaden er trukket tilbake', en: 'Application withdrawn' },
};

export const REPORT_REQUIREMENT_TITLES: Record<ReportRequirement, Text> = {
  declaration: { da: 'Erklæring', nb: 'Erklæring', en: 'Declaration' },
  short_report: { da: 'Kort rapport', nb: 'Kort rapport', en: 'Short report' },
  accounts: { da: 'Rapport og regnskab', nb: 'Rapport og regnskap', en: 'Report and accounts' },
  audited_accounts: { da: 'Rapport og revideret regnskab', nb: 'Rapport og revidert regnskap', en: 'Report and audited accounts' },
};

export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}
