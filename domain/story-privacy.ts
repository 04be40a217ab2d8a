// A story goes to politicians without anything that points to a person or to the association:
// these are the things a machine can find with confidence. Names of other people cannot be found
// reliably; the caseworker reading the text is the check for those.

export type PersonalDataKind = 'email' | 'phone' | 'cpr' | 'cvr' | 'association' | 'contact';

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  /** The text as it stands in the story, so the caseworker can find it. */
  match: string;
}

/** What the case knows about who is behind it. */
export interface KnownIdentity {
  associationName: string;
  cvr: string;
  contactName: string;
}

const EMAIL = /[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)+/gu;
// Day, month, two-digit year, then four digits: 010190-1234 or 0101901234.
const CPR = /(?<!\d)(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[- ]?\d{4}(?!\d)/g;
// Danish and Norwegian numbers have eight digits: 12345678, 12 34 56 78, +45 1234 5678.
const PHONE = /(?:\+\d{2}[\s-]?)?(?<!\d)(?:\d{8}|\d{2}(?:[\s-]\d{2}){3}|\d{4}[\s-]\d{4}|\d{3}[\s-]\d{2}[\s-]\d{3})(?!\d)/g;

function normalised(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLocaleLowerCase('da');
}

function matchesOf(pattern: RegExp, text: string): string[] {
  return [...text.matchAll(pattern)].map((m) => m[0]);
}

/** Where `needle` stands in `text`, ignoring case and runs of whitespace; the text as written, or null. */
function findName(text: string, needle: string): string | null {
  const wanted = normalised(needle);
  if (wanted.length < 3) return null;
  const words = wanted.split(' ').map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const found = new RegExp(`(?<![\\p{L}\\d])${words.join('\\s+')}(?![\\p{L}\\d])`, 'iu').exec(text);
  return found ? found[0] : null;
}

/**
 * Everything in a text meant for publication that names or reaches someone: email addresses,
 * phone numbers, CPR-like numbers, the association's CVR number and name, and its contact person.
 * An empty list means none was found.
 */
export function findPersonalData(text: string, who: KnownIdentity): PersonalDataFinding[] {
  const findings: PersonalDataFinding[] = [];
  const add = (kind: PersonalDataKind, match: string) => {
    if (!findings.some((f) => f.match === match)) findings.push({ kind, match });
  };
  for (const match of matchesOf(EMAIL, text)) add('email', match);
  const withoutEmails = text.replace(EMAIL, ' ');
  const cprs = matchesOf(CPR, withoutEmails);
  for (const match of cprs) add('cpr', match);
  const rest = withoutEmails.replace(CPR, ' ');
  for (const match of matchesOf(PHONE, rest)) add(who.cvr && match.replace(/\D/g, '') === who.cvr ? 'cvr' : 'phone', match);
  const association = findName(text, who.associationName);
  if (association) add('association', association);
  const contact = findName(text, who.contactName);
  if (contact) add('contact', contact);
  return findings;
}
