import { defineConfig } from 'drizzle-kit';

/** Generates the central server's PostgreSQL migrations into drizzle/server. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.ts',
  out: './drizzle/server',
});
