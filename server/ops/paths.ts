import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file's place in server/ops/. */
export const repositoryRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
