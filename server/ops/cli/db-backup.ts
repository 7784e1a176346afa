import { backupDatabase } from '../backup.js';
import {
  describeStore,
  formatBytes,
  parseCommand,
  runCommand,
  storeFrom,
  storeHelp,
  storeOptions,
} from './command.js';

const usage = `Usage: npm run db:backup -- [--data-dir DIR] [--backup-dir DIR]

Writes a time-stamped backup: pg_dump (custom format, .dump) for
PostgreSQL, a copy of the data folder (.pglite.tar.gz) for the embedded
store, which must not be open in a running server.

${storeHelp}`;

await runCommand(usage, async () => {
  const { values } = parseCommand(process.argv.slice(2), storeOptions);
  if (values.help) return void console.log(usage);

  const store = storeFrom(values['data-dir']);
  const backup = await backupDatabase(store, {
    backupDir: values['backup-dir'],
  });
  console.log(
    `Backed up ${describeStore(store)} to ${backup.file} (${formatBytes(backup.bytes)}).`,
  );
  console.log(`Restore it with: npm run db:restore -- ${backup.file}`);
});
