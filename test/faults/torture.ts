import { loadFixtureMenu } from '../support/fixtures.js';
import {
  fastSyncEnv,
  serverOrderIds,
  startFaultStack,
  startStackTerminal,
  takeOrders,
  terminalOrderIds,
  waitForDrain,
  type FaultStack,
} from '../support/fault-stack.js';
import {
  startTerminalProcess,
  trpcCall,
  type TerminalProcess,
} from '../support/processes.js';

/**
 * The crash torture: a real terminal process is killed with SIGKILL at a
 * random moment of order entry, of an outbox flush or of a menu pull,
 * restarted, and finally synced. Afterwards:
 *
 * - every order whose orders.create returned is in the terminal database
 *   and on the server,
 * - the server has each order once and no order the terminal lacks.
 *
 * An order whose commit finished just before the kill, but whose reply
 * never reached the caller, is a real order of the terminal (orders.list
 * shows it after the restart), so it syncs too. Such orders are counted as
 * `committedUnconfirmed`; they are at most one per kill, because orders are
 * taken one after another.
 */
export type KillPhase = 'order entry' | 'outbox flush' | 'menu pull';

export interface TortureResult {
  kills: number;
  killsByPhase: Record<KillPhase, number>;
  confirmed: number;
  committedUnconfirmed: number;
  terminalOrders: number;
  serverRows: number;
  /** Confirmed orders missing from the server (must be 0). */
  lost: number;
  /** Server rows beyond one per order (must be 0). */
  duplicates: number;
  /** Server orders the terminal does not have (must be 0). */
  phantoms: number;
  /** Confirmed orders missing from the terminal database (must be 0). */
  lostLocally: number;
  durationMs: number;
}

const phases: KillPhase[] = ['order entry', 'outbox flush', 'menu pull'];

const terminalEnv: NodeJS.ProcessEnv = {
  ...fastSyncEnv,
  GALLEY_MENU_PULL_INTERVAL_MS: '300',
  GALLEY_LOG_LEVEL: 'error',
};

export async function runTorture(options: {
  kills: number;
  random?: () => number;
  onProgress?: (kill: number, phase: KillPhase) => void;
}): Promise<TortureResult> {
  const random = options.random ?? Math.random;
  const started = Date.now();
  const stack = await startFaultStack({ prefix: 'torture' });
  const confirmed = new Set<string>();
  const killsByPhase: Record<KillPhase, number> = {
    'order entry': 0,
    'outbox flush': 0,
    'menu pull': 0,
  };
  let terminal: TerminalProcess | null = null;

  try {
    terminal = await startStackTerminal(stack, terminalEnv);
    for (let kill = 0; kill < options.kills; kill += 1) {
      terminal ??= await restartTerminal(stack);
      const phase = phases[kill % phases.length]!;
      options.onProgress?.(kill + 1, phase);
      await killDuring(phase, stack, terminal, confirmed, random, kill);
      killsByPhase[phase] += 1;
      terminal = null;
    }

    terminal = await restartTerminal(stack);
    await waitForDrain(terminal, 120_000);
    await terminal.stop(5_000);
    terminal = null;

    const local = new Set(terminalOrderIds(stack.terminalDir));
    const rows = await serverOrderIds(stack.databaseUrl, stack.truckId);
    const onServer = new Set(rows);
    return {
      kills: options.kills,
      killsByPhase,
      confirmed: confirmed.size,
      committedUnconfirmed: [...local].filter((id) => !confirmed.has(id))
        .length,
      terminalOrders: local.size,
      serverRows: rows.length,
      lost: [...confirmed].filter((id) => !onServer.has(id)).length,
      duplicates: rows.length - onServer.size,
      phantoms: rows.filter((id) => !local.has(id)).length,
      lostLocally: [...confirmed].filter((id) => !local.has(id)).length,
      durationMs: Date.now() - started,
    };
  } finally {
    await terminal?.kill();
    await stack.close();
  }
}

function restartTerminal(stack: FaultStack): Promise<TerminalProcess> {
  return startTerminalProcess({
    dataDir: stack.terminalDir,
    serverUrl: `http://${stack.proxy.address}`,
    env: terminalEnv,
  });
}

async function killDuring(
  phase: KillPhase,
  stack: FaultStack,
  terminal: TerminalProcess,
  confirmed: Set<string>,
  random: () => number,
  kill: number,
): Promise<void> {
  if (phase === 'outbox flush') {
    // Queue orders while the server is unreachable, then let the flush
    // start and kill somewhere inside it (the retry comes within 500 ms).
    stack.proxy.cut();
    for (const id of await takeOrders(terminal, 10)) confirmed.add(id);
    stack.proxy.restore();
    await sleep(random() * 700);
  } else if (phase === 'menu pull') {
    const menu = loadFixtureMenu('taco-truck') as Record<string, unknown>;
    await trpcCall(
      stack.server.url,
      stack.ownerToken,
      'mutation',
      'menu.import',
      {
        truckId: stack.truckId,
        menu: { ...menu, name: `Lunch ${kill}` },
      },
    );
    await sleep(random() * 400);
  }

  // Orders go on in every phase, so a kill can also land in an order's
  // commit. The loop ends with the kill's failed request.
  const entry = takeOrdersUntilKilled(terminal, confirmed);
  await sleep(phase === 'order entry' ? 20 + random() * 400 : random() * 50);
  await terminal.kill();
  await entry;
}

async function takeOrdersUntilKilled(
  terminal: TerminalProcess,
  confirmed: Set<string>,
): Promise<void> {
  for (;;) {
    try {
      for (const id of await takeOrders(terminal, 1)) confirmed.add(id);
    } catch {
      return;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
