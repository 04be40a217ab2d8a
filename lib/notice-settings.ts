import { z } from 'zod';

/**
 * What the privacy notice (GDPR art. 13) and the accessibility statement say about this
 * municipality. The standard wording is in the catalogues (da, nb, en); these settings supply the
 * facts, and a text set here replaces the standard one in every language, shown as written.
 */
export const noticeSettingsSchema = z.object({
  /** Which country's authorities the pages name: DK (Datatilsynet, Digitaliseringsstyrelsen) or NO. */
  MUNICIPALITY_COUNTRY: z.enum(['DK', 'NO']).default('DK'),
  PRIVACY_DPO_EMAIL: z.string().email().default('dpo@eksempel.dk'),
  PRIVACY_DPO_PHONE: z.string().min(1).optional(),
  /** Replaces the standard purposes of processing. */
  PRIVACY_PURPOSES: z.string().min(1).optional(),
  /** Replaces the standard legal basis (GDPR art. 6(1)(e) and art. 9(2)(g) with the grant rules). */
  PRIVACY_LEGAL_BASIS: z.string().min(1).optional(),
  /** Replaces the standard words on how long data is kept. */
  PRIVACY_RETENTION: z.string().min(1).optional(),
  /** Further recipients named one by one (e.g. the IT supplier processing for the municipality), separated by ";". */
  PRIVACY_RECIPIENTS: z.string().min(1).optional(),
  /** How far the pages meet WCAG 2.1 AA (EN 301 549): full, partial or none. */
  ACCESSIBILITY_STATUS: z.enum(['full', 'partial', 'none']).default('partial'),
  /** Replaces the standard list of known issues; issues separated by ";". */
  ACCESSIBILITY_KNOWN_ISSUES: z.string().min(1).optional(),
  /** Where people report accessibility problems; unset: MUNICIPALITY_EMAIL. */
  ACCESSIBILITY_FEEDBACK_EMAIL: z.string().email().optional(),
  /** When the statement was prepared or last reviewed (YYYY-MM-DD). */
  ACCESSIBILITY_STATEMENT_DATE: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-12-01')
    .default('2026-12-01'),
});

export type NoticeSettings = z.infer<typeof noticeSettingsSchema>;

/** A setting holding a list: its items, trimmed, none empty. */
export function listSetting(value: string | undefined): string[] {
  return (value ?? '').split(';').map((item) => item.trim()).filter(Boolean);
}
