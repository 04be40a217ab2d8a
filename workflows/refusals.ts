import { ApplicationFailure } from '@temporalio/workflow';
import { FAILURE_TYPES, type InvalidInputDetails, type NotAllowedDetails } from './messages';
import type { MessageKey } from '../domain/message-key';

// How the workflows' Update validators say no. The API answers 409 for an action the state does
// not allow and 400 for invalid input, in the reader's language from the message key.

export function notAllowed(action: string, status: string, message = `"${action}" is not allowed while the case is ${status}`): ApplicationFailure {
  const details: NotAllowedDetails = { action, status };
  return ApplicationFailure.create({ type: FAILURE_TYPES.notAllowed, message, details: [details], nonRetryable: true });
}

export function invalidInput(problem: InvalidInputDetails): ApplicationFailure {
  const details: InvalidInputDetails = { field: problem.field, messageKey: problem.messageKey };
  return ApplicationFailure.create({ type: FAILURE_TYPES.invalidInput, message: `${problem.field}: ${problem.messageKey}`, details: [details], nonRetryable: true });
}

export function sameApprover(messageKey?: MessageKey): ApplicationFailure {
  return ApplicationFailure.create({
    type: FAILURE_TYPES.sameApprover,
    message: 'The second signature must come from someone other than the caseworker who decided',
    ...(messageKey ? { details: [{ messageKey }] } : {}),
    nonRetryable: true,
  });
}

/** A declared tie to the association bars the acting staff member (inhabilitet); the API answers 409. */
export function conflicted(messageKey: MessageKey = 'errors.tie.conflicted'): ApplicationFailure {
  return ApplicationFailure.create({ type: FAILURE_TYPES.conflicted, message: 'A declared tie to the association bars this staff member', details: [{ messageKey }], nonRetryable: true });
}
