// pm2 process file for self-hosting the Galley server:
//   pm2 start ops/pm2/ecosystem.config.cjs
// DATABASE_URL, REDIS_URL and LOG_LEVEL come from the environment pm2 is
// started in. Without DATABASE_URL the server uses the embedded store in
// GALLEY_DATA_DIR, which allows one process only.
// pm2 loads this file with require(), so it is CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const path = require('node:path');

const repositoryRoot = path.resolve(__dirname, '../..');
const port = process.env.PORT || '4000';
const host = process.env.HOST || '127.0.0.1';
const dataDir = process.env.GALLEY_DATA_DIR || path.join(repositoryRoot, '.data/server');

module.exports = {
  apps: [
    {
      name: 'galley-server',
      cwd: repositoryRoot,
      script: 'server/cli.ts',
      interpreter: 'node',
      interpreter_args: '--import tsx',
      args: ['--host', host, '--port', port, '--data-dir', dataDir],
      // One process: the embedded store has a single writer, and the
      // sign-in rate limits and the in-process cache live in process memory,
      // which several processes would not share.
      exec_mode: 'fork',
      instances: 1,
      autorestart: true,
      exp_backoff_restart_delay: 200,
      max_memory_restart: '768M',
      // Longer than the server's own 10 s drain, so pm2's SIGKILL only
      // comes after the server has given up itself.
      kill_timeout: 15000,
      env: {
        NODE_ENV: 'production',
      },
      // pino writes JSON lines with their own timestamps.
      time: false,
      merge_logs: true,
    },
  ],
};
