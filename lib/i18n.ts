import { z } from 'zod';

/** Danish first; Norwegian bokmål and English on request. */
export const LANGUAGES = ['da', 'nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'da';

const messages = {
  'validation.failed': {
    da: 'Nogle oplysninger mangler eller er ikke udfyldt rigtigt.',
    nb: 'Noen opplysninger mangler eller er ikke fylt ut riktig.',
    en: 'Some information is missing or not filled in correctly.',
  },
  'auth.csrfRejected': {
    da: 'Formularen er udløbet eller kom ikke fra denne side. Gå tilbage, genindlæs siden og prøv igen.',
    nb: 'Skjemaet er utløpt eller kom ikke fra denne siden. Gå tilbake, last inn siden på nytt og prøv igjen.',
    en: 'The form has expired or did not come from this site. Go back, reload the page and try again.',
  },
  'validation.invalidJson': {
    da: 'Indholdet kunne ikke læses som JSON.',
    nb: 'Innholdet kunne ikke leses som JSON.',
    en: 'The request body could not be read as JSON.',
  },
  'field.required': {
    da: 'Feltet skal udfyldes.',
    nb: 'Feltet må fylles ut.',
    en: 'This field is required.',
  },
  'cvr.checkDigit': {
    da: 'CVR-nummeret er ikke gyldigt. Tjek at du har skrevet de 8 cifre rigtigt.',
    nb: 'CVR-nummeret er ikke gyldig. Sjekk at du har skrevet de 8 sifrene riktig.',
    en: 'The CVR number is not valid. Check that you typed the 8 digits correctly.',
  },
  'cvr.format': {
    da: 'Et CVR-nummer består af 8 cifre.',
    nb: 'Et CVR-nummer består av 8 sifre.',
    en: 'A CVR number has 8 digits.',
  },
  'amount.wholeKroner': {
    da: 'Skriv beløbet i hele kroner, uden punktum og komma.',
    nb: 'Skriv beløpet i hele kroner, uten punktum og komma.',
    en: 'Enter the amount in whole kroner, without separators.',
  },
  'amount.positive': {
    da: 'Beløbet skal være større end 0 kr.',
    nb: 'Beløpet må være større enn 0 kr.',
    en: 'The amount must be more than 0 kr.',
  },
  'amount.overRoundMaximum': {
    da: 'Du kan højst søge {max} kr. i denne pulje.',
    nb: 'Du kan søke om høyst {max} kr. i denne puljen.',
    en: 'You can apply for at most {max} kr. in this funding round.',
  },
  'amount.overBudgetTotal': {
    da: 'Du kan ikke søge om mere end budgettets samlede udgifter.',
    nb: 'Du kan ikke søke om mer enn budsjettets samlede utgifter.',
    en: 'You cannot apply for more than the total of the budget.',
  },
  'project.endBeforeStart': {
    da: 'Slutdatoen skal være samme dag som eller efter startdatoen.',
    nb: 'Sluttdatoen må være samme dag som eller etter startdatoen.',
    en: 'The end date must be on or after the start date.',
  },
  'declaration.truthfulRequired': {
    da: 'Du skal bekræfte, at oplysningerne er rigtige (tro og love).',
    nb: 'Du må bekrefte at opplysningene er riktige.',
    en: 'You must confirm that the information is true.',
  },
  'request.sayWhatIsMissing': {
    da: 'Vælg det, der mangler, eller skriv en besked til foreningen.',
    nb: 'Velg det som mangler, eller skriv en melding til organisasjonen.',
    en: 'Choose what is missing or write a message to the association.',
  },
  'decision.rejectedIsZero': {
    da: 'Et afslag bevilger 0 kr.',
    nb: 'Et avslag innvilger 0 kr.',
    en: 'A rejection grants 0 kr.',
  },
  'decision.reasonsRequired': {
    da: 'Skriv en begrundelse: vælg de afgørende kriterier eller skriv selv. "Prioriteret inden for de tilgængelige midler" er ikke nok alene.',
    nb: 'Skriv en begrunnelse: velg de avgjørende kriteriene eller skriv selv. «Prioritert innenfor tilgjengelige midler» er ikke nok alene.',
    en: 'Give reasons: choose the decisive criteria or write them. "Prioritised within available funds" alone is not enough.',
  },
  'decision.amountInvalid': {
    da: 'Beløbet passer ikke til afgørelsen: fuld bevilling er det ansøgte beløb, delvis bevilling er mindre end det.',
    nb: 'Beløpet passer ikke til vedtaket: full innvilgelse er beløpet det er søkt om, delvis innvilgelse er mindre.',
    en: 'The amount does not match the outcome: a full approval grants the amount requested, a partial one less.',
  },
  'approval.commentRequired': {
    da: 'Skriv hvorfor afgørelsen sendes tilbage.',
    nb: 'Skriv hvorfor vedtaket sendes tilbake.',
    en: 'Say why the decision is returned.',
  },
  'approval.sameApprover': {
    da: 'Den anden underskrift skal komme fra en anden end den sagsbehandler, der traf afgørelsen.',
    nb: 'Den andre signaturen må komme fra en annen enn saksbehandleren som fattet vedtaket.',
    en: 'The second signature must come from someone other than the caseworker who decided.',
  },
  'report.commentRequired': {
    da: 'Skriv hvad foreningen skal rette i afrapporteringen.',
    nb: 'Skriv hva organisasjonen må rette i rapporten.',
    en: 'Say what the association must change in the report.',
  },
  'action.notAllowed': {
    da: 'Det kan ikke lade sig gøre nu: sagen har status "{status}". Opdater siden for at se, hvad der kan gøres.',
    nb: 'Det er ikke mulig nå: saken har status «{status}». Oppdater siden for å se hva som kan gjøres.',
    en: 'That is not possible now: the case is "{status}". Reload to see what can be done.',
  },
  'auth.staffRequired': {
    da: 'Log ind som medarbejder for at bruge denne funktion.',
    nb: 'Logg inn som ansatt for å bruke denne funksjonen.',
    en: 'Sign in as staff to use this.',
  },
  'auth.roleRequired': {
    da: 'Din rolle giver ikke adgang til denne funktion.',
    nb: 'Rollen din gir ikke tilgang til denne funksjonen.',
    en: 'Your role does not give access to this.',
  },
  'auth.tooManyAttempts': {
    da: 'For mange forkerte forsøg. Vent et kvarter, eller kontakt din administrator.',
    nb: 'For mange feil forsøk. Vent et kvarter, eller kontakt administratoren din.',
    en: 'Too many failed attempts. Wait a quarter of an hour or contact your administrator.',
  },
  'auth.loginFailed': {
    da: 'E-mail eller adgangskode er forkert.',
    nb: 'E-post eller passord er feil.',
    en: 'The email or password is wrong.',
  },
  'letter.notYet': {
    da: 'Der er endnu ikke truffet en afgørelse i sagen.',
    nb: 'Det er ennå ikke fattet vedtak i saken.',
    en: 'No decision has been made in this case yet.',
  },
  'round.notFound': {
    da: 'Puljen findes ikke. Vælg en af de åbne puljer.',
    nb: 'Puljen finnes ikke. Velg en av de åpne puljene.',
    en: 'This funding round does not exist. Choose one of the open rounds.',
  },
  'round.closed': {
    da: 'Puljen er ikke åben for ansøgninger lige nu.',
    nb: 'Puljen er ikke åpen for søknader nå.',
    en: 'This funding round is not open for applications right now.',
  },
  'auth.missingToken': {
    da: 'Brug det private link fra din kvittering for at se ansøgningen.',
    nb: 'Bruk den private lenken fra kvitteringen din for å se søknaden.',
    en: 'Use the private link from your receipt to see the application.',
  },
  'auth.wrongToken': {
    da: 'Linket giver ikke adgang til denne ansøgning.',
    nb: 'Lenken gir ikke tilgang til denne søknaden.',
    en: 'This link does not give access to this application.',
  },
  'application.notFound': {
    da: 'Ansøgningen findes ikke.',
    nb: 'Søknaden finnes ikke.',
    en: 'The application does not exist.',
  },
  'idempotency.keyReused': {
    da: 'Idempotency-Key er allerede brugt til en anden ansøgning. Brug en ny nøgle til en ny ansøgning.',
    nb: 'Idempotency-Key er allerede brukt til en annen søknad. Bruk en ny nøkkel til en ny søknad.',
    en: 'This Idempotency-Key was already used for a different application. Use a new key for a new application.',
  },
  'idempotency.keyInvalid': {
    da: 'Idempotency-Key skal være 1-200 synlige tegn.',
    nb: 'Idempotency-Key må være 1–200 synlige tegn.',
    en: 'Idempotency-Key must be 1–200 visible characters.',
  },
  'http.notFound': {
    da: 'Siden eller adressen findes ikke.',
    nb: 'Siden eller adressen finnes ikke.',
    en: 'The page or address does not exist.',
  },
  'http.internal': {
    da: 'Der skete en fejl hos os. Prøv igen om lidt; dine oplysninger er ikke gået tabt.',
    nb: 'Det skjedde en feil hos oss. Prøv igjen om litt; opplysningene dine har ikke gått tapt.',
    en: 'Something went wrong on our side. Try again shortly; nothing you sent was lost.',
  },
  'round.unknown': {
    da: 'Puljen findes ikke.',
    nb: 'Puljen finnes ikke.',
    en: 'This funding round does not exist.',
  },
  'round.slugFormat': {
    da: 'Kortnavnet må kun indeholde små bogstaver (a-z), tal og bindestreger, fx "paragraf-18-2027".',
    nb: 'Kortnavnet kan bare inneholde små bokstaver (a–z), tall og bindestreker, f.eks. «paragraf-18-2027».',
    en: 'The short name may contain only lower-case letters (a–z), digits and hyphens, e.g. "paragraf-18-2027".',
  },
  'round.slugTaken': {
    da: 'Der findes allerede en pulje med dette kortnavn. Vælg et andet.',
    nb: 'Det finnes allerede en pulje med dette kortnavnet. Velg et annet.',
    en: 'A funding round with this short name already exists. Choose another.',
  },
  'round.closesAtRequired': {
    da: 'En pulje med ansøgningsfrist skal have en frist (closesAt).',
    nb: 'En pulje med søknadsfrist må ha en frist (closesAt).',
    en: 'A round with a deadline needs a closing time (closesAt).',
  },
  'round.closesBeforeOpens': {
    da: 'Puljen skal lukke, efter den åbner.',
    nb: 'Puljen må stenge etter at den åpner.',
    en: 'The round must close after it opens.',
  },
  'round.maxAmountOverBudget': {
    da: 'Det højeste beløb, der kan søges, kan ikke være større end puljens budget.',
    nb: 'Det høyeste beløpet det kan søkes om, kan ikke være større enn puljens budsjett.',
    en: 'The maximum amount per application cannot be more than the round’s budget.',
  },
  'round.lockedAfterApplications': {
    da: 'Dette kan ikke ændres, når puljen har fået ansøgninger: sagerne i gang bygger på den nuværende værdi.',
    nb: 'Dette kan ikke endres når puljen har fått søknader: sakene som er i gang, bygger på den nåværende verdien.',
    en: 'This cannot be changed once the round has applications: the cases in progress rely on the current value.',
  },
  'list.duplicate': {
    da: 'Den samme værdi står mere end én gang.',
    nb: 'Den samme verdien står mer enn én gang.',
    en: 'The same value appears more than once.',
  },
  'payoutRun.notFound': {
    da: 'Udbetalingskørslen findes ikke.',
    nb: 'Utbetalingskjøringen finnes ikke.',
    en: 'This payout run does not exist.',
  },
  'budget.excludedCategory': {
    da: 'Puljen støtter ikke denne type udgift. Fjern linjen, eller vælg en anden kategori, hvis udgiften hører til en anden.',
    nb: 'Puljen støtter ikke denne typen utgift. Fjern linjen, eller velg en annen kategori hvis utgiften hører til en annen.',
    en: 'This round does not fund this type of cost. Remove the line, or choose another category if the cost belongs to one.',
  },
  'declaration.childCertificatesRequired': {
    da: 'I har svaret, at frivillige får kontakt med børn under 15 år. Bekræft, at I indhenter børneattester.',
    nb: 'Dere har svart at frivillige får kontakt med barn under 15 år. Bekreft at dere henter inn børneattester.',
    en: 'You said volunteers will be in contact with children under 15. Confirm that you will get child protection certificates.',
  },
  'draft.notFound': {
    da: 'Kladden findes ikke. Brug hele linket fra e-mailen, eller start en ny ansøgning.',
    nb: 'Utkastet finnes ikke. Bruk hele lenken fra e-posten, eller start en ny søknad.',
    en: 'This draft does not exist. Use the whole link from the email, or start a new application.',
  },
  'draft.wrongToken': {
    da: 'Linket giver ikke adgang til denne kladde.',
    nb: 'Lenken gir ikke tilgang til dette utkastet.',
    en: 'This link does not give access to this draft.',
  },
  'draft.tooManyResumeEmails': {
    da: 'Vi har allerede sendt linket {max} gange. Find en af de tidligere e-mails, eller kontakt kommunen.',
    nb: 'Vi har allerede sendt lenken {max} ganger. Finn en av de tidligere e-postene, eller kontakt kommunen.',
    en: 'We have already sent the link {max} times. Find one of the earlier emails, or contact the municipality.',
  },
  'register.unavailable': {
    da: 'CVR-registret svarer ikke lige nu. Skriv foreningens navn og adresse selv.',
    nb: 'CVR-registeret svarer ikke akkurat nå. Skriv foreningens navn og adresse selv.',
    en: 'The business register is not answering right now. Enter the association’s name and address yourself.',
  },
  'draft.alreadySubmitted': {
    da: 'Ansøgningen er allerede sendt. Følg den via linket i kvitteringen.',
    nb: 'Søknaden er allerede sendt. Følg den via lenken i kvitteringen.',
    en: 'This application has already been sent. Follow it through the link in the receipt.',
  },
  // ── Uploads: each message says why a file was not taken and what to do instead ──
  'upload.notMultipart': {
    da: 'Filer skal sendes som multipart/form-data.',
    nb: 'Filer må sendes som multipart/form-data.',
    en: 'Files must be sent as multipart/form-data.',
  },
  'upload.malformed': {
    da: 'Filerne kunne ikke læses. Prøv at vælge dem igen og sende en gang til.',
    nb: 'Filene kunne ikke leses. Prøv å velge dem på nytt og sende en gang til.',
    en: 'The files could not be read. Choose them again and send once more.',
  },
  'upload.rejected': {
    da: 'En eller flere filer blev ikke modtaget. Se hvorfor ved hver fil.',
    nb: 'En eller flere filer ble ikke mottatt. Se hvorfor ved hver fil.',
    en: 'One or more files were not accepted. See why at each file.',
  },
  'upload.noFiles': {
    da: 'Vælg mindst én fil.',
    nb: 'Velg minst én fil.',
    en: 'Choose at least one file.',
  },
  'upload.type': {
    da: '"{filename}" er ikke en filtype, vi kan modtage. Send den som PDF (eller PNG, JPEG, DOCX, XLSX, ODT, ODS) – de fleste programmer kan gemme som PDF under "Gem som" eller "Udskriv".',
    nb: '"{filename}" er ikke en filtype vi kan ta imot. Send den som PDF (eller PNG, JPEG, DOCX, XLSX, ODT, ODS) – de fleste programmer kan lagre som PDF under "Lagre som" eller "Skriv ut".',
    en: '"{filename}" is not a file type we can accept. Send it as a PDF (or PNG, JPEG, DOCX, XLSX, ODT, ODS) – most programs can save as PDF under "Save as" or "Print".',
  },
  'upload.size': {
    da: '"{filename}" er større end {max}. Gør filen mindre, fx ved at gemme den som PDF med lavere billedkvalitet eller dele den i flere filer.',
    nb: '"{filename}" er større enn {max}. Gjør filen mindre, for eksempel ved å lagre den som PDF med lavere bildekvalitet eller dele den i flere filer.',
    en: '"{filename}" is larger than {max}. Make the file smaller, for example by saving it as a PDF with lower image quality or splitting it into several files.',
  },
  'upload.count': {
    da: '"{filename}" blev ikke modtaget: du kan højst sende {max} filer. Saml flere sider i én PDF, eller fjern filer, du ikke har brug for.',
    nb: '"{filename}" ble ikke mottatt: du kan sende høyst {max} filer. Samle flere sider i én PDF, eller fjern filer du ikke trenger.',
    en: '"{filename}" was not accepted: you can send at most {max} files. Put several pages into one PDF, or leave out files you do not need.',
  },
  'upload.empty': {
    da: '"{filename}" er tom. Tjek at det er den rigtige fil, og vælg den igen.',
    nb: '"{filename}" er tom. Sjekk at det er riktig fil, og velg den på nytt.',
    en: '"{filename}" is empty. Check that it is the right file, and choose it again.',
  },
  'upload.ownerFull': {
    da: 'Der er allerede {existing} filer, og der kan højst være {max}. Saml flere sider i én PDF, eller kontakt kommunen.',
    nb: 'Det er allerede {existing} filer, og det kan være høyst {max}. Samle flere sider i én PDF, eller kontakt kommunen.',
    en: 'There are already {existing} files and there can be at most {max}. Put several pages into one PDF, or contact the municipality.',
  },
  'document.notFound': {
    da: 'Dokumentet findes ikke på denne sag.',
    nb: 'Dokumentet finnes ikke på denne saken.',
    en: 'This document does not exist on this case.',
  },
  'document.notOnCase': {
    da: 'Et af dokumenterne hører ikke til denne sag. Send filerne igen fra sagens side.',
    nb: 'Et av dokumentene hører ikke til denne saken. Send filene på nytt fra sakens side.',
    en: 'One of the documents does not belong to this case. Send the files again from the case page.',
  },
  'staff.emailTaken': {
    da: 'Der findes allerede en medarbejder med denne e-mailadresse.',
    nb: 'Det finnes allerede en ansatt med denne e-postadressen.',
    en: 'There is already a staff member with this email address.',
  },
  'staff.notFound': {
    da: 'Medarbejderen findes ikke.',
    nb: 'Den ansatte finnes ikke.',
    en: 'There is no such staff member.',
  },
  'staff.roleRequired': {
    da: 'Vælg mindst én rolle.',
    nb: 'Velg minst én rolle.',
    en: 'Choose at least one role.',
  },
  'staff.passwordLength': {
    da: 'Adgangskoden skal have 12 til 200 tegn.',
    nb: 'Passordet må ha 12 til 200 tegn.',
    en: 'The password must have 12 to 200 characters.',
  },
  'staff.notYourself': {
    da: 'Du kan ikke deaktivere din egen konto. Bed en anden administrator om det.',
    nb: 'Du kan ikke deaktivere din egen konto. Be en annen administrator om det.',
    en: 'You cannot deactivate your own account. Ask another administrator.',
  },
  'accessLog.searchTerm': {
    da: 'Søg på enten en forenings CVR-nummer (8 cifre) eller en kontaktpersons e-mailadresse.',
    nb: 'Søk på enten en forenings CVR-nummer (8 sifre) eller en kontaktpersons e-postadresse.',
    en: 'Search by either an association’s CVR number (8 digits) or a contact person’s email address.',
  },
} satisfies Record<string, Record<Language, string>>;

export type MessageKey = keyof typeof messages;

export function translate(key: MessageKey, language: Language, values: Record<string, string | number> = {}): string {
  return messages[key][language].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** Schemas name a message key (`i18n:cvr.checkDigit`) where zod's own wording would not do. */
export function i18nMessage(key: MessageKey): string {
  return `i18n:${key}`;
}

const zodLocales = { da: z.locales.da, nb: z.locales.no, en: z.locales.en } as const;

/** zod's error map for a language; keyed custom messages are translated, the rest from zod's locale. */
export function zodErrorMap(language: Language): z.core.$ZodErrorMap {
  const localeError = zodLocales[language]().localeError;
  return (issue) => {
    const message = (issue as { message?: string }).message;
    if (message?.startsWith('i18n:')) return translate(message.slice(5) as MessageKey, language);
    if (issue.code === 'invalid_type' && issue.input === undefined) return translate('field.required', language);
    return localeError(issue);
  };
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** `?lang=` wins, then the browser's Accept-Language (no/nn count as bokmål), then Danish. */
export function pickLanguage(queryLang: unknown, acceptLanguage: string | undefined): Language {
  if (isLanguage(queryLang)) return queryLang;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase().split('-')[0];
    if (tag === 'no' || tag === 'nn') return 'nb';
    if (isLanguage(tag)) return tag;
  }
  return DEFAULT_LANGUAGE;
}
