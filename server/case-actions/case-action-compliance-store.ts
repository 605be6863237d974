/**
 * Post-audit compliance for a QA lead or manager: the actions of their service's audits, counted
 * by the rule in shared/case-actions/case-action-compliance.ts, overall and per round (the
 * audit's allocation's round; "No round" for audits made outside one), per team (the case's team
 * when audited) and per month (the month the action was due).
 */
import type { Queryable } from '../db/database';
import { inScope, type DataScope } from '../auth/service-scope';
import {
  actionCompliance,
  COMPLIANCE_RULE_WORDS,
  formatCompliance,
  type ActionForCompliance,
} from '../../shared/case-actions/case-action-compliance';
import type {
  CaseActionState,
  ComplianceReport,
  ComplianceRow,
} from '../../shared/case-actions/case-action-schemas';
import { londonToday } from '../../shared/metrics/london-date';

interface Row {
  state: CaseActionState;
  due_date: string;
  completed_on: string | null;
  round_id: string | null;
  round_name: string | null;
  team_id: string;
  team_name: string;
}

/** The actions the figure counts from (every action of the scope's submitted audits). */
export async function actionsForCompliance(db: Queryable, scope: DataScope): Promise<Row[]> {
  const params: unknown[] = [];
  return db.query<Row>(
    `SELECT x.state, x.due_date::text AS due_date, x.completed_on::text AS completed_on,
            r.id AS round_id, r.name AS round_name, x.team_id, t.name AS team_name
     FROM case_actions x JOIN audits a ON a.id = x.audit_id JOIN teams t ON t.id = x.team_id
       LEFT JOIN allocations al ON al.id = a.id LEFT JOIN rounds r ON r.id = al.round_id
     WHERE x.withdrawn_at IS NULL AND NOT a.deleted AND a.status = 'submitted'
       AND ${inScope(scope, { team: 'x.team_id' }, params)}`,
    params,
  );
}

const monthWords = (month: string): string =>
  new Date(`${month}-15T12:00:00Z`).toLocaleDateString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

function row(key: string, label: string, actions: ActionForCompliance[], today: string): ComplianceRow {
  const figure = actionCompliance(actions, today);
  return { key, label, onTime: figure.k, counted: figure.n, text: formatCompliance(figure) };
}

function grouped(
  rows: Row[],
  keyOf: (r: Row) => [string, string],
  today: string,
  sort: (a: ComplianceRow, b: ComplianceRow) => number,
): ComplianceRow[] {
  const groups = new Map<string, { label: string; actions: ActionForCompliance[] }>();
  for (const r of rows) {
    const [key, label] = keyOf(r);
    const group = groups.get(key) ?? { label, actions: [] };
    group.actions.push({ state: r.state, dueDate: r.due_date, completedOn: r.completed_on });
    groups.set(key, group);
  }
  return [...groups].map(([key, g]) => row(key, g.label, g.actions, today)).sort(sort);
}

export async function complianceReport(
  db: Queryable,
  scope: DataScope,
  now: Date = new Date(),
): Promise<ComplianceReport> {
  const today = londonToday(now.getTime());
  const rows = await actionsForCompliance(db, scope);
  const all = rows.map((r) => ({ state: r.state, dueDate: r.due_date, completedOn: r.completed_on }));
  const byLabel = (a: ComplianceRow, b: ComplianceRow) => a.label.localeCompare(b.label, 'en-GB');
  return {
    today,
    overall: row('all', 'All actions', all, today),
    byRound: grouped(rows, (r) => [r.round_id ?? 'none', r.round_name ?? 'No round'], today, byLabel),
    byTeam: grouped(rows, (r) => [r.team_id, r.team_name], today, byLabel),
    byMonth: grouped(
      rows,
      (r) => [r.due_date.slice(0, 7), monthWords(r.due_date.slice(0, 7))],
      today,
      (a, b) => b.key.localeCompare(a.key),
    ),
    rule: COMPLIANCE_RULE_WORDS,
  };
}
