/**
 * /api/plans/:planId/report and /export: the board report as of a London date (today when not
 * given), as data for the printable page and as an XLSX workbook.
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { requirePerson } from '../auth/require-person';
import { logView } from '../audit-log/log-access';
import { idParam } from './plan-store';
import { asOfParam, londonToday } from './london-today';
import { boardReport } from './board-report';
import { planWorkbook } from './plan-workbook';

export function reportRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/:planId/report', async (c) => {
      requirePerson(c);
      const planId = idParam(c.req.param('planId'), 'plan');
      const asOf = asOfParam(c.req.query('asOf')) ?? londonToday();
      const report = await boardReport(deps.db, planId, asOf);
      await logView(c, deps, 'plan-item', planId, { report: asOf });
      return c.json(report);
    })
    .get('/:planId/export', async (c) => {
      requirePerson(c);
      const planId = idParam(c.req.param('planId'), 'plan');
      const asOf = asOfParam(c.req.query('asOf')) ?? londonToday();
      const report = await boardReport(deps.db, planId, asOf);
      const bytes = await planWorkbook(report);
      await logView(c, deps, 'plan-item', planId, { export: 'xlsx', asOf });
      const name = `${
        report.plan.title
          .replace(/[^A-Za-z0-9 -]+/g, '')
          .trim()
          .replace(/\s+/g, '-') || 'plan'
      }-${asOf}.xlsx`;
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="${name}"`,
      });
    });
}
