/**
 * /api/admin/case-types and /api/admin/case-flags: the admin lists, adds, renames and retires
 * the council's case types and case flags (a retired one can be brought back). QA leads and
 * managers read the lists for their sample and metric filters. Each change is logged.
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { appError } from '../../shared/errors/app-error';
import { logChange } from '../audit-log/log-access';
import {
  CASE_LABEL_WORDS,
  caseLabelKeySchema,
  createCaseLabelSchema,
  updateCaseLabelSchema,
  type CaseLabelKind,
} from '../../shared/organisation/case-label-schemas';
import { createCaseLabel, listCaseLabels, updateCaseLabel } from './case-labels-store';

/** The audit-log entity and actions of each list. */
const ENTITY: Record<CaseLabelKind, 'case-type' | 'case-flag'> = {
  'case-types': 'case-type',
  'case-flags': 'case-flag',
};

export function caseLabelsRoutes(deps: AppDeps, kind: CaseLabelKind) {
  const entity = ENTITY[kind];
  const createSchema = createCaseLabelSchema(kind);
  const updateSchema = updateCaseLabelSchema(kind);
  return new Hono<LanternEnv>()
    .get('/', async (c) => c.json({ items: await listCaseLabels(deps.db, kind) }))
    .post('/', async (c) => {
      const body = await parseBody(c, createSchema);
      const item = await deps.db.transaction(async (tx) => {
        const created = await createCaseLabel(tx, kind, body.label);
        await logChange(c, deps, tx, entity, created.key, { label: created.label }, `${entity}.created`);
        return created;
      });
      return c.json({ item }, 201);
    })
    .put('/:key', async (c) => {
      const key = caseLabelKeySchema.safeParse(c.req.param('key'));
      if (!key.success)
        throw appError('not_found', `There is no ${CASE_LABEL_WORDS[kind].one} with that key.`);
      const body = await parseBody(c, updateSchema);
      const item = await deps.db.transaction(async (tx) => {
        const { before, after } = await updateCaseLabel(tx, kind, key.data, body);
        if (before.label !== after.label)
          await logChange(
            c,
            deps,
            tx,
            entity,
            key.data,
            { changes: { label: { from: before.label, to: after.label } } },
            `${entity}.renamed`,
          );
        if (before.retired !== after.retired)
          await logChange(
            c,
            deps,
            tx,
            entity,
            key.data,
            { label: after.label },
            after.retired ? `${entity}.retired` : `${entity}.reinstated`,
          );
        return after;
      });
      return c.json({ item });
    });
}
