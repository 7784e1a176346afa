import { z } from 'zod';

/**
 * Messages from the main process to the terminal core's utility process.
 * `start` comes first and exactly once. Each `connect` carries one window's
 * MessagePort in the message's ports. `shutdown` requests that the core
 * close its database and exit.
 */
export const coreStartMessage = z.object({
  type: z.literal('start'),
  dataDir: z.string().min(1),
  serverUrl: z.string().url(),
  migrationsFolder: z.string().min(1),
});

export const coreConnectMessage = z.object({
  type: z.literal('connect'),
  windowId: z.number().int(),
});

export const coreShutdownMessage = z.object({ type: z.literal('shutdown') });

export const coreMessage = z.discriminatedUnion('type', [
  coreStartMessage,
  coreConnectMessage,
  coreShutdownMessage,
]);

export type CoreStartMessage = z.infer<typeof coreStartMessage>;
export type CoreMessage = z.infer<typeof coreMessage>;
