import type { FastifyError, FastifyInstance } from 'fastify';

import type { ErrorCode } from '../../shared/errors.js';

/**
 * Errors raised by Fastify itself, before a request reaches tRPC (body too
 * large, unsupported content type, unknown route), sent in the same
 * shape as tRPC errors so that clients need one error parser.
 */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 600
        ? error.statusCode
        : 500;

    if (status >= 500) {
      request.log.error({ err: error }, 'Request failed');
      return reply
        .status(500)
        .send(errorBody('Internal error. The details are in the log.', 500));
    }
    return reply
      .status(status)
      .send(errorBody(describeClientError(error), status));
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(
        errorBody(
          `No route ${request.method} ${request.url.split('?')[0]}. ` +
            'The API is served under /trpc.',
          404,
        ),
      ),
  );
}

function describeClientError(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is too large. Send smaller batches.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'This content type is not supported. Send application/json.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is not valid JSON. Send the input as a JSON value.';
    default:
      return error.message;
  }
}

function errorBody(message: string, httpStatus: number) {
  const code: ErrorCode = codeForStatus(httpStatus);
  return {
    error: {
      message,
      code: httpStatus >= 500 ? -32603 : -32600,
      data: { code, httpStatus },
    },
  };
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'TOO_MANY_REQUESTS';
  if (status >= 500) return 'INTERNAL_SERVER_ERROR';
  return 'BAD_REQUEST';
}
