/** Texts of the staff pages' shell and sign-in, da/nb/en. */
export const STAFF_TEXTS = {
  signIn: { da: 'Log ind som medarbejder', nb: 'Logg inn som ansatt', en: 'Staff sign-in' },
  signInIntro: {
    da: 'For sagsbehandlere, godkendere, administratorer og politikere i kommunen. Foreninger skal ikke logge ind: de følger deres sag via linket i e-mailen.',
    nb: 'For saksbehandlere, godkjennere, administratorer og politikere i kommunen. Foreninger skal ikke logge inn: de følger saken sin via lenken i e-posten.',
    en: 'For the municipality’s caseworkers, approvers, administrators and politicians. Associations do not sign in: they follow their case through the link in the email.',
  },
  email: { da: 'E-mailadresse', nb: 'E-postadresse', en: 'Email address' },
  password: { da: 'Adgangskode', nb: 'Passord', en: 'Password' },
  submit: { da: 'Log ind', nb: 'Logg inn', en: 'Sign in' },
  signOut: { da: 'Log ud', nb: 'Logg ut', en: 'Sign out' },
  signedOut: { da: 'Du er logget ud.', nb: 'Du er logget ut.', en: 'You have signed out.' },
  sessionEnded: {
    da: 'Log ind for at fortsætte. Er du blevet logget ud, var det fordi du ikke havde brugt siden i et stykke tid.',
    nb: 'Logg inn for å fortsette. Ble du logget ut, var det fordi du ikke hadde brukt siden på en stund.',
    en: 'Sign in to continue. If you were signed out, it was because the page had not been used for a while.',
  },
  emailRequired: { da: 'Skriv din e-mailadresse.', nb: 'Skriv e-postadressen din.', en: 'Enter your email address.' },
  passwordRequired: { da: 'Skriv din adgangskode.', nb: 'Skriv passordet ditt.', en: 'Enter your password.' },
  loginFailed: {
    da: 'E-mailadressen eller adgangskoden er forkert. Efter 5 forkerte forsøg skal du vente 15 minutter.',
    nb: 'E-postadressen eller passordet er feil. Etter 5 feil forsøk må du vente 15 minutter.',
    en: 'The email address or password is wrong. After 5 wrong attempts you must wait 15 minutes.',
  },
  throttled: {
    da: 'For mange forkerte forsøg. Vent 15 minutter, og prøv igen, eller kontakt en administrator.',
    nb: 'For mange feil forsøk. Vent 15 minutter og prøv igjen, eller kontakt en administrator.',
    en: 'Too many wrong attempts. Wait 15 minutes and try again, or contact an administrator.',
  },
  forbidden: { da: 'Du har ikke adgang til denne side', nb: 'Du har ikke tilgang til denne siden', en: 'You do not have access to this page' },
  forbiddenBody: {
    da: 'Siden kræver en anden rolle end din. Kontakt en administrator, hvis du skal have adgang.',
    nb: 'Siden krever en annen rolle enn din. Kontakt en administrator hvis du skal ha tilgang.',
    en: 'This page needs a role you do not have. Contact an administrator if you need access.',
  },
  navQueue: { da: 'Sager', nb: 'Saker', en: 'Cases' },
  navApprovals: { da: 'Godkendelser', nb: 'Godkjenninger', en: 'Approvals' },
  navReports: { da: 'Opfølgning', nb: 'Oppfølging', en: 'Follow-up' },
  navStatistics: { da: 'Statistik', nb: 'Statistikk', en: 'Statistics' },
  navAdmin: { da: 'Administration', nb: 'Administrasjon', en: 'Administration' },
  staffNavigation: { da: 'Medarbejdermenu', nb: 'Ansattmeny', en: 'Staff menu' },
} as const;
