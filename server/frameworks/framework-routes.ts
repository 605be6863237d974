/**
 * /api/frameworks — the audit framework's versions.
 *   GET  /                      every version, with its status and use (QA lead)
 *   GET  /:key/:version         one version, for a device to store with the audits that use
 *                               it (published versions are immutable, so devices may cache
 *                               them forever) and for the QA lead's preview of a draft
 *   POST /:key/:version/draft   a new draft version copied from this one (QA lead)
 *   PUT  /:key/:version         save a draft: add, remove, reword, reorder items (QA lead)
 *   POST /:key/:version/publish publish a draft (QA lead)
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { requirePerson } from '../auth/require-person';
import { parseBody } from '../http/parse-body';
import { logChange } from '../audit-log/log-access';
import { appError } from '../../shared/errors/app-error';
import { intWithin } from '../../shared/validation/bounded-int';
import { saveDraftSchema } from '../../shared/rounds/framework-version-schemas';
import { loadFramework } from './framework-cache';
import { createDraft, listVersions, parseDefinition, publishDraft, saveDraft } from './framework-versions';

/** A version in the path: digits only, 1 to what the column holds; anything else names no version. */
function versionParam(raw: string): number {
  const version = intWithin(raw, 1);
  if (version === null) throw appError('not_found', 'No such framework version.');
  return version;
}

export function frameworkRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/', async (c) => c.json({ versions: await listVersions(deps.db) }))
    .get('/:key/:version', async (c) => {
      requirePerson(c);
      const version = versionParam(c.req.param('version'));
      const framework = await loadFramework(deps.db, c.req.param('key'), version);
      if (!framework) throw appError('not_found', 'No such framework version.');
      return c.json(framework);
    })
    .post('/:key/:version/draft', async (c) => {
      const person = requirePerson(c);
      const key = c.req.param('key');
      const from = versionParam(c.req.param('version'));
      const version = await deps.db.transaction(async (tx) => {
        const next = await createDraft(tx, key, from, person.id);
        await logChange(c, deps, tx, 'framework', `${key}@${next}`, { basedOn: from }, 'framework.drafted');
        return next;
      });
      return c.json({ key, version }, 201);
    })
    .put('/:key/:version', async (c) => {
      const key = c.req.param('key');
      const version = versionParam(c.req.param('version'));
      const { definition } = await parseBody(c, saveDraftSchema);
      const framework = parseDefinition(definition, key, version);
      const problems = await deps.db.transaction(async (tx) => {
        const found = await saveDraft(tx, key, version, framework);
        await logChange(c, deps, tx, 'framework', `${key}@${version}`, {}, 'framework.draft-saved');
        return found;
      });
      return c.json({ saved: true, revisionProblems: problems });
    })
    .post('/:key/:version/publish', async (c) => {
      const key = c.req.param('key');
      const version = versionParam(c.req.param('version'));
      await deps.db.transaction(async (tx) => {
        await publishDraft(tx, key, version);
        await logChange(c, deps, tx, 'framework', `${key}@${version}`, {}, 'framework.published');
      });
      return c.json({ key, version, status: 'published' });
    });
}
