/**
 * The closed set of error codes shared by the terminal, the server and the
 * UI. Each code maps to one tRPC error code (and so to one HTTP status), and
 * every error that crosses a process boundary carries one of them.
 */
export const errorCodes = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** Reasons an order is rejected, named as the fixtures and the API name them. */
export const orderRejectionReasons = [
  'empty-order',
  'unknown-sku',
  'bad-quantity',
  'modifier-not-allowed',
  'duplicate-modifier',
  'modifier-count',
  'negative-unit',
  'bad-discount',
  'bad-tip',
  'bad-tender',
  'insufficient-cash',
  'bad-order',
] as const;

export type OrderRejectionReason = (typeof orderRejectionReasons)[number];

/**
 * An error the product raises on purpose: a plain message for people, a code
 * for programs, and optionally the input field and the order rejection
 * reason it concerns.
 */
export class GalleyError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly reason: OrderRejectionReason | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      field?: string;
      reason?: OrderRejectionReason;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'GalleyError';
    this.code = code;
    this.field = options.field;
    this.reason = options.reason;
  }
}

/** Rejects an order: a BAD_REQUEST that names the field and the reason. */
export class OrderRejectedError extends GalleyError {
  constructor(reason: OrderRejectionReason, field: string, message: string) {
    super('BAD_REQUEST', message, { field, reason });
    this.name = 'OrderRejectedError';
  }
}

/** Data attached to every error response by both tRPC routers. */
export interface ErrorData {
  code: ErrorCode;
  field?: string;
  reason?: OrderRejectionReason;
}
