import { createDeferredFileLogger } from '../core/logger.js';

/**
 * Logger of the Electron main process. Modules take a child named after
 * themselves. Output is JSON lines on stdout, which the terminal shows in
 * development and the OS discards in a packaged app, and DIR/logs/desktop.log
 * once main.ts has resolved the data directory, so the support archive
 * contains it.
 */
const deferred = createDeferredFileLogger({
  name: 'galley-desktop',
  fileName: 'desktop.log',
});

export const logger = deferred.logger;
export const logToDataDir = deferred.logToDataDir;
