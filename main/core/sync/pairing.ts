import { TRPCClientError } from '@trpc/client';

import {
  errorCodes,
  GalleyError,
  type ErrorCode,
} from '../../../shared/errors.js';
import type { PairOutput } from '../../../shared/sync.js';
import { classifyServerFailure, type ServerClient } from './server-client.js';

/** Checks a server URL typed by a person and returns it without a trailing slash. */
export function normalizeServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalidServerUrl(raw);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidServerUrl(raw);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw invalidServerUrl(raw);
  }
  return url.toString().replace(/\/+$/, '');
}

function invalidServerUrl(raw: string): GalleyError {
  return new GalleyError(
    'BAD_REQUEST',
    `Server URL "${raw}" is not a valid http(s) address. Use an address such as http://192.168.1.10:4000.`,
    { field: 'serverUrl' },
  );
}

export function unreachableServerError(
  serverUrl: string,
  cause?: unknown,
): GalleyError {
  return new GalleyError(
    'SERVICE_UNAVAILABLE',
    `Cannot reach the server at ${serverUrl}. Check the address and the network, then try again.`,
    { cause },
  );
}

/**
 * Calls devices.pair and turns its failures into errors for the person at
 * the terminal: the server's own message for a wrong or expired code, and a
 * plain "cannot reach" when no reply came back.
 */
export async function requestPairing(
  client: ServerClient,
  serverUrl: string,
  input: { pairingCode: string; deviceName: string },
): Promise<PairOutput> {
  try {
    return await client.pair(input);
  } catch (error) {
    const failure = classifyServerFailure(error);
    if (failure.kind === 'unreachable') {
      throw unreachableServerError(serverUrl, error);
    }
    if (failure.kind === 'invalid-reply') {
      throw new GalleyError(
        'SERVICE_UNAVAILABLE',
        `The server at ${serverUrl} sent a pairing reply this terminal cannot read (${failure.message}) Check that the address is the Galley server and that its version matches this app.`,
        { cause: error },
      );
    }
    if (error instanceof TRPCClientError && isErrorCode(failure.code)) {
      const code =
        failure.code === 'INTERNAL_SERVER_ERROR'
          ? 'SERVICE_UNAVAILABLE'
          : failure.code;
      throw new GalleyError(code, failure.message, { cause: error });
    }
    throw new GalleyError(
      'SERVICE_UNAVAILABLE',
      `The server at ${serverUrl} failed to pair this terminal (HTTP ${failure.status ?? 'unknown'}). Try again, or check that the address is the Galley server.`,
      { cause: error },
    );
  }
}

function isErrorCode(code: string | null): code is ErrorCode {
  return code !== null && code in errorCodes;
}
