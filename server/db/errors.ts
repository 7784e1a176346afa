/**
 * True when PostgreSQL rejected a write for a unique constraint (SQLSTATE
 * 23505). drizzle wraps driver errors, so the code may sit on the cause.
 */
export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current; depth += 1) {
    if ((current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
