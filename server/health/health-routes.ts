/**
 * GET /api/health: which engine, which schema version, and whether the database answered
 * just now. Load balancers and the readiness screen read it; it reveals nothing personal.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../http/app-env';

export function healthRoutes(deps: AppDeps) {
  return new Hono().get('/', async (c) => {
    const started = performance.now();
    try {
      await deps.db.query('SELECT 1');
    } catch {
      return c.json(
        {
          status: 'unavailable' as const,
          engine: deps.db.engine,
          schemaVersion: deps.schemaVersion,
          database: 'unreachable' as const,
        },
        503,
      );
    }
    return c.json({
      status: 'ok' as const,
      engine: deps.db.engine,
      schemaVersion: deps.schemaVersion,
      database: 'ok' as const,
      databaseMs: Math.round((performance.now() - started) * 10) / 10,
    });
  });
}
