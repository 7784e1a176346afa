import { createHash, randomInt } from 'node:crypto';

/**
 * Pairing codes are typed by hand on a truck's terminal, so they use an
 * alphabet without look-alikes (no 0/O, 1/I/L) and are shown as XXXX-XXXX.
 * 31^8 is about 8.5e11 codes, so with a 15-minute life and rate-limited
 * failures, guessing one is not practical.
 */
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const codeLength = 8;

export const pairingCodeLifetimeMs = 15 * 60 * 1000;

export function generatePairingCode(): string {
  let code = '';
  for (let index = 0; index < codeLength; index += 1) {
    code += alphabet[randomInt(alphabet.length)];
  }
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Accepts the code with or without the dash or spaces, in any case. */
export function normalizePairingCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

export function hashPairingCode(input: string): string {
  return createHash('sha256')
    .update(normalizePairingCode(input), 'utf8')
    .digest('hex');
}
