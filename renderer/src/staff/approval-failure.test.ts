import { describe, expect, it } from 'vitest';

import type { ApiFailure } from '../api/errors.js';
import { approvalStepFor } from './approval-failure.js';

function failure(code: string, field?: string): ApiFailure {
  return { message: `${code} message`, code, field, reason: undefined };
}

describe('approvalStepFor', () => {
  it('requests a PIN for FORBIDDEN without one', () => {
    expect(approvalStepFor(failure('FORBIDDEN', 'approvalPin'), false)).toBe(
      'request-pin',
    );
  });

  it('shows other errors without a PIN', () => {
    for (const code of ['UNAUTHORIZED', 'CONFLICT', 'BAD_REQUEST']) {
      expect(approvalStepFor(failure(code), false)).toBe('show-error');
    }
  });

  it('keeps PIN failures in the dialog', () => {
    for (const code of ['UNAUTHORIZED', 'FORBIDDEN', 'TOO_MANY_REQUESTS']) {
      expect(approvalStepFor(failure(code, 'approvalPin'), true)).toBe(
        'pin-rejected',
      );
    }
  });

  it('shows request errors after a PIN', () => {
    for (const [code, field] of [
      ['CONFLICT', 'orderId'],
      ['BAD_REQUEST', 'amount'],
      ['PRECONDITION_FAILED', 'approvalPin'],
      ['SERVICE_UNAVAILABLE', undefined],
    ] as const) {
      expect(approvalStepFor(failure(code, field), true)).toBe('show-error');
    }
  });
});
