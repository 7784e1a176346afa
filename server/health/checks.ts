export type CheckStatus = 'healthy' | 'unhealthy';
export type OverallStatus = 'healthy' | 'degraded' | 'unhealthy';

export interface CheckResult {
  status: CheckStatus;
  /** Milliseconds from the start of the check to its response or timeout. */
  responseTime: number;
  /** Description of the failure in plain words, present only when unhealthy. */
  error?: string;
}

export class CheckTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`No answer within ${timeoutMs} ms.`);
    this.name = 'CheckTimeoutError';
  }
}

/**
 * Runs one dependency check. The check never takes longer than
 * `timeoutMs`: a dependency that hangs is reported unhealthy when the time
 * is up, and its late response is ignored.
 */
export async function runCheck(
  check: () => Promise<unknown>,
  timeoutMs: number,
): Promise<CheckResult> {
  const started = performance.now();
  try {
    await withTimeout(check(), timeoutMs);
    return { status: 'healthy', responseTime: elapsedSince(started) };
  } catch (error) {
    return {
      status: 'unhealthy',
      responseTime: elapsedSince(started),
      error: describeFailure(error),
    };
  }
}

export async function withTimeout<T>(
  promise: Promise<T>,
  timeoutMs: number,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new CheckTimeoutError(timeoutMs)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
    // The losing check may still reject later, when no caller awaits it.
    promise.catch(() => undefined);
  }
}

/**
 * Combines the checks: the database is required, the cache is not, so a
 * failed cache degrades the service and a failed database takes it down.
 */
export function overallStatus(
  database: CheckResult,
  cache: CheckResult,
): OverallStatus {
  if (database.status === 'unhealthy') return 'unhealthy';
  if (cache.status === 'unhealthy') return 'degraded';
  return 'healthy';
}

function elapsedSince(started: number): number {
  return Math.round(performance.now() - started);
}

const socketErrors: Record<string, string> = {
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by the server',
  ETIMEDOUT: 'Connection timed out',
  ENOTFOUND: 'Host not found',
  EPIPE: 'Connection closed while writing',
};

/**
 * Returns a short description of a failed check, without connection
 * strings, which can carry passwords.
 */
export function describeFailure(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const codeText = typeof code === 'string' ? code : undefined;
  let message =
    error instanceof Error
      ? error.message
      : typeof error === 'string'
        ? error
        : '';
  if (!message) {
    message =
      (codeText && socketErrors[codeText]) ??
      'The check failed without an error message';
  }
  if (codeText && !message.includes(codeText))
    message = `${message} (${codeText})`;
  return message.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, '[url]').slice(0, 300);
}
