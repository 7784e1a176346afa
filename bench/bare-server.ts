import { readFileSync } from 'node:fs';

import Fastify from 'fastify';

/**
 * The baseline for `npm run bench:server`: a bare Fastify app returning
 * with the same JSON bodies as Galley's routes, captured from the real
 * server in the same run, with no auth, database, cache or metrics.
 * Usage: tsx bench/bare-server.ts PORT BODIES.json
 */
const [port, bodiesFile] = process.argv.slice(2);
const bodies = JSON.parse(readFileSync(bodiesFile ?? '', 'utf8')) as {
  live: string;
  pull: string;
  push: string;
};

const app = Fastify({ logger: false, bodyLimit: 5 * 1024 * 1024 });
const json =
  (body: string) =>
  async (
    _request: unknown,
    reply: { type(t: string): { send(b: string): unknown } },
  ) =>
    reply.type('application/json').send(body);
app.get('/health/live', json(bodies.live));
app.get('/trpc/sync.pull', json(bodies.pull));
app.post('/trpc/sync.push', json(bodies.push));

await app.listen({ port: Number(port), host: '127.0.0.1' });
process.stdout.write('bare server ready\n');
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
