import pg from 'pg';
import type { FundingRound } from '../prisma/generated/client';

/**
 * Rows read with plain SQL, shaped as Prisma shapes them: where every request or every case reads
 * a row, Prisma 6's compiling of the query costs more CPU than the database spends answering it.
 */

/** A schema field's column: the schema maps every field to its snake_case name. */
export function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** `alias.column AS "prefixfield"` for each field, for a SELECT list. */
export function selectFields(fields: readonly string[], alias: string, prefix = ''): string {
  return fields.map((field) => `${alias}.${columnOf(field)} AS "${prefix}${field}"`).join(', ');
}

/** Every column of a funding round, by the schema's field names. */
export const FUNDING_ROUND_FIELDS = [
  'id', 'slug', 'schemeId', 'name', 'description', 'budgetOre', 'maxAmountOre', 'opensAt', 'closesAt', 'mode', 'targetGroups',
  'excludedCostCategories', 'fourEyesThresholdOre', 'reportingTiers', 'decisionCriteria', 'processSettings', 'legalFrame', 'demo',
  'grantYears', 'yearlyBudgetsOre', 'informalGroups', 'createdAt', 'updatedAt',
] as const satisfies readonly (keyof FundingRound)[];

/** A column added to the schema and not to its list fails the typecheck: the row would lack it. */
export type Unlisted<T, Listed extends readonly string[]> = Exclude<keyof T, Listed[number]>;
const everyRoundColumn: Unlisted<FundingRound, typeof FUNDING_ROUND_FIELDS> extends never ? true : never = true;
void everyRoundColumn;

const INT8 = 20;
const INT8_ARRAY = 1016;
const DATE = 1082;

/**
 * The values as Prisma gives them: bigint for int8 (and its arrays), a date as midnight UTC (pg's
 * own parser would take midnight in the process's time zone); everything else as pg parses it.
 */
const parserOf = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => (value: string) => unknown;
export const PRISMA_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (value: string) => BigInt(value);
    if (oid === INT8_ARRAY) {
      const strings = parserOf(INT8_ARRAY, 'text') as (value: string) => (string | null)[];
      return (value: string) => strings(value).map((item) => (item === null ? null : BigInt(item)));
    }
    if (oid === DATE) return (value: string) => new Date(`${value}T00:00:00Z`);
    return parserOf(oid, format);
  },
} as pg.CustomTypesConfig;

/** The fields of `row` named `prefix + field`, without the prefix. */
export function pickFields<T>(row: Record<string, unknown>, fields: readonly string[], prefix = ''): T {
  const picked: Record<string, unknown> = {};
  for (const field of fields) picked[field] = row[`${prefix}${field}`];
  return picked as T;
}

const FUNDING_ROUND_SQL = `SELECT ${selectFields(FUNDING_ROUND_FIELDS, 'r')} FROM funding_rounds r WHERE r.id = $1`;

/** What `db.fundingRound.findUnique({ where: { id } })` returns, in one prepared statement. */
export async function readFundingRound(sql: pg.Pool | pg.PoolClient, id: string): Promise<FundingRound | null> {
  const result = await sql.query<Record<string, unknown>>({ name: 'read-funding-round', text: FUNDING_ROUND_SQL, values: [id], types: PRISMA_TYPES });
  const row = result.rows[0];
  return row ? pickFields<FundingRound>(row, FUNDING_ROUND_FIELDS) : null;
}
