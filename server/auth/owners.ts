import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';

import { GalleyError } from '../../shared/errors.js';
import type { Database } from '../db/connection.js';
import { isUniqueViolation } from '../db/errors.js';
import { organizations, owners } from '../db/schema.js';
import { hashPassword, minPasswordLength } from './passwords.js';

export const createOwnerInputSchema = z.object({
  email: z.email('must be a valid email address such as owner@example.com'),
  password: z
    .string()
    .min(
      minPasswordLength,
      `must be at least ${minPasswordLength} characters long`,
    )
    .max(200, 'must be at most 200 characters long'),
  organizationName: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(120, 'must be at most 120 characters long'),
});

export type CreateOwnerInput = z.input<typeof createOwnerInputSchema>;

export interface CreatedOwner {
  organizationId: string;
  ownerId: string;
  email: string;
}

/** Emails are compared lower-cased and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Checks create-owner input and normalises the email, before any I/O. */
export function parseCreateOwnerInput(
  input: CreateOwnerInput,
): z.output<typeof createOwnerInputSchema> {
  const parsed = createOwnerInputSchema.safeParse({
    ...input,
    email: normalizeEmail(input.email),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.');
    throw new GalleyError(
      'BAD_REQUEST',
      `Invalid ${field}: ${issue.message}.`,
      { field },
    );
  }
  return parsed.data;
}

/**
 * Creates an organisation together with its first owner, in one
 * transaction, so a rejected owner leaves no empty organisation behind.
 */
export async function createOwner(
  db: Database,
  input: CreateOwnerInput,
): Promise<CreatedOwner> {
  const { email, password, organizationName } = parseCreateOwnerInput(input);
  await assertEmailFree(db, email);

  const passwordHash = await hashPassword(password);
  const organizationId = uuidv7();
  const ownerId = uuidv7();

  try {
    await db.transaction(async (tx) => {
      await tx
        .insert(organizations)
        .values({ id: organizationId, name: organizationName });
      await tx
        .insert(owners)
        .values({ id: ownerId, organizationId, email, passwordHash });
    });
  } catch (error) {
    // Two create-owner runs can pass the check at the same time.
    if (isUniqueViolation(error)) throw emailTaken(email);
    throw error;
  }

  return { organizationId, ownerId, email };
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
    `An owner with email ${email} already exists. Sign in with it, or use another email.`,
    { field: 'email' },
  );
}
