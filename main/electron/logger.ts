import pino from 'pino';

/**
 * Logger of the Electron main process. Modules take a child named after
 * themselves. Output is JSON lines on stdout, which the terminal shows in
 * development and the OS discards in a packaged app.
 */
export const logger = pino({
  name: 'galley-desktop',
  level: process.env.GALLEY_LOG_LEVEL ?? 'info',
});
