import type { Database } from '../../lib/db';
import { kronerToOre } from '../../domain/money';
import { upsertStaffUser, type StaffRole } from '../../lib/staff-auth';
import type { CompleteLegalFrame } from '../../domain/legal-frame';
import { endOfDayIn, startOfDayIn } from '../../domain/time-zone';

export const DEMO_ROUND_SLUG = 'paragraf-18-loebende';
export const DEMO_CULTURE_ROUND_SLUG = 'kulturpuljen-loebende';
/** The scheme every round belonged to before schemes existed (made by its migration). */
export const SECTION_18_SCHEME_SLUG = 'paragraf-18';
export const CULTURE_SCHEME_SLUG = 'kultur-og-aktivitetspuljen';

/**
 * The demo rounds' legal frame: Danish § 18 grants decided by the administration under delegation,
 * with the demo caseworker as the round's contact person. The complaint guidance is the shipped one.
 */
export const DEMO_LEGAL_FRAME: CompleteLegalFrame = {
  legalBasis: 'serviceloven § 18',
  guidelines: {
    name: 'Retningslinjer for tilskud til frivilligt socialt arbejde (§ 18)',
    adoptedOn: '2026-01-15',
    adoptedBy: 'Social- og Sundhedsudvalget',
    url: 'https://eksempel.dk/frivillighed/retningslinjer-18',
  },
  decisionMaker: { kind: 'delegation', body: 'Social- og Sundhedsudvalget' },
  complaintGuidance: {},
  contact: { name: 'Karin Holm', phone: '99 99 12 34', email: 'frivillighed@eksempel.dk' },
};

/**
 * The culture and activity pool's frame. No act provides for such grants: the municipality gives
 * them under its general powers, the unwritten rules on what a municipality may do
 * (kommunalfuldmagtsreglerne), within guidelines its culture committee adopted. The decision cites
 * that basis, never serviceloven § 18. The complaint guidance is the shipped Danish one: no
 * appeal to another authority, reconsideration, Ankestyrelsen's supervision and the Ombudsman.
 */
export const DEMO_CULTURE_FRAME: CompleteLegalFrame = {
  legalBasis: 'kommunalfuldmagtsreglerne (de uskrevne regler om kommunens opgaver)',
  guidelines: {
    name: 'Retningslinjer for Kultur- og aktivitetspuljen',
    adoptedOn: '2026-02-05',
    adoptedBy: 'Kultur- og Fritidsudvalget',
    url: 'https://eksempel.dk/kultur/retningslinjer-kultur-og-aktivitetspuljen',
  },
  decisionMaker: { kind: 'delegation', body: 'Kultur- og Fritidsudvalget' },
  complaintGuidance: {},
  contact: { name: 'Karin Holm', phone: '99 99 12 34', email: 'kultur@eksempel.dk' },
  // The culture administration, not the deployment's social department, sends the pool's letters.
  department: 'Kultur og Fritid',
};

const CULTURE_CRITERIA = [
  {
    code: 'open_to_all',
    label: {
      da: 'Aktiviteten er ikke åben for alle borgere i kommunen, men kun for en lukket kreds.',
      nb: 'Aktiviteten er ikke åpen for alle innbyggerne i kommunen, bare for en lukket krets.',
      en: 'The activity is not open to everyone in the municipality, only to a closed group.',
    },
  },
  {
    code: 'local_benefit',
    label: {
      da: 'Aktiviteten kommer kun i begrænset omfang kommunens borgere til gode.',
      nb: 'Aktiviteten kommer bare i begrenset grad kommunens innbyggere til gode.',
      en: 'The activity benefits the municipality’s residents only to a limited extent.',
    },
  },
  {
    code: 'commercial',
    label: {
      da: 'Aktiviteten har et kommercielt formål, som kommunen ikke må støtte.',
      nb: 'Aktiviteten har et kommersielt formål som kommunen ikke kan støtte.',
      en: 'The activity has a commercial purpose the municipality may not support.',
    },
  },
];

/** The culture and activity pool: the second scheme the demo runs beside § 18 (which its migration made). */
export async function seedDemoSchemes(db: Database): Promise<{ cultureSchemeId: string }> {
  const culture = await db.scheme.upsert({
    where: { slug: CULTURE_SCHEME_SLUG },
    update: {},
    create: {
      slug: CULTURE_SCHEME_SLUG,
      name: { da: 'Kultur- og aktivitetspuljen', nb: 'Kultur- og aktivitetspuljen', en: 'Culture and activity pool' },
      description: {
        da: 'Tilskud til kultur- og fritidsaktiviteter, som er åbne for alle kommunens borgere. Kommunen giver tilskuddene efter kommunalfuldmagtsreglerne.',
        nb: 'Tilskudd til kultur- og fritidsaktiviteter som er åpne for alle innbyggerne i kommunen. Kommunen gir tilskuddene etter kommunens alminnelige kompetanse (kommunalfuldmagten).',
        en: 'Grants for culture and leisure activities open to everyone in the municipality. The municipality makes these grants under its general powers (kommunalfuldmagten).',
      },
      // Each round names its own contact person.
      legalFrame: { ...DEMO_CULTURE_FRAME, contact: {} } as object,
      decisionCriteria: CULTURE_CRITERIA,
      reportingTiers: [
        { upToKroner: 20_000, requirement: 'declaration', applicationDocuments: [] },
        { upToKroner: null, requirement: 'accounts', applicationDocuments: [] },
      ],
    },
  });
  return { cultureSchemeId: culture.id };
}

