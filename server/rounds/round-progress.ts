/**
 * A round's progress, read live from the allocations and audits: per auditor and per team,
 * how many cases are allocated, started (a draft or more has synced), submitted and
 * moderated, and how many are overdue (past their due date in Europe/London, not submitted).
 * The counts are cumulative: allocated ≥ started ≥ submitted ≥ moderated.
 */
import type { Queryable } from '../db/database';
import type { ProgressCounts, ProgressRow, RoundProgress } from '../../shared/rounds/progress-schemas';

interface Row {
  auditor_id: string;
  auditor_name: string;
  team_id: string;
  team_name: string;
  started: boolean;
  submitted: boolean;
  moderated: boolean;
  overdue: boolean;
}

const zero = (): ProgressCounts => ({ allocated: 0, started: 0, submitted: 0, moderated: 0, overdue: 0 });

function add(counts: ProgressCounts, row: Row): void {
  counts.allocated++;
  if (row.started) counts.started++;
  if (row.submitted) counts.submitted++;
  if (row.moderated) counts.moderated++;
  if (row.overdue) counts.overdue++;
}

export async function roundProgress(db: Queryable, roundId: string): Promise<RoundProgress> {
  const rows = await db.query<Row>(
    `SELECT x.auditor_id, p.display_name AS auditor_name, c.team_id, t.name AS team_name,
            (a.id IS NOT NULL AND NOT a.deleted) AS started,
            (a.status = 'submitted' AND NOT a.deleted) IS TRUE AS submitted,
            (m.status IN ('agreed', 'regraded')) IS TRUE AS moderated,
            (x.due_date < (now() AT TIME ZONE 'Europe/London')::date AND (a.status = 'submitted') IS NOT TRUE) AS overdue
     FROM allocations x JOIN people p ON p.id = x.auditor_id JOIN cases c ON c.id = x.case_id JOIN teams t ON t.id = c.team_id
     LEFT JOIN audits a ON a.id = coalesce(x.audit_id, x.id) LEFT JOIN moderations m ON m.audit_id = a.id
     WHERE x.round_id = $1 AND (x.active OR x.finished)`,
    [roundId],
  );
  const total = zero();
  const byAuditor = new Map<string, ProgressRow>();
  const byTeam = new Map<string, ProgressRow>();
  for (const row of rows) {
    add(total, row);
    const auditor = byAuditor.get(row.auditor_id) ?? {
      id: row.auditor_id,
      name: row.auditor_name,
      ...zero(),
    };
    add(auditor, row);
    byAuditor.set(row.auditor_id, auditor);
    const team = byTeam.get(row.team_id) ?? { id: row.team_id, name: row.team_name, ...zero() };
    add(team, row);
    byTeam.set(row.team_id, team);
  }
  const byName = (a: ProgressRow, b: ProgressRow): number => a.name.localeCompare(b.name, 'en-GB');
  const [now] = await db.query<{ now: string }>('SELECT now() AS now');
  return {
    total,
    byAuditor: [...byAuditor.values()].sort(byName),
    byTeam: [...byTeam.values()].sort(byName),
    asOf: now?.now ?? new Date().toISOString(),
  };
}
