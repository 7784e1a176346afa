import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

import { z } from 'zod';

export const minPasswordLength = 8;

/** A password an owner chooses: for new accounts and password changes. */
export const newPasswordSchema = z
  .string()
  .min(
    minPasswordLength,
    `must be at least ${minPasswordLength} characters long`,
  )
  .max(200, 'must be at most 200 characters long');

const cost = { N: 16_384, r: 8, p: 1 } as const;
const keyLength = 32;
const saltLength = 16;

/**
 * Hashes a password with scrypt and a fresh salt. The result names its own
 * parameters (scrypt$N$r$p$salt$hash) so that they can be raised later
 * without breaking stored hashes.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltLength);
  const key = await deriveKey(password, salt, cost);

  return [
    'scrypt',
    cost.N,
    cost.r,
    cost.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** Checks a password against a stored hash in constant time. */
export async function verifyPassword(
  password: string,
  stored: string,
): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;

  const expected = Buffer.from(hash, 'base64url');
  const actual = await deriveKey(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A stored hash of no real password. Sign-in verifies against it when the
 * email is unknown, so the response takes as long as for a wrong password.
 */
let decoyHash: Promise<string> | undefined;
export function getDecoyHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(18).toString('base64url'));
  return decoyHash;
}

function deriveKey(
  password: string,
  salt: Buffer,
  params: { N: number; r: number; p: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      keyLength,
      { ...params, maxmem: 64 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}
