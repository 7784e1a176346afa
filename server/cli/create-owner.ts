import pino from 'pino';

import { createOwner, parseCreateOwnerInput } from '../auth/owners.js';
import { openDatabase } from '../db/connection.js';
import { createLogger } from '../logger.js';
import { parseOptions, storeFromEnvironment, UsageError } from './options.js';

/**
 * Creates an organisation and its first owner, and prints them as one JSON
 * line on stdout. Logs go to stderr so that stdout stays machine-readable.
 */
export async function createOwnerCommand(args: string[]): Promise<void> {
  const values = parseOptions(args, {
    email: { type: 'string' },
    password: { type: 'string' },
    org: { type: 'string' },
    'data-dir': { type: 'string' },
  });
  const missing = (['email', 'password', 'org'] as const).filter(
    (name) => values[name] === undefined,
  );
  if (missing.length > 0) {
    throw new UsageError(
      `Missing ${missing.map((name) => `--${name}`).join(', ')}.`,
    );
  }

  const input = parseCreateOwnerInput({
    email: values.email!,
    password: values.password!,
    organizationName: values.org!,
  });
  const logger = createLogger(
    { level: process.env.LOG_LEVEL ?? 'warn' },
    pino.destination({ fd: 2, sync: true }),
  );
  const database = await openDatabase(
    storeFromEnvironment(values['data-dir']),
    logger,
  );
  try {
    const created = await createOwner(database.db, input);
    console.log(JSON.stringify(created));
  } finally {
    await database.close();
  }
}
