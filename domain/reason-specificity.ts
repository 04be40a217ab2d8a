// Whether a begrundelse says something about this application, or only something that could be
// written on any refusal ("Ansøgningen opfylder ikke kriterierne."). Pure and free of Node: the
// API and the allocation check run it before a decision is made. A statement counts when it
// names a fact (a number: an amount, a count, a date, a point of the guidelines), or a word it
// shares with the round's criteria or with what the application itself says (its title, purpose,
// activities, place, budget lines, target group), once words any refusal could use are set aside.

/** What a begrundelse can point to: the round's criteria in every language, the application's own words. */
export interface ReasonContext {
  criteria: string[];
  facts: string[];
}

// Stems of words every refusal could use: the process itself, not this application.
const GENERIC_STEMS = (
  // Danish
  'ansøg kriteri opfyld lever krav betingels retningslinj formål vurder aktivitet projekt forening tilskud støtt afgør beslut ' +
  'begrund relevan tilstrækkelig utilstrækkelig prioriter andre øvrige samlet helhed nedsat reducer desværre ligelig forhold ' +
  'kommune ordning regler reglerne grund årsag pulje personer mennesker ' +
  // Norwegian bokmål
  'søk søkn oppfyll vilkår prosjekt tilskudd vedtak begrunn tilstrekkelig utilstrekkelig kommunen ordningen årsak ' +
  // English
  'applic criteri criterion meet fulfil requirement condition guideline purpose assess activit project association organi grant ' +
  'support decision decide reason relevan sufficien insufficien priorit other overall reduc municipal scheme rules round people'
).split(' ');

const FILLER = new Set(
  (
    'ansøgningen ansøgning jeres jer er var blev blevet har have havde vi os desværre ikke kunne kan kunnet måttet må det den de der og på af til ' +
    'som med derfor en et at været muligt give givet få fik så også men dette denne disse alle kun år året ' +
    'dere deres oss dessverre ble blitt måtte å vært mulig gi gitt også ikkje ' +
    'the your you we us not could can had has have been was were is are it and on of to for with therefore a an be able possible give given ' +
    'so also this that all only year does do did'
  ).split(' '),
);

const WORD = /[\p{L}\d]+/gu;

function significantWords(text: string): string[] {
  const words = text.toLowerCase().match(WORD) ?? [];
  return words.filter((word) => word.length >= 4 && !/\d/u.test(word) && !FILLER.has(word) && !GENERIC_STEMS.some((stem) => word.startsWith(stem)));
}

/** Two words are the same word when one inflects the other: they share all but a short ending. */
function sameStem(a: string, b: string): boolean {
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common += 1;
  return common >= Math.max(4, Math.min(a.length, b.length) - 3);
}

/** True when the statement names a number or a word of the round's criteria or of the application. */
export function namesCriterionOrFact(statement: string, context: ReasonContext): boolean {
  if (/\d/u.test(statement)) return true;
  const own = significantWords(statement);
  if (own.length === 0) return false;
  const known = new Set([...context.criteria, ...context.facts].flatMap(significantWords));
  return own.some((word) => [...known].some((other) => sameStem(word, other)));
}
