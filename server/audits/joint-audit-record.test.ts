/**
 * The whole audit of a joint audit (docs/JOINT-AUDITS.md), in the world of two
 * services: every auditor allocated to it reads its record, the draft too, with each answer
 * saying who gave it; nobody else reads the draft, and the record reaches nobody new outside.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { useTestApp } from '../../tests/support/use-test-app';
import { buildTwoServiceWorld, type TwoServiceWorld } from '../../tests/support/two-service-world';
import type { AuditRecord } from '../../shared/audits/audit-record-schemas';
import type { Answers } from '../../shared/framework/answer-schema';

describe.each(ENGINES)('the record of a joint audit on $engine', (engine) => {
  const t = useTestApp(engine, { demo: false });
  let world: TwoServiceWorld;
  let auditId: string;
  let answers: Answers;
  const read = async (personId: string) =>
    t.request(`/api/audits/${auditId}/record`, { headers: await world.headers(personId) });

  beforeAll(async () => {
    world = await buildTwoServiceWorld(t);
    const { alpha } = world;
    // A case of the first service that neither auditor holds and nobody has audited, allocated to
    // auditor 1; the QA lead adds auditor 2 (health).
    const [free] = await t.db.query<{ id: string }>(
      `SELECT c.id FROM cases c WHERE c.id = ANY ($1::uuid[])
         AND NOT EXISTS (SELECT 1 FROM allocations x WHERE x.case_id = c.id AND x.auditor_id = ANY ($2::uuid[]))
         AND NOT EXISTS (SELECT 1 FROM audits a WHERE a.case_id = c.id)
       ORDER BY c.reference LIMIT 1`,
      [alpha.caseIds, [alpha.people.auditor1, alpha.people.auditor2]],
    );
    const caseId = free?.id ?? '';
    auditId = randomUUID();
    await t.db.query(
      `INSERT INTO allocations (id, case_id, auditor_id, framework_key, framework_version)
       VALUES ($1, $2, $3, 'lantern-default', 1)`,
      [auditId, caseId, alpha.people.auditor1],
    );
    const joined = await t.request(`/api/allocations/${auditId}/joint`, {
      method: 'POST',
      headers: await world.headers(alpha.people.qa),
      json: { auditorId: alpha.people.auditor2 },
    });
    expect(joined.status, await joined.text()).toBe(201);
    answers = {
      'lived-experience.evidence': {
        kind: 'text',
        value: 'Seen at school.',
        by: { personId: alpha.people.auditor1, name: 'Alpha auditor one', agency: 'social_care' },
      },
      'assessment.evidence': {
        kind: 'text',
        value: 'Health assessment overdue.',
        by: { personId: alpha.people.auditor2, name: 'Alpha auditor two', agency: 'health' },
      },
    };
    await t.db.query(
      `INSERT INTO audits (id, case_id, team_id, case_type, framework_key, framework_version, auditor_id, kind,
         status, answers)
       SELECT $1, c.id, c.team_id, c.case_type, 'lantern-default', 1, $3, 'ad_hoc', 'draft', $4::jsonb
       FROM cases c WHERE c.id = $2`,
      [auditId, caseId, alpha.people.auditor1, JSON.stringify(answers)],
    );
  }, 180_000);

  it.each(['auditor1', 'auditor2'] as const)(
    'shows the draft to its %s, every answer with who gave it',
    async (who) => {
      const response = await read(world.alpha.people[who]);
      expect(response.status, await response.clone().text()).toBe(200);
      const record = (await response.json()) as AuditRecord;
      expect(record.audit.answers).toEqual(answers);
    },
  );

  it.each(['teamManager', 'qa', 'moderator'] as const)(
    'keeps the draft from the first service’s %s, who is not one of its auditors',
    async (who) => {
      expect([403, 409]).toContain((await read(world.alpha.people[who])).status);
    },
  );

  it('shows the submitted audit to the joint auditor, and not to an auditor of the other service', async () => {
    await t.db.query("UPDATE audits SET status = 'submitted', completed_at = now() WHERE id = $1", [auditId]);
    const joint = await read(world.alpha.people.auditor2);
    expect(joint.status).toBe(200);
    expect(((await joint.json()) as AuditRecord).audit.answers).toEqual(answers);
    expect((await read(world.bravo.people.auditor2)).status).toBe(403);
    expect((await read(world.alpha.people.moderator)).status).toBe(403);
  });
});
