import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

import {
  currentPinHashParams,
  pinSaltBytes,
  type PinHashParams,
} from '../../shared/staff.js';

export interface PinHash {
  pinHash: string;
  pinSalt: string;
  pinParams: PinHashParams;
}

/** Hashes a PIN with a fresh salt, as documented in shared/staff.ts. */
export async function hashPin(pin: string): Promise<PinHash> {
  const salt = randomBytes(pinSaltBytes);
  const key = await derivePinKey(pin, salt, currentPinHashParams);
  return {
    pinHash: key.toString('base64url'),
    pinSalt: salt.toString('base64url'),
    pinParams: currentPinHashParams,
  };
}

/** Checks a PIN against a stored hash in constant time. */
export async function verifyPin(
  pin: string,
  stored: PinHash,
): Promise<boolean> {
  const expected = Buffer.from(stored.pinHash, 'base64url');
  const actual = await derivePinKey(
    pin,
    Buffer.from(stored.pinSalt, 'base64url'),
    stored.pinParams,
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function derivePinKey(
  pin: string,
  salt: Buffer,
  params: PinHashParams,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      Buffer.from(pin, 'utf8'),
      salt,
      params.keyLength,
      { N: params.N, r: params.r, p: params.p, maxmem: 32 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}
