import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import {
  dashboardFilePath,
  renderDashboardFile,
} from '../../alerts/grafana-dashboard.js';
import { renderRulesFile, rulesFilePath } from '../../alerts/rules-file.js';
import { repositoryRoot } from '../paths.js';

/**
 * Writes the Prometheus alert rules and the Grafana dashboard from the
 * modules that define them. With --check, writes nothing and exits 1 when
 * a committed file differs from what would be generated.
 */
const outputs = [
  { file: rulesFilePath, render: renderRulesFile },
  { file: dashboardFilePath, render: renderDashboardFile },
];

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  let stale = 0;

  for (const { file, render } of outputs) {
    const target = path.join(repositoryRoot, file);
    const generated = render();
    if (check) {
      const current = await readFile(target, 'utf8').catch(() => '');
      if (current !== generated) {
        console.error(
          `${file} is out of date. Run npm run ops:generate and commit it.`,
        );
        stale += 1;
      }
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, generated);
    console.log(`Wrote ${file}`);
  }
  return stale === 0 ? 0 : 1;
}

process.exitCode = await main();
