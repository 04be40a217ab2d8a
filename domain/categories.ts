// Fixed vocabularies used by the form, the API, screening and the statistics. Labels for people
// live with the pages; these are the stable codes.

export const BUDGET_CATEGORIES = [
  'activities',
  'materials',
  'food',
  'transport',
  'premises',
  'equipment',
  'marketing',
  'volunteer_expenses',
  'wages',
  'administration',
  'other',
] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

export const TARGET_GROUPS = [
  'lonely',
  'older_people',
  'vulnerable_children_families',
  'socially_vulnerable',
  'mental_health',
  'disability',
  'addiction',
  'refugees_migrants',
  'other',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const COFINANCING_STATUSES = ['applied', 'granted'] as const;
