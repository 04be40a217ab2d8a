import type { Database } from '../../../lib/db';
import { formatAmountForExport, toCsv } from '../../../domain/csv';
import { refreshStatistics } from './refresh';
import { lawWording, t, type Language, type MessageKey } from '../../../locale';
import type { Jurisdiction } from '../../../domain/jurisdiction';
import { nameOf } from './labels';

// The grants the municipality has made, as open data. Associations are legal entities and are
// named with their organisation number (CVR or organisasjonsnummer); contact persons and email
// addresses never appear.

export interface OpenGrant {
  round: string;
  association: string;
  cvr: string;
  activity: string;
  targetGroup: string;
  targetGroupLabel: string;
  amountGranted: number;
  decisionDate: string;
}

// The published data set is in the municipality's language (Danish, or bokmål in Norway), whoever
// downloads it: its columns are a fixed format.
const OPEN_DATA_COLUMNS: MessageKey[] = [
  'stats.openData.round',
  'stats.openData.association',
  'stats.openData.cvr',
  'stats.openData.activity',
  'stats.openData.targetGroup',
  'stats.openData.amountGranted',
  'stats.openData.decisionDate',
];

export async function decidedGrants(db: Database, roundId?: string, language: Language = 'da'): Promise<OpenGrant[]> {
  await refreshStatistics(db);
  const rows = await db.$queryRawUnsafe<{ round: string; association: string; cvr: string; activity: string; target_group: string; amount: bigint; decided: string }[]>(
    `SELECT r.name AS round, a.organization_name AS association, a.organization_cvr AS cvr, a.project_title AS activity,
            a.target_group, f.amount_granted_ore AS amount, to_char(f.decided_day, 'YYYY-MM-DD') AS decided
     FROM stats_case_facts f JOIN applications a ON a.id = f.application_id JOIN funding_rounds r ON r.id = f.round_id
     WHERE f.outcome IN ('approved', 'partially_approved') AND f.amount_granted_ore > 0 AND ($1::uuid IS NULL OR f.round_id = $1::uuid)
     ORDER BY f.decided_day DESC, a.reference_number DESC`,
    roundId ?? null,
  );
  return rows.map((row) => ({
    round: row.round,
    association: row.association,
    cvr: row.cvr,
    activity: row.activity,
    targetGroup: row.target_group,
    targetGroupLabel: nameOf(language, `common.targetGroup.${row.target_group}`, row.target_group),
    amountGranted: Number(row.amount) / 100,
    decisionDate: row.decided,
  }));
}

export function openGrantsCsv(grants: readonly OpenGrant[], language: Language = 'da', law?: Jurisdiction): string {
  return toCsv([
    OPEN_DATA_COLUMNS.map((column) => t(language, column === 'stats.openData.cvr' ? lawWording(column, law) : column)),
    ...grants.map((grant) => [grant.round, grant.association, grant.cvr, grant.activity, grant.targetGroupLabel, formatAmountForExport(BigInt(Math.round(grant.amountGranted * 100))), grant.decisionDate]),
  ]);
}
