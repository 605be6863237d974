/**
 * The pre-aggregated counts against the one implementation of the numbers: random audits are
 * written through the same path as sync (applyMutation → onAuditWritten), and some are then
 * re-graded, moved or deleted the way moderation will (an UPDATE followed by onAuditWritten
 * with the row as it was). After every batch, random metrics read from the counts must equal
 * evaluateMetric over every audit in the database, and the counts must equal a rebuild from
 * the audits table. The demo's own audits are in the data too, so seeding is checked as well.
 */
import { ORGANISATION_SCOPE } from '../auth/service-scope';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { useTestApp } from '../../tests/support/use-test-app';
import type { Person } from '../http/app-env';
import type { Queryable } from '../db/database';
import { applyMutation } from '../sync/apply-mutation';
import { onAuditWritten } from '../audits/on-audit-written';
import { readMetric } from '../metrics/read-metric';
import { countsCanAnswer } from '../metrics/count-metric';
import { auditForMetrics } from '../metrics/scan-metric';
import { rebuildMetricCounts } from './rebuild-metric-counts';
import { countsAndRebuild } from '../../tests/support/counts-and-rebuild';
import { evaluateMetric } from '../../shared/metrics/evaluate-metric';
import type { MetricDefinition } from '../../shared/metrics/metric-definition';
import { defaultFrameworkV1 } from '../../shared/framework/default-framework';
import { frameworkItems } from '../../shared/framework/framework-schema';
import type { Answer, Answers } from '../../shared/framework/answer-schema';
import { roleSchema } from '../../shared/accounts/roles';
import { CASE_TYPES } from '../demo/demo-organisation';

const FRAMEWORK = defaultFrameworkV1();
const COUNTED = frameworkItems(FRAMEWORK).filter(
  (item) => item.kind === 'grade' || item.kind === 'question' || item.kind === 'yes-no-note',
);
const QUESTIONS = COUNTED.filter(
  (item) => item.kind !== 'grade' && item.key !== FRAMEWORK.safeguardingConcernKey,
);

const answerArb = (item: (typeof COUNTED)[number]): fc.Arbitrary<Answer> => {
  if (item.kind === 'grade')
    return fc.constantFrom(0, 1, 2, 3).map((value) => ({ kind: 'grade' as const, value }));
  if (item.kind === 'question')
    return fc
      .constantFrom('yes', 'partly', 'no', ...(item.allowNotApplicable ? (['not_applicable'] as const) : []))
      .map((value) => ({ kind: 'question' as const, value }));
  return fc.constantFrom('yes', 'no').map((value) => ({ kind: 'yes-no-note' as const, value, note: '' }));
};

/** Some of the counted items answered at random; always submittable (no concern, an overall grade). */
const answersArb: fc.Arbitrary<Answers> = fc
  .tuple(
    fc.subarray(
      COUNTED.filter(
        (i) => i.key !== FRAMEWORK.safeguardingConcernKey && i.key !== FRAMEWORK.overallGradeKey,
      ),
    ),
    fc.constantFrom(0, 1, 2, 3),
  )
  .chain(([items, overall]) =>
    fc.tuple(...items.map((item) => answerArb(item))).map((values) => {
      const answers: Answers = {
        [FRAMEWORK.safeguardingConcernKey]: { kind: 'yes-no-note', value: 'no', note: '' },
        [FRAMEWORK.overallGradeKey]: { kind: 'grade', value: overall },
      };
      items.forEach((item, i) => {
        const answer = values[i];
        if (answer) answers[item.key] = answer;
      });
      return answers;
    }),
  );

/** Completion times around London month ends, in and out of summer time. */
const completedAtArb = fc
  .tuple(
    fc.integer({ min: 0, max: 33 }),
    fc.constantFrom(0, 1, 2, 27, 28),
    fc.integer({ min: 0, max: 24 * 60 - 1 }),
  )
  .map(([monthIndex, dayFromEnd, minute]) => {
    const firstOfNext = Date.UTC(2024, monthIndex + 1, 1);
    return new Date(firstOfNext - (dayFromEnd + 1) * 86_400_000 + minute * 60_000).toISOString();
  });

