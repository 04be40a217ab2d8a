import { reasonsProblems, type ReasonContext } from '../../domain/decision-rules';

// The begrundelse of a refusal or a partial grant must be about this application: one of the
// round's criteria, or a statement naming a criterion or a fact of the application. The context
// is what the API passes: the round's criteria in every language and the application's own words.
const CONTEXT: ReasonContext = {
  criteria: [
    'Aktiviteten når kun få i målgruppen.',
    'Aktiviteten når bare få i målgruppen.',
    'The activity reaches few people in the target group.',
    'En stor del af budgettet går til udgifter, puljen ikke dækker.',
    'En stor del av budsjettet går til utgifter puljen ikke dekker.',
    'A large part of the budget is for costs the round does not cover.',
  ],
  facts: [
    'Fællesspisning for ensomme ældre',
    'Et ugentligt måltid, der bryder ensomheden.',
    'Vi laver mad sammen hver torsdag og spiser i foreningens lokale.',
    'Nordby Medborgerhus',
    'Råvarer til 12 fællesspisninger',
    'Service og køkkengrej',
    'Ensomme',
  ],
};

function problemOf(text: string, criteria: string[] = []): string | null {
  const [problem] = reasonsProblems({ outcome: 'rejected', amountRequestedOre: 1_200_000, amountGrantedOre: 0, reasons: { criteria, text } }, 'worded', CONTEXT);
  return problem?.messageKey ?? null;
}

describe('a begrundelse must be about this application', () => {
  it.each([
    ['da', 'Ansøgningen opfylder ikke kriterierne.'],
    ['da', 'Aktiviteten lever ikke op til puljens formål.'],
    ['da', 'Projektet er efter en samlet vurdering ikke tilstrækkeligt relevant.'],
    ['da', 'Foreningen opfylder ikke betingelserne i retningslinjerne.'],
    ['nb', 'Søknaden oppfyller ikke kriteriene.'],
    ['nb', 'Prosjektet oppfyller ikke vilkårene etter en samlet vurdering.'],
    ['en', 'The application does not meet the criteria.'],
    ['en', 'After an overall assessment the project is not sufficiently relevant to the scheme.'],
  ])('refuses a statement that names no criterion and no fact (%s: %s)', (_language, text) => {
    expect(problemOf(text)).toBe('errors.decision.reasonsGeneric');
  });

  it.each([
    ['da', 'Fællesspisningen når få ældre i målgruppen, fordi den ligger om formiddagen.'],
    ['da', 'Udgifterne til køkkengrej dækkes ikke af puljen.'],
    ['da', 'Der er søgt 9.000 kr. til råvarer, og mad til deltagerne dækkes kun med halvdelen.'],
    ['da', 'Medborgerhuset stiller lokaler gratis til rådighed, så huslejen er ikke en udgift.'],
    ['nb', 'Måltidene på torsdager når få eldre; puljen prioriterer aktiviteter for ensomme barn.'],
    ['nb', 'Budsjettet på 12 000 kroner inneholder kostnader til utstyr som ikke dekkes.'],
    ['en', 'The weekly meals reach few people in the target group.'],
    ['en', 'Kitchen equipment (3,000 kr.) is not covered by the round.'],
  ])('accepts a statement naming a criterion or a fact (%s: %s)', (_language, text) => {
    expect(problemOf(text)).toBeNull();
  });

  it('accepts a chosen criterion of the round in its own words', () => {
    expect(problemOf('', ['Aktiviteten når kun få i målgruppen.'])).toBeNull();
  });

  it('still refuses "prioritised within the available funds" and an empty begrundelse first', () => {
    expect(problemOf('Ansøgningen er prioriteret inden for de tilgængelige midler.')).toBe('errors.decision.reasonsOnlyFunds');
    expect(problemOf('Prioritised within available funds.')).toBe('errors.decision.reasonsOnlyFunds');
    expect(problemOf('')).toBe('errors.decision.reasonsRequired');
  });

  it('is not asked of a full approval', () => {
    expect(reasonsProblems({ outcome: 'approved', amountRequestedOre: 100, amountGrantedOre: 100, reasons: { criteria: [], text: '' } }, 'worded', CONTEXT)).toEqual([]);
  });

  it('without the context (the letter, the workflow) checks only what it can see', () => {
    const generic = { outcome: 'rejected' as const, amountRequestedOre: 100, amountGrantedOre: 0, reasons: { criteria: [], text: 'Ansøgningen opfylder ikke kriterierne.' } };
    expect(reasonsProblems(generic)).toEqual([]);
    expect(reasonsProblems(generic, 'worded', CONTEXT)).toEqual([{ field: 'reasons', messageKey: 'errors.decision.reasonsGeneric' }]);
  });
});
