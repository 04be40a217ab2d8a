// Long-term collaboration or a shorter activity, read from the activity period the association
// gave: an activity that runs for more than twelve months is long-term. The brief the service
// answers to asks whether the money goes to long-term collaboration rather than short projects.

export const LONG_TERM_MONTHS = 12;

export const ACTIVITY_TERMS = ['long_term', 'short_term'] as const;
export type ActivityTerm = (typeof ACTIVITY_TERMS)[number];

/** Long-term when the last day of the activity falls after the same day twelve months on. */
export function activityTerm(startDate: Date, endDate: Date): ActivityTerm {
  const limit = new Date(Date.UTC(startDate.getUTCFullYear(), startDate.getUTCMonth() + LONG_TERM_MONTHS, startDate.getUTCDate()));
  return endDate.getTime() > limit.getTime() ? 'long_term' : 'short_term';
}
