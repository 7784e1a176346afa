import { contextBridge, ipcRenderer } from 'electron';

import { localApiPortMessage } from '../../shared/ipc-protocol.js';
import { appVersionArgument } from './security.js';

/**
 * The preload runs sandboxed: it may use only contextBridge and
 * ipcRenderer, and it exposes neither. The page gets a two-field object and
 * its local API port, nothing else.
 */
const versionArgument = process.argv.find((argument) =>
  argument.startsWith(appVersionArgument),
);

contextBridge.exposeInMainWorld('galley', {
  platform: process.platform,
  appVersion: versionArgument?.slice(appVersionArgument.length) ?? '',
});

// The main process sends a port after each page load and after each core
// restart. The page receives it as a window message from itself.
ipcRenderer.on(localApiPortMessage, (event) => {
  const [port] = event.ports;
  if (port) window.postMessage(localApiPortMessage, '*', [port]);
});
