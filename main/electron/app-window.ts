import { BrowserWindow, type MessagePortMain } from 'electron';

import { localApiPortMessage } from '../../shared/ipc-protocol.js';
import type { CoreSupervisor } from './core-supervisor.js';
import { appOrigin, windowWebPreferences } from './security.js';

type ElectronPort = MessagePortMain;

export interface WindowOptions {
  preloadPath: string;
  appVersion: string;
  devServerUrl?: string;
  core: CoreSupervisor<ElectronPort>;
}

/**
 * Opens the counter window. Each finished page load, the first or after a
 * reload, gets a fresh local API channel, sent only after the page's
 * scripts have run so that the renderer's listener is already in place.
 */
export function createAppWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Galley',
    autoHideMenuBar: true,
    backgroundColor: '#111418',
    webPreferences: windowWebPreferences(
      options.preloadPath,
      options.appVersion,
    ),
  });
  const contents = window.webContents;
  const windowId = contents.id;

  window.once('ready-to-show', () => window.show());
  contents.on('did-finish-load', () => {
    options.core.connect({
      windowId,
      sendPort: (port) =>
        contents.postMessage(localApiPortMessage, null, [port]),
      isDestroyed: () => window.isDestroyed() || contents.isDestroyed(),
    });
  });
  window.on('closed', () => options.core.disconnect(windowId));

  const url = options.devServerUrl ?? `${appOrigin}/index.html`;
  void window.loadURL(url);
  return window;
}

/** Brings the window to the front when the app is launched a second time. */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
