import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs the real server and terminal processes for the demo, integration and
 * end-to-end tests, through the same entry points the README documents.
 * Each process runs as `node --import tsx`, one process per role, so a
 * signal reaches the program itself and not a wrapper.
 */
export const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

export function makeTempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `galley-${prefix}-`));
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  /** Sends SIGTERM and waits for the exit; SIGKILL after the grace time. */
  stop(graceMs?: number): Promise<void>;
  /** Sends SIGKILL and waits for the exit, as a power cut would. */
  kill(): Promise<void>;
}

const maxKeptOutput = 256 * 1024;

function runTypeScript(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): RunningProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, script), ...args],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // Keeps the tail of the output for error messages; long runs drop the head.
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-maxKeptOutput);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

  const stop = async (graceMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  };

  return { child, output: () => output, stop, kill };
}

async function waitFor(
  description: string,
  process: RunningProcess,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.child.exitCode !== null) {
      throw new Error(
        `${description}: the process exited with code ${process.child.exitCode}.\n${process.output()}`,
      );
    }
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${description}: timed out.\n${process.output()}`);
}

export interface ServerProcess extends RunningProcess {
  url: string;
  port: number;
  dataDir: string;
}

export interface StoreOptions {
  /** Folder of the embedded PGlite store; ignored when databaseUrl is set. */
  dataDir?: string;
  databaseUrl?: string;
}

function storeArgs(store: StoreOptions): {
  args: string[];
  env: NodeJS.ProcessEnv;
} {
  if (store.databaseUrl) {
    return { args: [], env: { DATABASE_URL: store.databaseUrl } };
  }
  return {
    args: store.dataDir ? ['--data-dir', store.dataDir] : [],
    env: { DATABASE_URL: '' },
  };
}

export async function startServerProcess(
  options: StoreOptions & { port?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? makeTempDir('server');
  const port = options.port ?? (await findFreePort());
  const store = storeArgs({ ...options, dataDir });
  const running = runTypeScript(
    'server/cli.ts',
    ['--port', String(port), '--host', '127.0.0.1', ...store.args],
    { ...store.env, ...options.env },
  );
  const url = `http://127.0.0.1:${port}`;

  await waitFor('server start', running, async () => {
    try {
      return (await fetch(`${url}/health`)).ok;
    } catch {
      return false;
    }
  });
  return { ...running, url, port, dataDir };
}

export async function createOwner(
  options: StoreOptions & { email: string; password: string; org: string },
): Promise<{ organizationId: string; ownerId: string }> {
  const store = storeArgs(options);
  const running = runTypeScript(
    'server/cli.ts',
    [
      'create-owner',
      '--email',
      options.email,
      '--password',
      options.password,
      '--org',
      options.org,
      ...store.args,
    ],
    store.env,
  );
  await new Promise<void>((resolve) =>
    running.child.once('exit', () => resolve()),
  );
  if (running.child.exitCode !== 0) {
    throw new Error(`create-owner failed:\n${running.output()}`);
  }

  const jsonLine = running
    .output()
    .split('\n')
    .reverse()
    .find((line) => line.trim().startsWith('{"organizationId"'));
  if (!jsonLine)
    throw new Error(`create-owner printed no JSON line:\n${running.output()}`);
  return JSON.parse(jsonLine) as { organizationId: string; ownerId: string };
}

/** An error answer of a tRPC call, with the HTTP status and error data. */
export class CallError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly data: Record<string, unknown> | undefined,
  ) {
    super(message);
  }
}

/** Calls a tRPC procedure over plain HTTP, as any HTTP client could. */
export async function trpcCall<T = unknown>(
  baseUrl: string,
  token: string | null,
  type: 'query' | 'mutation',
  procedure: string,
  input?: unknown,
): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;

  let response: Response;
  if (type === 'query') {
    const query =
      input === undefined
        ? ''
        : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    response = await fetch(`${baseUrl}/trpc/${procedure}${query}`, { headers });
  } else {
    headers['content-type'] = 'application/json';
    response = await fetch(`${baseUrl}/trpc/${procedure}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(input ?? null),
    });
  }

  const body = (await response.json()) as {
    result?: { data: T };
    error?: { message: string; data?: Record<string, unknown> };
  };
  if (body.error || !body.result) {
    throw new CallError(
      body.error?.message ?? `HTTP ${response.status}`,
      response.status,
      body.error?.data,
    );
  }
  return body.result.data;
}

export async function loginOwner(
  serverUrl: string,
  email: string,
  password: string,
): Promise<string> {
  const { token } = await trpcCall<{ token: string }>(
    serverUrl,
    null,
    'mutation',
    'auth.login',
    { email, password },
  );
  return token;
}

/** Creates a truck with a menu and returns its id and a pairing code. */
export async function setupTruck(
  serverUrl: string,
  ownerToken: string,
  menu: unknown,
  truck: { name: string; timezone: string } = {
    name: 'Test truck',
    timezone: 'America/New_York',
  },
): Promise<{ truckId: string; pairingCode: string; menuVersion: number }> {
  const { truckId, pairingCode } = await trpcCall<{
    truckId: string;
    pairingCode: string;
  }>(serverUrl, ownerToken, 'mutation', 'trucks.create', truck);
  const { version } = await trpcCall<{ version: number }>(
    serverUrl,
    ownerToken,
    'mutation',
    'menu.import',
    { truckId, menu },
  );
  return { truckId, pairingCode, menuVersion: version };
}

export interface TerminalProcess extends RunningProcess {
  url: string;
  port: number;
  token: string;
  dataDir: string;
}

export async function startTerminalProcess(options: {
  dataDir: string;
  serverUrl: string;
  port?: number;
  pairingCode?: string;
  env?: NodeJS.ProcessEnv;
}): Promise<TerminalProcess> {
  const port = options.port ?? (await findFreePort());
  const args = [
    '--data-dir',
    options.dataDir,
    '--server',
    options.serverUrl,
    '--port',
    String(port),
  ];
  if (options.pairingCode) args.push('--pairing-code', options.pairingCode);

  const running = runTypeScript('main/core/cli.ts', args, {
    GALLEY_SYNC_MAX_BACKOFF_MS: '1000',
    GALLEY_MENU_PULL_INTERVAL_MS: '2000',
    ...options.env,
  });
  await waitFor('terminal start', running, () =>
    running.output().includes('Galley terminal ready at'),
  );

  const token = readFileSync(
    path.join(options.dataDir, 'api-token'),
    'utf8',
  ).trim();
  return {
    ...running,
    url: `http://127.0.0.1:${port}`,
    port,
    token,
    dataDir: options.dataDir,
  };
}

/** Polls until check returns true, failing with the description after the timeout. */
export async function eventually(
  description: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `Timed out waiting for ${description}${lastError ? `: ${String(lastError)}` : ''}`,
  );
}
