/**
 * Joint audits: a social-care and a health auditor complete one case on two tablets,
 * both offline. The QA lead allocates the health auditor to the social-care auditor's case
 * (POST /api/allocations/:allocationId/joint); each tablet runs the REAL client sync code (on
 * fake-indexeddb) and types its own answers, each stamped with who gave it. After both sync,
 * nothing either typed is lost, each answer still names its author and agency, on the server and
 * on both tablets, and a tablet cannot pass its words off as the other auditor's.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ENGINES } from '../support/test-databases';
import { useTestApp } from '../support/use-test-app';
import { AUDITOR_A, AUDITOR_B, draftFor, mutation, pushBody } from '../support/sync-fixtures';
import { personIdOf, type AllocationRef } from '../support/sync-world';
import { inProcessServer, SimDevice, SimulatedNetwork } from '../support/sync-device';
import { eventually } from '../support/sync-eventually';
import type { AnsweredBy, Answer } from '../../shared/framework/answer-schema';

const QA_LEAD = 'erin.qalead@demo.lantern.invalid';
const NOW = Date.parse('2026-10-15T12:00:00Z');

describe.each(ENGINES)('a joint audit on two tablets on $engine', (engine) => {
  const t = useTestApp(engine, {}, 300_000);
  let network: SimulatedNetwork;
  const devices: SimDevice[] = [];

  beforeAll(async () => {
    network = new SimulatedNetwork(inProcessServer(t.app));
    network.install();
  }, 300_000);
  afterAll(async () => {
    for (const device of devices) await device.close();
  });

  /**
   * A case allocated to Amara (social care) that the QA lead gives Ben (health) jointly, and a
   * tablet for each that has pulled it (then works offline until it syncs).
   */
  async function jointCase() {
    const samId = await personIdOf(t.db, AUDITOR_A);
    const hanId = await personIdOf(t.db, AUDITOR_B);
    // Ben audits for health in this practice week; Amara for social care.
    await t.db.query("UPDATE people SET agency = 'health' WHERE id = $1", [hanId]);
    const [place] = await t.db.query<{ team_id: string; case_type: string }>(
      `SELECT t.id AS team_id, (SELECT key FROM case_types ORDER BY key LIMIT 1) AS case_type
       FROM teams t JOIN people p ON p.service_id = t.service_id WHERE p.id = $1 ORDER BY t.name LIMIT 1`,
      [samId],
    );
    const caseId = randomUUID();
    const leadId = randomUUID();
    await t.db.query('INSERT INTO cases (id, reference, team_id, case_type) VALUES ($1, $2, $3, $4)', [
      caseId,
      `JOINT-${caseId.slice(0, 8)}`,
      place!.team_id,
      place!.case_type,
    ]);
    await t.db.query(
      `INSERT INTO allocations (id, case_id, auditor_id, framework_key, framework_version)
       VALUES ($1, $2, $3, 'lantern-default', 1)`,
      [leadId, caseId, samId],
    );
    const qa = await t.as(QA_LEAD);
    const joined = await qa.request(`/api/allocations/${leadId}/joint`, {
      method: 'POST',
      json: { auditorId: hanId },
    });
    expect(joined.status).toBe(201);
    expect(((await joined.json()) as { auditId: string }).auditId).toBe(leadId);
    const samTablet = await device(AUDITOR_A, samId);
    const hanTablet = await device(AUDITOR_B, hanId);
    // Both tablets download their allocation, then go offline: the same audit id on both.
    // (On PostgreSQL a pull may hold a change back while other transactions run: poll.)
    for (const tablet of [samTablet, hanTablet])
      await eventually(
        () => tablet.pull(),
        async () => (await tablet.db.allocations.get(leadId)) !== undefined,
      );
    const ref: AllocationRef = { id: leadId, case_id: caseId };
    return { samId, hanId, caseId, leadId, ref, qa, samTablet, hanTablet };
  }

  async function device(email: string, personId: string): Promise<SimDevice> {
    const web = await t.as(email);
    const d = new SimDevice(
      email,
      personId,
      randomUUID(),
      { cookie: web.cookie, csrfToken: web.csrfToken },
      network,
      `joint-${randomUUID()}`,
    );
    devices.push(d);
    return d;
  }

  it('keeps every answer either auditor typed offline, each with who gave it', async () => {
    const { samId, hanId, caseId, leadId, ref, qa, samTablet, hanTablet } = await jointCase();
    // Twice is refused, saying why.
    const again = await qa.request(`/api/allocations/${leadId}/joint`, {
      method: 'POST',
      json: { auditorId: hanId },
    });
    expect(again.status).toBe(409);
    const samAllocation = await samTablet.db.allocations.get(leadId);
    const hanAllocation = await hanTablet.db.allocations.get(leadId);
    expect(samAllocation).toMatchObject({ id: leadId, caseId, joint: true });
    expect(hanAllocation).toMatchObject({ id: leadId, caseId, joint: true });

    const sam: AnsweredBy = { personId: samId, name: 'Amara', agency: 'social_care' };
    const han: AnsweredBy = { personId: hanId, name: 'Ben', agency: 'health' };
    const said = (value: string, by: AnsweredBy): Answer => ({ kind: 'text', value, by });
    await samTablet.edit(
      ref,
      'lived-experience.evidence',
      said('Voice of the child is clear in every visit.', sam),
      NOW,
    );
    await samTablet.edit(ref, 'plan.smart', { kind: 'question', value: 'partly', by: sam }, NOW + 1);
    await hanTablet.edit(
      ref,
      'assessment.evidence',
      said('Health assessments are overdue by 3 months.', han),
      NOW + 2,
    );
    await hanTablet.edit(
      ref,
      'assessment.partner-agencies',
      { kind: 'question', value: 'no', by: han },
      NOW + 3,
    );

    // Social care syncs first; health second (its push conflicts, merges, and goes again).
    await samTablet.sync();
    await hanTablet.sync();
    await hanTablet.sync();
    await samTablet.sync();

    const [row] = await t.db.query<{ answers: Record<string, Answer>; auditor_id: string }>(
      'SELECT answers, auditor_id FROM audits WHERE id = $1',
      [leadId],
    );
    expect(row?.auditor_id).toBe(samId);
    const typed = {
      'lived-experience.evidence': said('Voice of the child is clear in every visit.', sam),
      'plan.smart': { kind: 'question', value: 'partly', by: sam },
      'assessment.evidence': said('Health assessments are overdue by 3 months.', han),
      'assessment.partner-agencies': { kind: 'question', value: 'no', by: han },
    };
    expect(row?.answers).toMatchObject(typed);
    for (const tablet of [samTablet, hanTablet]) {
      const local = await eventually(
        async () => (await tablet.sync(), tablet.db.audits.get(leadId)),
        (audit) => Object.keys(typed).every((key) => audit?.snapshot.answers[key] !== undefined),
      );
      expect(local?.snapshot.answers).toMatchObject(typed);
      expect(await tablet.db.outbox.count()).toBe(0);
      expect(await tablet.db.conflicts.count()).toBe(0);
    }
    // Each answer's agency, for the reports' breakdown.
    expect(
      Object.values(row!.answers)
        .map((a) => a.by?.agency)
        .sort(),
    ).toContain('health');

    // A tablet may not pass its words off as the other auditor's.
    const [{ rev } = { rev: 0 }] = await t.db.query<{ rev: number }>('SELECT rev FROM audits WHERE id = $1', [
      leadId,
    ]);
    const web = await t.as(AUDITOR_A);
    const forged = mutation(
      draftFor(ref, { ...row!.answers, 'assessment.evidence': said('Changed by Amara.', han) }),
      rev,
    );
    const pushed = await web.request('/api/sync/push', {
      method: 'POST',
      json: pushBody(randomUUID(), [forged]),
    });
    const [result] = (
      (await pushed.json()) as { results: { status: string; problems: { itemKey: string }[] }[] }
    ).results;
    expect(result).toMatchObject({ status: 'rejected', problems: [{ itemKey: 'assessment.evidence' }] });
  }, 600_000);

  it("offers both auditors' different answers to one question as a choice naming each author; the same answer needs none", async () => {
    const { samId, hanId, leadId, ref, samTablet, hanTablet } = await jointCase();
    const sam: AnsweredBy = { personId: samId, name: 'Amara', agency: 'social_care' };
    const han: AnsweredBy = { personId: hanId, name: 'Ben', agency: 'health' };
    const samSays: Answer = { kind: 'question', value: 'yes', by: sam };
    const hanSays: Answer = { kind: 'question', value: 'no', by: han };
    // Offline, both answer the same question differently, and another the same way.
    await samTablet.edit(ref, 'assessment.partner-agencies', samSays, NOW);
    await samTablet.edit(ref, 'plan.smart', { kind: 'question', value: 'partly', by: sam }, NOW + 1);
    await hanTablet.edit(ref, 'assessment.partner-agencies', hanSays, NOW + 2);
    await hanTablet.edit(ref, 'plan.smart', { kind: 'question', value: 'partly', by: han }, NOW + 3);

    await samTablet.sync();
    await hanTablet.sync();
    await hanTablet.sync();

    // Health synced second: its tablet shows social care's answer, and keeps its own as a choice
    // that names who gave each version.
    const conflicts = await hanTablet.db.conflicts.where('auditId').equals(leadId).toArray();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      itemKey: 'assessment.partner-agencies',
      mine: hanSays,
      theirs: samSays,
    });
    const onHan = await hanTablet.db.audits.get(leadId);
    expect(onHan?.snapshot.answers['assessment.partner-agencies']).toEqual(samSays);
    // The same answer from both is no choice: the one the server has stands, with its author.
    expect(onHan?.snapshot.answers['plan.smart']).toEqual({ kind: 'question', value: 'partly', by: sam });
    const [before] = await t.db.query<{ answers: Record<string, Answer> }>(
      'SELECT answers FROM audits WHERE id = $1',
      [leadId],
    );
    expect(before?.answers['assessment.partner-agencies']).toEqual(samSays);

    // Ben keeps his own answer (as the audit form does: signed by him, the choice then goes).
    const [choice] = conflicts;
    await hanTablet.edit(ref, choice!.itemKey, choice!.mine, NOW + 4);
    await hanTablet.db.conflicts.delete(choice!.id);
    await hanTablet.sync();
    await samTablet.sync();
    const [after] = await t.db.query<{ answers: Record<string, Answer> }>(
      'SELECT answers FROM audits WHERE id = $1',
      [leadId],
    );
    expect(after?.answers['assessment.partner-agencies']).toEqual(hanSays);
    const onSam = await eventually(
      async () => (await samTablet.sync(), samTablet.db.audits.get(leadId)),
      (audit) => audit?.snapshot.answers['assessment.partner-agencies']?.value === 'no',
    );
    expect(onSam?.snapshot.answers['assessment.partner-agencies']).toEqual(hanSays);
    // Amara's version is not lost: the server keeps every revision, hers with her name.
    const revisions = await t.db.query<{ answers: Record<string, Answer> }>(
      'SELECT answers FROM audit_revisions WHERE audit_id = $1 ORDER BY rev',
      [leadId],
    );
    expect(revisions.map((r) => r.answers['assessment.partner-agencies'])).toContainEqual(samSays);
    for (const tablet of [samTablet, hanTablet]) {
      expect(await tablet.db.outbox.count()).toBe(0);
      expect(await tablet.db.conflicts.count()).toBe(0);
    }
  }, 600_000);
});
