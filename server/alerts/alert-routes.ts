/**
 * /api/alerts — safeguarding alerts. GET lists the alerts raised to the signed-in person (a
 * QA lead sees every alert), escalating any that are overdue first, so escalation happens on
 * read even if no server timer has run. POST /:alertId/acknowledge records the person's
 * acknowledgement and note; the time it took is shown from then on. Views and
 * acknowledgements are logged like any view of audit content.
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { requirePerson } from '../auth/require-person';
import { dataScope } from '../auth/service-scope';
import { logChange, logView } from '../audit-log/log-access';
import { idParam } from '../admin/id-param';
import { acknowledgeAlertSchema } from '../../shared/alerts/alert-schemas';
import { acknowledgeAlert, listAlerts } from './alert-store';
import { escalateDueAlerts } from './escalate-alerts';
import { readAlertSettings } from './alert-settings';

export function alertRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/', async (c) => {
      requirePerson(c);
      await escalateDueAlerts(deps.db);
      const alerts = await listAlerts(deps.db, dataScope(c));
      await logView(c, deps, 'alert-list', '', { ids: alerts.map((a) => a.id) });
      return c.json({ alerts, escalationHours: readAlertSettings(process.env).escalationHours });
    })
    .post('/:alertId/acknowledge', async (c) => {
      const person = requirePerson(c);
      const id = idParam(c, 'alertId', 'alert');
      const { note } = await parseBody(c, acknowledgeAlertSchema);
      await deps.db.transaction(async (tx) => {
        await acknowledgeAlert(tx, id, person, note);
        await logChange(c, deps, tx, 'alert', id, {}, 'alert.acknowledged');
      });
      const [alert] = await listAlerts(deps.db, dataScope(c), id);
      return c.json({ alert });
    });
}
