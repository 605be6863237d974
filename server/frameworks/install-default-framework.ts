/**
 * The default audit framework (version 1) ships as data in shared/framework/default-v1.json.
 * It is installed as a published version on first start; a version already present is
 * never changed in place.
 */
import type { Queryable } from '../db/database';
import { defaultFrameworkV1 } from '../../shared/framework/default-framework';

export async function installDefaultFramework(tx: Queryable): Promise<void> {
  const framework = defaultFrameworkV1();
  await tx.query(
    `INSERT INTO frameworks (key, version, title, status, definition, published_at)
     VALUES ($1, $2, $3, 'published', $4::jsonb, now())
     ON CONFLICT (key, version) DO NOTHING`,
    [framework.key, framework.version, framework.title, JSON.stringify(framework)],
  );
}
