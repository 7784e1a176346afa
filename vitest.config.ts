import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,main,server,renderer,test}/**/*.test.{ts,tsx}'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-reports/vitest.json' }]],
  },
});
