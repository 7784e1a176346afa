/** Operations used as the `operation` label; anything else is `other`. */
const knownOperations = new Set([
  'select',
  'insert',
  'update',
  'delete',
  'with',
  'begin',
  'commit',
  'rollback',
  'savepoint',
  'release',
]);

const maxLoggedLength = 500;

/** Returns the statement's first keyword as a bounded metric label. */
export function queryOperation(sql: string): string {
  const match = /^\s*(?:\/\*[\s\S]*?\*\/\s*)*([a-z]+)/i.exec(sql);
  const word = match?.[1]?.toLowerCase() ?? '';
  return knownOperations.has(word) ? word : 'other';
}

/**
 * Returns statement text that is safe to log: string and numeric literals
 * become `?`, whitespace collapses and long text is cut. Drizzle sends
 * values as bind parameters ($1, $2), which stay as they are, but raw SQL
 * written by hand may carry a literal such as an email address.
 */
export function describeStatement(sql: string): string {
  const masked = sql
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g, '?')
    .replace(/(?<![\w$])-?\d+(?:\.\d+)?(?![\w])/g, '?')
    .replace(/\s+/g, ' ')
    .trim();
  return masked.length > maxLoggedLength
    ? `${masked.slice(0, maxLoggedLength)}…`
    : masked;
}
