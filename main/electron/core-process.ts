import type { MessagePortMain } from 'electron';

import { openTerminalCore, serveLocalApiOverPort } from '../core/index.js';
import { createDeferredFileLogger } from '../core/logger.js';
import { createCoreMessageHandler } from './core-message-handler.js';
import { wrapMessagePortMain } from './message-port.js';

/**
 * Entry of the Electron utility process that runs the terminal core. It
 * waits for the start message from the main process, opens the core, and
 * serves the local API on every window port it receives.
 */
const { logger, logToDataDir } = createDeferredFileLogger();
const log = logger.child({ module: 'core-process' });

const handleMessage = createCoreMessageHandler({
  openCore: async (start) => {
    // From here on every line also goes to DIR/logs, which the support
    // archive collects.
    logToDataDir(start.dataDir);
    return openTerminalCore({
      dataDir: start.dataDir,
      serverUrl: start.serverUrl,
      migrationsFolder: start.migrationsFolder,
      logger,
    });
  },
  closeCore: (core) => core.close(),
  servePort: (port: MessagePortMain, core) =>
    serveLocalApiOverPort(wrapMessagePortMain(port), core),
  closePort: (port) => port.close(),
  exit: (code) => process.exit(code),
  logger: log,
});

process.parentPort.on('message', (event) => {
  handleMessage(event.data, event.ports).catch((error: unknown) => {
    log.error({ err: error }, 'message from the main process failed');
  });
});
