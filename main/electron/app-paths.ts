import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder of the bundled main process files (out/main). */
const mainDir = path.dirname(fileURLToPath(import.meta.url));

export interface AppPaths {
  preload: string;
  rendererRoot: string;
  coreEntry: string;
  migrationsFolder: string;
}

/**
 * Locates the built files next to the bundled main process. Migrations are
 * copied to the resources folder by electron-builder (extraResources) in
 * a packaged app, and read from the source tree otherwise.
 */
export function resolveAppPaths(options: {
  isPackaged: boolean;
  resourcesPath: string;
  appPath: string;
}): AppPaths {
  const migrationsFolder = options.isPackaged
    ? path.join(options.resourcesPath, 'migrations', 'terminal')
    : path.join(options.appPath, 'drizzle', 'terminal');

  return {
    preload: path.join(mainDir, '..', 'preload', 'index.cjs'),
    rendererRoot: path.join(mainDir, '..', 'renderer'),
    coreEntry: path.join(mainDir, 'core-process.js'),
    migrationsFolder,
  };
}

/**
 * Returns the folder of the terminal's database and tokens: GALLEY_DATA_DIR
 * when set, else `data` under Electron's userData folder. It is never inside
 * the app bundle, which is read-only and replaced on update.
 */
export function resolveDataDir(
  userDataPath: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const override = env.GALLEY_DATA_DIR?.trim();
  if (override) return path.resolve(override);
  return path.join(userDataPath, 'data');
}

export const defaultServerUrl = 'http://127.0.0.1:4000';

export function resolveServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.GALLEY_SERVER_URL?.trim() || defaultServerUrl;
}
