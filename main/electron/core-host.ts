import {
  MessageChannelMain,
  utilityProcess,
  type MessagePortMain,
} from 'electron';

import type { CoreStartMessage } from './core-messages.js';
import { CoreSupervisor } from './core-supervisor.js';
import { logger } from './logger.js';

/**
 * Creates the supervisor of the terminal core, running `coreEntry` in an
 * Electron utility process so that synchronous SQLite work runs outside
 * the main process.
 */
export function createCoreHost(
  coreEntry: string,
  start: CoreStartMessage,
): CoreSupervisor<MessagePortMain> {
  return new CoreSupervisor<MessagePortMain>({
    fork: () =>
      utilityProcess.fork(coreEntry, [], {
        serviceName: 'Galley terminal core',
        stdio: 'inherit',
      }),
    start,
    createChannel: () => new MessageChannelMain(),
    schedule: (task, delayMs) => {
      const timer = setTimeout(task, delayMs);
      return () => clearTimeout(timer);
    },
    now: () => Date.now(),
    logger: logger.child({ module: 'core-supervisor' }),
  });
}
