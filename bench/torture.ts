import os from 'node:os';

import { runTorture } from '../test/faults/torture.js';

/**
 * Runs the crash torture with many kills (default 500) against a real
 * server on the machine's PostgreSQL and prints the counts. Usage:
 *   npm run bench:torture -- [KILLS]
 */
const kills = Number(process.argv[2] ?? 500);
if (!Number.isInteger(kills) || kills < 1) {
  console.error(
    `KILLS must be a whole number of at least 1, got "${process.argv[2]}".`,
  );
  process.exit(2);
}

console.log(
  `Torture: ${kills} SIGKILLs on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
);
const result = await runTorture({
  kills,
  onProgress: (kill, phase) => {
    if (kill % 25 === 0) console.log(`  kill ${kill}/${kills} (${phase})`);
  },
});
console.log(JSON.stringify(result, null, 2));

const broken =
  result.lost + result.duplicates + result.phantoms + result.lostLocally > 0;
console.log(
  broken
    ? 'FAILED: orders lost or doubled'
    : 'OK: nothing lost, nothing doubled',
);
process.exit(broken ? 1 : 0);
