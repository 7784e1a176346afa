import pino, { type Logger } from 'pino';

/**
 * Creates the core's root logger: JSON lines on stdout, with secrets redacted by
 * path in case a caller logs a settings row or request headers.
 */
export function createCoreLogger(
  level = process.env.GALLEY_LOG_LEVEL ?? 'info',
): Logger {
  return pino({
    name: 'galley-terminal',
    level,
    redact: {
      paths: [
        'deviceToken',
        '*.deviceToken',
        'token',
        '*.token',
        'apiToken',
        'authorization',
        '*.authorization',
        'headers.authorization',
        '*.headers.authorization',
      ],
      censor: '[redacted]',
    },
  });
}
