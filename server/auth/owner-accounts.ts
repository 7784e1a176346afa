import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';

import { GalleyError } from '../../shared/errors.js';
import type { Database } from '../db/connection.js';
import { isUniqueViolation } from '../db/errors.js';
import { ownerInvites, owners } from '../db/schema.js';
import { normalizeEmail } from './owners.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { revokeOwnerSessions, startSession } from './sessions.js';
import { generateToken, hashToken } from './tokens.js';

/** How long an invite code works: long enough to reach someone by email. */
export const inviteLifetimeMs = 7 * 24 * 60 * 60 * 1000;

export interface OwnerAccount {
  id: string;
  email: string;
  createdAt: string;
}

export async function listOwners(
  db: Database,
  organizationId: string,
): Promise<OwnerAccount[]> {
  const rows = await db
    .select({ id: owners.id, email: owners.email, createdAt: owners.createdAt })
    .from(owners)
    .where(eq(owners.organizationId, organizationId))
    .orderBy(asc(owners.createdAt), asc(owners.id));
  return rows.map((row) => ({
    ...row,
    createdAt: row.createdAt.toISOString(),
  }));
}

/** Adds an owner to the organisation with a password the inviter chose. */
export async function addOwner(
  db: Database,
  organizationId: string,
  input: { email: string; password: string },
  now: Date,
): Promise<OwnerAccount> {
  const email = normalizeEmail(input.email);
  await assertEmailFree(db, email);
  const passwordHash = await hashPassword(input.password);
  const id = uuidv7();
  try {
    await db
      .insert(owners)
      .values({ id, organizationId, email, passwordHash, createdAt: now });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken(email);
    throw error;
  }
  return { id, email, createdAt: now.toISOString() };
}

/**
 * Issues a single-use invite code for an email. The person redeems it with
 * owners.acceptInvite and chooses their own password. Only the code's hash
 * is stored.
 */
export async function inviteOwner(
  db: Database,
  params: {
    organizationId: string;
    invitedBy: string;
    email: string;
    now: Date;
  },
): Promise<{ inviteCode: string; email: string; expiresAt: string }> {
  const email = normalizeEmail(params.email);
  await assertEmailFree(db, email);
  const inviteCode = generateToken('ownerInvite');
  const expiresAt = new Date(params.now.getTime() + inviteLifetimeMs);

  await db.insert(ownerInvites).values({
    id: uuidv7(),
    organizationId: params.organizationId,
    email,
    codeHash: hashToken(inviteCode),
    invitedBy: params.invitedBy,
    expiresAt,
    createdAt: params.now,
  });
  return { inviteCode, email, expiresAt: expiresAt.toISOString() };
}

const inviteRejected =
  'Invite code not recognised, already used or expired. Ask an owner for a new invite.';

/**
 * Redeems an invite: creates the owner with their password and signs them
 * in, in one transaction, so a failure leaves the code usable.
 */
export async function acceptInvite(
  db: Database,
  input: { inviteCode: string; password: string },
  now: Date,
): Promise<{ token: string; expiresAt: string; email: string }> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [invite] = await tx
        .update(ownerInvites)
        .set({ usedAt: now })
        .where(
          and(
            eq(ownerInvites.codeHash, hashToken(input.inviteCode)),
            isNull(ownerInvites.usedAt),
            gt(ownerInvites.expiresAt, now),
          ),
        )
        .returning();
      if (!invite) throw new GalleyError('UNAUTHORIZED', inviteRejected);

      const ownerId = uuidv7();
      await tx.insert(owners).values({
        id: ownerId,
        organizationId: invite.organizationId,
        email: invite.email,
        passwordHash,
        createdAt: now,
      });
      const session = await startSession(
        tx as unknown as Database,
        ownerId,
        now,
      );
      return { ...session, email: invite.email };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new GalleyError(
        'CONFLICT',
        'An owner with the invited email already exists. Sign in with it instead.',
      );
    }
    throw error;
  }
}

/**
 * Changes an owner's password after checking the current one, and signs
 * out every other session of the owner. The calling session stays.
 */
export async function changePassword(
  db: Database,
  params: {
    ownerId: string;
    sessionId: string;
    currentPassword: string;
    newPassword: string;
    now: Date;
  },
): Promise<{ signedOutSessions: number }> {
  const [owner] = await db
    .select({ passwordHash: owners.passwordHash })
    .from(owners)
    .where(eq(owners.id, params.ownerId))
    .limit(1);
  if (
    !owner ||
    !(await verifyPassword(params.currentPassword, owner.passwordHash))
  ) {
    throw new GalleyError(
      'BAD_REQUEST',
      'The current password is incorrect. Type it again; nothing was changed.',
      { field: 'currentPassword' },
    );
  }

  const passwordHash = await hashPassword(params.newPassword);
  return db.transaction(async (tx) => {
    await tx
      .update(owners)
      .set({ passwordHash })
      .where(eq(owners.id, params.ownerId));
    const signedOutSessions = await revokeOwnerSessions(
      tx as unknown as Database,
      params.ownerId,
      params.now,
      params.sessionId,
    );
    return { signedOutSessions };
  });
}

/** Looks up the email of an owner, for per-account rate limits. */
export async function emailOfOwner(
  db: Database,
  ownerId: string,
): Promise<string> {
  const [row] = await db
    .select({ email: owners.email })
    .from(owners)
    .where(eq(owners.id, ownerId))
    .limit(1);
  return row?.email ?? ownerId;
}

async function assertEmailFree(db: Database, email: string): Promise<void> {
  const existing = await db
    .select({ id: owners.id })
    .from(owners)
    .where(eq(owners.email, email))
    .limit(1);
  if (existing.length > 0) throw emailTaken(email);
}

function emailTaken(email: string): GalleyError {
  return new GalleyError(
    'CONFLICT',
    `An owner with email ${email} already exists. Use another email.`,
    { field: 'email' },
  );
}
