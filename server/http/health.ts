import type { FastifyInstance } from 'fastify';

/**
 * Plain HTTP routes for operators. /health is the quick check that the
 * process serves requests, and it does not touch the database.
 */
export function registerHealthRoutes(app: FastifyInstance): void {
  app.get('/health', async () => ({ status: 'healthy' }));
}
