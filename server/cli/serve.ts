import { createServer } from '../app.js';
import {
  createShutdown,
  handleShutdownSignals,
} from '../lifecycle/graceful-shutdown.js';
import { createLogger } from '../logger.js';
import { parseOptions, parsePort, storeFromEnvironment } from './options.js';

/**
 * Runs the server until SIGTERM or SIGINT, then closes Fastify, the cache
 * and the database so that the embedded store opens cleanly next time.
 */
export async function serve(args: string[]): Promise<void> {
  const values = parseOptions(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
  });
  const port = parsePort(values.port);
  const host = values.host ?? '127.0.0.1';
  const logger = createLogger();

  const server = await createServer(storeFromEnvironment(values['data-dir']), {
    logger,
  });
  const url = await server.listen(port, host);
  console.log(`Galley server listening on ${url}`);

  // SIGTERM or SIGINT: fail readiness, finish in-flight requests, close
  // the cache and the database, and exit within the shutdown timeout.
  handleShutdownSignals(
    createShutdown({ close: () => server.close(), logger }),
  );
}
