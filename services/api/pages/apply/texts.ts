import type { Language } from '../../../../lib/languages';
import { FORM_STEPS, type FormStep } from '../../../../domain/draft-steps';
import { labelTable } from '../../../../locale';
import { TARGET_GROUPS } from '../../../../domain/categories';

// Every word the application pages show, in Danish, Norwegian bokmål and English.

type Texts = Record<Language, string>;

export const APPLY_TEXTS = {
  // Landing
  landingTitle: { da: 'Søg tilskud til frivilligt socialt arbejde', nb: 'Søk tilskudd til frivillig sosialt arbeid', en: 'Apply for a grant for voluntary social work' },
  landingIntro: {
    da: 'Foreninger og frivillige organisationer kan søge tilskud til sociale aktiviteter efter serviceloven § 18. Her er de puljer, der er åbne nu.',
    nb: 'Foreninger og frivillige organisasjoner kan søke tilskudd til sosiale aktiviteter etter den danske serviceloven § 18. Her er puljene som er åpne nå.',
    en: 'Associations and voluntary organisations can apply for grants for social activities under section 18 of the Danish Social Services Act. These are the funding rounds open now.',
  },
  noOpenRounds: {
    da: 'Der er ingen åbne puljer lige nu. Kommunen slår nye puljer op her; kontakt kommunen, hvis I vil vide, hvornår den næste åbner.',
    nb: 'Det er ingen åpne puljer akkurat nå. Kommunen legger ut nye puljer her; kontakt kommunen hvis dere vil vite når den neste åpner.',
    en: 'No funding round is open right now. New rounds are announced here; contact the municipality to ask when the next one opens.',
  },
  deadline: { da: 'Ansøgningsfrist', nb: 'Søknadsfrist', en: 'Deadline' },
  continuous: { da: 'Løbende: I kan søge hele året, og vi behandler ansøgningerne, efterhånden som de kommer.', nb: 'Løpende: dere kan søke hele året, og vi behandler søknadene etter hvert som de kommer.', en: 'Continuous: you can apply at any time, and applications are handled as they arrive.' },
  budget: { da: 'Puljens størrelse', nb: 'Puljens størrelse', en: 'Total budget' },
  maximum: { da: 'I kan højst søge', nb: 'Dere kan søke om høyst', en: 'The most you can apply for' },
  targetGroups: { da: 'Puljen prioriterer', nb: 'Puljen prioriterer', en: 'The round gives priority to' },
  whoCanApply: { da: 'Hvem kan søge', nb: 'Hvem kan søke', en: 'Who can apply' },
  whoCanApplyText: {
    da: 'Frivillige foreninger og organisationer med et CVR-nummer, der laver socialt arbejde, hvor frivillige er kernen. Aktiviteten må ikke være afsluttet, når I søger.',
    nb: 'Frivillige foreninger og organisasjoner med et CVR-nummer som driver sosialt arbeid der frivillige er kjernen. Aktiviteten kan ikke være avsluttet når dere søker.',
    en: 'Voluntary associations and organisations with a CVR number doing social work with volunteers at its core. The activity must not be over when you apply.',
  },
  excludedCosts: { da: 'Puljen støtter ikke udgifter til', nb: 'Puljen støtter ikke utgifter til', en: 'The round does not fund costs for' },
  documentsByAmount: { da: 'Hvad I skal sende med – efter beløb', nb: 'Hva dere må sende med – etter beløp', en: 'What to send – by amount' },
  amountColumn: { da: 'I søger', nb: 'Dere søker', en: 'You apply for' },
  documentsColumn: { da: 'Dokumenter med ansøgningen', nb: 'Dokumenter med søknaden', en: 'Documents with the application' },
  reportColumn: { da: 'Når aktiviteten er slut, sender I', nb: 'Når aktiviteten er over, sender dere', en: 'After the activity, you send' },
  upTo: { da: 'Op til {amount}', nb: 'Opptil {amount}', en: 'Up to {amount}' },
  above: { da: 'Over {amount}', nb: 'Over {amount}', en: 'Over {amount}' },
  noDocuments: { da: 'Ingen – det står i skemaet', nb: 'Ingen – det står i skjemaet', en: 'None – the form covers it' },
  timeEstimateMeasured: {
    da: 'Det tager typisk {minutes} minutter at udfylde skemaet (målt på de seneste {count} ansøgninger). I kan gemme undervejs og fortsætte senere.',
    nb: 'Det tar typisk {minutes} minutter å fylle ut skjemaet (målt på de siste {count} søknadene). Dere kan lagre underveis og fortsette senere.',
    en: 'Filling in the form typically takes {minutes} minutes (measured over the latest {count} applications). You can save and continue later.',
  },
  timeEstimateDefault: {
    da: 'Regn med 20–30 minutter, hvis I har budgettet klar. I kan gemme undervejs og fortsætte senere.',
    nb: 'Regn med 20–30 minutter hvis dere har budsjettet klart. Dere kan lagre underveis og fortsette senere.',
    en: 'Allow 20–30 minutes if you have the budget ready. You can save and continue later.',
  },
  timeHeading: { da: 'Så lang tid tager det', nb: 'Så lang tid tar det', en: 'How long it takes' },
  startApplication: { da: 'Start ansøgning', nb: 'Start søknad', en: 'Start application' },
  kroner: { da: '{amount} kr.', nb: '{amount} kr.', en: 'DKK {amount}' },

  // Pre-check
  precheckTitle: { da: 'Kan I søge?', nb: 'Kan dere søke?', en: 'Can you apply?' },
  precheckIntro: {
    da: 'Fire korte spørgsmål, før I går i gang, så I ikke bruger tid på en ansøgning, puljen ikke kan støtte.',
    nb: 'Fire korte spørsmål før dere begynner, så dere ikke bruker tid på en søknad puljen ikke kan støtte.',
    en: 'Four short questions before you start, so you do not spend time on an application the round cannot support.',
  },
  qOrganisation: { da: 'Hvem søger?', nb: 'Hvem søker?', en: 'Who is applying?' },
  aAssociationWithCvr: { da: 'En frivillig forening eller organisation med CVR-nummer', nb: 'En frivillig forening eller organisasjon med CVR-nummer', en: 'A voluntary association or organisation with a CVR number' },
  aAssociationWithoutCvr: { da: 'En forening uden CVR-nummer', nb: 'En forening uten CVR-nummer', en: 'An association without a CVR number' },
  aOther: { da: 'En privatperson eller en virksomhed', nb: 'En privatperson eller en bedrift', en: 'A private person or a company' },
  qSocial: { da: 'Er aktiviteten frivilligt socialt arbejde?', nb: 'Er aktiviteten frivillig sosialt arbeid?', en: 'Is the activity voluntary social work?' },
  qSocialHint: {
    da: 'For eksempel for mennesker, der er ensomme, syge, udsatte eller i en svær situation – og frivillige er dem, der bærer aktiviteten.',
    nb: 'For eksempel for mennesker som er ensomme, syke, utsatte eller i en vanskelig situasjon – og frivillige er de som bærer aktiviteten.',
    en: 'For example for people who are lonely, ill, vulnerable or in a difficult situation – with volunteers carrying the activity.',
  },
  qFinished: { da: 'Er aktiviteten allerede afsluttet?', nb: 'Er aktiviteten allerede avsluttet?', en: 'Is the activity already over?' },
  qChildren: { da: 'Kommer frivillige i kontakt med børn under 15 år?', nb: 'Kommer frivillige i kontakt med barn under 15 år?', en: 'Will volunteers be in contact with children under 15?' },
  qChildrenHint: { da: 'Så skal I indhente børneattester. Vi spørger igen i skemaet.', nb: 'Da må dere hente inn børneattester (politiattest). Vi spør igjen i skjemaet.', en: 'Then you must get child protection certificates. The form asks again.' },
  yes: { da: 'Ja', nb: 'Ja', en: 'Yes' },
  no: { da: 'Nej', nb: 'Nei', en: 'No' },
  chooseAnswer: { da: 'Vælg et svar.', nb: 'Velg et svar.', en: 'Choose an answer.' },
  continue: { da: 'Fortsæt', nb: 'Fortsett', en: 'Continue' },

  // Cannot apply
  cannotApplyTitle: { da: 'I kan ikke søge denne pulje', nb: 'Dere kan ikke søke denne puljen', en: 'You cannot apply to this round' },
  stopNoCvr: {
    da: 'Kommunen kan kun give tilskud til foreninger med et CVR-nummer. Det er gratis at få et, og det tager typisk få dage.',
    nb: 'Kommunen kan bare gi tilskudd til foreninger med et CVR-nummer. Det er gratis å få et, og det tar vanligvis noen få dager.',
    en: 'The municipality can only give grants to associations with a CVR number. Getting one is free and usually takes a few days.',
  },
  stopNoCvrNext: {
    da: 'Registrér foreningen på virk.dk (søg efter "Registrér forening"). Når I har CVR-nummeret, kan I søge her.',
    nb: 'Registrer foreningen på virk.dk (søk etter «Registrér forening»). Når dere har CVR-nummeret, kan dere søke her.',
    en: 'Register the association at virk.dk (search for "Registrér forening"). Once you have the CVR number, you can apply here.',
  },
  stopNotAssociation: {
    da: 'Puljen er for frivillige foreninger og organisationer. Privatpersoner og virksomheder kan ikke søge den.',
    nb: 'Puljen er for frivillige foreninger og organisasjoner. Privatpersoner og bedrifter kan ikke søke.',
    en: 'The round is for voluntary associations and organisations. Private persons and companies cannot apply.',
  },
  stopNotAssociationNext: {
    da: 'Samarbejd med en lokal forening, der kan søge for aktiviteten, eller spørg det lokale frivilligcenter, hvem der kan hjælpe.',
    nb: 'Samarbeid med en lokal forening som kan søke for aktiviteten, eller spør det lokale frivilligsenteret hvem som kan hjelpe.',
    en: 'Work with a local association that can apply for the activity, or ask the local volunteer centre who can help.',
  },
  stopNotSocial: {
    da: 'Puljen støtter kun frivilligt socialt arbejde efter serviceloven § 18.',
    nb: 'Puljen støtter bare frivillig sosialt arbeid etter den danske serviceloven § 18.',
    en: 'The round only funds voluntary social work under section 18 of the Social Services Act.',
  },
  stopNotSocialNext: {
    da: 'Kommunen har andre puljer til for eksempel idræt, kultur og natur. Kontakt kommunen, så hjælper vi jer til den rigtige.',
    nb: 'Kommunen har andre puljer til for eksempel idrett, kultur og natur. Kontakt kommunen, så hjelper vi dere til den riktige.',
    en: 'The municipality has other funds, for example for sport, culture and nature. Contact us and we will help you find the right one.',
  },
  stopFinished: {
    da: 'Puljen giver ikke tilskud til aktiviteter, der allerede er afsluttet.',
    nb: 'Puljen gir ikke tilskudd til aktiviteter som allerede er avsluttet.',
    en: 'The round does not fund activities that are already over.',
  },
  stopFinishedNext: {
    da: 'Søg i god tid før jeres næste aktivitet. Gentager I aktiviteten, kan I søge til den næste gang nu.',
    nb: 'Søk i god tid før neste aktivitet. Gjentar dere aktiviteten, kan dere søke for neste gang nå.',
    en: 'Apply well before your next activity. If you repeat the activity, you can apply for the next time now.',
  },
  whatNow: { da: 'Det kan I gøre', nb: 'Dette kan dere gjøre', en: 'What you can do' },
  changeAnswers: { da: 'Ret jeres svar', nb: 'Endre svarene', en: 'Change your answers' },
  contactUs: { da: 'Er I i tvivl, så kontakt {name} på {email} eller {phone}.', nb: 'Er dere i tvil, kontakt {name} på {email} eller {phone}.', en: 'If in doubt, contact {name} at {email} or {phone}.' },
  backToFront: { da: 'Til forsiden', nb: 'Til forsiden', en: 'To the front page' },

  // Form
  applicationTo: { da: 'Ansøgning til {round}', nb: 'Søknad til {round}', en: 'Application to {round}' },
  next: { da: 'Næste', nb: 'Neste', en: 'Next' },
  back: { da: 'Tilbage', nb: 'Tilbake', en: 'Back' },
  saveLater: { da: 'Gem og fortsæt senere', nb: 'Lagre og fortsett senere', en: 'Save and continue later' },
  savedNotice: { da: 'Det, I har skrevet, gemmes, hver gang I går videre.', nb: 'Det dere har skrevet, lagres hver gang dere går videre.', en: 'What you enter is saved each time you move on.' },
  cvr: { da: 'CVR-nummer', nb: 'CVR-nummer', en: 'CVR number' },
  cvrHint: { da: '8 cifre. Kender CVR-registret nummeret, udfylder vi navn og adresse for jer.', nb: '8 sifre. Kjenner CVR-registeret nummeret, fyller vi ut navn og adresse for dere.', en: '8 digits. If the business register knows the number, we fill in the name and address for you.' },
  cvrFound: { da: 'Fundet i CVR: {name}', nb: 'Funnet i CVR: {name}', en: 'Found in the register: {name}' },
  orgName: { da: 'Foreningens navn', nb: 'Foreningens navn', en: 'Name of the association' },
  orgEmail: { da: 'Foreningens e-mail', nb: 'Foreningens e-post', en: 'Email of the association' },
  orgEmailHint: { da: 'En adresse, som foreningen læser – fx kassererens.', nb: 'En adresse foreningen leser – f.eks. kassererens.', en: 'An address the association reads – the treasurer’s, for example.' },
  phone: { da: 'Telefon', nb: 'Telefon', en: 'Phone' },
  phoneHint: { da: '8 cifre, evt. med landekode.', nb: '8 sifre, eventuelt med landkode.', en: '8 digits, with a country code if needed.' },
  address: { da: 'Adresse', nb: 'Adresse', en: 'Address' },
  contactName: { da: 'Kontaktpersonens navn', nb: 'Kontaktpersonens navn', en: 'Name of the contact person' },
  contactEmail: { da: 'Kontaktpersonens e-mail', nb: 'Kontaktpersonens e-post', en: 'Email of the contact person' },
  contactEmailHint: { da: 'Kvitteringen og alle beskeder om sagen sendes hertil.', nb: 'Kvitteringen og alle meldinger om saken sendes hit.', en: 'The receipt and every message about the case go here.' },
  title: { da: 'Aktivitetens titel', nb: 'Aktivitetens tittel', en: 'Title of the activity' },
  purpose: { da: 'Formål', nb: 'Formål', en: 'Purpose' },
  purposeHint: { da: 'Hvad vil I opnå, og for hvem? Skriv kort og konkret.', nb: 'Hva vil dere oppnå, og for hvem? Skriv kort og konkret.', en: 'What do you want to achieve, and for whom? Keep it short and concrete.' },
  targetGroup: { da: 'Målgruppe', nb: 'Målgruppe', en: 'Target group' },
  targetGroupHint: { da: 'Vælg den gruppe, aktiviteten især er for.', nb: 'Velg gruppen aktiviteten særlig er for.', en: 'Choose the group the activity is mainly for.' },
  priority: { da: '(prioriteret i puljen)', nb: '(prioritert i puljen)', en: '(a priority of this round)' },
  activities: { da: 'Hvad skal der ske?', nb: 'Hva skal skje?', en: 'What will happen?' },
  activitiesHint: { da: 'Beskriv aktiviteterne, hvor tit de er, og hvad de frivillige gør.', nb: 'Beskriv aktivitetene, hvor ofte de er, og hva de frivillige gjør.', en: 'Describe the activities, how often they take place and what the volunteers do.' },
  startDate: { da: 'Startdato', nb: 'Startdato', en: 'Start date' },
  endDate: { da: 'Slutdato', nb: 'Sluttdato', en: 'End date' },
  dateHint: { da: 'Skriv datoen som år-måned-dag, fx 2027-03-01.', nb: 'Skriv datoen som år-måned-dag, f.eks. 2027-03-01.', en: 'Write the date as year-month-day, e.g. 2027-03-01.' },
  place: { da: 'Sted', nb: 'Sted', en: 'Place' },
  volunteers: { da: 'Antal frivillige', nb: 'Antall frivillige', en: 'Number of volunteers' },
  participants: { da: 'Forventet antal deltagere', nb: 'Forventet antall deltakere', en: 'Expected number of participants' },
  numberHint: { da: 'Et helt tal. Et skøn er fint.', nb: 'Et helt tall. Et anslag er fint.', en: 'A whole number. An estimate is fine.' },
  isNew: { da: 'Er det en ny aktivitet?', nb: 'Er det en ny aktivitet?', en: 'Is it a new activity?' },
  isNewYes: { da: 'Ja, den er ny', nb: 'Ja, den er ny', en: 'Yes, it is new' },
  isNewNo: { da: 'Nej, den fortsætter', nb: 'Nei, den fortsetter', en: 'No, it continues' },
  budgetIntro: {
    da: 'Skriv de udgifter, I søger til, én pr. linje, i hele kroner. Tomme linjer tæller ikke med.',
    nb: 'Skriv utgiftene dere søker om, én per linje, i hele kroner. Tomme linjer teller ikke.',
    en: 'List the costs you apply for, one per line, in whole kroner. Empty lines are left out.',
  },
  budgetLines: { da: 'Udgifter', nb: 'Utgifter', en: 'Costs' },
  line: { da: 'Linje {n}', nb: 'Linje {n}', en: 'Line {n}' },
  category: { da: 'Kategori', nb: 'Kategori', en: 'Category' },
  chooseCategory: { da: 'Vælg kategori', nb: 'Velg kategori', en: 'Choose a category' },
  notFunded: { da: '(støttes ikke af puljen)', nb: '(støttes ikke av puljen)', en: '(not funded by this round)' },
  excludedWarning: { da: 'Puljen støtter ikke denne type udgift.', nb: 'Puljen støtter ikke denne typen utgift.', en: 'This round does not fund this type of cost.' },
  description: { da: 'Beskrivelse', nb: 'Beskrivelse', en: 'Description' },
  amount: { da: 'Beløb i kr.', nb: 'Beløp i kr.', en: 'Amount in DKK' },
  addLines: { da: 'Flere linjer', nb: 'Flere linjer', en: 'More lines' },
  cofinancing: { da: 'Anden finansiering', nb: 'Annen finansiering', en: 'Other funding' },
  cofinancingHint: { da: 'Penge fra andre – fx fonde eller egne midler – som I har søgt eller fået. Ingen? Så spring over.', nb: 'Penger fra andre – f.eks. stiftelser eller egne midler – som dere har søkt eller fått. Ingen? Hopp over.', en: 'Money from others – foundations or your own funds, for example – applied for or granted. None? Skip it.' },
  source: { da: 'Hvorfra', nb: 'Hvorfra', en: 'Source' },
  status: { da: 'Status', nb: 'Status', en: 'Status' },
  statusApplied: { da: 'Søgt', nb: 'Søkt', en: 'Applied for' },
  statusGranted: { da: 'Bevilget', nb: 'Innvilget', en: 'Granted' },
  amountRequested: { da: 'Hvor meget søger I?', nb: 'Hvor mye søker dere om?', en: 'How much are you applying for?' },
  amountRequestedHint: {
    da: 'I hele kroner. Højst {max} og højst udgifterne i alt.',
    nb: 'I hele kroner. Høyst {max} og høyst utgiftene til sammen.',
    en: 'In whole kroner. At most {max}, and no more than the total costs.',
  },
  tierNotice: { da: 'Beløbet afgør, hvad I skal sende med:', nb: 'Beløpet avgjør hva dere må sende med:', en: 'The amount decides what you must send:' },
  truthful: { da: 'Vi erklærer, at oplysningerne i ansøgningen er rigtige', nb: 'Vi erklærer at opplysningene i søknaden er riktige', en: 'We declare that the information in the application is true' },
  truthfulHint: { da: 'Ansøgningen kan ikke sendes uden.', nb: 'Søknaden kan ikke sendes uten.', en: 'The application cannot be sent without it.' },
  childCertificates: { da: 'Vi indhenter børneattester for de frivillige, der er i kontakt med børn under 15 år', nb: 'Vi henter inn børneattester for frivillige som er i kontakt med barn under 15 år', en: 'We get child protection certificates for volunteers in contact with children under 15' },
  childrenUnder15: { da: 'Kommer frivillige i kontakt med børn under 15 år?', nb: 'Kommer frivillige i kontakt med barn under 15 år?', en: 'Will volunteers be in contact with children under 15?' },
  shareStory: { da: 'Kommunen må gerne kontakte os senere om at fortælle om aktiviteten', nb: 'Kommunen kan gjerne kontakte oss senere om å fortelle om aktiviteten', en: 'The municipality may contact us later about telling the story of the activity' },
  shareStoryHint: { da: 'Frivilligt. Det har ingen betydning for afgørelsen.', nb: 'Frivillig. Det har ingen betydning for vedtaket.', en: 'Optional. It makes no difference to the decision.' },

  // Documents
  documentsTitle: { da: 'Dokumenter', nb: 'Dokumenter', en: 'Documents' },
  documentsIntro: {
    da: 'Ud fra det beløb, I søger, skal I sende disse dokumenter med. Har I dem ikke ved hånden, kan I sende ansøgningen nu og dokumenterne senere, når vi beder om dem – men så tager sagen længere tid.',
    nb: 'Ut fra beløpet dere søker om, må dere sende med disse dokumentene. Har dere dem ikke for hånden, kan dere sende søknaden nå og dokumentene senere når vi ber om dem – men da tar saken lengre tid.',
    en: 'For the amount you apply for, send these documents. If you do not have them at hand, you can send the application now and the documents later when we ask for them – but the case then takes longer.',
  },
  documentsLimits: {
    da: 'Filtyper: {types}. Højst {size} pr. fil og {max} filer i alt. Vi tjekker filens indhold, ikke kun navnet.',
    nb: 'Filtyper: {types}. Høyst {size} per fil og {max} filer til sammen. Vi sjekker filens innhold, ikke bare navnet.',
    en: 'File types: {types}. At most {size} a file and {max} files in all. We check what is in the file, not just its name.',
  },
  fileHint: { da: '{types}, højst {size} pr. fil. Du kan vælge flere filer.', nb: '{types}, høyst {size} per fil. Du kan velge flere filer.', en: '{types}, at most {size} a file. You can choose several files.' },
  notUploaded: { da: 'Ikke sendt endnu.', nb: 'Ikke sendt ennå.', en: 'Not sent yet.' },
  remove: { da: 'Fjern', nb: 'Fjern', en: 'Remove' },
  uploadNow: { da: 'Send filerne og bliv på siden', nb: 'Send filene og bli på siden', en: 'Send the files and stay on this page' },
  errorPrefix: { da: 'Fejl:', nb: 'Feil:', en: 'Error:' },
  uploadedDocuments: { da: 'Dokumenter', nb: 'Dokumenter', en: 'Documents' },
  documentMissing: { da: '{document}: ikke sendt – vi beder om det senere', nb: '{document}: ikke sendt – vi ber om det senere', en: '{document}: not sent – we will ask for it later' },

  // Save for later
  saveTitle: { da: 'Gem og fortsæt senere', nb: 'Lagre og fortsett senere', en: 'Save and continue later' },
  saveIntro: {
    da: 'Det, I har skrevet, er gemt. Skriv en e-mailadresse, så sender vi et personligt link, I kan fortsætte fra – også på en anden computer.',
    nb: 'Det dere har skrevet, er lagret. Skriv en e-postadresse, så sender vi en personlig lenke dere kan fortsette fra – også på en annen datamaskin.',
    en: 'What you entered is saved. Enter an email address and we will send a personal link to continue from – on another computer too.',
  },
  resumeEmail: { da: 'E-mail til linket', nb: 'E-post til lenken', en: 'Email for the link' },
  sendLink: { da: 'Send linket', nb: 'Send lenken', en: 'Send the link' },
  linkSent: { da: 'Vi har sendt linket til {email}. Det kan tage et par minutter, før mailen kommer.', nb: 'Vi har sendt lenken til {email}. Det kan ta et par minutter før e-posten kommer.', en: 'We have sent the link to {email}. The email can take a few minutes to arrive.' },
  backToForm: { da: 'Tilbage til ansøgningen', nb: 'Tilbake til søknaden', en: 'Back to the application' },
  invalidEmail: { da: 'Skriv en e-mailadresse som navn@eksempel.dk.', nb: 'Skriv en e-postadresse som navn@eksempel.no.', en: 'Enter an email address like name@example.com.' },

  // Summary
  summaryStep: { da: 'Tjek og send', nb: 'Sjekk og send', en: 'Check and send' },
  summaryTitle: { da: 'Tjek ansøgningen, før I sender', nb: 'Sjekk søknaden før dere sender', en: 'Check the application before you send it' },
  summaryIntro: { da: 'Læs det hele igennem. I kan rette hvert afsnit, indtil I sender.', nb: 'Les gjennom alt. Dere kan endre hver del til dere sender.', en: 'Read it all through. You can change each part until you send it.' },
  summaryMissing: { da: 'Noget mangler, før I kan sende', nb: 'Noe mangler før dere kan sende', en: 'Something is missing before you can send' },
  change: { da: 'Ret', nb: 'Endre', en: 'Change' },
  send: { da: 'Send ansøgningen', nb: 'Send søknaden', en: 'Send the application' },
  sendNotice: { da: 'Når I sender, får I en kvittering på skærmen og på e-mail.', nb: 'Når dere sender, får dere en kvittering på skjermen og på e-post.', en: 'When you send it, you get a receipt on screen and by email.' },
  total: { da: 'Udgifter i alt', nb: 'Utgifter til sammen', en: 'Total costs' },
  notGiven: { da: 'Ikke udfyldt', nb: 'Ikke fylt ut', en: 'Not filled in' },
  documentsNeeded: { da: 'Dokumenter, I skal sende med', nb: 'Dokumenter dere må sende med', en: 'Documents you must send' },
  reportAfterwards: { da: 'Når aktiviteten er slut, skal I sende {requirement}.', nb: 'Når aktiviteten er over, må dere sende {requirement}.', en: 'After the activity, you must send {requirement}.' },

  // Receipt
  receiptTitle: { da: 'Ansøgningen er sendt', nb: 'Søknaden er sendt', en: 'The application has been sent' },
  reference: { da: 'Sagsnummer', nb: 'Saksnummer', en: 'Case number' },
  receiptEmail: { da: 'Vi har sendt en kvittering til {email}.', nb: 'Vi har sendt en kvittering til {email}.', en: 'We have sent a receipt to {email}.' },
  receiptLinkIntro: {
    da: 'Gem dette link. Det er personligt og viser, hvor langt sagen er, og hvad I evt. skal gøre:',
    nb: 'Ta vare på denne lenken. Den er personlig og viser hvor langt saken har kommet, og hva dere eventuelt må gjøre:',
    en: 'Keep this link. It is personal and shows how far the case has come and anything you need to do:',
  },
  followCase: { da: 'Følg ansøgningen', nb: 'Følg søknaden', en: 'Follow the application' },
  whatHappensNext: { da: 'Hvad sker der nu?', nb: 'Hva skjer nå?', en: 'What happens next?' },
  nextScreening: { da: 'Vi tjekker, at ansøgningen er komplet. Mangler vi noget, skriver vi til jer.', nb: 'Vi sjekker at søknaden er komplett. Mangler vi noe, skriver vi til dere.', en: 'We check that the application is complete. If anything is missing, we write to you.' },
  nextDecisionDeadline: { da: 'Puljen lukker {date}. Derefter behandler vi alle ansøgninger samlet.', nb: 'Puljen stenger {date}. Deretter behandler vi alle søknadene samlet.', en: 'The round closes on {date}. Then all applications are assessed together.' },
  nextDecisionContinuous: { da: 'En sagsbehandler vurderer ansøgningen, og I får afgørelsen på e-mail.', nb: 'En saksbehandler vurderer søknaden, og dere får vedtaket på e-post.', en: 'A caseworker assesses the application, and you get the decision by email.' },
} satisfies Record<string, Texts>;

export type ApplyTextKey = keyof typeof APPLY_TEXTS;

export function say(key: ApplyTextKey, language: Language, values: Record<string, string | number> = {}): string {
  return APPLY_TEXTS[key][language].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

export const STEP_TITLES = labelTable('common.formStep', FORM_STEPS);

export const TARGET_GROUP_LABELS = labelTable('common.targetGroup', TARGET_GROUPS);

/** Form steps in the address bar, in the site's language. */
export const STEP_SLUGS: Record<FormStep, string> = {
  organization: 'forening',
  contact: 'kontakt',
  project: 'aktivitet',
  budget: 'budget',
  declarations: 'erklaeringer',
};
