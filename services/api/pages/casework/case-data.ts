import type { Database } from '../../../../lib/db';
import type { SafeHtml } from '../../../../lib/html';
import type { FieldErrors } from '../forms';
import type { StaffAction } from '../../../../domain/staff-policy';

// What the case page shows and what an action leaves on it, shared by the page and its forms.

export type CaseForm = 'decide' | 'request' | 'consult' | 'judge' | 'note' | 'approval' | 'reconsider' | 'board' | 'story' | 'repayment' | 'repaymentPaid' | 'grantChange' | 'payoutAccount';

/** Whether the signed-in member's roles allow an action (domain/staff-policy.ts): a form shows only then. */
export type Allows = (action: StaffAction) => boolean;

/** What a failed or refused action leaves on the page: the form's errors and values, or the stale-state notice. */
export interface CasePageState {
  form?: CaseForm;
  errors?: FieldErrors;
  values?: Record<string, unknown>;
  notice?: SafeHtml;
}

export function loadCase(db: Database, applicationId: string) {
  return db.application.findUnique({
    where: { id: applicationId },
    include: {
      round: true,
      events: { orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] },
      informationRequests: { orderBy: { sequence: 'asc' } },
      consultations: { orderBy: { sequence: 'asc' } },
      decisions: { orderBy: { sequence: 'asc' } },
      documents: { select: { id: true, kind: true, filename: true, size: true, createdAt: true }, orderBy: { createdAt: 'asc' } },
      screenings: { orderBy: { createdAt: 'desc' }, take: 1 },
      reports: { orderBy: { sequence: 'asc' } },
      reconsiderations: { orderBy: { sequence: 'asc' } },
      payouts: { orderBy: [{ decisionSequence: 'asc' }, { year: 'asc' }], include: { payoutRun: { select: { createdAt: true } } } },
      repayments: { orderBy: { reportSequence: 'asc' } },
      grantChanges: { orderBy: { sequence: 'asc' } },
      acceptances: { orderBy: { decisionSequence: 'asc' } },
      sponsorship: true,
    },
  });
}

export type LoadedCase = NonNullable<Awaited<ReturnType<typeof loadCase>>>;
