/**
 * Published framework versions, read once per process: a published version is never changed
 * in place, so caching it can never serve a stale form. Drafts are always read afresh.
 */
import type { Queryable } from '../db/database';
import { frameworkSchema, type Framework } from '../../shared/framework/framework-schema';
import { appError } from '../../shared/errors/app-error';

const published = new Map<string, Framework>();

export async function loadFramework(db: Queryable, key: string, version: number): Promise<Framework | null> {
  const id = `${key}@${version}`;
  const cached = published.get(id);
  if (cached) return cached;
  const [row] = await db.query<{ definition: unknown; status: string }>(
    'SELECT definition, status FROM frameworks WHERE key = $1 AND version = $2',
    [key, version],
  );
  if (!row) return null;
  const framework = frameworkSchema.parse(row.definition);
  if (row.status === 'published') published.set(id, framework);
  return framework;
}

/**
 * The newest published version of the default framework (or, with none, of any framework):
 * the items a dashboard and a plan's measures offer.
 */
export async function currentFramework(db: Queryable): Promise<Framework> {
  const [row] = await db.query<{ key: string; version: number }>(
    "SELECT key, version FROM frameworks WHERE status = 'published' ORDER BY key = 'lantern-default' DESC, version DESC LIMIT 1",
  );
  const framework = row ? await loadFramework(db, row.key, row.version) : null;
  if (!framework) throw appError('unavailable', 'No audit framework has been published yet.');
  return framework;
}
