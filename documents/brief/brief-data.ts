import type { Jurisdiction } from '../../lib/jurisdiction';
import type { Count } from '../../domain/stats/suppression';
import type { GroupFigures, ShownKeyFigures } from '../../domain/stats/analysis';
import type { RoundBudgetFigures } from '../../domain/stats/round-budget';

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
    /** The cases that waited for the association, and the median of that wait. */
    applicant: { cases: Count; medianDays: number | null };
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
  /** The cases submitted in the period, where each stands now. */
  funnel: { cases: { received: Count; decided: Count; granted: Count; lapsed: Count; withdrawn: Count; open: Count } };
  budget: (RoundBudgetFigures & { roundId: string; roundName: string })[];
  reach: { submitted: Count; firstTimeShare: number | null };
  reporting: { onTimeShare: number | null };
  analysis: {
    associations: GroupFigures[];
    activityTerms: GroupFigures[];
    targetGroups: GroupFigures[];
    trend: { previousPeriod: { from: string; to: string }; current: ShownKeyFigures; previous: ShownKeyFigures };
  };
  /** Anonymised and approved: no association or person is named. */
  stories: { activity: string; text: string; round: string }[];
}

export interface BriefSender {
  municipality: string;
  department: string;
  /** Whose municipality it is: a Norwegian one's brief names its scheme and the organisasjonsnummer. Danish when not given. */
  law?: Jurisdiction;
}
