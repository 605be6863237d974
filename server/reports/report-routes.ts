/**
 * /api/reports: audit reports of a round, a London month or a theme. QA leads write
 * drafts, publish them, keep the distribution list and send the link; managers of the service
 * read published reports, download them and send recommendations into their plan. Every read
 * and change is logged (audit-report); a published report refuses every change (409).
 */
import { Hono, type Context } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { requirePerson } from '../auth/require-person';
import { dataScope } from '../auth/service-scope';
import { logChange, logView } from '../audit-log/log-access';
import { appError } from '../../shared/errors/app-error';
import { mailFromEnv } from '../auth/password-link-emails';
import { idParam } from '../plans/plan-store';
import {
  distributionSchema,
  recommendationToPlanSchema,
  reportCreateSchema,
  reportEditSchema,
  type ReportListItem,
} from '../../shared/reports/report-schemas';
import { listReports, requireReport } from './report-rows';
import {
  createReport,
  deleteReport,
  editReport,
  lockReport,
  publishReport,
  isPublishedTool,
  isServiceRound,
  recordReportSend,
  reportRecipients,
  reportContent,
  reportView,
  setRecipients,
} from './report-store';
import { recommendationToPlan } from './recommendation-to-plan';
import { reportDocx } from './report-docx';
import { reportWorkbook } from './report-workbook';
import { sendReportLinks } from './report-distribution';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fileName(title: string, ext: string): string {
  const base =
    title
      .replace(/[^A-Za-z0-9 -]+/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .slice(0, 80) || 'audit-report';
  return `${base}.${ext}`;
}

export function auditReportRoutes(deps: AppDeps) {
  const mail = () => (deps.mail === undefined ? mailFromEnv(process.env) : deps.mail);
  /** QA leads write and read drafts; other readers (managers) see published reports only. */
  const writesDrafts = (c: Context<LanternEnv>) => requirePerson(c).roles.includes('qa_lead');
  const report = (c: Context<LanternEnv>) =>
    requireReport(deps.db, idParam(c.req.param('reportId'), 'report'), dataScope(c), writesDrafts(c));
  const serviceOf = (c: Context<LanternEnv>): string => {
    const person = requirePerson(c);
    if (!person.serviceId)
      throw appError('forbidden', 'You are not in a service, so you have no audit reports.');
    return person.serviceId;
  };

  return new Hono<LanternEnv>()
    .get('/', async (c) => {
      const rows = await listReports(deps.db, dataScope(c), writesDrafts(c));
      const items: ReportListItem[] = rows.map((r) => ({
        id: r.id,
        title: r.title,
        status: r.status,
        scope: r.scope,
        createdAt: r.createdAt,
        publishedAt: r.publishedAt,
      }));
      await logView(c, deps, 'audit-report-list', '', { ids: items.map((i) => i.id) });
      return c.json(items);
    })
    .post('/', async (c) => {
      const person = requirePerson(c);
      const serviceId = serviceOf(c);
      const input = await parseBody(c, reportCreateSchema);
      const id = await deps.db.transaction(async (tx) => {
        if (input.scope.kind === 'round') {
          if (!(await isServiceRound(tx, input.scope.roundId, serviceId)))
            throw appError('validation_failed', 'Some fields need correcting.', [
              { path: 'scope.roundId', message: 'Choose one of your service’s rounds.' },
            ]);
        } else {
          if (!(await isPublishedTool(tx, input.scope.toolKey)))
            throw appError('validation_failed', 'Some fields need correcting.', [
              { path: 'scope.toolKey', message: 'Choose a published audit tool.' },
            ]);
        }
        const created = await createReport(tx, serviceId, person.id, input);
        await logChange(c, deps, tx, 'audit-report', created, { action: 'created' });
        return created;
      });
      const view = await reportView(deps.db, await requireReport(deps.db, id, dataScope(c), true));
      return c.json(view, 201);
    })
    .get('/:reportId', async (c) => {
      const row = await report(c);
      const view = await reportView(deps.db, row);
      await logView(c, deps, 'audit-report', row.id, { status: row.status });
      return c.json(view);
    })
    .put('/:reportId', async (c) => {
      const row = await report(c);
      const input = await parseBody(c, reportEditSchema);
      await deps.db.transaction(async (tx) => {
        await editReport(tx, await lockReport(tx, row.id), input);
        await logChange(c, deps, tx, 'audit-report', row.id, { action: 'edited' });
      });
      return c.json(await reportView(deps.db, await report(c)));
    })
    .delete('/:reportId', async (c) => {
      const row = await report(c);
      await deps.db.transaction(async (tx) => {
        await deleteReport(tx, await lockReport(tx, row.id));
        await logChange(c, deps, tx, 'audit-report', row.id, { action: 'deleted' });
      });
      return c.body(null, 204);
    })
    .post('/:reportId/publish', async (c) => {
      const person = requirePerson(c);
      const row = await report(c);
      await deps.db.transaction(async (tx) => {
        await publishReport(tx, await lockReport(tx, row.id), person);
        await logChange(c, deps, tx, 'audit-report', row.id, { action: 'published' });
      });
      return c.json(await reportView(deps.db, await report(c)));
    })
    .get('/:reportId/docx', async (c) => {
      const row = await report(c);
      const bytes = await reportDocx(await reportContent(deps.db, row));
      await logView(c, deps, 'audit-report', row.id, { export: 'docx' });
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'Content-Disposition': `attachment; filename="${fileName(row.title, 'docx')}"`,
      });
    })
    .get('/:reportId/xlsx', async (c) => {
      const row = await report(c);
      const bytes = await reportWorkbook(await reportContent(deps.db, row));
      await logView(c, deps, 'audit-report', row.id, { export: 'xlsx' });
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="${fileName(row.title, 'xlsx')}"`,
      });
    })
    .post('/:reportId/recommendations/:recommendationId/plan', async (c) => {
      const person = requirePerson(c);
      const row = await report(c);
      const recommendationId = c.req.param('recommendationId');
      if (!UUID.test(recommendationId))
        throw appError('not_found', 'This report has no such recommendation.');
      const input = await parseBody(c, recommendationToPlanSchema);
      await deps.db.transaction(async (tx) => {
        const result = await recommendationToPlan(tx, row, recommendationId, input, person);
        await logChange(c, deps, tx, 'audit-report', row.id, {
          action: 'recommendation sent to plan',
          ...result,
        });
        await logChange(c, deps, tx, 'plan-item', result.actionId, {
          action: 'from audit report',
          reportId: row.id,
        });
      });
      return c.json(await reportView(deps.db, row));
    })
    .put('/:reportId/distribution', async (c) => {
      const row = await report(c);
      const input = await parseBody(c, distributionSchema);
      await deps.db.transaction(async (tx) => {
        await setRecipients(tx, row.id, input.emails);
        await logChange(c, deps, tx, 'audit-report', row.id, {
          action: 'distribution list',
          count: input.emails.length,
        });
      });
      return c.json(await reportView(deps.db, row));
    })
    .post('/:reportId/send', async (c) => {
      const person = requirePerson(c);
      const row = await report(c);
      if (row.status !== 'published')
        throw appError('conflict', 'Publish the report before sending it: a draft may still change.');
      const setup = mail();
      if (!setup)
        throw appError(
          'unavailable',
          'Lantern has no mail server set up (LANTERN_SMTP_URL), so it cannot send e-mail.',
        );
      const recipients = await reportRecipients(deps.db, row.id);
      if (recipients.length === 0)
        throw appError(
          'validation_failed',
          'Add at least one e-mail address to the distribution list first.',
          [{ path: 'emails', message: 'Add at least one e-mail address.' }],
        );
      const sent = await sendReportLinks(setup, row.id, row.title, recipients);
      await deps.db.transaction(async (tx) => {
        await recordReportSend(tx, row.id, person.id, sent);
        await logChange(c, deps, tx, 'audit-report', row.id, {
          action: 'sent',
          sent: sent.length,
          of: recipients.length,
        });
      });
      return c.json({ sent: sent.length, of: recipients.length });
    });
}
