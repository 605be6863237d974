/**
 * /api/case-actions — the actions audits set for cases, followed to completion.
 *   GET  /                     ?view=mine|team|all: the caller's own actions, their teams', or
 *                              everything they reach (case-action-store.ts)
 *   GET  /compliance           post-audit compliance per round, team and month (QA leads, managers)
 *   GET  /:caseActionId            one action
 *   GET  /:caseActionId/owners     the people who may own it (for the team manager's or QA lead's choice;
 *                              empty for anyone else)
 *   PATCH /:caseActionId           progress (state, evidence, completion date, reason) or owner
 * Every view and change is logged.
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { requirePerson } from '../auth/require-person';
import { dataScope } from '../auth/service-scope';
import { logChange, logView } from '../audit-log/log-access';
import { idParam } from '../admin/id-param';
import { appError } from '../../shared/errors/app-error';
import { caseActionUpdateSchema } from '../../shared/case-actions/case-action-schemas';
import {
  getCaseAction,
  listCaseActions,
  possibleOwners,
  updateCaseAction,
  type ActionView,
} from './case-action-store';
import { complianceReport } from './case-action-compliance-store';

const VIEWS: readonly ActionView[] = ['all', 'mine', 'team'];

export function caseActionRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/', async (c) => {
      const person = requirePerson(c);
      const requested = c.req.query('view') ?? 'all';
      const view = VIEWS.find((v) => v === requested);
      if (!view)
        throw appError('validation_failed', 'view must be mine, team or all.', [
          { path: 'view', message: 'Choose mine, team or all.' },
        ]);
      const actions = await listCaseActions(deps.db, dataScope(c), person, { view });
      await logView(c, deps, 'case-action-list', '', { view, ids: actions.map((a) => a.id) });
      return c.json({ actions });
    })
    .get('/compliance', async (c) => {
      requirePerson(c);
      const report = await complianceReport(deps.db, dataScope(c));
      await logView(c, deps, 'case-action-compliance', '');
      return c.json(report);
    })
    .get('/:caseActionId', async (c) => {
      const person = requirePerson(c);
      const id = idParam(c, 'caseActionId', 'case action');
      const action = await getCaseAction(deps.db, dataScope(c), person, id);
      await logView(c, deps, 'case-action', id);
      return c.json({ action });
    })
    .get('/:caseActionId/owners', async (c) => {
      const person = requirePerson(c);
      const id = idParam(c, 'caseActionId', 'case action');
      const action = await getCaseAction(deps.db, dataScope(c), person, id);
      // The owner reaches the action but does not choose who owns it: nobody to offer them.
      return c.json({ people: action.canChooseOwner ? await possibleOwners(deps.db, id) : [] });
    })
    .patch('/:caseActionId', async (c) => {
      const person = requirePerson(c);
      const id = idParam(c, 'caseActionId', 'case action');
      const update = await parseBody(c, caseActionUpdateSchema);
      await deps.db.transaction(async (tx) => {
        const change = await updateCaseAction(tx, dataScope(c), person, id, update);
        await logChange(c, deps, tx, 'case-action', id, change);
      });
      return c.json({ action: await getCaseAction(deps.db, dataScope(c), person, id) });
    });
}
