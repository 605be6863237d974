/**
 * /api/audit-tools — the organisation's audit tools (QA lead):
 *   GET  /       every tool with its purpose, newest published version and draft
 *   POST /       a new tool copied from a version of another (version 1 of a new key, a draft)
 *   PUT  /:key   rename a tool or change its purpose (its key never changes)
 * A tool's versions are drafted, edited and published at /api/frameworks/:key/:version.
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { requirePerson } from '../auth/require-person';
import { parseBody } from '../http/parse-body';
import { logChange } from '../audit-log/log-access';
import { auditToolChangeSchema, newAuditToolSchema } from '../../shared/framework/audit-tools';
import { changeTool, createTool, listTools, requireTool } from './audit-tool-store';

export function auditToolRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/', async (c) => c.json({ tools: await listTools(deps.db) }))
    .post('/', async (c) => {
      const person = requirePerson(c);
      const input = await parseBody(c, newAuditToolSchema);
      const tool = await deps.db.transaction(async (tx) => {
        const key = await createTool(tx, input, person.id);
        await logChange(
          c,
          deps,
          tx,
          'framework',
          `${key}@1`,
          { copiedFrom: input.copyFrom },
          'audit-tool.created',
        );
        return requireTool(tx, key);
      });
      return c.json({ tool }, 201);
    })
    .put('/:key', async (c) => {
      const person = requirePerson(c);
      const key = c.req.param('key');
      const input = await parseBody(c, auditToolChangeSchema);
      const tool = await deps.db.transaction(async (tx) => {
        await changeTool(tx, key, input, person.id);
        await logChange(c, deps, tx, 'framework', key, { name: input.name }, 'audit-tool.changed');
        return requireTool(tx, key);
      });
      return c.json({ tool });
    });
}
