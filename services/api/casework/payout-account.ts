import crypto from 'node:crypto';
import type { Database } from '../../../lib/db';
import type { Language } from '../../../lib/languages';
import type { StaffIdentity } from '../../../lib/staff-auth';
import { maskKontonummer } from '../../../lib/bank-account';
import { bankAccountCorrectionSchema } from '../../../domain/bank-account-input';
import { jurisdictionRules, type Jurisdiction } from '../../../domain/jurisdiction';
import { recordAudit } from '../audit/log';
import { validated } from '../admin/validated';
import { ApiError } from '../http/errors';

export interface PayoutAccountCorrection {
  /** The account as it now stands, masked. */
  account: string;
  /** False when the case already had this account: nothing stored, no event. */
  changed: boolean;
}

/**
 * A caseworker corrects the account the grant is paid to, when the organisation asks (NO only: a
 * Danish case is paid to the NemKonto and has no account, 409). The number is validated like the
 * form's (400 with the field's message in the caller's language, nothing stored); the change is an
 * event on the case with its time and who made it, and an audit row. Neither keeps the old or the
 * new number in full: the event and the audit show the masked forms. The next payout file reads
 * the corrected number; a file already made keeps the one it was made with.
 */
export async function correctPayoutAccount(
  db: Database,
  staff: StaffIdentity,
  applicationId: string,
  input: unknown,
  language: Language,
  jurisdiction: Jurisdiction,
): Promise<PayoutAccountCorrection> {
  if (!jurisdictionRules(jurisdiction).payout.collectsAccount) throw new ApiError(409, 'payout_account_not_collected', 'errors.bankAccount.notCollected');
  const { bankAccount } = validated(bankAccountCorrectionSchema, input, language);
  const result = await db.$transaction(async (tx) => {
    // The row is locked, so two corrections at once record their events in the order they apply.
    const [current] = await tx.$queryRaw<{ payout_account: string | null; status: string }[]>`
      SELECT payout_account, status::text AS status FROM applications WHERE id = ${applicationId}::uuid FOR UPDATE`;
    if (!current) throw new ApiError(404, 'not_found', 'errors.application.notFound');
    if (current.payout_account === bankAccount) return { previous: current.payout_account, changed: false };
    await tx.application.update({ where: { id: applicationId }, data: { payoutAccount: bankAccount } });
    const status = current.status as never;
    await tx.caseEvent.create({
      data: {
        eventKey: `${applicationId}:payout_account_corrected:${crypto.randomUUID()}`,
        applicationId,
        type: 'payout_account_corrected',
        fromStatus: status,
        toStatus: status,
        actor: staff.email,
        occurredAt: new Date(),
        details: { previous: current.payout_account ? maskKontonummer(current.payout_account) : null, account: maskKontonummer(bankAccount) },
      },
    });
    return { previous: current.payout_account, changed: true };
  });
  if (result.changed) {
    await recordAudit(db, staff, 'case.payout_account_correct', {
      applicationId,
      details: { previous: result.previous ? maskKontonummer(result.previous) : null, account: maskKontonummer(bankAccount) },
    });
  }
  return { account: maskKontonummer(bankAccount), changed: result.changed };
}
