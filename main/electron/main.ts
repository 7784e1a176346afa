import { app, session, type BrowserWindow } from 'electron';

import { registerAppScheme, serveRenderer } from './app-protocol.js';
import {
  resolveAppPaths,
  resolveDataDir,
  resolveServerUrl,
} from './app-paths.js';
import { createAppWindow, focusWindow } from './app-window.js';
import { createCoreHost } from './core-host.js';
import { logger, logToDataDir } from './logger.js';
import { lockDownContents, lockDownSession } from './session-policy.js';
import { contentSecurityPolicy } from './security.js';

const log = logger.child({ module: 'main' });

// electron-vite sets this only in development, for the Vite dev server.
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const devServerOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;

// Scheme privileges must be registered before the app is ready.
registerAppScheme();

if (app.requestSingleInstanceLock()) {
  runApp();
} else {
  // Another instance owns the database; it gets focused through its
  // 'second-instance' event and this one leaves.
  app.quit();
}

function runApp(): void {
  const paths = resolveAppPaths({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
  });
  const dataDir = resolveDataDir(app.getPath('userData'));
  try {
    logToDataDir(dataDir);
  } catch (error) {
    // The core process fails on the same folder and logs the reason, so
    // the app must not end here first with an uncaught exception.
    log.error(
      { err: error, dataDir },
      'log folder unavailable, logging to stdout only',
    );
  }
  const core = createCoreHost(paths.coreEntry, {
    type: 'start',
    dataDir,
    serverUrl: resolveServerUrl(),
    migrationsFolder: paths.migrationsFolder,
  });
  let mainWindow: BrowserWindow | null = null;
  let quitting = false;

  const openWindow = () => {
    mainWindow = createAppWindow({
      preloadPath: paths.preload,
      appVersion: app.getVersion(),
      devServerUrl,
      core,
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };

  app.on('web-contents-created', (_event, contents) => {
    lockDownContents(contents, devServerOrigin);
  });

  app.on('second-instance', () => {
    if (mainWindow) focusWindow(mainWindow);
    else if (app.isReady()) openWindow();
  });

  app.on('activate', () => {
    if (!mainWindow && app.isReady()) openWindow();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // The quit waits for the core to close its database, then runs again.
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    core
      .stop()
      .catch((error: unknown) => log.error({ err: error }, 'core stop failed'))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(() => {
      const policy = contentSecurityPolicy({ devServerOrigin });
      lockDownSession(session.defaultSession, policy, devServerOrigin);
      serveRenderer(paths.rendererRoot, policy);
      core.start();
      openWindow();
      log.info({ version: app.getVersion() }, 'Galley desktop started');
    })
    .catch((error: unknown) => {
      log.fatal({ err: error }, 'Galley desktop failed to start');
      app.exit(1);
    });
}
