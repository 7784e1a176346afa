import path from 'node:path';

import { restoreDatabase } from '../restore.js';
import {
  describeStore,
  parseCommand,
  runCommand,
  storeFrom,
  storeHelp,
  storeOptions,
  UsageError,
} from './command.js';

const usage = `Usage: npm run db:restore -- FILE [--data-dir DIR] [--backup-dir DIR]

Replaces the database with a backup from npm run db:backup, in one
transaction on PostgreSQL. The current contents are backed up first (a
file labelled before-restore, beside FILE unless --backup-dir is given),
so a wrong restore can be undone. Stop the
server first on the embedded store; on PostgreSQL, stop it or expect
requests to fail while the restore runs.

${storeHelp}`;

await runCommand(usage, async () => {
  const { values, positionals } = parseCommand(
    process.argv.slice(2),
    storeOptions,
    true,
  );
  if (values.help) return void console.log(usage);
  if (positionals.length !== 1) {
    throw new UsageError('Pass exactly one backup file to restore.');
  }

  const store = storeFrom(values['data-dir']);
  // Without --backup-dir the safety copy goes beside the file restored,
  // where the operator is already looking for backups.
  const file = positionals[0]!;
  const result = await restoreDatabase(store, file, {
    backupDir: values['backup-dir'] ?? path.dirname(path.resolve(file)),
  });
  if (result.safetyBackup) {
    console.log(`Saved the previous contents to ${result.safetyBackup.file}.`);
  } else {
    console.log(
      'No embedded store existed yet, so there was nothing to save first.',
    );
  }
  console.log(`Restored ${describeStore(store)} from ${result.restoredFrom}.`);
  console.log(
    'Start the server (or run npm run db:migrate) to apply newer migrations.',
  );
});
