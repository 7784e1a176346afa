import {
  getTRPCErrorShape,
  getTRPCErrorFromUnknown,
  TRPCError,
  type AnyTRPCProcedure,
} from '@trpc/server';

import type { IpcErrorShape } from '../../../shared/ipc-protocol.js';
import type { TerminalCore } from '../terminal-core.js';
import { localRouter } from './router.js';

export type ProcedureResult =
  { ok: true; data: unknown } | { ok: false; error: IpcErrorShape };

const httpMethodOf = { query: 'GET', mutation: 'POST' } as const;

/**
 * Calls one local API procedure outside HTTP, with the same checks and
 * messages as tRPC's HTTP handler (unknown path, wrong procedure type), and
 * the same error shape through the router's errorFormatter. Data goes
 * through JSON as it would on the wire, so both adapters return the same
 * values.
 */
export async function callLocalProcedure(
  core: TerminalCore,
  type: 'query' | 'mutation',
  path: string,
  input: unknown,
): Promise<ProcedureResult> {
  const ctx = { core };
  try {
    const procedure = procedureAt(path);
    if (!procedure) {
      throw new TRPCError({
        code: 'NOT_FOUND',
        message: `No procedure found on path "${path}"`,
      });
    }
    if (procedure._def.type !== type) {
      throw new TRPCError({
        code: 'METHOD_NOT_SUPPORTED',
        message: `Unsupported ${httpMethodOf[type]}-request to ${procedure._def.type} procedure at path "${path}"`,
      });
    }

    const data: unknown = await procedure({
      path,
      getRawInput: async () => input,
      ctx,
      type,
      signal: undefined,
      batchIndex: 0,
    });
    return { ok: true, data: throughJson(data) };
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause);
    const shape = getTRPCErrorShape({
      config: localRouter._def._config,
      error,
      type,
      path,
      input,
      ctx,
    });
    return { ok: false, error: throughJson(shape) as IpcErrorShape };
  }
}

/**
 * Looks up a procedure by its dotted path. The local router has no lazy
 * sub-routers, so its flat map is complete.
 */
function procedureAt(path: string): AnyTRPCProcedure | undefined {
  const procedures = localRouter._def.procedures as unknown as Record<
    string,
    AnyTRPCProcedure | undefined
  >;
  return Object.hasOwn(procedures, path) ? procedures[path] : undefined;
}

/** Builds the error result of a request that never reached a procedure. */
export function badRequestResult(
  core: TerminalCore,
  message: string,
): ProcedureResult {
  const shape = getTRPCErrorShape({
    config: localRouter._def._config,
    error: new TRPCError({ code: 'BAD_REQUEST', message }),
    type: 'unknown',
    path: undefined,
    input: undefined,
    ctx: { core },
  });
  return { ok: false, error: throughJson(shape) as IpcErrorShape };
}

function throughJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
