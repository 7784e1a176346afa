import path from 'node:path';

import { defineConfig } from 'drizzle-kit';

/**
 * drizzle-kit studio on the server's store: DATABASE_URL when set, else
 * the embedded store in GALLEY_DATA_DIR (default .data/server), which no
 * running server may have open.
 */
const databaseUrl = process.env.DATABASE_URL?.trim();
const dataDir = process.env.GALLEY_DATA_DIR ?? '.data/server';

export default databaseUrl
  ? defineConfig({
      dialect: 'postgresql',
      schema: './server/db/schema.ts',
      dbCredentials: { url: databaseUrl },
    })
  : defineConfig({
      dialect: 'postgresql',
      driver: 'pglite',
      schema: './server/db/schema.ts',
      dbCredentials: { url: path.resolve(dataDir, 'pglite') },
    });
