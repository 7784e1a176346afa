import { createLogger } from '../../logger.js';
import { migrateWithBackup } from '../migrate-with-backup.js';
import {
  describeStore,
  parseCommand,
  runCommand,
  storeFrom,
  storeHelp,
  storeOptions,
} from './command.js';

const usage = `Usage: npm run db:migrate -- [--data-dir DIR] [--backup-dir DIR]

Backs up the database, then applies the migrations in drizzle/server. If
the backup fails, no migration runs. Roll back with npm run db:restore
and the backup file this command prints.

${storeHelp}`;

await runCommand(usage, async () => {
  const { values } = parseCommand(process.argv.slice(2), storeOptions);
  if (values.help) return void console.log(usage);

  const store = storeFrom(values['data-dir']);
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  const result = await migrateWithBackup(store, {
    backupDir: values['backup-dir'],
    logger,
  });
  if (result.backup) console.log(`Backed up to ${result.backup.file}.`);
  else
    console.log(
      'No embedded store existed yet, so there was nothing to back up.',
    );
  console.log(
    `Migrated ${describeStore(store)}: ${result.applied} of ${result.known} migrations applied.`,
  );
});
