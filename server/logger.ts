import pino, {
  type DestinationStream,
  type Logger,
  type LoggerOptions,
} from 'pino';

/**
 * Creates the server's one pino logger. Modules take a child with their name.
 * Redaction is a second line of defence: code never passes a token,
 * password or hash to the logger in the first place.
 */
export function createLogger(
  options: LoggerOptions = {},
  destination?: DestinationStream,
): Logger {
  const settings: LoggerOptions = {
    level: process.env.LOG_LEVEL ?? 'info',
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        '*.password',
        '*.token',
        '*.deviceToken',
        '*.pairingCode',
      ],
      censor: '[redacted]',
    },
    ...options,
  };
  return destination ? pino(settings, destination) : pino(settings);
}
