/**
 * The SQL behind rounds: list, find, create and change, with the counts the round list shows
 * (cases drawn, allocated, submitted). A round's framework version must be published, and it
 * is fixed once any case is allocated.
 */
import { z } from 'zod';
import type { Queryable } from '../db/database';
import { inScope, type DataScope } from '../auth/service-scope';
import { appError } from '../../shared/errors/app-error';
import { sampleSpecSchema } from '../../shared/rounds/sample-spec';
import type { Round, RoundInput } from '../../shared/rounds/round-schemas';
import { roundKindSchema } from '../../shared/rounds/round-schemas';

const otherToolsSchema = z.array(z.object({ key: z.string(), version: z.number(), title: z.string() }));

interface RoundRow {
  id: string;
  name: string;
  kind: string;
  theme: string;
  start_date: string;
  end_date: string;
  due_date: string | null;
  framework_key: string;
  framework_version: number;
  framework_title: string;
  other_tools: unknown;
  tool_name: string | null;
  self_audit: boolean;
  exclude_own_team: boolean;
  moderation_share: string | number;
  sample_spec: unknown;
  sampled_at: string | null;
  case_count: number;
  allocated: number;
  submitted: number;
  created_at: string;
}

const SELECT = `SELECT r.id, r.name, r.kind, r.theme, r.start_date::text AS start_date, r.end_date::text AS end_date,
    r.due_date::text AS due_date, r.framework_key, r.framework_version, f.title AS framework_title, r.exclude_own_team,
    r.self_audit, (SELECT coalesce(json_agg(json_build_object('key', rt.framework_key, 'version', rt.framework_version,
        'title', coalesce(tt.name, tf.title)) ORDER BY rt.position), '[]'::json)
      FROM round_tools rt JOIN frameworks tf ON tf.key = rt.framework_key AND tf.version = rt.framework_version
        LEFT JOIN audit_tools tt ON tt.key = rt.framework_key WHERE rt.round_id = r.id) AS other_tools,
    (SELECT t0.name FROM audit_tools t0 WHERE t0.key = r.framework_key) AS tool_name,
    r.moderation_share, r.sample_spec, r.sampled_at, r.created_at,
    (SELECT count(*) FROM round_cases rc WHERE rc.round_id = r.id) AS case_count,
    (SELECT count(*) FROM allocations x WHERE x.round_id = r.id AND (x.active OR x.finished) AND x.stage = 'independent' AND x.audit_id IS NULL) AS allocated,
    (SELECT count(*) FROM allocations x JOIN audits a ON a.id = x.id
      WHERE x.round_id = r.id AND (x.active OR x.finished) AND x.stage = 'independent' AND a.status = 'submitted'
        AND NOT a.deleted) AS submitted
  FROM rounds r JOIN frameworks f ON f.key = r.framework_key AND f.version = r.framework_version`;

function toRound(row: RoundRow): Round {
  const spec = row.sample_spec === null ? null : sampleSpecSchema.safeParse(row.sample_spec);
  return {
    id: row.id,
    name: row.name,
    kind: roundKindSchema.parse(row.kind),
    theme: row.theme,
    startDate: row.start_date,
    endDate: row.end_date,
    dueDate: row.due_date,
    frameworkKey: row.framework_key,
    frameworkVersion: row.framework_version,
    frameworkTitle: row.framework_title,
    tools: [
      { key: row.framework_key, version: row.framework_version, title: row.tool_name ?? row.framework_title },
      ...otherToolsSchema.parse(
        typeof row.other_tools === 'string' ? JSON.parse(row.other_tools) : row.other_tools,
      ),
    ],
    selfAudit: row.self_audit,
    excludeOwnTeam: row.exclude_own_team,
    moderationShare: Number(row.moderation_share),
    sampleSpec: spec?.success ? spec.data : null,
    sampledAt: row.sampled_at,
    caseCount: Number(row.case_count),
    allocated: Number(row.allocated),
    submitted: Number(row.submitted),
    createdAt: row.created_at,
  };
}

/** The rounds of the scope (a QA lead's service's), newest first. */
export async function listRounds(db: Queryable, scope: DataScope): Promise<Round[]> {
  const params: unknown[] = [];
  const rows = await db.query<RoundRow>(
    `${SELECT} WHERE ${inScope(scope, { service: 'r.service_id' }, params)} ORDER BY r.start_date DESC, r.name`,
    params,
  );
  return rows.map(toRound);
}

/** A round within the scope; one of another service is not found, as if it did not exist. */
export async function findRound(db: Queryable, id: string, scope: DataScope): Promise<Round | null> {
  const params: unknown[] = [id];
  const [row] = await db.query<RoundRow>(
    `${SELECT} WHERE r.id = $1 AND ${inScope(scope, { service: 'r.service_id' }, params)}`,
    params,
  );
  return row ? toRound(row) : null;
}

export async function requireRound(db: Queryable, id: string, scope: DataScope): Promise<Round> {
  const round = await findRound(db, id, scope);
  if (!round) throw appError('not_found', 'There is no round with that id.');
  return round;
}

