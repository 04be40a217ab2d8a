import { z } from 'zod';
import { calendarDateIn } from './time-zone';
import { messageKey } from './message-key';
import { organisationNoLongerApplies } from './retention';
import type { ApplicationDocumentKind } from './tiers';

// An association's documents kept once and reused in every application (README "Documents kept
// once"): which application documents are about the association itself, how long each stays
// valid, and which one a round may take. Pure rules; the storage is services/api/organisation/documents.ts.

/**
 * The application document kinds (domain/tiers.ts) that describe the association rather than one
 * project: its statutes and its annual accounts. A budget belongs to one activity and is never kept.
 */
export const ORGANISATION_DOCUMENT_KINDS = ['statutes', 'annual_accounts'] as const satisfies readonly ApplicationDocumentKind[];
export type OrganisationDocumentKind = (typeof ORGANISATION_DOCUMENT_KINDS)[number];

/**
 * - until_replaced: valid from upload until newer ones of the same kind are uploaded (statutes
 *   hold until the general assembly changes them).
 * - per_financial_year: each upload is the document of one financial year, given on upload
 *   (annual accounts); a newer upload of the same year replaces it.
 */
export type ValidityRule = 'until_replaced' | 'per_financial_year';

export const VALIDITY_RULES: Record<OrganisationDocumentKind, ValidityRule> = {
  statutes: 'until_replaced',
  annual_accounts: 'per_financial_year',
};

export function isOrganisationDocumentKind(kind: string): kind is OrganisationDocumentKind {
  return (ORGANISATION_DOCUMENT_KINDS as readonly string[]).includes(kind);
}

export function needsFinancialYear(kind: OrganisationDocumentKind): boolean {
  return VALIDITY_RULES[kind] === 'per_financial_year';
}

/** The earliest financial year accepted on upload: older accounts are no use to any round. */
export const EARLIEST_FINANCIAL_YEAR = 2000;

/**
 * The upload form's fields besides the file: the kind, and for accounts the financial year (the
 * calendar year, as associations' accounts run), which may not lie in the future.
 */
export function archiveUploadSchema(currentYear: number) {
  return z
    .strictObject({
      kind: z.enum(ORGANISATION_DOCUMENT_KINDS, { message: messageKey('archive.errors.kind') }),
      financialYear: z
        .string()
        .trim()
        .optional()
        .transform((value) => (value ? value : undefined)),
    })
    .superRefine((input, context) => {
      if (!needsFinancialYear(input.kind)) return;
      const year = input.financialYear && /^\d{4}$/.test(input.financialYear) ? Number(input.financialYear) : NaN;
      if (!(year >= EARLIEST_FINANCIAL_YEAR && year <= currentYear)) {
        context.addIssue({ code: 'custom', path: ['financialYear'], message: messageKey('archive.errors.financialYear') });
      }
    })
    .transform((input) => ({ kind: input.kind, financialYear: needsFinancialYear(input.kind) ? Number(input.financialYear) : null }));
}

export type ArchiveUpload = z.output<ReturnType<typeof archiveUploadSchema>>;

/** Of the organisation's current documents, those a new upload replaces: the same kind, and for accounts the same year. */
export function replacedByUpload<T extends { kind: string; financialYear: number | null; replacedAt: Date | null }>(current: readonly T[], upload: ArchiveUpload): T[] {
  return current.filter(
    (document) => document.replacedAt === null && document.kind === upload.kind && (VALIDITY_RULES[upload.kind] === 'until_replaced' || document.financialYear === upload.financialYear),
  );
}

/**
 * The financial years whose annual accounts a round takes: the last financial year closed before
 * the round opens, and — when the round opens before 1 July — also the year before that. Danish
 * associations approve their accounts at the general assembly, usually in the first months of the
 * year (DOMAIN.md: "last annual accounts"), so in spring the latest approved accounts may still be
 * those of two years back; from July the last closed year's accounts are expected. Years are
 * counted in the municipality's time zone. Newest first.
 */
export function accountsYearsForRound(roundOpensAt: Date, timeZone: string): number[] {
  const [year, month] = calendarDateIn(roundOpensAt, timeZone).split('-').map(Number) as [number, number];
  return month < 7 ? [year - 1, year - 2] : [year - 1];
}

export type ArchiveValidity = 'valid' | 'replaced' | 'wrongYear';

/** Whether a kept document may go with an application to the round: not replaced, and accounts of a year the round takes. */
export function validityForRound(document: { kind: string; financialYear: number | null; replacedAt: Date | null }, round: { opensAt: Date }, timeZone: string): ArchiveValidity {
  if (document.replacedAt !== null) return 'replaced';
  if (isOrganisationDocumentKind(document.kind) && needsFinancialYear(document.kind)) {
    return document.financialYear !== null && accountsYearsForRound(round.opensAt, timeZone).includes(document.financialYear) ? 'valid' : 'wrongYear';
  }
  return 'valid';
}

/**
 * For each kind the application asks for, the kept document to offer: the valid one (for accounts
 * the newest year the round takes), or none.
 */
export function archiveOffers<T extends { kind: string; financialYear: number | null; replacedAt: Date | null; uploadedAt: Date }>(
  documents: readonly T[],
  asked: readonly string[],
  round: { opensAt: Date },
  timeZone: string,
): Map<OrganisationDocumentKind, T> {
  const offers = new Map<OrganisationDocumentKind, T>();
  for (const kind of ORGANISATION_DOCUMENT_KINDS) {
    if (!asked.includes(kind)) continue;
    const valid = documents
      .filter((document) => document.kind === kind && validityForRound(document, round, timeZone) === 'valid')
      .sort((a, b) => (b.financialYear ?? 0) - (a.financialYear ?? 0) || b.uploadedAt.getTime() - a.uploadedAt.getTime());
    if (valid[0]) offers.set(kind, valid[0]);
  }
  return offers;
}

/**
 * Which kept documents the retention run deletes (README "Retention"): a replaced one once the
 * period has passed since it was replaced; every one of an organisation that no longer applies
 * (domain/retention.ts: no members, no application or draft within the period).
 */
export function archiveDocumentExpired(
  document: { replacedAt: Date | null },
  organisation: { members: number; lastApplicationAt: Date | null },
  cutoff: Date,
): boolean {
  if (document.replacedAt !== null && document.replacedAt.getTime() < cutoff.getTime()) return true;
  return organisationNoLongerApplies(organisation, cutoff);
}
