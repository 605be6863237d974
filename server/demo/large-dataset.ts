/**
 * The large synthetic dataset behind the benchmarks: `teams` teams (added beside any that
 * exist), 50 cases per team, and `audits` submitted audits over the last `months` months.
 */
import type { Database } from '../db/database';
import { insertRows } from '../db/insert-rows';
import { randomUuid, seededRandom } from '../../shared/random/seeded-random';
import {
  AUDIT_COLUMNS,
  generateAudits,
  type SyntheticAuditRow,
  type SyntheticCase,
} from './synthetic-audits';
import { DEFAULT_FRAMEWORK_REF, syntheticGradeAnswers } from './synthetic-answers';
import { rebuildMetricCounts } from '../aggregates/rebuild-metric-counts';

export interface LargeDatasetOptions {
  audits: number;
  teams: number;
  months: number;
  seed: number;
  now: Date;
  onProgress?: (done: number) => void;
}

const CASES_PER_TEAM = 50;
const BATCH = 10_000;

export async function fillLargeDataset(db: Database, options: LargeDatasetOptions): Promise<void> {
  const random = seededRandom(options.seed);
  const [service] = await db.query<{ id: string }>('SELECT id FROM services ORDER BY name LIMIT 1');
  const auditors = await db.query<{ id: string }>("SELECT id FROM people WHERE 'auditor' = ANY (roles)");
  const caseTypes = await db.query<{ key: string }>('SELECT key FROM case_types ORDER BY key');
  if (!service || auditors.length === 0 || caseTypes.length === 0)
    throw new Error('the database has no service, auditors or case types to attach audits to');

  const stamp = options.seed.toString(36);
  const teams = Array.from({ length: options.teams }, (_, i) => ({
    id: randomUuid(random),
    service_id: service.id,
    name: `Bench team ${stamp}-${i + 1}`,
  }));
  const cases: SyntheticCase[] = [];
  const caseRows = teams.flatMap((team, t) =>
    Array.from({ length: CASES_PER_TEAM }, (_, i) => {
      const row = {
        id: randomUuid(random),
        reference: `BENCH-${stamp}-${t + 1}-${i + 1}`,
        team_id: team.id,
        case_type: caseTypes[i % caseTypes.length]?.key ?? '',
      };
      cases.push({ id: row.id, teamId: team.id, caseType: row.case_type });
      return row;
    }),
  );
  await db.transaction(async (tx) => {
    await insertRows(tx, 'teams', { id: 'uuid', service_id: 'uuid', name: 'text' }, teams);
    await insertRows(
      tx,
      'cases',
      { id: 'uuid', reference: 'text', team_id: 'uuid', case_type: 'text' },
      caseRows,
    );
  });

  const end = options.now;
  const start = new Date(end);
  start.setUTCMonth(start.getUTCMonth() - options.months);
  const rows = generateAudits(random, {
    count: options.audits,
    cases,
    auditorIds: auditors.map((a) => a.id),
    framework: DEFAULT_FRAMEWORK_REF,
    trend: { from: 0.35, to: 0.6, start, end },
    answersFor: syntheticGradeAnswers,
  });
  let batch: SyntheticAuditRow[] = [];
  let done = 0;
  const flush = async (): Promise<void> => {
    const toWrite = batch;
    batch = [];
    await db.transaction((tx) => insertRows(tx, 'audits', AUDIT_COLUMNS, toWrite, BATCH));
    done += toWrite.length;
    options.onProgress?.(done);
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  // Inserted in bulk, past the audit-write hook: the dashboards' counts are rebuilt once here.
  await db.transaction((tx) => rebuildMetricCounts(tx));
}
