import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import {
  LogController,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';

export const requestIdHeader = 'x-request-id';

/** Pattern of a caller-supplied request id: short, no spaces or quotes. */
const acceptableId = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Fastify options that give every request an id, logged as `requestId` on
 * each of its log lines. A well-formed `X-Request-Id` from a proxy or
 * client is kept, so one id follows the request through both logs. Any
 * other value is replaced, so that callers cannot write into the log.
 */
export const requestIdOptions = {
  requestIdHeader: false,
  logController: new LogController({ requestIdLogLabel: 'requestId' }),
  genReqId: (request: IncomingMessage) => {
    const sent = request.headers[requestIdHeader];
    return typeof sent === 'string' && acceptableId.test(sent)
      ? sent
      : randomUUID();
  },
} satisfies Pick<
  FastifyServerOptions,
  'requestIdHeader' | 'logController' | 'genReqId'
>;

/** Echoes the request id in the response, for support to quote. */
export function echoRequestIds(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header(requestIdHeader, request.id);
  });
}
