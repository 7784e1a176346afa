import path from 'node:path';
import { parseArgs } from 'node:util';

import { GalleyError } from '../../shared/errors.js';
import { writeDiagnosticsArchive } from './diagnostics/archive.js';
import { defaultApiPort, startHttpApi } from './http/http-api.js';
import { createCoreLogger } from './logger.js';
import { backoffDelayMs } from './sync/backoff.js';
import { openTerminalCore, type TerminalCore } from './terminal-core.js';

const usage = `Usage:
  npm run terminal -- --data-dir DIR --server URL [--port P] [--pairing-code CODE] [--device-name NAME]
  npm run terminal -- --data-dir DIR diagnostics --out FILE

  --data-dir DIR       folder of the terminal database and api-token (created if missing)
  --server URL         the Galley server, such as http://127.0.0.1:4000
  --port P             local API and UI port on 127.0.0.1 (default ${defaultApiPort}; 0 picks a free one)
  --pairing-code CODE  pairs the terminal on start, when it is not paired yet
  --device-name NAME   the name the server shows for this terminal (default: host name)
  --static-dir DIR     the built UI (default dist/renderer)
  --out FILE           where diagnostics writes its support archive (.tar.gz)`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

function parseCommandLine() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        server: { type: 'string' },
        port: { type: 'string' },
        'pairing-code': { type: 'string' },
        'device-name': { type: 'string' },
        'static-dir': { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return defaultApiPort;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65_535) {
    fail(`--port must be a whole number from 0 to 65535, got "${raw}".`);
  }
  return port;
}

async function runDiagnostics(dataDir: string, out: string | undefined) {
  if (!out) fail('diagnostics needs --out FILE.');
  const written = writeDiagnosticsArchive(dataDir, path.resolve(out));
  console.log(
    `Diagnostics archive written to ${path.resolve(out)} (${written.bytes} bytes, ` +
      `${written.bundle.counts.orders} orders, ${written.unsyncedEntries} unsynced entries).`,
  );
}

/**
 * Pairs once before the terminal reports ready. When the server cannot be
 * reached, pairing goes on in the background with backoff, and the counter
 * is usable meanwhile. A wrong code ends the attempts at once.
 */
async function pairOnStart(
  core: TerminalCore,
  request: { pairingCode: string; deviceName?: string },
  isStopping: () => boolean,
): Promise<void> {
  if (!(await attemptPairing(core, request))) return;

  void (async () => {
    for (let failures = 1; ; failures += 1) {
      const delayMs = backoffDelayMs(failures, {
        baseMs: 1_000,
        maxMs: 30_000,
      });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (isStopping()) return;
      if (!(await attemptPairing(core, request))) return;
    }
  })();
}

/** Returns true when the attempt should be repeated later. */
async function attemptPairing(
  core: TerminalCore,
  request: { pairingCode: string; deviceName?: string },
): Promise<boolean> {
  try {
    const status = await core.pair(request);
    console.log(
      `Paired with truck "${status.truck?.name ?? 'unknown'}" as slot ${status.slot}.`,
    );
    return false;
  } catch (error) {
    const message = (error as Error).message;
    if (error instanceof GalleyError && error.code === 'SERVICE_UNAVAILABLE') {
      console.error(`${message} Pairing retries in the background.`);
      return true;
    }
    console.error(`Pairing failed: ${message}`);
    return false;
  }
}

async function runTerminal(
  values: ReturnType<typeof parseCommandLine>['values'],
  dataDir: string,
) {
  const logger = createCoreLogger({ dataDir });
  const core = openTerminalCore({ dataDir, serverUrl: values.server, logger });
  const api = await startHttpApi(core, {
    port: parsePort(values.port),
    staticDir: values['static-dir'],
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'terminal stopping');
    await api.close();
    await core.close();
    logger.info('terminal stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  const pairingCode = values['pairing-code'];
  if (pairingCode && !core.setupStatus().paired) {
    await pairOnStart(
      core,
      { pairingCode, deviceName: values['device-name'] },
      () => stopping || core.setupStatus().paired,
    );
  }

  // The token travels in the URL fragment, which browsers never send to the
  // server. It is printed for the person starting the terminal, never logged.
  console.log(`Galley terminal ready at ${api.url}/#token=${api.token}`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine();
  if (values.help) {
    console.log(usage);
    return;
  }
  const dataDir = values['data-dir'];
  if (!dataDir) fail('Missing --data-dir DIR.');

  const command = positionals[0];
  if (command === 'diagnostics') return runDiagnostics(dataDir, values.out);
  if (command !== undefined) fail(`Unknown command "${command}".`);
  return runTerminal(values, dataDir);
}

main().catch((error: unknown) => {
  const message =
    error instanceof GalleyError
      ? error.message
      : `Terminal failed: ${(error as Error).stack ?? String(error)}`;
  console.error(message);
  process.exit(1);
});
