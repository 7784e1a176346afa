// The process helpers live with the scripts, which the demo shares.
export * from '../../scripts/lib/processes.js';
