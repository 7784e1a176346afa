import { execFileSync } from 'node:child_process';

/**
 * Rebuilds dist/renderer when its sources changed, so `npx playwright test`
 * tests the current UI just as `npm run test:e2e` does.
 */
export default function globalSetup(): void {
  execFileSync(process.execPath, ['scripts/ensure-renderer-build.mjs'], {
    stdio: 'inherit',
  });
}
