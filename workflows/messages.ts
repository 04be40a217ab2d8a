// Signals, Updates and Queries of the grant-application workflow: the contract between the
// workflow and the API. Both import this module; it holds definitions only, no workflow code.
import { defineQuery } from '@temporalio/workflow';
import type { CaseStatus } from '../domain/status';

export const statusQuery = defineQuery<CaseStatus>('status');
