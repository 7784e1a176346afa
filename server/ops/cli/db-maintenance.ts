import { runMaintenance } from '../maintenance.js';
import {
  describeStore,
  formatBytes,
  parseCommand,
  runCommand,
  storeFrom,
  storeHelp,
  storeOptions,
} from './command.js';

const usage = `Usage: npm run db:maintenance -- [--data-dir DIR] [--json]

Runs VACUUM ANALYZE, then prints index usage from pg_stat_user_indexes,
least used first. An index with 0 scans since the last statistics reset
is a candidate for removal; check over a full business week first.

${storeHelp}`;

await runCommand(usage, async () => {
  const { values } = parseCommand(process.argv.slice(2), {
    ...storeOptions,
    json: { type: 'boolean' },
  });
  if (values.help) return void console.log(usage);

  const store = storeFrom(values['data-dir']);
  const indexes = await runMaintenance(store);
  if (values.json)
    return void console.log(JSON.stringify({ vacuumed: true, indexes }));

  console.log(`VACUUM ANALYZE finished on ${describeStore(store)}.`);
  console.log('Index usage (least used first):');
  console.table(
    indexes.map((usage) => ({
      table: usage.table,
      index: usage.index,
      scans: usage.scans,
      'tuples read': usage.tuplesRead,
      size: formatBytes(usage.sizeBytes),
    })),
  );
  const unused = indexes.filter((usage) => usage.scans === 0).length;
  console.log(
    `${unused} of ${indexes.length} indexes have no scans since the last statistics reset.`,
  );
});
