import type { Database } from '../../lib/db';
import { kronerToOre } from '../../domain/money';
import { jurisdictionRules } from '../../domain/jurisdiction';
import { norwegianLegalFrame, type CompleteLegalFrame } from '../../domain/legal-frame';
import { endOfDayIn, startOfDayIn } from '../../domain/time-zone';
import type { StaffRole } from '../../lib/staff-auth';

// The demo of a Norwegian municipality (JURISDICTION=NO): Eksempel kommune's scheme of grants to
// voluntary organisations ("tilskudd til frivillige lag og foreninger") and one open round of it,
// under the Norwegian legal frame: each grant an enkeltvedtak, a klage within three weeks to the
// municipality and on to its klagenemnd. All names are fictional.

export const NORWEGIAN_SCHEME_SLUG = 'tilskudd-frivillige-lag';
export const NORWEGIAN_DEMO_ROUND_SLUG = 'frivillige-lag-loepende';

/** The Norwegian frame of the demo round, with the demo caseworker as its contact person. */
export const NORWEGIAN_DEMO_FRAME: CompleteLegalFrame = {
  ...norwegianLegalFrame({ name: 'Kari Nordmann', phone: '400 12 345', email: 'frivillighet@eksempel.no' }),
  guidelines: {
    ...norwegianLegalFrame({ name: '', phone: '', email: '' }).guidelines,
    url: 'https://eksempel.no/frivillighet/retningslinjer-tilskudd',
  },
};

const CRITERIA = [
  {
    code: 'target_group',
    label: {
      da: 'Aktiviteten når kun i begrænset omfang ordningens prioriterede målgrupper.',
      nb: 'Aktiviteten når bare i begrenset grad ordningens prioriterte målgrupper.',
      en: 'The activity reaches the scheme’s priority target groups only to a limited extent.',
    },
  },
  {
    code: 'excluded_costs',
    label: {
      da: 'En del af budgettet dækker udgifter, som ordningen efter retningslinjerne ikke støtter.',
      nb: 'En del av budsjettet dekker utgifter som ordningen etter retningslinjene ikke støtter.',
      en: 'Part of the budget covers costs the scheme does not support under its guidelines.',
    },
  },
  {
    code: 'open_to_all',
    label: {
      da: 'Aktiviteten er ikke åben for alle i målgruppen, men kun for foreningens egne medlemmer.',
      nb: 'Aktiviteten er ikke åpen for alle i målgruppen, bare for organisasjonens egne medlemmer.',
      en: 'The activity is open only to the organisation’s own members, not to everyone in the target group.',
    },
  },
];

const TIERS = [
  { upToKroner: 10_000, requirement: 'declaration', applicationDocuments: [] },
  { upToKroner: 100_000, requirement: 'accounts', applicationDocuments: [] },
  { upToKroner: null, requirement: 'audited_accounts', applicationDocuments: [] },
];

/** The scheme and one open, continuous round of it, so a Norwegian development setup has something to apply to. */
export async function seedNorwegianDemoRound(db: Database, now = new Date()): Promise<void> {
  const year = now.getUTCFullYear();
  const scheme = await db.scheme.upsert({
    where: { slug: NORWEGIAN_SCHEME_SLUG },
    update: {},
    create: {
      slug: NORWEGIAN_SCHEME_SLUG,
      name: { da: 'Tilskud til frivillige foreninger', nb: 'Tilskudd til frivillige lag og foreninger', en: 'Grants to voluntary organisations' },
      description: {
        da: 'Tilskud til frivillige foreningers aktiviteter for kommunens indbyggere. Hvert tilskud er et enkeltvedtak efter den norske forvaltningslov.',
        nb: 'Tilskudd til aktiviteter som frivillige lag og foreninger driver for innbyggerne i kommunen. Hvert tilskudd er et enkeltvedtak etter forvaltningsloven.',
        en: 'Grants to activities voluntary organisations run for the municipality’s residents. Each grant is an individual decision (enkeltvedtak) under the Norwegian Public Administration Act.',
      },
      // Each round names its own contact person.
      legalFrame: { ...NORWEGIAN_DEMO_FRAME, contact: {} } as object,
      decisionCriteria: CRITERIA,
      reportingTiers: TIERS,
    },
  });
  await db.fundingRound.upsert({
    where: { slug: NORWEGIAN_DEMO_ROUND_SLUG },
    update: {},
    create: {
      slug: NORWEGIAN_DEMO_ROUND_SLUG,
      schemeId: scheme.id,
      name: `Frivillighetstilskudd ${year}–${year + 1} (løpende søknad)`,
      description: 'Tilskudd til frivillige lag og foreninger som skaper aktivitet og fellesskap for innbyggerne. Søknadene behandles fortløpende etter hvert som de kommer inn.',
      budgetOre: kronerToOre(800_000),
      maxAmountOre: kronerToOre(50_000),
      opensAt: startOfDayIn(`${year}-01-01`),
      closesAt: endOfDayIn(`${year + 1}-12-31`),
      mode: 'continuous',
      targetGroups: ['lonely', 'older_people', 'vulnerable_children_families', 'socially_vulnerable', 'disability'],
      excludedCostCategories: ['wages', 'premises', 'marketing'],
      decisionCriteria: CRITERIA,
      reportingTiers: TIERS,
      // A klage within three weeks (fvl § 29).
      processSettings: { reconsiderationPeriod: jurisdictionRules('NO').reconsiderationPeriod },
      legalFrame: NORWEGIAN_DEMO_FRAME as object,
    },
  });
}

/** The demo accounts of a Norwegian municipality: the same four roles and logins, Norwegian names and titles. */
export const NORWEGIAN_DEMO_STAFF: { email: string; name: string; title: string; phone: string; roles: StaffRole[] }[] = [
  { email: 'caseworker@grantflow.local', name: 'Kari Nordmann', title: 'Saksbehandler', phone: '400 12 345', roles: ['caseworker'] },
  { email: 'approver@grantflow.local', name: 'Per Hansen', title: 'Enhetsleder', phone: '400 12 346', roles: ['caseworker', 'approver'] },
  { email: 'admin@grantflow.local', name: 'Ingrid Berg', title: 'Systemansvarlig', phone: '400 12 347', roles: ['admin'] },
  { email: 'politician@grantflow.local', name: 'Ola Johansen', title: 'Leder av hovedutvalg for helse og omsorg', phone: '400 12 300', roles: ['politician'] },
];
