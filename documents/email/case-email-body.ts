import type { Locale } from '../../locale';
import type { GlossaryTerm } from '../../domain/glossary';
import type { OptionalBlock } from './blocks';
import type { EmailCommon } from './types';

/** What one kind of case email says; the greeting and sign-off default to the association's. */
export interface CaseEmailBody {
  subject: string;
  blocks: OptionalBlock[];
  greeting?: string;
  signOff?: string;
  /** The glossary's terms the email uses, linked below it. */
  terms?: GlossaryTerm[];
}

export type CaseEmailComposer<Data> = (data: Data, locale: Locale) => CaseEmailBody;

/** The names every case email's sentences fill in. */
export function caseValues(data: EmailCommon): { organization: string; reference: string } {
  return { organization: data.organizationName, reference: data.reference };
}
