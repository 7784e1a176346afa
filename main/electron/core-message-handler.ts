import type { Logger } from 'pino';

import { coreMessage, type CoreStartMessage } from './core-messages.js';

export interface CoreRuntime<Core, Port> {
  openCore(start: CoreStartMessage): Promise<Core>;
  closeCore(core: Core): Promise<void>;
  /** Serves the local API on `port` and returns a function that stops it. */
  servePort(port: Port, core: Core): () => void;
  closePort(port: Port): void;
  exit(code: number): void;
  logger: Logger;
}

/**
 * Builds the handler of the messages the utility process receives from the
 * main process. Ports that arrive while the core is still opening wait for
 * it. A window that connects again (after a reload) has its previous port
 * stopped, so a dead page's port does not stay served.
 */
export function createCoreMessageHandler<Core, Port>(
  runtime: CoreRuntime<Core, Port>,
): (data: unknown, ports: Port[]) => Promise<void> {
  const log = runtime.logger;
  const served = new Map<number, { port: Port; stop: () => void }>();
  let opening: Promise<Core> | null = null;
  let shuttingDown = false;

  const stopWindow = (windowId: number) => {
    const entry = served.get(windowId);
    if (!entry) return;
    served.delete(windowId);
    entry.stop();
    runtime.closePort(entry.port);
  };

  return async (data, ports) => {
    const parsed = coreMessage.safeParse(data);
    if (!parsed.success) {
      log.error({ issues: parsed.error.issues }, 'invalid message from main');
      ports.forEach((port) => runtime.closePort(port));
      return;
    }
    const message = parsed.data;

    if (message.type === 'start') {
      if (opening) {
        log.warn('terminal core already started, start message ignored');
        return;
      }
      opening = runtime.openCore(message);
      try {
        await opening;
        log.info({ dataDir: message.dataDir }, 'terminal core opened');
      } catch (error) {
        log.fatal({ err: error }, 'terminal core failed to open');
        runtime.exit(1);
      }
      return;
    }

    if (message.type === 'connect') {
      const [port] = ports;
      if (!port || !opening || shuttingDown) {
        log.error(
          { windowId: message.windowId, hasPort: Boolean(port) },
          'connect message without a port or before start, ignored',
        );
        ports.forEach((unused) => runtime.closePort(unused));
        return;
      }
      const core = await opening;
      stopWindow(message.windowId);
      served.set(message.windowId, {
        port,
        stop: runtime.servePort(port, core),
      });
      return;
    }

    shuttingDown = true;
    for (const windowId of [...served.keys()]) stopWindow(windowId);
    try {
      if (opening) await runtime.closeCore(await opening);
      runtime.exit(0);
    } catch (error) {
      log.error({ err: error }, 'terminal core failed to close');
      runtime.exit(1);
    }
  };
}
