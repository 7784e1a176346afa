import { initTRPC, TRPCError } from '@trpc/server';

import {
  errorCodes,
  GalleyError,
  type ErrorCode,
} from '../../shared/errors.js';
import { formatError, toTRPCError } from '../../shared/trpc-errors.js';
import { findOwnerSession, type OwnerPrincipal } from '../auth/sessions.js';
import { tokenKindOf } from '../auth/tokens.js';
import { findDevice, type DevicePrincipal } from '../trucks/devices.js';
import type { Context } from './context.js';

const t = initTRPC.context<Context>().create({
  isDev: false,
  errorFormatter(options) {
    const formatted = formatError(options);
    // tRPC reports an unparseable body with the JSON parser's own message.
    const { error } = options;
    if (error.code === 'PARSE_ERROR' || error.cause instanceof SyntaxError) {
      formatted.message =
        'The request body is not valid JSON. Send the input as a JSON value.';
    }
    // tRPC's own codes outside the closed set (PARSE_ERROR,
    // METHOD_NOT_SUPPORTED and others) are client mistakes, so they become
    // BAD_REQUEST while the HTTP status keeps the detail.
    if (!(formatted.data.code in errorCodes)) {
      formatted.data.code = 'BAD_REQUEST' satisfies ErrorCode;
    }
    return formatted;
  },
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
export const publicProcedure = t.procedure.use(mapGalleyErrors);

type Principal = OwnerPrincipal | DevicePrincipal;

const missingToken =
  'Missing bearer token. Send "Authorization: Bearer <token>" with a token ' +
  'from auth.login (owners) or devices.pair (terminals).';
const invalidToken =
  'The token is invalid, expired or revoked. Owners sign in again, and ' +
  'a terminal must be paired again.';

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
  return principal;
}

function wrongKind(expected: string): TRPCError {
  return new TRPCError({
    code: 'FORBIDDEN',
    message: `This procedure needs ${expected}.`,
  });
}

export const ownerProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const principal = await authenticate(ctx);
  if (principal.kind !== 'owner') throw wrongKind("an owner's session token");
  return next({ ctx: { owner: principal } });
});

export const deviceProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const principal = await authenticate(ctx);
  if (principal.kind !== 'device') throw wrongKind("a truck device's token");
  return next({ ctx: { device: principal } });
});

/** Owners and devices alike. The procedure checks what each may see. */
export const memberProcedure = publicProcedure.use(async ({ ctx, next }) => {
  return next({ ctx: { principal: await authenticate(ctx) } });
});
