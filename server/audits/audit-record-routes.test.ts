/**
 * The whole audit and the practitioner's response, in the world of two services:
 * who reads an audit's record (its practitioner only for their own cases, a team manager only
 * for their teams, nobody of another service), that every view is logged, that a response joins
 * the record without changing a grade and tells the auditor and QA lead, and when the
 * practitioner and team managers are told of an audit.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { useTestApp } from '../../tests/support/use-test-app';
import { buildTwoServiceWorld, type TwoServiceWorld } from '../../tests/support/two-service-world';
import { onAuditWritten } from './on-audit-written';
import { tellOfAudit } from './tell-of-audit';
import type { AuditRecord, RecordListItem } from '../../shared/audits/audit-record-schemas';

describe.each(ENGINES)('the whole audit on $engine', (engine) => {
  const t = useTestApp(engine, { demo: false });
  let world: TwoServiceWorld;
  const get = async (personId: string, path: string) =>
    t.request(path, { headers: await world.headers(personId) });
  const post = async (personId: string, path: string, json: unknown, method = 'POST') =>
    t.request(path, { method, headers: await world.headers(personId), json });
  const noticesOf = (personId: string, kind: string) =>
    t.db.query<{ title: string; link: string }>(
      'SELECT title, link FROM notifications WHERE person_id = $1 AND kind = $2 ORDER BY created_at',
      [personId, kind],
    );

  beforeAll(async () => {
    world = await buildTwoServiceWorld(t);
  }, 180_000);

  it('shows the practitioner every answer, note and grade of an audit of their own case, and logs the view', async () => {
    const { alpha } = world;
    const auditId = alpha.auditIds[0] ?? '';
    const response = await get(alpha.people.practitioner, `/api/audits/${auditId}/record`);
    expect(response.status).toBe(200);
    const record = (await response.json()) as AuditRecord;
    expect(record.audit.reference).toBe(alpha.references[0]);
    expect(record.audit.answers['overall.areas-for-development']).toMatchObject({
      value: 'Alpha finding note 0',
    });
    expect(record.moderation).toMatchObject({ status: 'agreed', moderatorName: 'Alpha moderator person' });
    expect(record.practitioner).toEqual({ id: alpha.people.practitioner, name: 'Alpha practitioner person' });
    expect(record.mayRespond).toBe(true);
    expect(record.mayChoosePractitioner).toBe(false);
    const [logged] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE actor_id = $1 AND action = 'audit.viewed' AND entity_id = $2`,
      [alpha.people.practitioner, auditId],
    );
    expect(logged?.n).toBe(1);
  });

  it.each([
    ['another case of their own team', 4],
    ['a case of another team', 1],
  ])('refuses the practitioner %s', async (_what, index) => {
    const { alpha } = world;
    const response = await get(
      alpha.people.practitioner,
      `/api/audits/${alpha.auditIds[index] ?? ''}/record`,
    );
    expect(response.status).toBe(403);
  });

  it('shows a team manager their own teams’ audits only', async () => {
    const { alpha } = world;
    const own = await get(alpha.people.teamManager, `/api/audits/${alpha.auditIds[4] ?? ''}/record`);
    expect(own.status).toBe(200);
    const other = await get(alpha.people.teamManager, `/api/audits/${alpha.auditIds[1] ?? ''}/record`);
    expect(other.status).toBe(403);
  });

  it.each(['practitioner', 'teamManager', 'qa', 'manager', 'moderator'] as const)(
    'refuses the other service’s %s',
    async (role) => {
      const response = await get(
        world.bravo.people[role],
        `/api/audits/${world.alpha.auditIds[0] ?? ''}/record`,
      );
      expect(response.status).toBe(403);
    },
  );

  it('lists the practitioner’s own cases’ audits and the team manager’s teams’ audits', async () => {
    const { alpha } = world;
    const list = async (personId: string) =>
      ((await (await get(personId, '/api/audit-records')).json()) as { audits: RecordListItem[] }).audits;
    const mine = await list(alpha.people.practitioner);
    expect(mine.map((a) => a.auditId).sort()).toEqual([alpha.auditIds[0], alpha.auditIds[2]].sort());
    expect(mine.every((a) => a.because === 'own_case')).toBe(true);
    const managed = await list(alpha.people.teamManager);
    expect(managed.map((a) => a.auditId).sort()).toEqual(
      [alpha.auditIds[0], alpha.auditIds[2], alpha.auditIds[4]].sort(),
    );
    expect(await list(world.bravo.people.practitioner)).not.toContainEqual(
      expect.objectContaining({ auditId: alpha.auditIds[0] }),
    );
  });

  it('keeps the practitioner’s response with the audit, changes no grade, and tells the auditor and QA lead', async () => {
    const { alpha } = world;
    const auditId = alpha.auditIds[2] ?? '';
    const before = await t.db.query(
      'SELECT answers, overall_grade, moderated_grades, rev FROM audits WHERE id = $1',
      [auditId],
    );
    const sent = await post(alpha.people.practitioner, `/api/audits/${auditId}/responses`, {
      kind: 'grade_disagreement',
      text: '  The overall grade does not reflect the visits recorded in March.  ',
    });
    expect(sent.status).toBe(201);
    expect(
      await t.db.query('SELECT answers, overall_grade, moderated_grades, rev FROM audits WHERE id = $1', [
        auditId,
      ]),
    ).toEqual(before);
    // The team manager reads it on the whole audit.
    const record = (await (
      await get(alpha.people.teamManager, `/api/audits/${auditId}/record`)
    ).json()) as AuditRecord;
    expect(record.responses).toEqual([
      expect.objectContaining({
        kind: 'grade_disagreement',
        text: 'The overall grade does not reflect the visits recorded in March.',
        authorName: 'Alpha practitioner person',
      }),
    ]);
    expect(record.mayRespond).toBe(false);
    const [auditor] = await t.db.query<{ auditor_id: string }>(
      'SELECT auditor_id FROM audits WHERE id = $1',
      [auditId],
    );
    for (const personId of [auditor?.auditor_id ?? '', alpha.people.qa]) {
      expect(await noticesOf(personId, 'practitioner_response')).toEqual([
        {
          title: `The practitioner responded to the audit of case ${alpha.references[2] ?? ''}`,
          link: `/audits/${auditId}/record`,
        },
      ]);
    }
  });

  it.each([
    ['no kind', { text: 'Some words.' }, 'kind'],
    ['an unknown kind', { kind: 'complaint', text: 'Some words.' }, 'kind'],
    ['no words', { kind: 'reflection', text: '   ' }, 'text'],
    ['a control character', { kind: 'reflection', text: 'Some\u0007 words.' }, 'text'],
  ])('refuses a response with %s, naming the field and writing nothing', async (_what, body, field) => {
    const { alpha } = world;
    const auditId = alpha.auditIds[0] ?? '';
    const response = await post(alpha.people.practitioner, `/api/audits/${auditId}/responses`, body);
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { fields: { path: string }[] };
    expect(problem.fields.map((f) => f.path)).toContain(field);
    const [row] = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM practitioner_responses WHERE audit_id = $1',
      [auditId],
    );
    expect(row?.n).toBe(0);
  });

  it('lets only the case’s practitioner respond', async () => {
    const { alpha } = world;
    const body = { kind: 'reflection', text: 'Not mine to write.' };
    for (const personId of [alpha.people.teamManager, alpha.people.qa, world.bravo.people.practitioner])
      expect((await post(personId, `/api/audits/${alpha.auditIds[0] ?? ''}/responses`, body)).status).toBe(
        403,
      );
    // The practitioner of the team, on a case that is not theirs.
    expect(
      (await post(alpha.people.practitioner, `/api/audits/${alpha.auditIds[4] ?? ''}/responses`, body))
        .status,
    ).toBe(403);
  });

  it('tells the practitioner and the team manager once when an audit of the case becomes submitted', async () => {
    const { alpha } = world;
    const auditId = randomUUID();
    const caseId = alpha.caseIds[0] ?? '';
    await t.db.query(
      `INSERT INTO audits (id, case_id, team_id, case_type, framework_key, framework_version, auditor_id, kind, status)
       VALUES ($1, $2, $3, 'child-in-need', 'lantern-default', 1, $4, 'ad_hoc', 'draft')`,
      [auditId, caseId, alpha.teamIds[0], alpha.people.auditor2],
    );
    const draft = {
      status: 'draft',
      overallGrade: null,
      completedAt: null,
      teamId: alpha.teamIds[0],
      caseType: 'child-in-need',
      deleted: false,
      frameworkKey: 'lantern-default',
      frameworkVersion: 1,
      kind: 'ad_hoc',
      answers: {},
      moderatedGrades: null,
    };
    const submit = () =>
      t.db.transaction(async (tx) => {
        await tx.query("UPDATE audits SET status = 'submitted', completed_at = now() WHERE id = $1", [
          auditId,
        ]);
        await onAuditWritten(tx, { auditId, actorId: alpha.people.auditor2, before: draft });
      });
    await submit();
    await submit(); // returned and resubmitted: told once
    const expected = [
      {
        title: `An audit of case ${alpha.references[0] ?? ''} is ready to read`,
        link: `/audits/${auditId}/record`,
      },
    ];
    expect(await noticesOf(alpha.people.practitioner, 'audit_submitted')).toEqual(expected);
    expect(await noticesOf(alpha.people.teamManager, 'audit_submitted')).toEqual(expected);
    expect(await noticesOf(alpha.people.auditor2, 'audit_submitted')).toEqual([]);
  });

  it('waits for moderation when the council says LANTERN_NOTIFY_PRACTITIONER_AT=moderated', async () => {
    const { alpha } = world;
    const auditId = alpha.auditIds[4] ?? ''; // team one, no practitioner: the team manager is told
    const env = { LANTERN_NOTIFY_PRACTITIONER_AT: 'moderated' };
    await t.db.transaction((tx) => tellOfAudit(tx, auditId, 'submitted', env));
    expect(await noticesOf(alpha.people.teamManager, 'audit_submitted')).not.toContainEqual(
      expect.objectContaining({ link: `/audits/${auditId}/record` }),
    );
    await t.db.transaction((tx) => tellOfAudit(tx, auditId, 'moderated', env));
    expect(await noticesOf(alpha.people.teamManager, 'audit_submitted')).toContainEqual(
      expect.objectContaining({ link: `/audits/${auditId}/record` }),
    );
  });

  it('matches a case list’s worker e-mail to the practitioner of the QA lead’s service, and to nobody else', async () => {
    const { alpha, bravo } = world;
    const email = (personId: string) =>
      t.db.query<{ email: string }>('SELECT email FROM people WHERE id = $1', [personId]);
    const [own] = await email(alpha.people.practitioner);
    const [other] = await email(bravo.people.practitioner);
    const [c6, c7] = [alpha.references[6] ?? '', alpha.references[7] ?? ''];
    const file = [
      'Case reference,Team,Case type,Worker e-mail',
      `${c6},Alpha team one,Child in need,${(own?.email ?? '').toUpperCase()}`,
      `${c7},Alpha team two,Child in need,${other?.email ?? ''}`,
    ].join('\n');
    const imported = await post(alpha.people.qa, '/api/imports', {
      fileName: 'workers.csv',
      content: Buffer.from(file, 'utf8').toString('base64'),
    });
    expect(imported.status, await imported.text()).toBe(200);
    const rows = await t.db.query<{ reference: string; practitioner_id: string | null }>(
      'SELECT reference, practitioner_id FROM cases WHERE reference = ANY ($1::text[]) ORDER BY reference',
      [[c6, c7]],
    );
    expect(rows).toEqual([
      { reference: c6, practitioner_id: alpha.people.practitioner },
      { reference: c7, practitioner_id: null },
    ]);
  });

  it('lets the QA lead choose the case’s practitioner from their service’s practitioners only', async () => {
    const { alpha, bravo } = world;
    const caseId = alpha.caseIds[4] ?? '';
    const path = `/api/cases/${caseId}/practitioner`;
    const options = (await (await get(alpha.people.qa, path)).json()) as { people: { id: string }[] };
    expect(options.people.map((p) => p.id)).toEqual([alpha.people.practitioner]);
    const wrong = await post(alpha.people.qa, path, { practitionerId: bravo.people.practitioner }, 'PUT');
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { fields: { path: string }[] }).fields[0]?.path).toBe('practitionerId');
    const chosen = await post(alpha.people.qa, path, { practitionerId: alpha.people.practitioner }, 'PUT');
    expect(chosen.status).toBe(200);
    const read = await get(alpha.people.practitioner, `/api/audits/${alpha.auditIds[4] ?? ''}/record`);
    expect(read.status).toBe(200);
    await post(alpha.people.qa, path, { practitionerId: null }, 'PUT');
  });
});
