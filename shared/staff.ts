import { z } from 'zod';

/**
 * Staff, roles and organisation settings as the server stores them and as a
 * terminal receives them in sync.pull, so that the terminal can check PINs
 * and permissions offline.
 */

export const staffRoles = ['staff', 'manager', 'owner'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** Roles that may approve voids, refunds and discounts above the limit. */
export const approverRoles: readonly StaffRole[] = ['manager', 'owner'];

export const pinSchema = z
  .string({ error: 'must be a string of 4 to 6 digits' })
  .regex(/^\d{4,6}$/, 'must be 4 to 6 digits (0-9), such as "4821"');

export const staffNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters');

/**
 * Parameters of a staff PIN hash. The terminal verifies a PIN offline with
 * node:crypto as `scrypt(pin, salt, keyLength, { N, r, p, maxmem })`.
 * Here `pin` is the PIN's ASCII digits as UTF-8 bytes, and `salt` is the
 * base64url-decoded `pinSalt`: 16 random bytes, new for each staff member
 * and each PIN change. The terminal compares the result with the
 * base64url-decoded `pinHash` with `timingSafeEqual`. `maxmem` must be
 * above 128 × N × r bytes (16 MiB for these values): Node.js 20 rejects
 * exactly 16 MiB and accepts its default of 32 MiB.
 *
 * NOTE: a 4 to 6 digit PIN has at most a million values, so anyone who
 * copies a terminal's database can find a PIN by brute force whatever the
 * hash cost. The hash keeps PINs out of plain sight; the terminal's lock-out
 * after wrong PINs is what protects the counter.
 */
export const pinHashParamsSchema = z.object({
  algorithm: z.literal('scrypt'),
  N: z.number().int().min(2),
  r: z.number().int().min(1),
  p: z.number().int().min(1),
  keyLength: z.number().int().min(16).max(64),
});

export type PinHashParams = z.infer<typeof pinHashParamsSchema>;

export const currentPinHashParams: PinHashParams = {
  algorithm: 'scrypt',
  N: 16_384,
  r: 8,
  p: 1,
  keyLength: 32,
};

export const pinSaltBytes = 16;

/**
 * A test vector for the parameters above, so that the terminal's verifier
 * can be tested against the server's hashing: PIN "4821" with this salt
 * gives this hash.
 */
export const pinHashTestVector = {
  pin: '4821',
  pinSalt: 'AAECAwQFBgcICQoLDA0ODw',
  pinHash: 'VioJMO0I0gb6C6uuGdar3oexpjkVNw9EUEcJxN6A2SU',
  pinParams: currentPinHashParams,
} as const;

/** A staff member as sync.pull sends it to the truck's terminals. */
export const syncedStaffSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.enum(staffRoles),
  active: z.boolean(),
  /** base64url scrypt output of the PIN. */
  pinHash: z.string(),
  /** base64url salt of this staff member's current PIN. */
  pinSalt: z.string(),
  pinParams: pinHashParamsSchema,
});

export type SyncedStaff = z.infer<typeof syncedStaffSchema>;

/** A staff member as the owner's screens see it: no PIN material. */
export const staffMemberSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.enum(staffRoles),
  active: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});

export type StaffMember = z.infer<typeof staffMemberSchema>;

/** A percentage from 0 to 100 as a decimal string, e.g. "12.5". */
export const percentSchema = z
  .string()
  .regex(
    /^(100(\.0{1,9})?|\d{1,2}(\.\d{1,9})?)$/,
    'must be a decimal string from "0" to "100", such as "15" or "12.5"',
  );

/** Organisation-wide settings that the terminals enforce. */
export const organizationSettingsSchema = z.object({
  /** Discounts above this percentage of the subtotal need a manager. */
  discountLimitPercent: percentSchema,
  /** Seconds without input after which the counter screen locks. */
  idleLockSeconds: z
    .number()
    .int('must be a whole number of seconds')
    .min(15, 'must be at least 15 seconds')
    .max(86_400, 'must be at most 86400 seconds (one day)'),
});

export type OrganizationSettings = z.infer<typeof organizationSettingsSchema>;

export const defaultOrganizationSettings: OrganizationSettings = {
  discountLimitPercent: '10',
  idleLockSeconds: 300,
};
