/**
 * Post-audit compliance as a plan measure, on each engine, with the demo's case
 * actions: a manager adds a measure tracking "case actions done on time" for their service (and
 * for one team); each month's figure is the compliance screen's figure for that month, equals a
 * count made here from the database, carries its Wilson interval and a trajectory RAG, and shows
 * in the board report; filters outside the plan's service are refused, and nothing is stored.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { useTestApp } from '../../tests/support/use-test-app';
import { usePlanWithAction } from '../../tests/support/plan-with-action';
import type { BoardReportView, MeasureView } from '../../shared/plans/plan-views';
import type { ComplianceReport } from '../../shared/case-actions/case-action-schemas';
import { wilsonInterval } from '../../shared/metrics/wilson-interval';

const MANAGER = 'farah.manager@demo.lantern.invalid';
const TRAJECTORY = {
  baseline: { date: '2026-01-31', value: 0.5 },
  milestones: [{ date: '2027-03-31', target: 0.9 }],
};

describe.each(ENGINES)('a plan measure tracking post-audit compliance on $engine', (engine) => {
  const t = useTestApp(engine);
  const plan = usePlanWithAction(t, MANAGER, {
    area: { reference: 'C', title: 'Follow audits through', timescale: 'within-3-months' },
    action: { number: 'C1', description: 'Chase case actions to completion' },
  });

  const addComplianceMeasure = (compliance: object) =>
    plan.addMeasure({
      title: `Compliance ${randomUUID()}`,
      source: 'case_actions',
      bucket: 'month',
      compliance,
      trajectory: TRAJECTORY,
      minimumN: 1,
    });
  /** The database's own count per due month, as of today, of the service's (or one team's) live actions of submitted audits. */
  const counted = async (today: string, teamId: string | null) =>
    t.db.query<{ month: string; on_time: number; counted: number }>(
      `SELECT to_char(x.due_date, 'YYYY-MM') AS month,
              count(*) FILTER (WHERE x.state = 'done' AND x.completed_on <= x.due_date)::int AS on_time,
              count(*) FILTER (WHERE x.state = 'done' OR (x.state = 'open' AND x.due_date < $1::date))::int AS counted
       FROM case_actions x JOIN audits a ON a.id = x.audit_id JOIN teams tm ON tm.id = x.team_id
       WHERE x.withdrawn_at IS NULL AND NOT a.deleted AND a.status = 'submitted'
         AND tm.service_id = (SELECT service_id FROM plans WHERE id = $2) AND ($3::uuid IS NULL OR x.team_id = $3::uuid)
       GROUP BY 1 HAVING count(*) FILTER (WHERE x.state = 'done' OR (x.state = 'open' AND x.due_date < $1::date)) > 0
       ORDER BY 1`,
      [today, plan.id, teamId],
    );
  const judged = (m: MeasureView) => m.points.filter((p) => p.n !== null);
  /** What the compliance screen shows the manager. */
  const complianceScreen = async () =>
    (await (await plan.manager.request('/api/case-actions/compliance')).json()) as ComplianceReport;

  it('gives each month the compliance screen’s figure for that month, a count of the database, with its interval and RAG', async () => {
    const measure = await addComplianceMeasure({});
    expect(measure.source).toBe('case_actions');
    expect(measure.whichAudits).toMatch(/^the case actions of every team’s audits \(post-audit compliance/);
    const report = await complianceScreen();
    const shown = judged(measure);
    // The demo has counted actions in more than one month, so the comparison is not empty.
    expect(shown.length).toBeGreaterThan(0);
    for (const p of shown) {
      const month = report.byMonth.find((r) => r.key === p.periodId);
      expect([p.periodId, p.k, p.n]).toEqual([month?.key, month?.onTime, month?.counted]);
      const interval = wilsonInterval(p.k!, p.n!);
      expect([p.lower, p.upper]).toEqual([interval?.lower, interval?.upper]);
      expect(p.rag).not.toBe('no-data');
    }
    const today = report.today;
    const fromDb = await counted(today, null);
    expect(shown.map((p) => [p.periodId, p.k, p.n])).toEqual(
      fromDb.map((r) => [r.month, r.on_time, r.counted]),
    );
    // The screen's months the measure's range reaches are all the measure's (none left out or added).
    expect(
      report.byMonth
        .filter((r) => r.counted > 0 && r.key <= today.slice(0, 7))
        .map((r) => r.key)
        .sort(),
    ).toEqual(shown.map((p) => p.periodId));
  });

  it('counts one team’s actions when the measure names that team, and shows in the board report', async () => {
    const report = await complianceScreen();
    const team = report.byTeam.find((r) => r.counted > 0);
    expect(team).toBeDefined();
    const measure = await addComplianceMeasure({ teamIds: [team!.key] });
    const fromDb = await counted(report.today, team!.key);
    expect(judged(measure).map((p) => [p.periodId, p.k, p.n])).toEqual(
      fromDb.map((r) => [r.month, r.on_time, r.counted]),
    );
    // Over the months, it adds up to the screen's figure for the team (every counted action is due by today).
    const sum = judged(measure).reduce((s, p) => [s[0]! + p.k!, s[1]! + p.n!], [0, 0]);
    const laterDue = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM case_actions WHERE team_id = $1 AND state = 'done' AND due_date > $2::date`,
      [team!.key, report.today],
    );
    if (laterDue[0]?.n === 0) expect(sum).toEqual([team!.onTime, team!.counted]);
    const board = (await (
      await plan.manager.request(`/api/plans/${plan.id}/report`)
    ).json()) as BoardReportView;
    const onBoard = board.measures.find((m) => m.id === measure.id);
    expect(onBoard?.whichAudits).toContain(team!.label);
    expect(judged(onBoard!).map((p) => p.k)).toEqual(judged(measure).map((p) => p.k));
  });

  it('refuses a team or round outside the plan’s service, or filters it does not know, and stores nothing', async () => {
    const [other] = await t.db.query<{ id: string }>(
      'SELECT t.id FROM teams t WHERE t.service_id <> (SELECT service_id FROM plans WHERE id = $1) LIMIT 1',
      [plan.id],
    );
    const before = await t.db.query('SELECT id FROM plan_measures WHERE plan_id = $1', [plan.id]);
    const post = (compliance: object) =>
      plan.manager.request(`/api/plans/${plan.id}/actions/${plan.actionId}/measures`, {
        method: 'POST',
        json: {
          title: 'Compliance',
          source: 'case_actions',
          bucket: 'month',
          compliance,
          trajectory: TRAJECTORY,
        },
      });
    if (other) {
      const outside = await post({ teamIds: [other.id] });
      expect(outside.status).toBe(400);
      expect(await outside.text()).toContain('compliance.teamIds');
    }
    const noRound = await post({ roundId: randomUUID() });
    expect(noRound.status).toBe(400);
    expect(await noRound.text()).toContain('compliance.roundId');
    expect((await post({ teamIds: ['not-a-team'] })).status).toBe(400);
    expect((await post({ anything: 1 })).status).toBe(400);
    expect(await t.db.query('SELECT id FROM plan_measures WHERE plan_id = $1', [plan.id])).toEqual(before);
  });
});
