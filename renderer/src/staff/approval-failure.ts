import type { ApiFailure } from '../api/errors.js';

/**
 * The next step of a screen after a request that may need a manager's
 * approval failed: open the PIN dialog, show the error inside that dialog,
 * or close it and show the error where the request was made.
 */
export type ApprovalStep = 'request-pin' | 'pin-rejected' | 'show-error';

/**
 * Sorts a failure of a void, refund, discount or dismissal. Without a PIN,
 * FORBIDDEN means the signed-in member may not do it alone. With a PIN,
 * three failures belong to the PIN itself: a wrong PIN (UNAUTHORIZED), a
 * PIN without the role (FORBIDDEN) and the lock-out (TOO_MANY_REQUESTS).
 * Anything else is about the request.
 */
export function approvalStepFor(
  failure: ApiFailure,
  sentApprovalPin: boolean,
): ApprovalStep {
  if (!sentApprovalPin) {
    return failure.code === 'FORBIDDEN' ? 'request-pin' : 'show-error';
  }
  const pinFailure =
    failure.code === 'UNAUTHORIZED' ||
    failure.code === 'FORBIDDEN' ||
    failure.code === 'TOO_MANY_REQUESTS';
  return pinFailure ? 'pin-rejected' : 'show-error';
}
