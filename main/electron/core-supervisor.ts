import type { Logger } from 'pino';

import type { CoreMessage, CoreStartMessage } from './core-messages.js';

/** The part of Electron's UtilityProcess the supervisor uses. */
export interface CoreChild<Port> {
  postMessage(message: CoreMessage, transfer?: Port[]): void;
  once(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

/** A window that receives its end of the local API channel. */
export interface PortReceiver<Port> {
  readonly windowId: number;
  sendPort(port: Port): void;
  isDestroyed(): boolean;
}

export interface CoreSupervisorOptions<Port> {
  fork(): CoreChild<Port>;
  start: CoreStartMessage;
  createChannel(): { port1: Port; port2: Port };
  /** Runs `task` after `delayMs` and returns a function that cancels it. */
  schedule(task: () => void, delayMs: number): () => void;
  now(): number;
  logger: Logger;
}

export const firstRestartDelayMs = 500;
export const maxRestartDelayMs = 30_000;
/** A core that ran this long before it crashed starts a fresh backoff. */
export const stableRunMs = 60_000;
/** Time the core gets to close its database before it is killed. */
export const shutdownGraceMs = 5_000;

/**
 * Returns the wait before restart number `attempt` (1 for the first restart
 * after a crash): 0.5 s, doubling, capped at 30 s, so a core that crashes on
 * start cannot spin the CPU.
 */
export function restartDelayMs(attempt: number): number {
  if (attempt < 1) return 0;
  const delay = firstRestartDelayMs * 2 ** (attempt - 1);
  return Math.min(delay, maxRestartDelayMs);
}

/**
 * Runs the terminal core in a child process, restarts it with backoff when
 * it exits unexpectedly, and gives every connected window a fresh channel
 * after each start. A transferred MessagePort cannot be reused, so a
 * restart always creates new channels and sends both ends again.
 */
export class CoreSupervisor<Port> {
  readonly #options: CoreSupervisorOptions<Port>;
  readonly #receivers = new Map<number, PortReceiver<Port>>();
  #child: CoreChild<Port> | null = null;
  #startedAt = 0;
  #attempt = 0;
  #stopping = false;
  #cancelRestart: (() => void) | null = null;
  #onExit: (() => void) | null = null;

  constructor(options: CoreSupervisorOptions<Port>) {
    this.#options = options;
  }

  get running(): boolean {
    return this.#child !== null;
  }

  start(): void {
    if (this.#child || this.#stopping) return;

    const child = this.#options.fork();
    this.#child = child;
    this.#startedAt = this.#options.now();
    child.once('exit', (code) => this.#handleExit(child, code));
    child.postMessage(this.#options.start);

    for (const receiver of this.#liveReceivers()) {
      this.#sendChannel(child, receiver);
    }
  }

  /** Connects a window, or reconnects it after its page reloaded. */
  connect(receiver: PortReceiver<Port>): void {
    this.#receivers.set(receiver.windowId, receiver);
    if (this.#child) this.#sendChannel(this.#child, receiver);
  }

  disconnect(windowId: number): void {
    this.#receivers.delete(windowId);
  }

  /**
   * Asks the core to close its database and exit, and kills it when it has
   * not exited within the grace time. No restart follows.
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#cancelRestart?.();
    this.#cancelRestart = null;

    const child = this.#child;
    if (!child) return;

    const exited = new Promise<void>((resolve) => {
      this.#onExit = resolve;
    });
    const cancelKill = this.#options.schedule(() => {
      this.#options.logger.warn(
        { graceMs: shutdownGraceMs },
        'terminal core did not exit in time, killing it',
      );
      child.kill();
    }, shutdownGraceMs);

    child.postMessage({ type: 'shutdown' });
    await exited;
    cancelKill();
  }

  #handleExit(child: CoreChild<Port>, code: number): void {
    if (this.#child !== child) return;
    this.#child = null;

    if (this.#stopping) {
      this.#options.logger.info({ code }, 'terminal core stopped');
      this.#onExit?.();
      return;
    }

    const ranMs = this.#options.now() - this.#startedAt;
    this.#attempt = ranMs >= stableRunMs ? 1 : this.#attempt + 1;
    const delayMs = restartDelayMs(this.#attempt);
    this.#options.logger.error(
      { code, ranMs, attempt: this.#attempt, delayMs },
      'terminal core exited unexpectedly, restarting',
    );
    this.#cancelRestart = this.#options.schedule(() => {
      this.#cancelRestart = null;
      this.start();
    }, delayMs);
  }

  #sendChannel(child: CoreChild<Port>, receiver: PortReceiver<Port>): void {
    const { port1, port2 } = this.#options.createChannel();
    child.postMessage({ type: 'connect', windowId: receiver.windowId }, [
      port1,
    ]);
    receiver.sendPort(port2);
  }

  #liveReceivers(): PortReceiver<Port>[] {
    for (const [windowId, receiver] of this.#receivers) {
      if (receiver.isDestroyed()) this.#receivers.delete(windowId);
    }
    return [...this.#receivers.values()];
  }
}
