import path from 'node:path';

import pino, { type Logger } from 'pino';

import { RotatingFile } from './logging/rotating-file.js';

export const logsFolderName = 'logs';

/**
 * Paths pino replaces with "[redacted]" in case a caller logs a settings
 * row, request headers or an order input. Secrets must never reach a log
 * file, because log files go into the support archive.
 */
const redactedPaths = [
  'deviceToken',
  '*.deviceToken',
  'token',
  '*.token',
  'apiToken',
  '*.apiToken',
  'password',
  '*.password',
  'pin',
  '*.pin',
  'pinHash',
  '*.pinHash',
  'pinSalt',
  '*.pinSalt',
  'note',
  '*.note',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
];

export interface CoreLoggerOptions {
  level?: string;
  /**
   * The data directory. When set, logs also go to DIR/logs/terminal.log,
   * rotated at 1 MB with 4 older files kept.
   */
  dataDir?: string;
}

/**
 * Creates the core's root logger: JSON lines on stdout, and in the data
 * directory's log folder when one is given.
 */
export function createCoreLogger(
  levelOrOptions: string | CoreLoggerOptions = {},
): Logger {
  const options =
    typeof levelOrOptions === 'string'
      ? { level: levelOrOptions }
      : levelOrOptions;
  const level = options.level ?? process.env.GALLEY_LOG_LEVEL ?? 'info';
  const settings = {
    name: 'galley-terminal',
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
  };
  if (!options.dataDir) return pino(settings);

  const file = new RotatingFile({
    dir: path.join(options.dataDir, logsFolderName),
  });
  return pino(
    settings,
    pino.multistream([
      { level: level as pino.Level, stream: process.stdout },
      { level: level as pino.Level, stream: file },
    ]),
  );
}

/**
 * A root logger that writes JSON lines to stdout, and also to a file in
 * the data directory's log folder once `logToDataDir` is called. The
 * desktop app's processes use it, because they learn the data directory
 * after their first lines are logged. Each process needs its own file
 * name, as two processes rotating one file would lose lines.
 */
export interface DeferredFileLogger {
  logger: Logger;
  /** Adds the file in DIR/logs as a destination; later calls do nothing. */
  logToDataDir(dataDir: string): void;
}

export function createDeferredFileLogger(
  options: { level?: string; name?: string; fileName?: string } = {},
): DeferredFileLogger {
  const level = options.level ?? process.env.GALLEY_LOG_LEVEL ?? 'info';
  const streams = pino.multistream([
    { level: level as pino.Level, stream: process.stdout },
  ]);
  const logger = pino(
    {
      name: options.name ?? 'galley-terminal',
      level,
      redact: { paths: redactedPaths, censor: '[redacted]' },
    },
    streams,
  );
  let fileAdded = false;
  return {
    logger,
    logToDataDir(dataDir) {
      if (fileAdded) return;
      fileAdded = true;
      streams.add({
        level: level as pino.Level,
        stream: new RotatingFile({
          dir: path.join(dataDir, logsFolderName),
          ...(options.fileName ? { fileName: options.fileName } : {}),
        }),
      });
    },
  };
}
