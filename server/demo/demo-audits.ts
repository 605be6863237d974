/**
 * The demo organisation's audit history: 18 months of submitted audits, complete answers,
 * with the service climbing from about 35% to about 60% "at least good".
 */
import type { Queryable } from '../db/database';
import { insertRows } from '../db/insert-rows';
import { seededRandom } from '../../shared/random/seeded-random';
import type { DemoIds } from './demo-organisation';
import { AUDIT_COLUMNS, generateAudits } from './synthetic-audits';
import { DEFAULT_FRAMEWORK_REF, syntheticAnswers } from './synthetic-answers';

export const DEMO_MONTHS = 18;
export const DEMO_AUDITS_PER_MONTH = 45;

export async function seedDemoAudits(tx: Queryable, ids: DemoIds, now: Date, seed = 18): Promise<number> {
  const random = seededRandom(seed);
  const start = new Date(now);
  start.setUTCMonth(start.getUTCMonth() - DEMO_MONTHS);
  const auditorIds = ['auditor1', 'auditor2', 'auditor3', 'moderator'].map(
    (key) => ids.personIds.get(key) ?? '',
  );
  const rows = [
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
  await insertRows(tx, 'audits', AUDIT_COLUMNS, rows);
  return rows.length;
}
