import type { Logger } from 'pino';

export const defaultShutdownTimeoutMs = 10_000;

export interface ShutdownOptions {
  /**
   * Stops accepting connections, waits for in-flight requests, then closes
   * pools and caches. Fastify's close() does the first two: it refuses new
   * connections and responds 503 to new requests on kept-alive ones.
   */
  close(): Promise<void>;
  logger: Logger;
  /** Upper bound on close(); past it the process exits with code 1. */
  timeoutMs?: number;
  /** Called first, so readiness fails while requests drain. */
  onStart?(): void;
  exit?(code: number): void;
}

/**
 * Returns the shutdown routine for SIGTERM and SIGINT. The first signal
 * starts a graceful close bounded by `timeoutMs`; a second signal exits
 * at once.
 */
export function createShutdown(
  options: ShutdownOptions,
): (signal: string) => Promise<void> {
  const log = options.logger.child({ module: 'shutdown' });
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const timeoutMs = options.timeoutMs ?? defaultShutdownTimeoutMs;
  let started: Promise<void> | undefined;

  return (signal) => {
    if (started) {
      log.warn({ signal }, 'Second signal received; exiting without waiting');
      exit(1);
      return started;
    }

    log.info(
      { signal, timeoutMs },
      'Shutting down: finishing in-flight requests',
    );
    options.onStart?.();
    const timer = setTimeout(() => {
      log.error(
        { timeoutMs },
        'Shutdown timed out; exiting with requests still open',
      );
      exit(1);
    }, timeoutMs);
    timer.unref();

    started = options.close().then(
      () => {
        clearTimeout(timer);
        log.info('Shutdown complete');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        log.error({ err: error }, 'Shutdown failed');
        exit(1);
      },
    );
    return started;
  };
}

/** Runs `shutdown` on SIGTERM and SIGINT; returns a function that removes the handlers. */
export function handleShutdownSignals(
  shutdown: (signal: string) => Promise<void>,
): () => void {
  const onSignal = (signal: NodeJS.Signals) => void shutdown(signal);
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}
