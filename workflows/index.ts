// The workflow bundle's entry point: every workflow the worker runs is exported here.
export { grantApplication } from './grant-application';
export { followUpReport } from './follow-up-report';
export { fundingRound } from './funding-round';
export { retentionRun } from './retention';
export { roundAlertsRun } from './round-alerts';
