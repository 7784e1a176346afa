import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';

import { GalleyError } from '../../shared/errors.js';
import type { Database } from '../db/connection.js';
import { owners, ownerSessions } from '../db/schema.js';
import { normalizeEmail } from './owners.js';
import { getDecoyHash, verifyPassword } from './passwords.js';
import { generateToken, hashToken } from './tokens.js';

export const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;

export interface OwnerPrincipal {
  kind: 'owner';
  ownerId: string;
  organizationId: string;
  sessionId: string;
}

const wrongCredentials = 'Email or password is incorrect.';

/**
 * Signs an owner in. A wrong email and a wrong password get the same
 * message and take about as long, so the response does not reveal which
 * emails have accounts.
 */
export async function login(
  db: Database,
  input: { email: string; password: string },
  now: Date,
): Promise<{ token: string; expiresAt: string }> {
  const [owner] = await db
    .select({ id: owners.id, passwordHash: owners.passwordHash })
    .from(owners)
    .where(eq(owners.email, normalizeEmail(input.email)))
    .limit(1);

  const passwordMatches = await verifyPassword(
    input.password,
    owner?.passwordHash ?? (await getDecoyHash()),
  );
  if (!owner || !passwordMatches) {
    throw new GalleyError('UNAUTHORIZED', wrongCredentials);
  }

  return startSession(db, owner.id, now);
}

/** Opens a session for an owner whose identity is already proven. */
export async function startSession(
  db: Database,
  ownerId: string,
  now: Date,
): Promise<{ token: string; expiresAt: string }> {
  const token = generateToken('ownerSession');
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs);
  await db.insert(ownerSessions).values({
    id: uuidv7(),
    ownerId,
    tokenHash: hashToken(token),
    expiresAt,
    createdAt: now,
  });

  return { token, expiresAt: expiresAt.toISOString() };
}

export async function findOwnerSession(
  db: Database,
  token: string,
  now: Date,
): Promise<OwnerPrincipal | undefined> {
  const [row] = await db
    .select({
      sessionId: ownerSessions.id,
      ownerId: owners.id,
      organizationId: owners.organizationId,
    })
    .from(ownerSessions)
    .innerJoin(owners, eq(owners.id, ownerSessions.ownerId))
    .where(
      and(
        eq(ownerSessions.tokenHash, hashToken(token)),
        isNull(ownerSessions.revokedAt),
        gt(ownerSessions.expiresAt, now),
      ),
    )
    .limit(1);

  return row ? { kind: 'owner', ...row } : undefined;
}

export async function revokeSession(
  db: Database,
  sessionId: string,
  now: Date,
): Promise<void> {
  await db
    .update(ownerSessions)
    .set({ revokedAt: now })
    .where(eq(ownerSessions.id, sessionId));
}

/**
 * Revokes every open session of an owner, except `keepSessionId` when
 * given. Returns how many sessions it revoked.
 */
export async function revokeOwnerSessions(
  db: Database,
  ownerId: string,
  now: Date,
  keepSessionId?: string,
): Promise<number> {
  const revoked = await db
    .update(ownerSessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(ownerSessions.ownerId, ownerId),
        isNull(ownerSessions.revokedAt),
        gt(ownerSessions.expiresAt, now),
        keepSessionId ? ne(ownerSessions.id, keepSessionId) : undefined,
      ),
    )
    .returning({ id: ownerSessions.id });
  return revoked.length;
}
