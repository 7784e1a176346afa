import { defineConfig } from 'drizzle-kit';

/** Generates the terminal's SQLite migrations into drizzle/terminal. */
export default defineConfig({
  dialect: 'sqlite',
  schema: './main/core/db/schema.ts',
  out: './drizzle/terminal',
});