async function assertPublished(
  db: Queryable,
  key: string,
  version: number,
  path = 'frameworkVersion',
): Promise<void> {
  const [row] = await db.query<{ status: string }>(
    'SELECT status FROM frameworks WHERE key = $1 AND version = $2',
    [key, version],
  );
  if (!row)
    throw appError('validation_failed', 'Choose a framework version.', [
      { path, message: 'There is no such framework version.' },
    ]);
  if (row.status !== 'published')
    throw appError('validation_failed', 'A round uses a published framework version.', [
      {
        path,
        message: `Version ${version} is a ${row.status}; publish it first or choose a published version.`,
      },
    ]);
}

/** The settings a round is made and edited with, in the order both INSERT and UPDATE number them ($2…$11). */
function roundSettings(input: RoundInput): unknown[] {
  return [
    input.name,
    input.kind,
    input.theme,
    input.startDate,
    input.endDate,
    input.dueDate,
    input.frameworkKey,
    input.frameworkVersion,
    input.excludeOwnTeam,
    input.moderationShare,
  ];
}

/** A new round of the creator's service. */
export async function insertRound(
  tx: Queryable,
  input: RoundInput,
  createdBy: string,
  serviceId: string,
): Promise<string> {
  await assertPublished(tx, input.frameworkKey, input.frameworkVersion);
  for (const [i, tool] of input.otherTools.entries())
    await assertPublished(tx, tool.key, tool.version, `otherTools.${i}.version`);
  const id = crypto.randomUUID();
  await tx.query(
    `INSERT INTO rounds (id, name, kind, theme, start_date, end_date, due_date, framework_key, framework_version,
       exclude_own_team, moderation_share, created_by, service_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [id, ...roundSettings(input), createdBy, serviceId],
  );
  await tx.query('UPDATE rounds SET self_audit = $2 WHERE id = $1', [id, input.selfAudit]);
  await saveOtherTools(tx, id, input.otherTools);
  return id;
}

async function saveOtherTools(
  tx: Queryable,
  roundId: string,
  tools: RoundInput['otherTools'],
): Promise<void> {
  await tx.query('DELETE FROM round_tools WHERE round_id = $1', [roundId]);
  for (const [position, tool] of tools.entries())
    await tx.query(
      'INSERT INTO round_tools (round_id, framework_key, framework_version, position) VALUES ($1, $2, $3, $4)',
      [roundId, tool.key, tool.version, position],
    );
}

/**
 * A round's tools can change, but a tool version a case is already allocated with stays: its
 * audits were written on it.
 */
async function assertToolsKeepAllocations(tx: Queryable, before: Round, input: RoundInput): Promise<void> {
  const kept = new Set([
    `${input.frameworkKey}@${input.frameworkVersion}`,
    ...input.otherTools.map((t) => `${t.key}@${t.version}`),
  ]);
  const used = await tx.query<{ framework_key: string; framework_version: number; reference: string }>(
    `SELECT DISTINCT ON (x.framework_key, x.framework_version) x.framework_key, x.framework_version, c.reference
     FROM allocations x JOIN cases c ON c.id = x.case_id
     WHERE x.round_id = $1 AND (x.active OR x.finished) ORDER BY x.framework_key, x.framework_version, c.reference`,
    [before.id],
  );
  const dropped = used.find((u) => !kept.has(`${u.framework_key}@${u.framework_version}`));
  if (dropped)
    throw appError(
      'conflict',
      `Case ${dropped.reference} is allocated with ${dropped.framework_key} version ${dropped.framework_version}, so the round keeps that tool.`,
      [
        {
          path: 'otherTools',
          message: 'A tool that cases are allocated with cannot be taken off the round.',
        },
      ],
    );
}

export async function updateRound(tx: Queryable, before: Round, input: RoundInput): Promise<void> {
  const frameworkChanged =
    before.frameworkKey !== input.frameworkKey || before.frameworkVersion !== input.frameworkVersion;
  if (frameworkChanged) {
    if (before.allocated > 0)
      throw appError(
        'conflict',
        'Cases in this round are already allocated, so its framework version is fixed.',
        [
          {
            path: 'frameworkVersion',
            message: 'The framework version cannot change once cases are allocated.',
          },
        ],
      );
    await assertPublished(tx, input.frameworkKey, input.frameworkVersion);
  }
  for (const [i, tool] of input.otherTools.entries())
    await assertPublished(tx, tool.key, tool.version, `otherTools.${i}.version`);
  await assertToolsKeepAllocations(tx, before, input);
  await tx.query(
    `UPDATE rounds SET name = $2, kind = $3, theme = $4, start_date = $5, end_date = $6, due_date = $7, framework_key = $8,
       framework_version = $9, exclude_own_team = $10, moderation_share = $11, updated_at = now() WHERE id = $1`,
    [before.id, ...roundSettings(input)],
  );
  await tx.query('UPDATE rounds SET self_audit = $2 WHERE id = $1', [before.id, input.selfAudit]);
  await saveOtherTools(tx, before.id, input.otherTools);
  // Devices show the round's name on each allocation: keep it in step.
  if (before.name !== input.name)
    await tx.query(
      'UPDATE allocations SET round_name = $2, updated_at = now() WHERE round_id = $1 AND active',
      [before.id, input.name],
    );
}
