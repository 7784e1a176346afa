/**
 * The terminal core's programmatic API, for the Electron shell, the CLI and
 * tests. Nothing here imports Electron.
 */
export {
  openTerminalCore,
  TerminalCore,
  type TerminalCoreOptions,
  type PairRequest,
} from './terminal-core.js';
export {
  startHttpApi,
  defaultApiPort,
  type HttpApi,
  type HttpApiOptions,
} from './http/http-api.js';
export { serveLocalApiOverPort } from './ipc/serve-over-port.js';
export { localRouter, type LocalRouter } from './api/router.js';
export { resolveMigrationsFolder } from './db/open-database.js';
export {
  writeDiagnostics,
  collectDiagnostics,
} from './diagnostics/diagnostics.js';
