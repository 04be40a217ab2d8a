import type { Count } from '../../domain/stats/suppression';

// What the council brief shows: the part of the statistics summary it reads.

interface Labelled {
  label: string;
  count: Count;
}

export interface CouncilBriefData {
  period: { from: string; to: string };
  /** The round the brief is about; null for every round. */
  roundId: string | null;
  /** Groups smaller than this are not shown. */
  minimumGroupSize: number;
  turnaround: {
    total: { medianDays: number | null; p90Days: number | null };
    municipality: { medianDays: number | null };
    applicant: { medianDays: number | null };
    decided: Count;
    targetDays: number | null;
    withinTargetShare: number | null;
  };
  stages: { label: string; medianDays: number | null }[];
  completeness: { completeFirstShare: number | null; requestsPerApplication: number | null; missingItems: Labelled[] };
  dropOff: {
    draftsStarted: Count;
    draftsSubmitted: Count;
    draftsStopped: Count;
    stoppedAt: Labelled[];
    medianFormMinutes: number | null;
    lapsed: Count;
    withdrawn: Count;
  };
  outcomes: { approvalRate: number | null; reasons: Labelled[]; requestedKroner: number | null; grantedKroner: number | null };
  budget: { roundId: string; roundName: string; budgetKroner: number; grantedKroner: number; usedShare: number }[];
  reach: { submitted: Count; firstTimeShare: number | null };
  reporting: { onTimeShare: number | null };
  /** Anonymised and approved: no association or person is named. */
  stories: { activity: string; text: string; round: string }[];
}

export interface BriefSender {
  municipality: string;
  department: string;
}
