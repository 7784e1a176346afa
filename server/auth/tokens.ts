import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer tokens: 32 random bytes in base64url behind a prefix that names
 * what the token is for (gso_ owner session, gsd_ device, goi_ owner
 * invite), so a token found in a log or a paste can be recognised and
 * revoked. Only the SHA-256 of a token is stored, so a database leak does
 * not leak working tokens.
 */
export const tokenPrefixes = {
  ownerSession: 'gso_',
  device: 'gsd_',
  ownerInvite: 'goi_',
} as const;

export type TokenKind = keyof typeof tokenPrefixes;

export function generateToken(kind: TokenKind): string {
  return tokenPrefixes[kind] + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Reads the token kind from its prefix, or undefined for a foreign token. */
export function tokenKindOf(token: string): TokenKind | undefined {
  if (token.startsWith(tokenPrefixes.ownerSession)) return 'ownerSession';
  if (token.startsWith(tokenPrefixes.device)) return 'device';
  if (token.startsWith(tokenPrefixes.ownerInvite)) return 'ownerInvite';
  return undefined;
}
