import { formatCaseReference } from './reference';
import type { Jurisdiction } from '../lib/jurisdiction';

// CSV as Danish Excel and the municipal finance systems read it: semicolons (the comma is the
// decimal mark), CRLF line ends (RFC 4180) and a UTF-8 byte order mark, without which Excel
// reads "Fælles" as "FÃ¦lles".

/** A number already written as the file's reader expects it ("-4000,00"): never taken for a formula. */
export interface CsvNumber {
  numeric: string;
}

export type CsvCell = string | number | CsvNumber | null | undefined;

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
  if (typeof value === 'object') {
    if (!/^-?\d+(,\d+)?$/.test(value.numeric)) throw new RangeError(`Not a number: ${JSON.stringify(value.numeric)}`);
    return value.numeric;
  }
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

/**
 * Reads CSV as toCsv writes it (and as spreadsheets save it): a leading byte order mark is
 * dropped, quoted fields may hold the separator, quotes and line breaks, lines end with CRLF or
 * LF, and a last line without an ending is kept.
 */
export function parseCsv(text: string, separator = ';'): string[][] {
  const source = text.startsWith(UTF8_BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i]!;
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      row.push(field);
      field = '';
    } else if (char === '\n' || (char === '\r' && source[i + 1] === '\n')) {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (char === '\r') i += 1;
    } else field += char;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

// ── The payout file for the finance system ────────────────────────────────────────────────────

export interface PayoutExportLine {
  /** The payout row's id: finance names it back when it confirms the line as paid. */
  lineId: string;
  referenceNumber: number;
  /** When the application was submitted: the year in the case reference. */
  submittedAt: Date;
  cvr: string;
  organizationName: string;
  amountOre: bigint;
  /** A calendar date (a DATE column read as UTC midnight). */
  scheduledFor: Date;
  /** The organisation's account (11 digits) where the jurisdiction has no NemKonto (NO); null in Denmark. */
  account?: string | null;
}

export const PAYOUT_LINE_ID_COLUMN = 'Linje-id';
export const PAYOUT_EXPORT_HEADER = ['Sagsnummer', 'CVR-nummer', 'Forening', 'Beløb (kr.)', 'Udbetalingsdato', 'Betales til', 'Tekst på kontoudtog', PAYOUT_LINE_ID_COLUMN] as const;
/** A Norwegian finance department's file: the same columns in bokmål, the account number in full in its own column. */
export const PAYOUT_EXPORT_HEADER_NO = ['Saksnummer', 'Organisasjonsnummer', 'Organisasjon', 'Beløp (kr)', 'Utbetalingsdato', 'Kontonummer', 'Tekst på kontoutskrift', PAYOUT_LINE_ID_COLUMN] as const;

/** The payout file's columns in a jurisdiction: the line id column is the same in both, for the confirmation. */
export function payoutExportHeader(jurisdiction: Jurisdiction = 'DK'): readonly string[] {
  return jurisdiction === 'NO' ? PAYOUT_EXPORT_HEADER_NO : PAYOUT_EXPORT_HEADER;
}

/**
 * "12000,00": kroner and øre with a decimal comma and no thousands separator, as imports expect;
 * a negative amount (money to be paid back after a reduced grant) is "-4000,00".
 */
export function formatAmountForExport(amountOre: bigint): string {
  const size = amountOre < 0n ? -amountOre : amountOre;
  return `${amountOre < 0n ? '-' : ''}${size / 100n},${String(size % 100n).padStart(2, '0')}`;
}

/**
 * In Denmark payment goes to the association's NemKonto by CVR (DOMAIN.md §6): the file carries no
 * account numbers. In Norway there is no NemKonto: the file carries the account number the
 * organisation gave, in full (the only place it is shown in full). The bank-statement text names
 * the case, so the association can tell what the money is. The last column identifies the line,
 * so finance's confirmation can name what was paid.
 */
export function payoutExportCsv(lines: readonly PayoutExportLine[], jurisdiction: Jurisdiction = 'DK'): string {
  const rows = lines.map((line) => {
    const reference = formatCaseReference(line.referenceNumber, line.submittedAt);
    return [
      reference,
      line.cvr,
      line.organizationName,
      { numeric: formatAmountForExport(line.amountOre) },
      line.scheduledFor.toISOString().slice(0, 10),
      jurisdiction === 'NO' ? (line.account ?? '') : 'NemKonto',
      jurisdiction === 'NO' ? `Tilskudd ${reference}` : `§18 ${reference}`,
      line.lineId,
    ];
  });
  return toCsv([[...payoutExportHeader(jurisdiction)], ...rows]);
}

// ── Finance's confirmation of a payout file ───────────────────────────────────────────────────

/** The optional column of a confirmation file with the date each line was paid. */
export const PAYOUT_PAID_ON_COLUMN = 'Betalt den';

export interface ConfirmedPayoutLine {
  lineId: string;
  /** YYYY-MM-DD, when the file says; otherwise the line's own payout date counts. */
  paidOn?: string;
}

/**
 * The lines a confirmation file says are paid: the payout file (or any CSV) with its "Linje-id"
 * column, and optionally a "Betalt den" column. Null when the file has no such column.
 */
export function confirmedPayoutLines(text: string): ConfirmedPayoutLine[] | null {
  const [header, ...rows] = parseCsv(text);
  const columns = (header ?? []).map((name) => name.trim().toLowerCase());
  const idColumn = columns.indexOf(PAYOUT_LINE_ID_COLUMN.toLowerCase());
  if (idColumn < 0) return null;
  const paidOnColumn = columns.indexOf(PAYOUT_PAID_ON_COLUMN.toLowerCase());
  return rows
    .filter((row) => (row[idColumn] ?? '').trim() !== '')
    .map((row) => {
      const paidOn = paidOnColumn >= 0 ? (row[paidOnColumn] ?? '').trim() : '';
      return { lineId: row[idColumn]!.trim(), ...(paidOn ? { paidOn } : {}) };
    });
}
