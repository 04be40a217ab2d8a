import type { ApplicationInput } from '../../domain/application-input';
import type { Language } from '../../lib/languages';
import type { Jurisdiction } from '../../lib/jurisdiction';

/**
 * What the association sent, as it was stored at submission: the copy it can download from its
 * case page. Rendered on request, never stored; the same data gives the same bytes.
 */
export interface ApplicationCopyData {
  /** The application's language: the copy speaks it, whatever the page asking for it speaks. */
  language: Language;
  reference: string; // case reference, e.g. GF-2026-00042
  submittedAt: Date;
  municipalityName: string;
  roundName: string;
  /**
   * The submission as stored (domain/application-input.ts). After retention its texts are empty
   * strings; the copy then says "not filled in" rather than failing.
   */
  submission: ApplicationInput;
  /** The documents sent with the application (statutes, budget, accounts), oldest first. */
  documents: { kind: string; filename: string }[];
  /** Whose organisation number and law the form asked about (CVR-nummer or organisasjonsnummer); Danish when not given. */
  law?: Jurisdiction;
}
