import { procedure, router } from './trpc.js';

/** The support screen: rejected entries, recent sync attempts, the archive. */
export const supportRouter = router({
  status: procedure.query(({ ctx }) => ctx.core.support.status()),
  /** The diagnostics archive as base64, for the screen to save as a file. */
  exportDiagnostics: procedure.mutation(({ ctx }) =>
    ctx.core.support.exportDiagnostics(),
  ),
});
