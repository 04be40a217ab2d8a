import { formatCaseReference } from './reference';

// CSV as Danish Excel and the municipal finance systems read it: semicolons (the comma is the
// decimal mark), CRLF line ends (RFC 4180) and a UTF-8 byte order mark, without which Excel
// reads "Fælles" as "FÃ¦lles".

export type CsvCell = string | number | null | undefined;

export interface CsvOptions {
  /** ";" by default. */
  separator?: string;
  /** Start with a UTF-8 byte order mark; true by default. */
  bom?: boolean;
  /**
   * Text starting with = + - @ or a tab is a formula to a spreadsheet, and association names come
   * from the public form: such text gets a leading apostrophe so it is shown, never run. True by
   * default; numbers (JavaScript numbers) are never touched.
   */
  guardFormulas?: boolean;
}

export const UTF8_BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, quoted when it holds the separator, a quote or a line break (quotes doubled). */
export function csvField(value: CsvCell, separator = ';', guardFormulas = true): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (guardFormulas && typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  const needsQuotes = text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim();
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: one line per row, every line (the last too) ended by CRLF. */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const { separator = ';', bom = true, guardFormulas = true } = options;
  if (separator.length !== 1 || /["\r\n]/.test(separator)) throw new RangeError(`Not a usable CSV separator: ${JSON.stringify(separator)}`);
  const lines = rows.map((row) => row.map((cell) => csvField(cell, separator, guardFormulas)).join(separator) + '\r\n');
  return (bom ? UTF8_BOM : '') + lines.join('');
}

// ── The payout file for the finance system ────────────────────────────────────────────────────

export interface PayoutExportLine {
  referenceNumber: number;
  /** When the application was submitted: the year in the case reference. */
  submittedAt: Date;
  cvr: string;
  organizationName: string;
  amountOre: bigint;
  /** A calendar date (a DATE column read as UTC midnight). */
  scheduledFor: Date;
}

export const PAYOUT_EXPORT_HEADER = ['Sagsnummer', 'CVR-nummer', 'Forening', 'Beløb (kr.)', 'Udbetalingsdato', 'Betales til', 'Tekst på kontoudtog'] as const;

/** "12000,00": kroner and øre with a decimal comma and no thousands separator, as imports expect. */
export function formatAmountForExport(amountOre: bigint): string {
  if (amountOre < 0n) throw new RangeError(`A payout cannot be negative: ${amountOre} øre`);
  return `${amountOre / 100n},${String(amountOre % 100n).padStart(2, '0')}`;
}

/**
 * Payment goes to the association's NemKonto by CVR (DOMAIN.md §6): the file carries no account
 * numbers. The bank-statement text names the case, so the association can tell what the money is.
 */
export function payoutExportCsv(lines: readonly PayoutExportLine[]): string {
  const rows = lines.map((line) => {
    const reference = formatCaseReference(line.referenceNumber, line.submittedAt);
    return [
      reference,
      line.cvr,
      line.organizationName,
      formatAmountForExport(line.amountOre),
      line.scheduledFor.toISOString().slice(0, 10),
      'NemKonto',
      `§18 ${reference}`,
    ];
  });
  return toCsv([[...PAYOUT_EXPORT_HEADER], ...rows]);
}
