import {
  createTRPCUntypedClient,
  httpLink,
  TRPCClientError,
} from '@trpc/client';
import type { Logger } from 'pino';

import {
  GalleyError,
  errorCodes,
  type ErrorCode,
} from '../../../shared/errors.js';
import type { BackOfficeStatus } from '../../../shared/local-api.js';
import { trpcUrlOf } from '../sync/server-client.js';
import { backOfficeProcedures } from './allowlist.js';

export const backOfficeOfflineMessage =
  'The back office needs the server; the counter keeps working offline.';

export interface BackOfficeCall {
  type: 'query' | 'mutation';
  path: string;
  input?: unknown;
}

const defaultTimeoutMs = 15_000;

/**
 * The owner's back office, reached through the core so that the renderer
 * never talks to the server itself. The owner's session token stays in this
 * object's memory: it is never written to disk or logged, and a restart
 * signs the owner out.
 */
export class BackOfficeBridge {
  private session: { email: string; token: string } | null = null;

  constructor(
    private readonly serverUrl: () => string | null,
    private readonly logger: Logger,
    private readonly timeoutMs = defaultTimeoutMs,
  ) {}

  status(): BackOfficeStatus {
    return {
      signedIn: this.session !== null,
      email: this.session?.email ?? null,
    };
  }

  async signIn(email: string, password: string): Promise<BackOfficeStatus> {
    const output = (await this.request(
      { type: 'mutation', path: 'auth.login', input: { email, password } },
      null,
    )) as { token: string };
    this.session = { email: email.trim(), token: output.token };
    this.logger.info('owner signed in to the back office');
    return this.status();
  }

  /** Ends the session on the server when it can, and always here. */
  async signOut(): Promise<BackOfficeStatus> {
    const session = this.session;
    this.session = null;
    if (session) {
      try {
        await this.request(
          { type: 'mutation', path: 'auth.logout' },
          session.token,
        );
      } catch (error) {
        this.logger.warn(
          { code: error instanceof GalleyError ? error.code : undefined },
          'server sign-out failed; the session ends here and expires on the server',
        );
      }
      this.logger.info('owner signed out of the back office');
    }
    return this.status();
  }

  async call(call: BackOfficeCall): Promise<unknown> {
    const kind = (backOfficeProcedures as Record<string, string>)[call.path];
    if (!kind) {
      throw new GalleyError(
        'NOT_FOUND',
        `"${call.path}" is not a back-office procedure. Use one of: ${Object.keys(backOfficeProcedures).join(', ')}.`,
        { field: 'path' },
      );
    }
    if (kind !== call.type) {
      throw new GalleyError(
        'BAD_REQUEST',
        `"${call.path}" is a ${kind}, not a ${call.type}. Call it with type "${kind}".`,
        { field: 'type' },
      );
    }
    if (!this.session) {
      throw new GalleyError(
        'UNAUTHORIZED',
        'Sign in to the back office with your owner email and password first.',
      );
    }

    try {
      return await this.request(call, this.session.token);
    } catch (error) {
      // An expired or revoked session cannot come back, so the owner signs in again.
      if (error instanceof GalleyError && error.code === 'UNAUTHORIZED') {
        this.session = null;
      }
      throw error;
    }
  }

  private async request(call: BackOfficeCall, token: string | null) {
    const serverUrl = this.serverUrl();
    if (!serverUrl) {
      throw new GalleyError(
        'PRECONDITION_FAILED',
        'This terminal has no server address yet. Pair it with the server first.',
      );
    }
    const client = createTRPCUntypedClient({
      links: [
        httpLink({
          url: trpcUrlOf(serverUrl),
          headers: () => (token ? { Authorization: `Bearer ${token}` } : {}),
        }),
      ],
    });
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      return call.type === 'query'
        ? await client.query(call.path, call.input, { signal })
        : await client.mutation(call.path, call.input, { signal });
    } catch (error) {
      throw toGalleyError(error);
    }
  }
}

/**
 * Passes the server's error on with its code, message and field. A call
 * that got no tRPC reply at all means the server is out of reach. tRPC's
 * own codes outside the product's set (such as METHOD_NOT_SUPPORTED) keep
 * their message and become BAD_REQUEST or INTERNAL_SERVER_ERROR by status.
 */
function toGalleyError(error: unknown): GalleyError {
  if (error instanceof TRPCClientError) {
    const data = error.data as
      { code?: string; field?: string; httpStatus?: number } | undefined;
    if (data?.code && data.code in errorCodes) {
      return new GalleyError(data.code as ErrorCode, error.message, {
        field: data.field,
      });
    }
    if (data?.httpStatus) {
      const code =
        data.httpStatus < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
      return new GalleyError(code, error.message, { field: data.field });
    }
  }
  return new GalleyError('SERVICE_UNAVAILABLE', backOfficeOfflineMessage);
}
