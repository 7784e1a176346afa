// Rebuilds dist/renderer when it is missing or older than any file under
// renderer/ or shared/, so `npm run terminal` and the e2e tests always
// serve the current UI. Plain Node, no dependencies.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
const builtIndex = path.join(repoRoot, 'dist', 'renderer', 'index.html');
const sourceDirs = ['renderer', 'shared'].map((dir) =>
  path.join(repoRoot, dir),
);

/** Newest modification time (ms) of any file below a directory. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const entryPath = path.join(dir, entry.name);
    const mtime = entry.isDirectory()
      ? newestMtime(entryPath)
      : statSync(entryPath).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

function buildReason() {
  if (!existsSync(builtIndex)) return 'dist/renderer is missing';
  const builtAt = statSync(builtIndex).mtimeMs;
  const sourcesAt = Math.max(...sourceDirs.map(newestMtime));
  return sourcesAt > builtAt
    ? 'renderer/ or shared/ changed since the last build'
    : null;
}

const reason = buildReason();
if (reason) {
  console.log(`Building the renderer (${reason})…`);
  const result = spawnSync(
    process.execPath,
    [
      path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'renderer/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    { cwd: repoRoot, stdio: 'inherit' },
  );
  if (result.status !== 0) {
    console.error('The renderer build failed; see the output above.');
    process.exit(result.status ?? 1);
  }
}
