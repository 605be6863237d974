/**
 * A joint audit's further auditors follow the case's live audit (docs/JOINT-AUDITS.md), on each
 * engine: reallocating the lead moves them to the new lead's audit (their devices drop the old
 * audit id and get the new one, with the draft copied), withdrawing the lead withdraws them with
 * it and says who, and removing one further auditor leaves the rest. A self-audit can be joint
 * too: its further auditor writes a self-audit, and the case's independent audit can still be
 * allocated.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import {
  AMARA,
  BEN,
  CHLOE,
  createRound,
  personId,
  pullUntil,
  push,
  QA_LEAD,
} from '../../tests/fixtures/case-lists/qa-steps';
import { roundCasesResponseSchema } from '../../shared/rounds/allocation-schemas';

describe.each(ENGINES)('joint audits when the lead allocation changes, on $engine', (engine) => {
  const t = useTestApp(engine);
  let qa: Client;
  let ids: { amara: string; ben: string; chloe: string };
  beforeAll(async () => {
    qa = await t.as(QA_LEAD);
    ids = { amara: await personId(t, AMARA), ben: await personId(t, BEN), chloe: await personId(t, CHLOE) };
  }, 180_000);

  /** A case of the QA lead's service that nobody holds, in none of the three auditors' teams. */
  async function freeCase(): Promise<string> {
    const [row] = await t.db.query<{ id: string }>(
      `SELECT c.id FROM cases c JOIN teams t ON t.id = c.team_id
       WHERE t.service_id = (SELECT service_id FROM people WHERE id = $1)
         AND NOT EXISTS (SELECT 1 FROM allocations x WHERE x.case_id = c.id AND x.active)
         AND c.team_id NOT IN (SELECT team_id FROM people WHERE id = ANY ($2::uuid[]) AND team_id IS NOT NULL)
       ORDER BY c.reference LIMIT 1`,
      [ids.amara, [ids.amara, ids.ben, ids.chloe]],
    );
    if (!row) throw new Error('no free case');
    return row.id;
  }

  /** A round with one case allocated to Amara and joined by Ben: returns the lead's id. */
  async function jointCase(): Promise<{ roundId: string; caseId: string; leadId: string; benId: string }> {
    const round = await createRound(qa);
    const caseId = await freeCase();
    const made = await qa.request('/api/allocations', {
      method: 'POST',
      json: { roundId: round.id, caseId, auditorId: ids.amara },
    });
    expect(made.status).toBe(201);
    const { allocationId: leadId } = (await made.json()) as { allocationId: string };
    const joined = await qa.request(`/api/allocations/${leadId}/joint`, {
      method: 'POST',
      json: { auditorId: ids.ben },
    });
    expect(joined.status).toBe(201);
    const { allocationId: benId } = (await joined.json()) as { allocationId: string };
    return { roundId: round.id, caseId, leadId, benId };
  }

  const activeOf = (caseId: string) =>
    t.db.query<{ id: string; auditor_id: string; audit_id: string | null }>(
      'SELECT id, auditor_id, audit_id FROM allocations WHERE case_id = $1 AND active ORDER BY audit_id IS NOT NULL, created_at, id',
      [caseId],
    );

  it('moves the further auditors to the new lead’s audit when the lead is reallocated', async () => {
    const { roundId, caseId, leadId } = await jointCase();
    const ben = await t.as(BEN);
    // Ben's tablet has started the shared audit.
    expect(await push(ben, { id: leadId, caseId }, 0, 'draft', {})).toMatchObject({ status: 'applied' });

    const moved = await qa.request(`/api/allocations/${leadId}/reallocate`, {
      method: 'POST',
      json: { auditorId: ids.chloe, dueDate: null },
    });
    expect(moved.status, await moved.clone().text()).toBe(200);
    const result = (await moved.json()) as {
      allocationId: string;
      copiedDraft: boolean;
      jointAuditors: string[];
    };
    expect(result.copiedDraft).toBe(true);
    expect(result.jointAuditors).toHaveLength(1);

    const active = await activeOf(caseId);
    expect(active.map((x) => [x.auditor_id, x.audit_id])).toEqual([
      [ids.chloe, null],
      [ids.ben, result.allocationId],
    ]);
    // Ben's tablet drops the old audit id and gets the new one, with the copied draft.
    const pulled = await pullUntil(
      ben,
      (p) =>
        p.allocations.some((a) => a.id === result.allocationId) &&
        p.audits.some((a) => a.id === result.allocationId),
    );
    const byId = new Map(pulled.allocations.map((a) => [a.id, a]));
    expect(byId.get(leadId)?.active).toBe(false);
    expect(byId.get(result.allocationId)).toMatchObject({ active: true, joint: true });
    // The round's case list shows Chloe leading and Ben beside her.
    const listed = roundCasesResponseSchema.parse(
      await (await qa.request(`/api/rounds/${roundId}/cases`)).json(),
    );
    const row = listed.cases.find((x) => x.caseId === caseId);
    expect(row?.allocation?.auditorId).toBe(ids.chloe);
    expect(row?.allocation?.joint.map((j) => j.auditorId)).toEqual([ids.ben]);
  });

  it('makes a further auditor the lead when the case is reallocated to them', async () => {
    const { caseId, leadId } = await jointCase();
    const moved = await qa.request(`/api/allocations/${leadId}/reallocate`, {
      method: 'POST',
      json: { auditorId: ids.ben, dueDate: null },
    });
    expect(moved.status, await moved.clone().text()).toBe(200);
    expect(((await moved.json()) as { jointAuditors: string[] }).jointAuditors).toEqual([]);
    expect((await activeOf(caseId)).map((x) => [x.auditor_id, x.audit_id])).toEqual([[ids.ben, null]]);
  });

  it('reallocates a further auditor’s place on the same audit', async () => {
    const { caseId, leadId, benId } = await jointCase();
    const moved = await qa.request(`/api/allocations/${benId}/reallocate`, {
      method: 'POST',
      json: { auditorId: ids.chloe, dueDate: null },
    });
    expect(moved.status, await moved.clone().text()).toBe(200);
    expect((await activeOf(caseId)).map((x) => [x.auditor_id, x.audit_id])).toEqual([
      [ids.amara, null],
      [ids.chloe, leadId],
    ]);
  });

  it('withdraws the further auditors with the lead, naming them', async () => {
    const { caseId, leadId } = await jointCase();
    const ben = await t.as(BEN);
    const gone = await qa.request(`/api/allocations/${leadId}/withdraw`, { method: 'POST', json: {} });
    expect(gone.status).toBe(200);
    const body = (await gone.json()) as { jointWithdrawn: string[] };
    expect(body.jointWithdrawn).toHaveLength(1);
    expect(await activeOf(caseId)).toEqual([]);
    const pulled = await pullUntil(ben, (p) => p.allocations.some((a) => a.id === leadId && !a.active));
    expect(pulled.allocations.filter((a) => a.id === leadId && a.active)).toEqual([]);
  });

  it('removes one further auditor and leaves the lead', async () => {
    const { caseId, benId } = await jointCase();
    const gone = await qa.request(`/api/allocations/${benId}/withdraw`, { method: 'POST', json: {} });
    expect(gone.status).toBe(200);
    expect(((await gone.json()) as { jointWithdrawn: string[] }).jointWithdrawn).toEqual([]);
    expect((await activeOf(caseId)).map((x) => x.auditor_id)).toEqual([ids.amara]);
  });

  it('keeps a further auditor of a submitted audit', async () => {
    const { caseId, leadId, benId } = await jointCase();
    await t.db.query(
      `INSERT INTO audits (id, case_id, team_id, case_type, framework_key, framework_version, auditor_id, kind, status,
         answers, completed_at, overall_grade, rev, updated_by)
       SELECT $1, c.id, c.team_id, c.case_type, 'lantern-default', 1, $3, 'practice_week', 'submitted', '{}'::jsonb,
         now(), 1, 1, $3 FROM cases c WHERE c.id = $2`,
      [leadId, caseId, ids.amara],
    );
    const refused = await qa.request(`/api/allocations/${benId}/withdraw`, { method: 'POST', json: {} });
    expect(refused.status).toBe(409);
  });

  it('lets a self-audit be joint, and the independent audit still be allocated', async () => {
    const round = await createRound(qa, { selfAudit: true });
    // A case of Amara's team, and a second auditor of that team (signing in with the demo's password).
    const [place] = await t.db.query<{ case_id: string; a: string }>(
      `SELECT c.id AS case_id, p.id AS a FROM cases c JOIN people p ON p.team_id = c.team_id
       WHERE p.id = $1 AND NOT EXISTS (SELECT 1 FROM allocations x WHERE x.case_id = c.id AND x.active)
       ORDER BY c.reference LIMIT 1`,
      [ids.amara],
    );
    if (!place) throw new Error('no free case in Amara’s team');
    const secondEmail = `second.self.${randomUUID().slice(0, 8)}@demo.lantern.invalid`;
    await t.db.query(
      `INSERT INTO people (id, email, display_name, job_title, team_id, service_id, roles, password_hash)
       SELECT gen_random_uuid(), $2, 'Second self-auditor', 'Social worker', team_id, service_id, ARRAY['auditor'],
              password_hash FROM people WHERE id = $1`,
      [ids.amara, secondEmail],
    );
    const [b] = await t.db.query<{ id: string }>('SELECT id FROM people WHERE email = $1', [secondEmail]);
    const self = await qa.request('/api/allocations', {
      method: 'POST',
      json: { roundId: round.id, caseId: place.case_id, auditorId: place.a, stage: 'self' },
    });
    expect(self.status, await self.clone().text()).toBe(201);
    const { allocationId: selfId } = (await self.json()) as { allocationId: string };
    const joined = await qa.request(`/api/allocations/${selfId}/joint`, {
      method: 'POST',
      json: { auditorId: b?.id },
    });
    expect(joined.status, await joined.clone().text()).toBe(201);
    const [joining] = await t.db.query<{ stage: string }>(
      'SELECT stage FROM allocations WHERE audit_id = $1',
      [selfId],
    );
    expect(joining?.stage).toBe('self');

    // The further self-auditor's tablet writes the audit first: it is a self-audit.
    const second = await t.as(secondEmail);
    expect(await push(second, { id: selfId, caseId: place.case_id }, 0, 'draft', {})).toMatchObject({
      status: 'applied',
    });
    const [audit] = await t.db.query<{ stage: string }>('SELECT stage FROM audits WHERE id = $1', [selfId]);
    expect(audit?.stage).toBe('self');

    // The independent audit of the same case goes to someone of another team.
    const [other] = await t.db.query<{ id: string }>(
      `SELECT p.id FROM people p WHERE 'auditor' = ANY (p.roles) AND p.active AND p.team_id IS DISTINCT FROM
         (SELECT team_id FROM cases WHERE id = $1) AND p.service_id = (SELECT service_id FROM people WHERE email = $2)
       ORDER BY p.email LIMIT 1`,
      [place.case_id, QA_LEAD],
    );
    const independent = await qa.request('/api/allocations', {
      method: 'POST',
      json: { roundId: round.id, caseId: place.case_id, auditorId: other?.id ?? randomUUID() },
    });
    expect(independent.status, await independent.clone().text()).toBe(201);
  });
});
