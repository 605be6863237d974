/**
 * /api/inspection — inspection readiness, for the QA leads and managers of a service:
 *   GET /audits          every submitted audit completed in the last `months` months (London
 *                        dates; default 6), one row per audit, optionally of one `team`
 *   GET /audits/csv      the same rows as CSV (UTF-8 with a byte-order mark)
 *   GET /audits/xlsx     the same rows as a workbook
 *   GET /pack            the deep-dive pack of the `cases` chosen (comma-separated ids, at most
 *                        20): every submitted audit of each, whole, in printable blocks
 *   GET /pack/docx       the same pack as a Word document
 * The list logs one row for the list; the pack logs each audit it holds as viewed.
 */
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { requirePerson } from '../auth/require-person';
import { dataScope } from '../auth/service-scope';
import { logView } from '../audit-log/log-access';
import { appError } from '../../shared/errors/app-error';
import { londonToday } from '../plans/london-today';
import { answerText } from '../../shared/framework/answer-text';
import {
  inspectionListQuerySchema,
  packCaseIds,
  packQuerySchema,
  type InspectionList,
  type PackDocument,
} from '../../shared/inspection/inspection-schemas';
import { inspectionWindow, windowWords } from '../../shared/inspection/inspection-window';
import { packDocument } from '../../shared/inspection/pack-document';
import { inspectionRows, inspectionTeams } from './inspection-list-store';
import { readPackCases } from './inspection-pack-store';
import { inspectionCsv, inspectionWorkbook } from './inspection-files';
import { packDocx } from './pack-docx';

function parseQuery<T extends z.ZodType>(c: Context<LanternEnv>, schema: T): z.infer<T> {
  const result = schema.safeParse(c.req.query());
  if (!result.success)
    throw appError(
      'validation_failed',
      'Some of the choices need correcting.',
      result.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    );
  return result.data;
}

async function readList(c: Context<LanternEnv>, deps: AppDeps, now: Date): Promise<InspectionList> {
  const person = requirePerson(c);
  const scope = dataScope(c);
  const query = parseQuery(c, inspectionListQuerySchema);
  const teams = await inspectionTeams(deps.db, scope);
  if (query.team && !teams.some((team) => team.id === query.team))
    throw appError('validation_failed', 'Choose a team of your service.', [
      { path: 'team', message: 'This is not a team of your service.' },
    ]);
  const window = inspectionWindow(londonToday(now), query.months);
  const rows = await inspectionRows(deps.db, scope, window, query.team ?? null, person.id);
  return {
    months: query.months,
    from: window.from,
    to: window.to,
    covers: windowWords(window),
    teamId: query.team ?? null,
    teams,
    rows,
  };
}

async function readPack(c: Context<LanternEnv>, deps: AppDeps, now: Date, as: string): Promise<PackDocument> {
  const person = requirePerson(c);
  const { cases } = parseQuery(c, packQuerySchema);
  const parsed = packCaseIds(cases);
  if (!parsed.ok)
    throw appError('validation_failed', 'Some of the cases chosen need correcting.', parsed.problems);
  const input = await readPackCases(deps.db, dataScope(c), person, parsed.ids);
  for (const chosen of input)
    for (const audit of chosen.audits)
      await logView(c, deps, 'audit', audit.record.audit.id, { as: 'inspection-pack', file: as });
  return packDocument({ madeAt: now.toISOString(), madeBy: person.name, cases: input }, answerText);
}

const fileName = (list: InspectionList, ext: string) => `inspection-list-${list.from}-to-${list.to}.${ext}`;

export function inspectionRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/audits', async (c) => {
      const list = await readList(c, deps, new Date());
      await logView(c, deps, 'audit-list', '', { view: 'inspection', ids: list.rows.map((r) => r.auditId) });
      return c.json(list);
    })
    .get('/audits/csv', async (c) => {
      const list = await readList(c, deps, new Date());
      await logView(c, deps, 'audit-list', '', {
        view: 'inspection',
        export: 'csv',
        ids: list.rows.map((r) => r.auditId),
      });
      return c.body(inspectionCsv(list), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${fileName(list, 'csv')}"`,
      });
    })
    .get('/audits/xlsx', async (c) => {
      const now = new Date();
      const list = await readList(c, deps, now);
      const bytes = await inspectionWorkbook(list, now);
      await logView(c, deps, 'audit-list', '', {
        view: 'inspection',
        export: 'xlsx',
        ids: list.rows.map((r) => r.auditId),
      });
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="${fileName(list, 'xlsx')}"`,
      });
    })
    .get('/pack', async (c) => c.json(await readPack(c, deps, new Date(), 'page')))
    .get('/pack/docx', async (c) => {
      const now = new Date();
      const pack = await readPack(c, deps, now, 'docx');
      const bytes = await packDocx(pack);
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'Content-Disposition': `attachment; filename="inspection-pack-${londonToday(now)}.docx"`,
      });
    });
}
