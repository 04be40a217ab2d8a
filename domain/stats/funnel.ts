import type { CaseState } from './case-timeline';

// The way from a started form to a grant, each count taken from one cohort so no step can hold
// more than the step before it: the web form counts the drafts started in the period, the cases
// count the applications submitted in the period, each where it stands now (its decision in
// force, or lapsed, withdrawn, still open).

export interface FormFunnel {
  started: number;
  submitted: number;
  stopped: number;
}

/** Drafts started in the period, and how many of those same drafts were submitted. */
export function formFunnel(started: number, submittedOfThem: number): FormFunnel {
  return { started, submitted: submittedOfThem, stopped: started - submittedOfThem };
}

export interface CaseFunnel {
  received: number;
  decided: number;
  granted: number;
  rejected: number;
  lapsed: number;
  withdrawn: number;
  open: number;
}

/** The cases submitted in the period, by where each stands now. */
export function caseFunnel(byState: ReadonlyMap<string, number>): CaseFunnel {
  const of = (state: CaseState) => byState.get(state) ?? 0;
  const granted = of('approved') + of('partially_approved');
  const decided = granted + of('rejected');
  return {
    received: decided + of('lapsed') + of('withdrawn') + of('open'),
    decided,
    granted,
    rejected: of('rejected'),
    lapsed: of('lapsed'),
    withdrawn: of('withdrawn'),
    open: of('open'),
  };
}
