import { EventEmitter } from 'node:events';

import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Logger } from 'pino';

import type { Database, StoreConfig } from '../db/connection.js';

/**
 * Wakes long-polling terminals when something they pull changed. Writers
 * publish the organisation id after their transaction commits; waiters
 * subscribe per organisation and re-read their truck's change state.
 *
 * A lost notification costs only latency: every wait checks the stored
 * change state first, and a terminal polls again after each timeout.
 */
export interface ChangeFeed {
  publish(organizationId: string): Promise<void>;
  /** Calls `listener` on each change of the organisation; returns unsubscribe. */
  subscribe(organizationId: string, listener: () => void): () => void;
  /** Aborted by close(), so that waiting long-polls return at once. */
  readonly closing: AbortSignal;
  close(): Promise<void>;
}

/** PostgreSQL channel of change notifications; the payload is an org id. */
export const changeChannel = 'galley_changes';

const reconnectDelayMs = { first: 500, max: 30_000 };

export function createChangeFeed(
  store: StoreConfig,
  db: Database,
  logger: Logger,
): ChangeFeed {
  const log = logger.child({ module: 'change-feed' });
  return 'databaseUrl' in store
    ? new PostgresChangeFeed(store.databaseUrl, db, log)
    : new InProcessChangeFeed();
}

/**
 * For the embedded store, where the server is the only process that can
 * open the database, so every writer and waiter shares this emitter.
 */
export class InProcessChangeFeed implements ChangeFeed {
  protected readonly emitter = new EventEmitter();
  readonly #closing = new AbortController();

  get closing(): AbortSignal {
    return this.#closing.signal;
  }

  constructor() {
    // One listener per waiting terminal, so the default warning at 10
    // listeners would fire on any busy organisation.
    this.emitter.setMaxListeners(0);
  }

  async publish(organizationId: string): Promise<void> {
    this.emitter.emit(organizationId);
  }

  subscribe(organizationId: string, listener: () => void): () => void {
    this.emitter.on(organizationId, listener);
    return () => this.emitter.off(organizationId, listener);
  }

  async close(): Promise<void> {
    this.#closing.abort();
    this.emitter.removeAllListeners();
  }
}

/**
 * For PostgreSQL, where several server processes may share one database:
 * publish is NOTIFY, and one dedicated connection per process LISTENs and
 * re-emits locally. The connection is opened again after a failure, with
 * a growing delay.
 */
class PostgresChangeFeed extends InProcessChangeFeed {
  readonly #databaseUrl: string;
  readonly #db: Database;
  readonly #logger: Logger;
  #client: pg.Client | undefined;
  #closed = false;
  #retryTimer: NodeJS.Timeout | undefined;
  #retryDelay = reconnectDelayMs.first;

  constructor(databaseUrl: string, db: Database, logger: Logger) {
    super();
    this.#databaseUrl = databaseUrl;
    this.#db = db;
    this.#logger = logger;
    void this.#connect();
  }

  override async publish(organizationId: string): Promise<void> {
    try {
      await this.#db.execute(
        sql`select pg_notify(${changeChannel}, ${organizationId})`,
      );
    } catch (error) {
      // The write itself is committed, so waiters find it on their next poll.
      this.#logger.warn(
        { err: error, organizationId },
        'Change notification failed',
      );
    }
  }

  override async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    await super.close();
    await this.#client?.end().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#databaseUrl });
    client.on('notification', (message) => {
      if (message.channel === changeChannel && message.payload) {
        this.emitter.emit(message.payload);
      }
    });
    client.on('error', (error) => this.#reconnectAfter(client, error));
    client.on('end', () => this.#reconnectAfter(client, undefined));

    try {
      await client.connect();
      await client.query(`LISTEN ${changeChannel}`);
      if (this.#closed) {
        await client.end();
        return;
      }
      this.#client = client;
      this.#retryDelay = reconnectDelayMs.first;
      this.#logger.debug('Listening for change notifications');
    } catch (error) {
      this.#reconnectAfter(client, error);
    }
  }

  #reconnectAfter(client: pg.Client, error: unknown): void {
    if (this.#closed || this.#retryTimer) return;
    if (this.#client && this.#client !== client) return;

    this.#client = undefined;
    client.removeAllListeners();
    // Ending a broken client can emit one more error, which needs no handling.
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    this.#logger.warn(
      { err: error, retryInMs: this.#retryDelay },
      'Change notification connection lost; reconnecting',
    );
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      void this.#connect();
    }, this.#retryDelay);
    this.#retryTimer.unref();
    this.#retryDelay = Math.min(this.#retryDelay * 2, reconnectDelayMs.max);
  }
}
