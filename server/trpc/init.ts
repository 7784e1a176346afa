import { initTRPC, TRPCError } from '@trpc/server';

import { GalleyError } from '../../shared/errors.js';
import { formatError, toTRPCError } from '../../shared/trpc-errors.js';
import { findOwnerSession, type OwnerPrincipal } from '../auth/sessions.js';
import { tokenKindOf } from '../auth/tokens.js';
import { findDevice, type DevicePrincipal } from '../trucks/devices.js';
import type { Context } from './context.js';
import {
  permissions,
  type Caller,
  type PermissionRule,
} from './permissions.js';
import { checkTargets } from './target-checks.js';

const t = initTRPC.context<Context>().create({
  isDev: false,
  errorFormatter: formatError,
});

/**
 * tRPC wraps anything a procedure throws as an internal error. Errors the
 * product raised on purpose get their own code back here, outermost, so
 * that they leave with the right HTTP status.
 */
const mapGalleyErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof GalleyError) {
    return { ...result, error: toTRPCError(result.error.cause) };
  }
  return result;
});

export const router = t.router;

type Principal = OwnerPrincipal | DevicePrincipal;

const missingToken =
  'Missing bearer token. Send "Authorization: Bearer <token>" with a token ' +
  'from auth.login (owners) or devices.pair (terminals).';
const invalidToken =
  'The token is invalid, expired or revoked. Owners sign in again, and ' +
  'a terminal must be paired again.';

/** Looks up the procedure's rule. A procedure without one never runs. */
function ruleFor(path: string): PermissionRule {
  const rule = permissions[path];
  if (!rule) {
    throw new Error(
      `Procedure ${path} has no entry in the permission table (server/trpc/permissions.ts)`,
    );
  }
  return rule;
}

async function authenticate(ctx: Context): Promise<Principal> {
  const token = ctx.bearerToken;
  if (!token)
    throw new TRPCError({ code: 'UNAUTHORIZED', message: missingToken });

  const kind = tokenKindOf(token);
  const principal =
    kind === 'ownerSession'
      ? await findOwnerSession(ctx.db, token, ctx.clock())
      : kind === 'device'
        ? await findDevice(ctx.db, token)
        : undefined;
  if (!principal) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: invalidToken });
  }
  if (principal.kind === 'rejected') {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: principal.message });
  }
  return principal;
}

const callerNames: Record<Caller, string> = {
  owner: "an owner's session token",
  device: "a truck device's token",
};

/**
 * Authenticates the caller and applies the procedure's permission rule:
 * the caller kind first, then every target the input names.
 */
async function authorize(
  ctx: Context,
  path: string,
  getRawInput: () => Promise<unknown>,
): Promise<Principal> {
  const rule = ruleFor(path);
  if (rule.access !== 'token') {
    throw new Error(`Procedure ${path} is public in the permission table`);
  }

  const principal = await authenticate(ctx);
  if (!rule.callers.includes(principal.kind)) {
    const needed = rule.callers.map((caller) => callerNames[caller]);
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `This procedure needs ${needed.join(' or ')}.`,
    });
  }
  await checkTargets(ctx.db, principal, rule.targets, await getRawInput());
  return principal;
}

export const publicProcedure = t.procedure
  .use(mapGalleyErrors)
  .use(async ({ path, next }) => {
    if (ruleFor(path).access !== 'public') {
      throw new Error(
        `Procedure ${path} is not public in the permission table`,
      );
    }
    return next();
  });

const guardedProcedure = t.procedure.use(mapGalleyErrors);

export const ownerProcedure = guardedProcedure.use(
  async ({ ctx, path, getRawInput, next }) => {
    const principal = await authorize(ctx, path, getRawInput);
    if (principal.kind !== 'owner')
      throw new Error(`${path} reached by a device`);
    return next({ ctx: { owner: principal } });
  },
);

export const deviceProcedure = guardedProcedure.use(
  async ({ ctx, path, getRawInput, next }) => {
    const principal = await authorize(ctx, path, getRawInput);
    if (principal.kind !== 'device')
      throw new Error(`${path} reached by an owner`);
    return next({ ctx: { device: principal } });
  },
);

/** Owners and devices alike, as the procedure's rule allows. */
export const memberProcedure = guardedProcedure.use(
  async ({ ctx, path, getRawInput, next }) => {
    const principal = await authorize(ctx, path, getRawInput);
    return next({ ctx: { principal } });
  },
);
