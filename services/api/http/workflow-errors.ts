import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DEFAULT_LANGUAGE, hasMessage } from '../../../locale';
import { FAILURE_TYPES, type InvalidInputDetails, type NotAllowedDetails } from '../../../workflows/messages';
import { ApiError } from './errors';

/** Turns what a workflow refused into an HTTP answer the caller can act on. */
export function toApiError(error: unknown): unknown {
  if (error instanceof WorkflowNotFoundError) return new ApiError(404, 'not_found', 'errors.application.notFound');
  if (!(error instanceof WorkflowUpdateFailedError)) return error;
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure)) return error;
  switch (cause.type) {
    case FAILURE_TYPES.notAllowed: {
      const { status = '' } = (cause.details?.[0] ?? {}) as Partial<NotAllowedDetails>;
      return new ApiError(409, 'action_not_allowed', 'errors.action.notAllowed', [], { status });
    }
    case FAILURE_TYPES.sameApprover: {
      const { messageKey } = (cause.details?.[0] ?? {}) as { messageKey?: string };
      return new ApiError(409, 'same_approver', messageKey && hasMessage(DEFAULT_LANGUAGE, messageKey) ? messageKey : 'errors.approval.sameApprover');
    }
    case FAILURE_TYPES.conflicted: {
      const { messageKey } = (cause.details?.[0] ?? {}) as { messageKey?: string };
      return new ApiError(409, 'conflict_of_interest', messageKey && hasMessage(DEFAULT_LANGUAGE, messageKey) ? messageKey : 'errors.tie.conflicted');
    }
    case FAILURE_TYPES.invalidInput: {
      // The workflow names the rule that failed; the reader gets that rule's message.
      const { field = '', messageKey } = (cause.details?.[0] ?? {}) as Partial<InvalidInputDetails>;
      const key = messageKey && hasMessage(DEFAULT_LANGUAGE, messageKey) ? messageKey : 'errors.validation.failed';
      return new ApiError(400, 'validation_failed', 'errors.validation.failed', [{ path: field, message: `i18n:${key}` }]);
    }
    default:
      return error;
  }
}

/** Runs a workflow call and rethrows its refusal as an ApiError. */
export async function workflowCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toApiError(error);
  }
}
