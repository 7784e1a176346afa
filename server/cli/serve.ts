import { createServer } from '../app.js';
import { createLogger } from '../logger.js';
import { parseOptions, parsePort, storeFromEnvironment } from './options.js';

/**
 * Runs the server until SIGTERM or SIGINT, then closes Fastify and the
 * database so that the embedded store opens cleanly next time.
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
  const log = logger.child({ module: 'cli' });

  const server = await createServer(storeFromEnvironment(values['data-dir']), {
    logger,
  });
  const url = await server.listen(port, host);
  console.log(`Galley server listening on ${url}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'Second signal received, exiting without cleanup');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'Shutting down');
    server.close().then(
      () => {
        log.info('Server stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
