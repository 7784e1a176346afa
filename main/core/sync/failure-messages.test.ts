import { describe, expect, it } from 'vitest';

import {
  describeFailure,
  rejectedDeviceMessage,
  revokedMessage,
} from './failure-messages.js';
import type { ServerFailure } from './server-client.js';

const serverUrl = 'http://127.0.0.1:4000';

function failure(overrides: Partial<ServerFailure>): ServerFailure {
  return {
    kind: 'server',
    status: null,
    code: null,
    message: 'boom',
    ...overrides,
  };
}

describe('describeFailure', () => {
  it('names the address of an unreachable server', () => {
    expect(
      describeFailure(
        failure({ kind: 'unreachable', message: 'fetch failed' }),
        serverUrl,
      ),
    ).toBe(
      'Cannot reach the server at http://127.0.0.1:4000 (fetch failed). Orders stay queued and sync retries by itself.',
    );
  });

  it('points a local failure at the log', () => {
    expect(
      describeFailure(
        failure({ kind: 'local', message: 'disk I/O error.' }),
        serverUrl,
      ),
    ).toBe(
      'Sync failed on this terminal: disk I/O error. Sync retries by itself, and the log has the details.',
    );
  });

  it('gives the status of a server failure', () => {
    expect(
      describeFailure(
        failure({ kind: 'server', status: 503, message: 'maintenance.' }),
        serverUrl,
      ),
    ).toBe(
      'The server at http://127.0.0.1:4000 failed with HTTP 503: maintenance. Sync retries by itself.',
    );
  });

  it('reports a rejected request without promising a retry', () => {
    expect(
      describeFailure(
        failure({
          kind: 'client',
          status: 400,
          code: 'BAD_REQUEST',
          message: 'entries is empty.',
        }),
        serverUrl,
      ),
    ).toBe(
      'The server at http://127.0.0.1:4000 rejected the sync request with HTTP 400: entries is empty.',
    );
  });
});

describe('rejectedDeviceMessage', () => {
  it("appends the Galley server's reason", () => {
    expect(
      rejectedDeviceMessage(
        failure({
          kind: 'unauthorized',
          status: 401,
          code: 'UNAUTHORIZED',
          message: 'This device was unpaired on 2026-03-14.',
        }),
      ),
    ).toBe(
      `${revokedMessage} The server's reason: This device was unpaired on 2026-03-14.`,
    );
  });

  it('leaves out a blank reason', () => {
    expect(
      rejectedDeviceMessage(
        failure({
          kind: 'unauthorized',
          status: 401,
          code: 'UNAUTHORIZED',
          message: '  ',
        }),
      ),
    ).toBe(revokedMessage);
  });

  it('leaves out the text of a 401 from another server', () => {
    expect(
      rejectedDeviceMessage(
        failure({
          kind: 'unauthorized',
          status: 401,
          code: null,
          message: 'HTTP 401 without a tRPC reply',
        }),
      ),
    ).toBe(revokedMessage);
  });
});
