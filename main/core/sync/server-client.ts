import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { z } from 'zod';

import {
  reconcileOutputSchema,
  type ReconcileInput,
  type ReconcileOutput,
} from '../../../shared/reconciliation.js';
import {
  pairOutputSchema,
  pullOutputSchema,
  pushOutputSchema,
  type OutboxEntry,
  type PairOutput,
  type PullOutput,
  type PushOutput,
} from '../../../shared/sync.js';
import type { ServerRouter } from '../../../server/trpc/router.js';

export const defaultRequestTimeoutMs = 15_000;

/**
 * One call to the central server. Each call is its own HTTP request (httpLink,
 * not a batch link) with plain JSON and a timeout, so one outbox flush is one
 * request and a stalled connection cannot hold the sync loop forever.
 */
export interface ServerClient {
  pair(input: { pairingCode: string; deviceName: string }): Promise<PairOutput>;
  push(entries: OutboxEntry[]): Promise<PushOutput>;
  pull(cursor: string): Promise<PullOutput>;
  reconcile(input: ReconcileInput): Promise<ReconcileOutput>;
}

export function createServerClient(options: {
  serverUrl: string;
  deviceToken: string | null;
  timeoutMs?: number;
}): ServerClient {
  const timeoutMs = options.timeoutMs ?? defaultRequestTimeoutMs;
  const client = createTRPCClient<ServerRouter>({
    links: [
      httpLink({
        url: trpcUrlOf(options.serverUrl),
        fetch: fetchJsonOnly,
        headers: () =>
          options.deviceToken
            ? { Authorization: `Bearer ${options.deviceToken}` }
            : {},
      }),
    ],
  });

  // Every reply is checked against the shared schema before the terminal
  // writes anything from it, so a reply from a server of another version,
  // or a proxy's own JSON, fails the call and never reaches the database.
  return {
    pair: async (input) =>
      parseReply(
        'devices.pair',
        pairOutputSchema,
        await withTimeout(timeoutMs, (signal) =>
          client.devices.pair.mutate(input, { signal }),
        ),
      ),
    push: async (entries) =>
      parseReply(
        'sync.push',
        pushOutputSchema,
        await withTimeout(timeoutMs, (signal) =>
          client.sync.push.mutate({ entries }, { signal }),
        ),
      ),
    pull: async (cursor) =>
      parseReply(
        'sync.pull',
        pullOutputSchema,
        await withTimeout(timeoutMs, (signal) =>
          client.sync.pull.query({ cursor }, { signal }),
        ),
      ),
    reconcile: async (input) =>
      parseReply(
        'sync.reconcile',
        reconcileOutputSchema,
        await withTimeout(timeoutMs, (signal) =>
          client.sync.reconcile.query(input, { signal }),
        ),
      ),
  };
}

/**
 * A reply that is JSON but not what this version of the terminal expects,
 * with the first place where it differs.
 */
export class ServerReplyError extends Error {
  constructor(procedure: string, issue: z.core.$ZodIssue) {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the top';
    super(
      `The reply to ${procedure} is invalid at ${where}: ${issue.message}.`,
    );
    this.name = 'ServerReplyError';
  }
}

function parseReply<Schema extends z.ZodType>(
  procedure: string,
  schema: Schema,
  reply: unknown,
): z.output<Schema> {
  const parsed = schema.safeParse(reply);
  if (!parsed.success) {
    throw new ServerReplyError(procedure, parsed.error.issues[0]!);
  }
  return parsed.data;
}

/** Appends /trpc to the server's base URL. */
export function trpcUrlOf(serverUrl: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/trpc`;
}

async function withTimeout<T>(
  timeoutMs: number,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await call(controller.signal);
  } catch (error) {
    if (controller.signal.aborted) {
      throw new ServerUnreachableError(
        `The server did not reply within ${timeoutMs} ms.`,
        error,
      );
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A reply that is not tRPC JSON, such as a proxy's 502 page or a server
 * in maintenance. tRPC would fail on parsing it and lose the HTTP status.
 */
export class ServerHttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status} without a tRPC reply`);
    this.name = 'ServerHttpError';
  }
}

const fetchJsonOnly: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('application/json')) {
    await response.body?.cancel();
    throw new ServerHttpError(response.status);
  }
  return response;
};

/** A call that never got an HTTP reply: refused, reset, DNS or a timeout. */
export class ServerUnreachableError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'ServerUnreachableError';
  }
}

export type ServerFailureKind =
  | 'unreachable'
  | 'unauthorized'
  | 'server'
  | 'client'
  | 'invalid-reply'
  | 'local';

export interface ServerFailure {
  kind: ServerFailureKind;
  status: number | null;
  code: string | null;
  message: string;
}

/** Sorts a failed call into what the sync loop does next. */
export function classifyServerFailure(error: unknown): ServerFailure {
  if (error instanceof ServerUnreachableError) {
    return {
      kind: 'unreachable',
      status: null,
      code: null,
      message: error.message,
    };
  }
  if (error instanceof ServerReplyError) {
    return {
      kind: 'invalid-reply',
      status: null,
      code: null,
      message: error.message,
    };
  }
  if (!(error instanceof TRPCClientError)) {
    // Not a failed call at all, but an error of this terminal's own code.
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'local', status: null, code: null, message };
  }

  const data = error.data as { httpStatus?: number; code?: string } | undefined;
  const meta = error.meta as { response?: { status?: number } } | undefined;
  const httpError =
    error.cause instanceof ServerHttpError ? error.cause.status : undefined;
  const status =
    data?.httpStatus ?? meta?.response?.status ?? httpError ?? null;
  const code = data?.code ?? null;

  if (status === null) {
    return { kind: 'unreachable', status, code, message: error.message };
  }
  if (status === 401) {
    return { kind: 'unauthorized', status, code, message: error.message };
  }
  if (status >= 500 || status === 429 || status === 408) {
    return { kind: 'server', status, code, message: error.message };
  }
  return { kind: 'client', status, code, message: error.message };
}
