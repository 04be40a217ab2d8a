import type { Database } from '../lib/db';
import { createCaseEventActivities } from './case-events';

export interface ActivityDependencies {
  db: Database;
}

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...createCaseEventActivities(deps),
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;
