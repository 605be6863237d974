/**
 * GET /api/round-comparison?first=…&second=… — two rounds of one audit tool side by side for a
 * QA lead or manager of their service: each measure's figure in each round as it counts
 * (moderated grades where a moderator decided), the difference and its 95% interval, and
 * whether it is beyond noise (shared/metrics/compare-rounds.ts), and the overall figure by the
 * auditor's agency (compare-rounds-by-agency.ts). A round's audits are the submitted
 * independent audits written under its allocations with the round's tool (self-audits never
 * count in a figure, as in every metric).
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { requirePerson } from '../auth/require-person';
import { dataScope } from '../auth/service-scope';
import { appError } from '../../shared/errors/app-error';
import type { Queryable } from '../db/database';
import { loadFramework } from '../frameworks/framework-cache';
import { requireRound } from './round-store';
import { answersSchema, type Answers } from '../../shared/framework/answer-schema';
import { auditKindSchema, type AuditForMetrics } from '../../shared/metrics/audit-for-metrics';
import { gradeIndexSchema } from '../../shared/metrics/grade-scale';
import { compareRounds } from '../../shared/metrics/compare-rounds';
import { compareRoundsByAgency } from '../../shared/metrics/compare-rounds-by-agency';
import type { AuditWithAgency } from '../../shared/metrics/split-by-agency';
import { agencySchema, DEFAULT_AGENCY } from '../../shared/accounts/agencies';
import {
  roundComparisonQuerySchema,
  type RoundComparison,
} from '../../shared/rounds/round-comparison-schemas';
import type { Round } from '../../shared/rounds/round-schemas';

async function roundAudits(db: Queryable, roundId: string, toolKey: string): Promise<AuditWithAgency[]> {
  const rows = await db.query<{
    id: string;
    completed_at: string;
    team_id: string;
    case_type: string;
    framework_key: string;
    framework_version: number;
    kind: string;
    answers: unknown;
    moderated_grades: unknown;
    overall_key: string;
    counted_overall: number | null;
    auditor_agency: string;
  }>(
    `SELECT a.id, a.completed_at, a.team_id, a.case_type, a.framework_key, a.framework_version, a.kind, a.answers,
            a.moderated_grades, f.definition ->> 'overallGradeKey' AS overall_key,
            CASE WHEN m.id IS NULL THEN NULL ELSE a.overall_grade END AS counted_overall,
            p.agency AS auditor_agency
     FROM audits a JOIN allocations x ON x.id = a.id JOIN people p ON p.id = a.auditor_id
       JOIN frameworks f ON f.key = a.framework_key AND f.version = a.framework_version
       LEFT JOIN moderations m ON m.audit_id = a.id AND m.status IN ('agreed', 'regraded')
     WHERE x.round_id = $1 AND a.framework_key = $2 AND a.status = 'submitted' AND NOT a.deleted
       AND a.stage = 'independent' AND a.completed_at IS NOT NULL`,
    [roundId, toolKey],
  );
  return rows.map((r) => {
    const sections = answersSchema.safeParse(r.moderated_grades ?? {});
    const moderated: Answers = sections.success ? { ...sections.data } : {};
    if (r.counted_overall !== null)
      moderated[r.overall_key] = { kind: 'grade', value: gradeIndexSchema.parse(r.counted_overall) };
    const answers = answersSchema.safeParse(r.answers);
    const audit: AuditForMetrics = {
      id: r.id,
      status: 'submitted',
      completedAt: new Date(r.completed_at).toISOString(),
      teamId: r.team_id,
      caseTypeId: r.case_type,
      frameworkKey: r.framework_key,
      frameworkVersion: r.framework_version,
      kind: auditKindSchema.catch('ad_hoc').parse(r.kind),
      answers: answers.success ? answers.data : {},
      moderatedAnswers: moderated,
    };
    return {
      audit,
      auditorAgency: agencySchema.safeParse(r.auditor_agency).data ?? DEFAULT_AGENCY,
      overallGradeKey: r.overall_key,
    };
  });
}

const brief = (round: Round, audits: number) => ({
  id: round.id,
  name: round.name,
  kind: round.kind,
  theme: round.theme,
  startDate: round.startDate,
  endDate: round.endDate,
  audits,
});

export function roundComparisonRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>().get('/', async (c) => {
    requirePerson(c);
    const parsed = roundComparisonQuerySchema.safeParse(c.req.query());
    if (!parsed.success)
      throw appError(
        'validation_failed',
        'Choose two rounds to compare.',
        parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      );
    const scope = dataScope(c);
    const first = await requireRound(deps.db, parsed.data.first, scope);
    const second = await requireRound(deps.db, parsed.data.second, scope);
    if (first.id === second.id)
      throw appError('validation_failed', 'Choose two different rounds.', [
        { path: 'second', message: 'Choose a round other than the first.' },
      ]);
    if (first.frameworkKey !== second.frameworkKey)
      throw appError('validation_failed', 'Only rounds of one audit tool can be compared.', [
        {
          path: 'second',
          message: `"${second.name}" uses another audit tool than "${first.name}": choose a round of the same tool.`,
        },
      ]);
    // Item keys stay stable across a tool's versions: the newer round's version names the measures.
    const version = Math.max(first.frameworkVersion, second.frameworkVersion);
    const framework = await loadFramework(deps.db, first.frameworkKey, version);
    if (!framework) throw appError('internal', 'The audit tool of these rounds is missing.');
    const [a, b] = await Promise.all([
      roundAudits(deps.db, first.id, first.frameworkKey),
      roundAudits(deps.db, second.id, second.frameworkKey),
    ]);
    const comparison: RoundComparison = {
      tool: { key: framework.key, version: framework.version, title: framework.title },
      first: brief(first, a.length),
      second: brief(second, b.length),
      measures: compareRounds(
        framework,
        a.map((x) => x.audit),
        b.map((x) => x.audit),
      ),
      byAgency: compareRoundsByAgency(framework, a, b),
    };
    return c.json(comparison);
  });
}