type Op =
  | {
      op: 'create';
      auditor: number;
      allocation: number;
      submit: boolean;
      answers: Answers;
      completedAt: string;
    }
  | { op: 'edit'; target: number; submit: boolean; answers: Answers; completedAt: string }
  | { op: 'moderate'; target: number; grade: number | null; completedAt: string | null; deleted: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('create' as const),
    auditor: fc.nat(),
    allocation: fc.nat(),
    submit: fc.boolean(),
    answers: answersArb,
    completedAt: completedAtArb,
  }),
  fc.record({
    op: fc.constant('edit' as const),
    target: fc.nat(),
    submit: fc.boolean(),
    answers: answersArb,
    completedAt: completedAtArb,
  }),
  fc.record({
    op: fc.constant('moderate' as const),
    target: fc.nat(),
    grade: fc.option(fc.constantFrom(0, 1, 2, 3)),
    completedAt: fc.option(completedAtArb),
    deleted: fc.boolean(),
  }),
);

const rangeArb = fc
  .tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 12 }))
  .map(([start, length]) => {
    const from = new Date(Date.UTC(2024, start, 1 + (start % 20)));
    const to = new Date(Date.UTC(2024, start + length, 28));
    return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
  });

describe.each(ENGINES)('metric counts on $engine', (engine) => {
  const t = useTestApp(engine);
  let auditors: { person: Person; allocations: { case_id: string }[] }[];
  let teamIds: string[];
  /** The demo's rounds and themes, for metrics filtered by round or theme (read by the scan). */
  let roundIds: string[];
  let themes: string[];
  /** Audits this test wrote: id, current rev and status. */
  const written: {
    id: string;
    caseId: string;
    auditor: number;
    rev: number;
    status: 'draft' | 'submitted';
  }[] = [];

  beforeAll(async () => {
    const people = await t.db.query<{
      id: string;
      email: string;
      display_name: string;
      roles: string[];
      team_id: string | null;
      service_id: string | null;
    }>(
      "SELECT id, email, display_name, roles, team_id, service_id FROM people WHERE 'auditor' = ANY (roles) ORDER BY email",
    );
    auditors = await Promise.all(
      people.map(async (p) => ({
        person: {
          id: p.id,
          email: p.email,
          name: p.display_name,
          jobTitle: '',
          roles: p.roles.flatMap((r) => roleSchema.safeParse(r).data ?? []),
          teamId: p.team_id,
          serviceId: p.service_id,
        },
        allocations: await t.db.query<{ case_id: string }>(
          // Not a joint auditor's allocation: that one writes the lead auditor's audit, by its id.
          'SELECT case_id FROM allocations WHERE auditor_id = $1 AND active AND audit_id IS NULL ORDER BY id',
          [p.id],
        ),
      })),
    );
    teamIds = (await t.db.query<{ id: string }>('SELECT id FROM teams ORDER BY name')).map((r) => r.id);
    const rounds = await t.db.query<{ id: string; theme: string }>(
      'SELECT id::text AS id, theme FROM rounds ORDER BY id',
    );
    roundIds = rounds.map((r) => r.id);
    themes = [...new Set(rounds.map((r) => r.theme).filter(Boolean))];
    // The generated completion times reach back to 2024; sync refuses a completion before the case
    // was allocated, which is not what these properties are about.
    await t.db.query("UPDATE allocations SET created_at = '2000-01-01T00:00:00Z'");
  });

  async function push(auditor: number, snapshot: object, baseRev: number) {
    const who = auditors[auditor];
    if (!who) throw new Error('no auditor');
    return applyMutation(
      t.db,
      { person: who.person, deviceId: randomUUID(), ip: '192.0.2.1', userAgent: 'property test' },
      { mutationId: randomUUID(), type: 'audit.put', baseRev, snapshot },
    );
  }

  async function apply(op: Op): Promise<void> {
    if (op.op === 'create') {
      const auditor = op.auditor % auditors.length;
      const allocations = auditors[auditor]?.allocations ?? [];
      const allocation = allocations[op.allocation % allocations.length];
      if (!allocation) return;
      const id = randomUUID();
      const status = op.submit ? 'submitted' : 'draft';
      const result = await push(
        auditor,
        {
          id,
          caseId: allocation.case_id,
          frameworkKey: FRAMEWORK.key,
          frameworkVersion: FRAMEWORK.version,
          status,
          answers: op.answers,
          completedAt: op.submit ? op.completedAt : null,
        },
        0,
      );
      expect(result.status, JSON.stringify(result)).toBe('applied');
      written.push({ id, caseId: allocation.case_id, auditor, rev: 1, status });
    } else if (op.op === 'edit') {
      const drafts = written.filter((w) => w.status === 'draft');
      const target = drafts[op.target % Math.max(1, drafts.length)];
      if (!target) return;
      const status = op.submit ? 'submitted' : 'draft';
      const result = await push(
        target.auditor,
        {
          id: target.id,
          caseId: target.caseId,
          frameworkKey: FRAMEWORK.key,
          frameworkVersion: FRAMEWORK.version,
          status,
          answers: op.answers,
          completedAt: op.submit ? op.completedAt : null,
        },
        target.rev,
      );
      expect(result.status, JSON.stringify(result)).toBe('applied');
      target.rev += 1;
      target.status = status;
    } else {
      const submitted = written.filter((w) => w.status === 'submitted');
      const target = submitted[op.target % Math.max(1, submitted.length)];
      if (!target) return;
      await moderate(target.id, op);
    }
  }

  /** What moderation will do: change the grade that counts, the date, or delete; then the hook. */
  async function moderate(
    auditId: string,
    change: { grade: number | null; completedAt: string | null; deleted: boolean },
  ) {
    await t.db.transaction(async (tx: Queryable) => {
      const [row] = await tx.query<{
        status: string;
        overall_grade: number | null;
        completed_at: string | null;
        team_id: string;
        case_type: string;
        deleted: boolean;
        framework_key: string;
        framework_version: number;
        kind: string;
        answers: unknown;
        moderated_grades: unknown;
      }>(
        `SELECT status, overall_grade, completed_at, team_id, case_type, deleted, framework_key, framework_version, kind, answers,
                moderated_grades
         FROM audits WHERE id = $1 FOR UPDATE`,
        [auditId],
      );
      if (!row) throw new Error('audit missing');
      await tx.query(
        'UPDATE audits SET overall_grade = coalesce($2, overall_grade), completed_at = coalesce($3, completed_at), deleted = $4 WHERE id = $1',
        [auditId, change.grade, change.completedAt, change.deleted],
      );
      await onAuditWritten(tx, {
        auditId,
        actorId: auditors[0]?.person.id ?? '',
        before: {
          status: row.status,
          overallGrade: row.overall_grade,
          completedAt: row.completed_at,
          teamId: row.team_id,
          caseType: row.case_type,
          deleted: row.deleted,
          frameworkKey: row.framework_key,
          frameworkVersion: row.framework_version,
          kind: row.kind,
          answers: row.answers,
          moderatedGrades: row.moderated_grades,
        },
      });
    });
  }

  /** Every audit in the database, as the shared metric code reads them: the full recomputation. */
  async function everyAudit() {
    const rows = await t.db.query<Parameters<typeof auditForMetrics>[0]>(
      `SELECT a.id, a.completed_at, a.team_id::text AS team_id, a.case_type, a.framework_key, a.framework_version,
              a.kind, a.answers, a.overall_grade, a.moderated_grades, f.definition ->> 'overallGradeKey' AS overall_key,
              x.round_id::text AS round_id, r.theme
       FROM audits a JOIN frameworks f ON f.key = a.framework_key AND f.version = a.framework_version
         LEFT JOIN allocations x ON x.id = a.id LEFT JOIN rounds r ON r.id = x.round_id
       WHERE a.status = 'submitted' AND NOT a.deleted AND a.stage = 'independent'`,
    );
    // Self-audits never count in a metric (only the independent audit of a case does).
    return rows.map((row) => {
      const audit = auditForMetrics(row);
      if (!audit) throw new Error(`audit ${row.id} could not be read`);
      return audit;
    });
  }

  const metricArb = () =>
    fc
      .record({
        source: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...COUNTED).map((item) => ({ item: item.key })) },
          {
            weight: 1,
            arbitrary: fc
              .uniqueArray(fc.constantFrom(...QUESTIONS.map((q) => q.key)), { minLength: 2, maxLength: 3 })
              .map((anyOf) => ({ anyOf })),
          },
        ),
        passing: fc.subarray([0, 1, 2, 3, 'yes', 'partly', 'no'] as const, { minLength: 1 }),
        teamIds: fc.option(fc.subarray(teamIds, { minLength: 1 })),
        caseTypeIds: fc.option(
          fc.subarray(
            CASE_TYPES.map((c) => c.key),
            { minLength: 1 },
          ),
        ),
        kinds: fc.option(
          fc.subarray(['practice_week', 'monthly', 'thematic', 'ad_hoc'] as const, { minLength: 1 }),
        ),
        frameworks: fc.option(
          fc.constantFrom<{ key: string; version?: number }[][]>(
            [{ key: FRAMEWORK.key }],
            [{ key: FRAMEWORK.key, version: 1 }],
            [{ key: 'other' }],
          ),
        ),
        // Rounds and themes are read by the scan; they must give evaluateMetric's figures too.
        roundIds: fc.oneof(
          { weight: 3, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.subarray(roundIds, { minLength: 1 }) },
        ),
        themes: fc.oneof(
          { weight: 3, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.subarray(themes, { minLength: 1 }) },
        ),
        bucket: fc.constantFrom('month', 'quarter', 'financial-year', 'financial-quarter' as const),
        range: rangeArb,
        groupBy: fc.constantFrom(null, 'team' as const, 'case-type' as const),
      })
      .map(
        ({
          range,
          groupBy,
          teamIds: teams,
          caseTypeIds,
          kinds,
          frameworks,
          roundIds: rounds,
          themes: on,
          ...rest
        }) => ({
          definition: {
            name: 'Random metric',
            ...rest,
            filters: {
              ...(teams ? { teamIds: teams } : {}),
              ...(caseTypeIds ? { caseTypeIds } : {}),
              ...(kinds ? { kinds } : {}),
              ...(frameworks ? { frameworks } : {}),
              ...(rounds ? { roundIds: rounds } : {}),
              ...(on ? { themes: on } : {}),
            },
          } satisfies MetricDefinition,
          scope: ORGANISATION_SCOPE,
          range,
          groupBy,
        }),
      );

  it('answer every metric exactly as evaluateMetric over all audits, after random writes and re-grades', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 1, maxLength: 6 }),
        fc.array(metricArb(), { minLength: 3, maxLength: 3 }),
        async (ops, queries) => {
          for (const op of ops) await apply(op);
          const audits = await everyAudit();
          for (const query of queries) {
            const answer = await readMetric(t.db, query);
            expect(answer.method).toBe(countsCanAnswer(query) ? 'counts' : 'scan');
            if (
              'item' in query.definition.source &&
              !query.definition.filters.roundIds &&
              !query.definition.filters.themes
            )
              expect(answer.method).toBe('counts');
            if (!query.groupBy) {
              expect(answer.series.map((s) => s.group)).toEqual([null]);
              expect(answer.series[0]?.result).toEqual(
                evaluateMetric(query.definition, audits, { range: query.range }),
              );
              continue;
            }
            const groupOf = (a: (typeof audits)[number]) =>
              query.groupBy === 'team' ? a.teamId : a.caseTypeId;
            for (const series of answer.series) {
              const expected = evaluateMetric(
                query.definition,
                audits.filter((a) => groupOf(a) === series.group),
                { range: query.range },
              );
              expect(series.result, String(series.group)).toEqual(expected);
              expect(series.result.overall.n).toBeGreaterThan(0);
            }
            // No group with audits counted is missing.
            const shown = new Set(answer.series.map((s) => s.group));
            const whole = evaluateMetric(query.definition, audits, { range: query.range });
            const missing = whole.overall.n - answer.series.reduce((sum, s) => sum + s.result.overall.n, 0);
            expect(missing, [...shown].join()).toBe(0);
          }
        },
      ),
      { numRuns: 10 },
    );
  });

  it('equal a rebuild from the audits table, row for row', async () => {
    const allocation = auditors[0]?.allocations[0];
    if (!allocation) throw new Error('no allocation');
    for (const grade of [0, 2]) {
      const id = randomUUID();
      await push(
        0,
        {
          id,
          caseId: allocation.case_id,
          frameworkKey: FRAMEWORK.key,
          frameworkVersion: FRAMEWORK.version,
          status: 'submitted',
          answers: {
            [FRAMEWORK.safeguardingConcernKey]: { kind: 'yes-no-note', value: 'no', note: '' },
            [FRAMEWORK.overallGradeKey]: { kind: 'grade', value: grade },
            'plan.smart': { kind: 'question', value: 'not_applicable' },
          },
          completedAt: '2026-03-31T23:30:00Z',
        },
        0,
      );
      await moderate(id, { grade: 3, completedAt: null, deleted: grade === 0 });
    }
    const { kept, rebuilt } = await countsAndRebuild(t.db);
    expect(kept.length).toBeGreaterThan(1000);
    expect(kept).toEqual(rebuilt);
    const rows = await t.db.transaction((tx) => rebuildMetricCounts(tx));
    expect(rows).toBe(rebuilt.length);
  });
});
