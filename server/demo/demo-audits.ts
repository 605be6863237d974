/**
 * The demo organisation's audit history: 18 months of submitted audits, complete answers,
 * with the services climbing from about 35% to about 60% "at least good". Each audit is done
 * by an auditor of the case's own service (demo-services.ts).
 */
import type { Queryable } from '../db/database';
import { insertRows } from '../db/insert-rows';
import { seededRandom } from '../../shared/random/seeded-random';
import type { DemoIds } from './demo-organisation';
import { DEMO_SERVICES } from './demo-services';
import { AUDIT_COLUMNS, generateAudits } from './synthetic-audits';
import { DEFAULT_FRAMEWORK_REF, syntheticAnswers } from './synthetic-answers';

export const DEMO_MONTHS = 18;
export const DEMO_AUDITS_PER_MONTH = 45;

export async function seedDemoAudits(tx: Queryable, ids: DemoIds, now: Date, seed = 18): Promise<number> {
  const random = seededRandom(seed);
  const start = new Date(now);
  start.setUTCMonth(start.getUTCMonth() - DEMO_MONTHS);
  const first = DEMO_SERVICES[0]?.auditors ?? [];
  const auditorIds = first.map((key) => ids.personIds.get(key) ?? '');
  const serviceOfCase = new Map(ids.cases.map((c) => [c.id, c.serviceKey]));
  const generated = [
    ...generateAudits(random, {
      count: DEMO_MONTHS * DEMO_AUDITS_PER_MONTH,
      cases: ids.cases.map((c) => ({
        id: c.id,
        teamId: ids.teamIds.get(c.teamKey) ?? '',
        caseType: c.caseType,
      })),
      auditorIds,
      framework: DEFAULT_FRAMEWORK_REF,
      trend: { from: 0.35, to: 0.6, start, end: now },
      answersFor: (grade, r) => syntheticAnswers(grade, r),
    }),
  ];
  // Drawn as one history, then each audit given to an auditor of its case's service in turn.
  const turn = new Map<string, number>();
  const rows = generated.map((row) => {
    const service = DEMO_SERVICES.find((s) => s.key === serviceOfCase.get(row.case_id));
    if (!service || service === DEMO_SERVICES[0]) return row;
    const n = turn.get(service.key) ?? 0;
    turn.set(service.key, n + 1);
    return {
      ...row,
      auditor_id: ids.personIds.get(service.auditors[n % service.auditors.length] ?? '') ?? '',
    };
  });
  await insertRows(tx, 'audits', AUDIT_COLUMNS, rows);
  return rows.length;
}
