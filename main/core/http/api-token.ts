import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const apiTokenFileName = 'api-token';

/**
 * Reads the local API token from DIR/api-token, or creates it (32 random
 * bytes, base64url) with mode 0600. The same token serves every restart,
 * so scripts and an open browser tab keep working.
 */
export function loadOrCreateApiToken(dataDir: string): string {
  const file = path.join(dataDir, apiTokenFileName);
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) {
      chmodSync(file, 0o600);
      return existing;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }

  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}

/** Compares a bearer header with the token in constant time. */
export function bearerMatches(
  header: string | undefined,
  token: string,
): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;

  const presented = Buffer.from(match[1]!);
  const expected = Buffer.from(token);
  return (
    presented.length === expected.length && timingSafeEqual(presented, expected)
  );
}
