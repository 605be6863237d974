/**
 * Re-audits, on each engine: an audit graded Inadequate (by the grade that counts) can be
 * scheduled for re-audit — only that — and once the re-audit is submitted the change in
 * grade is reported.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { useSignedIn, useTestApp } from '../../tests/support/use-test-app';
import { CHLOE, personId, push, QA_LEAD, submittableAnswers } from '../../tests/fixtures/case-lists/qa-steps';
import { gradeChange, reauditListSchema } from '../../shared/rounds/reaudit-schemas';

describe.each(ENGINES)('re-audits on $engine', (engine) => {
  const t = useTestApp(engine);
  const qa = useSignedIn(t, QA_LEAD);

  it('schedules a re-audit of an Inadequate audit and reports the change in grade', async () => {
    const list = reauditListSchema.parse(await (await qa.request('/api/reaudits')).json());
    const chloeId = await personId(t, CHLOE);
    const [candidate] = await t.db.query<{ id: string; case_id: string }>(
      `SELECT a.id, a.case_id FROM audits a JOIN cases c ON c.id = a.case_id JOIN people p ON p.id = $1
       JOIN teams t ON t.id = a.team_id AND t.service_id = p.service_id
       WHERE a.status = 'submitted' AND a.overall_grade = 3 AND c.team_id IS DISTINCT FROM p.team_id
         AND NOT EXISTS (SELECT 1 FROM allocations x WHERE x.case_id = a.case_id AND x.auditor_id = $1 AND x.active)
       ORDER BY a.completed_at DESC LIMIT 1`,
      [chloeId],
    );
    if (!candidate) throw new Error('the demo has Inadequate audits');
    expect(list.candidates.some((c) => c.originalAuditId === candidate.id)).toBe(true);

    const scheduled = await qa.request(`/api/reaudits/${candidate.id}`, {
      method: 'POST',
      json: { auditorId: chloeId, dueDate: '2026-11-30' },
    });
    expect(scheduled.status).toBe(201);
    const { allocationId } = (await scheduled.json()) as { allocationId: string };
    expect(
      (await qa.request(`/api/reaudits/${candidate.id}`, { method: 'POST', json: { auditorId: chloeId } }))
        .status,
    ).toBe(409);

    const chloe = await t.as(CHLOE);
    expect(
      (
        await push(
          chloe,
          { id: allocationId, caseId: candidate.case_id },
          0,
          'submitted',
          submittableAnswers(1),
        )
      ).status,
    ).toBe('applied');
    const after = reauditListSchema.parse(await (await qa.request('/api/reaudits')).json());
    const row = after.scheduled.find((r) => r.originalAuditId === candidate.id);
    expect(row).toMatchObject({
      originalGrade: 3,
      newGrade: 1,
      auditorName: 'Chloe Nwosu (demo)',
      dueDate: '2026-11-30',
    });
    expect(gradeChange(row!.originalGrade, row!.newGrade).words).toBe('Improved by 2 grades');
    expect(after.candidates.some((c) => c.originalAuditId === candidate.id)).toBe(false);
  });

  it('refuses to schedule a re-audit of an audit that is not Inadequate', async () => {
    const [good] = await t.db.query<{ id: string }>(
      "SELECT id FROM audits WHERE status = 'submitted' AND overall_grade = 1 LIMIT 1",
    );
    const response = await qa.request(`/api/reaudits/${good!.id}`, {
      method: 'POST',
      json: { auditorId: await personId(t, CHLOE) },
    });
    expect(response.status).toBe(409);
  });
});
