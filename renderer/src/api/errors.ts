import { TRPCClientError } from '@trpc/client';

/** What the UI shows of a failed local API call. */
export interface ApiFailure {
  message: string;
  code: string | undefined;
  field: string | undefined;
  reason: string | undefined;
}

/**
 * Reads the plain message and the error data both routers attach
 * (data.code, data.field, data.reason). Network failures keep the
 * browser's message, prefixed with what was being attempted.
 */
export function describeApiError(error: unknown): ApiFailure {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as Record<string, unknown>;
    return {
      message: error.message,
      code: typeof data.code === 'string' ? data.code : undefined,
      field: typeof data.field === 'string' ? data.field : undefined,
      reason: typeof data.reason === 'string' ? data.reason : undefined,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message, code: undefined, field: undefined, reason: undefined };
}

export function isUnauthorized(error: unknown): boolean {
  return describeApiError(error).code === 'UNAUTHORIZED';
}
