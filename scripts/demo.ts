import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import {
  createOwner,
  loginOwner,
  repoRoot,
  setupTruck,
  startServerProcess,
  startTerminalProcess,
} from './lib/processes.js';

/**
 * `npm run demo`: one server on the embedded store and one paired terminal
 * with a demo organisation, truck and menu, all under .data/demo. A second
 * run reuses what the first one made. The demo owner's password is a
 * published demo value, never a real secret.
 */
const demoDir = path.join(repoRoot, '.data', 'demo');
const serverDir = path.join(demoDir, 'server');
const terminalDir = path.join(demoDir, 'terminal');
const stateFile = path.join(demoDir, 'demo.json');
const owner = { email: 'owner@demo.galley', password: 'galley-demo-2026' };
const serverPort = Number(process.env.GALLEY_DEMO_SERVER_PORT ?? 4000);
const terminalPort = Number(process.env.GALLEY_DEMO_TERMINAL_PORT ?? 4100);

interface DemoState {
  truckId: string;
  pairingCode: string;
}

async function main(): Promise<void> {
  mkdirSync(demoDir, { recursive: true });
  const firstRun = !existsSync(stateFile);

  if (firstRun) {
    console.log('Creating the demo organisation and owner...');
    await createOwner({
      dataDir: serverDir,
      ...owner,
      org: 'Demo Food Trucks',
    });
  }

  const server = await startServerProcess({
    dataDir: serverDir,
    port: serverPort,
  });
  const ownerToken = await loginOwner(server.url, owner.email, owner.password);

  let state: DemoState;
  if (firstRun) {
    const menu = JSON.parse(
      readFileSync(
        path.join(repoRoot, 'scripts', 'demo', 'demo-menu.json'),
        'utf8',
      ),
    ) as unknown;
    const truck = await setupTruck(server.url, ownerToken, menu, {
      name: 'Demo truck',
      timezone:
        process.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    state = { truckId: truck.truckId, pairingCode: truck.pairingCode };
    writeFileSync(stateFile, JSON.stringify(state, null, 2));
  } else {
    state = JSON.parse(readFileSync(stateFile, 'utf8')) as DemoState;
  }

  const terminal = await startTerminalProcess({
    dataDir: terminalDir,
    serverUrl: server.url,
    port: terminalPort,
    ...(firstRun ? { pairingCode: state.pairingCode } : {}),
    env: { GALLEY_SYNC_MAX_BACKOFF_MS: '5000' },
  });

  console.log(`
Galley demo is running.

  Counter (open in a browser):  ${terminal.url}/#token=${terminal.token}
  Server:                       ${server.url}  (health: ${server.url}/health)
  Owner sign-in:                ${owner.email} / ${owner.password}
  Truck id:                     ${state.truckId}

Ctrl+C stops both. The data lives in ${demoDir}; delete that folder to
start over.
`);

  const shutdown = async () => {
    await terminal.stop();
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(
    `The demo failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