/**
 * Two open, continuous funding rounds so a development setup has something to apply to: one of
 * the § 18 scheme, one of the culture and activity pool.
 */
export async function seedDemoRounds(db: Database, now = new Date()): Promise<void> {
  const year = now.getUTCFullYear();
  const { cultureSchemeId } = await seedDemoSchemes(db);
  await db.fundingRound.upsert({
    where: { slug: DEMO_CULTURE_ROUND_SLUG },
    update: {},
    create: {
      slug: DEMO_CULTURE_ROUND_SLUG,
      schemeId: cultureSchemeId,
      name: `Kultur- og aktivitetspuljen ${year}–${year + 1} (løbende ansøgning)`,
      description: 'Tilskud til kultur- og fritidsaktiviteter for alle. Ansøgninger behandles løbende, efterhånden som de kommer ind.',
      budgetOre: kronerToOre(400_000),
      maxAmountOre: kronerToOre(30_000),
      opensAt: new Date(Date.UTC(year, 0, 1)),
      closesAt: new Date(Date.UTC(year + 1, 11, 31, 23, 59, 59)),
      mode: 'continuous',
      targetGroups: [],
      excludedCostCategories: ['wages', 'premises'],
      decisionCriteria: CULTURE_CRITERIA,
      reportingTiers: [
        { upToKroner: 20_000, requirement: 'declaration', applicationDocuments: [] },
        { upToKroner: null, requirement: 'accounts', applicationDocuments: [] },
      ],
      processSettings: {},
      legalFrame: DEMO_CULTURE_FRAME as object,
    },
  });
  await db.fundingRound.upsert({
    where: { slug: DEMO_ROUND_SLUG },
    update: {},
    create: {
      slug: DEMO_ROUND_SLUG,
      name: `§18-puljen ${year}–${year + 1} (løbende ansøgning)`,
      description:
        'Tilskud til frivilligt socialt arbejde efter servicelovens §18. Ansøgninger behandles løbende, efterhånden som de kommer ind.',
      budgetOre: kronerToOre(1_000_000),
      maxAmountOre: kronerToOre(50_000),
      // Open from the first day of the year to the end of the last day of the next, on the municipality's clocks.
      opensAt: startOfDayIn(`${year}-01-01`),
      closesAt: endOfDayIn(`${year + 1}-12-31`),
      mode: 'continuous',
      targetGroups: ['lonely', 'older_people', 'vulnerable_children_families', 'socially_vulnerable', 'mental_health'],
      excludedCostCategories: ['wages', 'premises', 'marketing'],
      decisionCriteria: DEMO_CRITERIA,
      // No documents are asked for with the application until the form can take uploads.
      reportingTiers: [
        { upToKroner: 10_000, requirement: 'declaration', applicationDocuments: [] },
        { upToKroner: 100_000, requirement: 'accounts', applicationDocuments: [] },
        { upToKroner: null, requirement: 'audited_accounts', applicationDocuments: [] },
      ],
      processSettings: {},
      legalFrame: DEMO_LEGAL_FRAME as object,
    },
  });
}

const DEMO_CRITERIA = [
  {
    code: 'target_group',
    label: {
      da: 'Aktiviteten når kun i begrænset omfang puljens prioriterede målgrupper.',
      nb: 'Aktiviteten når bare i begrenset grad puljens prioriterte målgrupper.',
      en: 'The activity reaches the round’s priority target groups only to a limited extent.',
    },
  },
  {
    code: 'excluded_costs',
    label: {
      da: 'En del af budgettet dækker udgifter, som puljen efter retningslinjerne ikke støtter.',
      nb: 'En del av budsjettet dekker utgifter som puljen etter retningslinjene ikke støtter.',
      en: 'Part of the budget covers costs the round does not support under its guidelines.',
    },
  },
  {
    code: 'voluntary_core',
    label: {
      da: 'Den frivillige indsats er ikke bærende i aktiviteten.',
      nb: 'Den frivillige innsatsen er ikke bærende i aktiviteten.',
      en: 'Voluntary effort is not at the core of the activity.',
    },
  },
  {
    code: 'replaces_municipal_service',
    label: {
      da: 'Aktiviteten erstatter en opgave, som kommunen selv løser.',
      nb: 'Aktiviteten erstatter en oppgave kommunen selv løser.',
      en: 'The activity replaces a service the municipality provides itself.',
    },
  },
];

export const DEMO_STAFF: { email: string; name: string; title: string; phone: string; roles: StaffRole[] }[] = [
  { email: 'caseworker@grantflow.local', name: 'Karin Holm', title: 'Sagsbehandler', phone: '99 99 12 34', roles: ['caseworker'] },
  { email: 'approver@grantflow.local', name: 'Torben Lund', title: 'Teamleder', phone: '99 99 12 40', roles: ['caseworker', 'approver'] },
  { email: 'admin@grantflow.local', name: 'Anna Kjær', title: 'Systemadministrator', phone: '99 99 12 55', roles: ['admin'] },
  { email: 'politician@grantflow.local', name: 'Poul Mortensen', title: 'Formand for Kultur- og Fritidsudvalget', phone: '99 99 10 00', roles: ['politician'] },
];

/** The four demo accounts, with one shared password (development only; production refuses to seed). */
export async function seedDemoStaff(db: Database, password: string, staff = DEMO_STAFF): Promise<void> {
  for (const user of staff) await upsertStaffUser(db, { ...user, password });
}
