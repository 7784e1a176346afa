import { scrypt, timingSafeEqual } from 'node:crypto';

import type { PinHashParams } from '../../../shared/staff.js';

/** scrypt needs 128 × N × r bytes; this leaves room for the shared parameters. */
const scryptMaxMemBytes = 32 * 1024 * 1024;

export interface PinMaterial {
  pinHash: string;
  pinSalt: string;
  pinParams: PinHashParams;
}

/**
 * Checks a PIN against a staff member's stored hash, with the parameters
 * the server hashed it with, and compares in constant time.
 */
export async function verifyPin(
  pin: string,
  material: PinMaterial,
): Promise<boolean> {
  const expected = Buffer.from(material.pinHash, 'base64url');
  const { N, r, p, keyLength } = material.pinParams;
  if (expected.length !== keyLength) return false;

  const derived = await new Promise<Buffer>((resolve, reject) => {
    scrypt(
      Buffer.from(pin, 'utf8'),
      Buffer.from(material.pinSalt, 'base64url'),
      keyLength,
      { N, r, p, maxmem: scryptMaxMemBytes },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
  return timingSafeEqual(derived, expected);
}
