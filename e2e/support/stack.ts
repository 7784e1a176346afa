import { rmSync } from 'node:fs';

import {
  createOwner,
  loginOwner,
  makeTempDir,
  setupTruck,
  startServerProcess,
  startTerminalProcess,
  trpcCall,
  type ServerProcess,
  type TerminalProcess,
} from '../../test/support/processes.js';
import { loadFixtureMenu } from '../../test/support/fixtures.js';

/** The e2e owner's sign-in, for the back-office screens. */
export const ownerAccount = {
  email: 'owner@example.com',
  password: 'correct horse battery staple',
} as const;

/**
 * A real server with one owner and one truck on a fixture menu, and a real
 * headless terminal for that truck. The server can be stopped and
 * started again on the same data directory and port, as an outage would.
 */
export class Stack {
  private constructor(
    private server: ServerProcess | null,
    readonly terminal: TerminalProcess,
    readonly pairingCode: string,
    private readonly truck: { id: string; ownerToken: string },
    private readonly serverDir: string,
    private readonly serverPort: number,
  ) {}

  /**
   * Starts the server and the terminal. With `pairTerminal: false` the
   * terminal starts unpaired, and `pairingCode` is left for the UI to use.
   */
  static async start(
    menuName: string,
    options: { pairTerminal: boolean } = { pairTerminal: true },
  ): Promise<Stack> {
    const serverDir = makeTempDir('e2e-server');
    const terminalDir = makeTempDir('e2e-terminal');
    const { email, password } = ownerAccount;

    await createOwner({
      dataDir: serverDir,
      email,
      password,
      org: 'E2E Tacos',
    });
    const server = await startServerProcess({ dataDir: serverDir });
    const ownerToken = await loginOwner(server.url, email, password);
    const { truckId, pairingCode } = await setupTruck(
      server.url,
      ownerToken,
      loadFixtureMenu(menuName),
    );
    const terminal = await startTerminalProcess({
      dataDir: terminalDir,
      serverUrl: server.url,
      ...(options.pairTerminal ? { pairingCode } : {}),
    });
    return new Stack(
      server,
      terminal,
      pairingCode,
      { id: truckId, ownerToken },
      serverDir,
      server.port,
    );
  }

  /** The URL the terminal prints, with its API token in the fragment. */
  get counterUrl(): string {
    return `${this.terminal.url}/#token=${this.terminal.token}`;
  }

  /** Publishes a new menu version for the truck, as the owner would. */
  async importMenu(menu: unknown): Promise<number> {
    if (!this.server)
      throw new Error(
        'Menu import failed: the server is stopped. Call restartServer() first.',
      );
    const { version } = await trpcCall<{ version: number }>(
      this.server.url,
      this.truck.ownerToken,
      'mutation',
      'menu.import',
      { truckId: this.truck.id, menu },
    );
    return version;
  }

  /** Calls a server procedure as the owner, as the back office would. */
  async ownerCall<Output>(
    type: 'query' | 'mutation',
    path: string,
    input?: unknown,
  ): Promise<Output> {
    if (!this.server)
      throw new Error(
        `Owner call ${path} failed: the server is stopped. Call restartServer() first.`,
      );
    return trpcCall<Output>(
      this.server.url,
      this.truck.ownerToken,
      type,
      path,
      input,
    );
  }

  get truckId(): string {
    return this.truck.id;
  }

  async stopServer(): Promise<void> {
    await this.server?.stop();
    this.server = null;
  }

  async restartServer(): Promise<void> {
    if (this.server) return;
    this.server = await startServerProcess({
      dataDir: this.serverDir,
      port: this.serverPort,
    });
  }

  async stop(): Promise<void> {
    await this.terminal.stop();
    await this.server?.stop();
    rmSync(this.serverDir, { recursive: true, force: true });
    rmSync(this.terminal.dataDir, { recursive: true, force: true });
  }
}
