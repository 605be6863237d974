/**
 * Health, for load balancers, orchestrators and the readiness screen; public, and none of it
 * reveals anything personal:
 * - GET /api/health: which engine, which schema version, and whether the database answered
 *   just now (kept as it was: tests and the e2e support read it);
 * - GET /api/health/live: the process is up and its event loop turns (never touches the
 *   database, so a slow database does not get a healthy process restarted);
 * - GET /api/health/ready: every migration this code knows is applied and the database
 *   answers; otherwise 503 with the reason, so a load balancer sends no traffic here yet.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../http/app-env';
import { appliedMigrationVersions, loadMigrations } from '../db/migrate';
import { databaseAnswers } from '../db/database';

let knownVersions: Promise<number[]> | null = null;
/** The migration versions this build ships (read from disk once). */
const shippedVersions = (): Promise<number[]> =>
  (knownVersions ??= loadMigrations().then((all) => all.map((m) => m.version)));

export function healthRoutes(deps: AppDeps) {
  return new Hono()
    .get('/', async (c) => {
      const started = performance.now();
      try {
        await databaseAnswers(deps.db);
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
    })
    .get('/live', (c) => c.json({ status: 'ok' as const }))
    .get('/ready', async (c) => {
      let applied: Set<number>;
      try {
        applied = await appliedMigrationVersions(deps.db);
      } catch {
        return c.json(
          { status: 'unavailable' as const, reason: 'The database does not answer, or has no migrations.' },
          503,
        );
      }
      const missing = (await shippedVersions()).filter((version) => !applied.has(version));
      if (missing.length > 0) {
        return c.json(
          {
            status: 'unavailable' as const,
            reason: `Migrations not applied yet: ${missing.map((v) => String(v).padStart(3, '0')).join(', ')}.`,
          },
          503,
        );
      }
      return c.json({ status: 'ok' as const, schemaVersion: Math.max(...applied) });
    });
}
