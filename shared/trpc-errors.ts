import { TRPCError } from '@trpc/server';
import type { DefaultErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { ZodError } from 'zod';

import {
  errorCodes,
  GalleyError,
  type ErrorCode,
  type ErrorData,
} from './errors.js';

/**
 * Turns any error thrown inside a procedure into the TRPCError the client
 * sees. Errors the product raised keep their message; anything else becomes
 * a generic internal error so no stack trace or secret leaves the process.
 */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof GalleyError) {
    return new TRPCError({
      code: error.code,
      message: error.message,
      cause: error,
    });
  }
  return new TRPCError({
    code: 'INTERNAL_SERVER_ERROR',
    message: 'Internal error. The details are in the log.',
    cause: error instanceof Error ? error : undefined,
  });
}

/**
 * Shapes every error response of both routers: a plain message, the closed
 * error code, and the field and rejection reason when there is one. Zod
 * failures become one readable sentence naming the field. tRPC's own codes
 * outside the closed set (PARSE_ERROR, PAYLOAD_TOO_LARGE,
 * METHOD_NOT_SUPPORTED and others) are client mistakes, so they become
 * BAD_REQUEST while the HTTP status keeps the detail.
 */
export function formatError({
  shape,
  error,
}: {
  shape: DefaultErrorShape;
  error: TRPCError;
}): DefaultErrorShape & { data: ErrorData & { httpStatus: number } } {
  const cause = error.cause;
  const data: ErrorData & { httpStatus: number } = {
    code: error.code as ErrorData['code'],
    httpStatus: shape.data.httpStatus,
  };
  let message = shape.message;

  if (cause instanceof ZodError) {
    const issue = cause.issues[0];
    const field = issue?.path.map(String).join('.') ?? '';
    // Zod's own messages start with "Invalid input: " as well.
    const detail = (issue?.message ?? 'unknown problem').replace(
      /^Invalid input: /,
      '',
    );
    message = `Invalid input${field ? ` at "${field}"` : ''}: ${detail}.`;
    if (field) data.field = field;
  } else if (error.code === 'PARSE_ERROR' || cause instanceof SyntaxError) {
    // tRPC passes on the JSON parser's own message, such as "Unexpected
    // end of JSON input".
    message =
      'The request input is not valid JSON. Send it as a JSON value: the body of a mutation, or the input parameter of a query.';
  } else if (error.code === 'PAYLOAD_TOO_LARGE') {
    message = 'The request body is too large. Send less in one request.';
  } else if (cause instanceof GalleyError) {
    if (cause.field) data.field = cause.field;
    if (cause.reason) data.reason = cause.reason;
  } else if (error.code === 'INTERNAL_SERVER_ERROR') {
    message = 'Internal error. The details are in the log.';
  }

  if (!(data.code in errorCodes)) data.code = 'BAD_REQUEST' satisfies ErrorCode;
  return { message, code: shape.code, data };
}
