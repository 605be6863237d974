/**
 * Audit findings that can inform a plan action: each submitted audit's areas for development
 * (its `*.areas-for-development` text) and each of its actions for the case. Read straight
 * from the audits' answers, so a finding is always what the auditor wrote; a link keeps an
 * excerpt too, so the plan still reads if the audit is later changed.
 */
import type { Queryable } from '../db/database';
import type { FindingView } from '../../shared/plans/plan-views';

interface FindingRow {
  audit_id: string;
  reference: string;
  team_name: string;
  completed_at: string;
  item_key: string;
  answer: unknown;
}

const FINDINGS_FROM = `audits a JOIN cases c ON c.id = a.case_id JOIN teams t ON t.id = a.team_id
  CROSS JOIN LATERAL jsonb_each(a.answers) j`;
const IS_FINDING = `((j.key LIKE '%areas-for-development' AND j.value ->> 'kind' = 'text' AND btrim(j.value ->> 'value') <> '')
  OR j.value ->> 'kind' = 'case-actions')`;

/** One finding per areas-for-development text and per case action. */
function expand(row: FindingRow): Omit<FindingView, 'informs'>[] {
  const base = {
    auditId: row.audit_id,
    caseReference: row.reference,
    teamName: row.team_name,
    completedAt: row.completed_at,
    itemKey: row.item_key,
  };
  const answer = row.answer;
  if (typeof answer !== 'object' || answer === null || !('value' in answer)) return [];
  const value = answer.value;
  if (typeof value === 'string')
    return [{ ...base, itemIndex: 0, kindLabel: 'Areas for development', text: value }];
  if (!Array.isArray(value)) return [];
  return value.flatMap((action: unknown, i) => {
    if (typeof action !== 'object' || action === null) return [];
    const field = (name: string): string => {
      const v: unknown = Reflect.get(action, name);
      return typeof v === 'string' ? v : '';
    };
    const who = field('who');
    const byWhen = field('byWhen');
    const text =
      [field('what'), who && `(${who}`, byWhen && `by ${byWhen}`].filter(Boolean).join(' ') +
      (who ? ')' : '');
    return [{ ...base, itemIndex: i, kindLabel: 'Action for the case', text }];
  });
}

async function informs(db: Queryable, auditIds: string[]) {
  if (auditIds.length === 0) return new Map<string, FindingView['informs']>();
  const rows = await db.query<{
    audit_id: string;
    item_key: string;
    item_index: number;
    plan_id: string;
    action_id: string;
    number: string;
    title: string;
  }>(
    `SELECT l.audit_id, l.item_key, l.item_index, a.plan_id, a.id AS action_id, a.number, p.title
     FROM plan_finding_links l JOIN plan_actions a ON a.id = l.action_id JOIN plans p ON p.id = a.plan_id
     WHERE l.audit_id::text = ANY($1::text[]) ORDER BY p.title, a.number`,
    [auditIds],
  );
  const byFinding = new Map<string, FindingView['informs']>();
  for (const r of rows) {
    const key = `${r.audit_id}|${r.item_key}|${r.item_index}`;
    const list = byFinding.get(key) ?? [];
    list.push({ planId: r.plan_id, actionId: r.action_id, number: r.number, planTitle: r.title });
    byFinding.set(key, list);
  }
  return byFinding;
}

async function withInforms(db: Queryable, findings: Omit<FindingView, 'informs'>[]): Promise<FindingView[]> {
  const links = await informs(db, [...new Set(findings.map((f) => f.auditId))]);
  return findings.map((f) => ({
    ...f,
    informs: links.get(`${f.auditId}|${f.itemKey}|${f.itemIndex}`) ?? [],
  }));
}

/**
 * The most recent findings in one service (audit content: a manager or QA lead reads their own
 * service's, as with the audits themselves), optionally those whose text or case reference
 * contains `q`. Someone in no service sees none.
 */
export async function searchFindings(
  db: Queryable,
  serviceId: string | null,
  q: string,
  limit = 40,
): Promise<FindingView[]> {
  if (serviceId === null) return [];
  const rows = await db.query<FindingRow>(
    `SELECT a.id AS audit_id, c.reference, t.name AS team_name, a.completed_at, j.key AS item_key, j.value AS answer
     FROM ${FINDINGS_FROM}
     WHERE t.service_id = $3 AND a.status = 'submitted' AND NOT a.deleted AND ${IS_FINDING}
       AND ($1 = '' OR j.value::text ILIKE '%' || $1 || '%' OR c.reference ILIKE '%' || $1 || '%')
     ORDER BY a.completed_at DESC, a.id, j.key LIMIT $2`,
    [q, limit, serviceId],
  );
  const needle = q.toLowerCase();
  const expanded = rows
    .flatMap(expand)
    .filter(
      (f) =>
        !needle || f.text.toLowerCase().includes(needle) || f.caseReference.toLowerCase().includes(needle),
    );
  return withInforms(db, expanded.slice(0, limit));
}

/**
 * The findings of one audit, with the actions each informs: what an audit shows. With a
 * service, only if the audit is in it (none otherwise).
 */
export async function auditFindings(
  db: Queryable,
  auditId: string,
  serviceId?: string | null,
): Promise<FindingView[]> {
  if (serviceId === null) return [];
  const rows = await db.query<FindingRow>(
    `SELECT a.id AS audit_id, c.reference, t.name AS team_name, a.completed_at, j.key AS item_key, j.value AS answer
     FROM ${FINDINGS_FROM} WHERE a.id = $1 AND ($2::uuid IS NULL OR t.service_id = $2) AND ${IS_FINDING}
     ORDER BY j.key`,
    [auditId, serviceId ?? null],
  );
  return withInforms(db, rows.flatMap(expand));
}

/** The findings linked to one action, as linked (with the excerpt kept at the time). */
export async function actionFindings(db: Queryable, actionId: string): Promise<FindingView[]> {
  const rows = await db.query<{
    id: string;
    audit_id: string;
    reference: string;
    team_name: string;
    completed_at: string | null;
    item_key: string;
    item_index: number;
    excerpt: string;
  }>(
    `SELECT l.id, l.audit_id, c.reference, t.name AS team_name, a.completed_at, l.item_key, l.item_index, l.excerpt
     FROM plan_finding_links l JOIN audits a ON a.id = l.audit_id JOIN cases c ON c.id = a.case_id JOIN teams t ON t.id = a.team_id
     WHERE l.action_id = $1 ORDER BY a.completed_at DESC NULLS LAST, l.id`,
    [actionId],
  );
  return withInforms(
    db,
    rows.map((r) => ({
      linkId: r.id,
      auditId: r.audit_id,
      caseReference: r.reference,
      teamName: r.team_name,
      completedAt: r.completed_at ?? '',
      itemKey: r.item_key,
      itemIndex: r.item_index,
      kindLabel: r.item_key.endsWith('areas-for-development')
        ? 'Areas for development'
        : 'Action for the case',
      text: r.excerpt,
    })),
  );
}

/** The text of one finding of an audit, or null when the audit has no such finding. */
/** The text of one finding of an audit in the given service, or null (no such finding there). */
export async function findingText(
  db: Queryable,
  serviceId: string | null,
  auditId: string,
  itemKey: string,
  itemIndex: number,
): Promise<string | null> {
  const found = (await auditFindings(db, auditId, serviceId)).find(
    (f) => f.itemKey === itemKey && f.itemIndex === itemIndex,
  );
  return found?.text ?? null;
}
