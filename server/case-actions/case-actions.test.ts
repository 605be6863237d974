/**
 * Case actions followed to completion, on each engine: derived from a submitted
 * audit's answer in the audit's own transaction; owners matched from "who" and told; progress
 * kept across the auditor's later edits; changes checked whole (nothing half-written); who sees
 * and changes which; overdue reminders and escalation with a fake clock over a weekend and bank
 * holidays; and the QA lead's compliance figure against a count made here from the database.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { useTestApp } from '../../tests/support/use-test-app';
import { createSession } from '../auth/sessions';
import { onAuditWritten } from '../audits/on-audit-written';
import { remindOverdueActions } from './remind-overdue-actions';
import { englandAndWalesBankHolidays } from '../../shared/alerts/bank-holidays';
import { londonToday } from '../../shared/metrics/london-date';
import type { CaseActionView, ComplianceReport } from '../../shared/case-actions/case-action-schemas';

const HOLIDAYS = new Set(englandAndWalesBankHolidays(2026));
const SETTINGS = { escalationDays: 5, closedDays: HOLIDAYS };

describe.each(ENGINES)('case actions on $engine', (engine) => {
  const t = useTestApp(engine, { demo: false });
  const id = {
    service: randomUUID(),
    otherService: randomUUID(),
    team: randomUUID(),
    team2: randomUUID(),
    otherTeam: randomUUID(),
    qa: randomUUID(),
    owner: randomUUID(),
    manager: randomUUID(),
    bystander: randomUUID(),
    auditor: randomUUID(),
    otherQa: randomUUID(),
    case: randomUUID(),
    audit: randomUUID(),
  };
  const headers = new Map<string, Record<string, string>>();
  const as = async (person: string, path: string, init: { method?: string; json?: unknown } = {}) =>
    t.request(path, { ...init, headers: headers.get(person) });

  const actionsAnswer = (actions: object[]) => ({
    'overall.case-actions': { kind: 'case-actions', value: actions },
  });
  const writeAudit = async (answers: object, status = 'submitted') =>
    t.db.transaction(async (tx) => {
      const [before] = await tx.query<{ id: string }>('SELECT id FROM audits WHERE id = $1', [id.audit]);
      await tx.query(
        `INSERT INTO audits (id, case_id, team_id, case_type, framework_key, framework_version, auditor_id, kind, status,
           answers, completed_at)
         VALUES ($1, $2, $3, 'child-in-need', 'lantern-default', 1, $4, 'monthly', $5, $6, '2026-12-01T10:00:00Z')
         ON CONFLICT (id) DO UPDATE SET answers = EXCLUDED.answers, status = EXCLUDED.status`,
        [id.audit, id.case, id.team, id.auditor, status, JSON.stringify(answers)],
      );
      await onAuditWritten(tx, {
        auditId: id.audit,
        actorId: id.auditor,
        before: before
          ? {
              status: 'submitted',
              deleted: false,
              completedAt: '2026-12-01T10:00:00.000Z',
              teamId: id.team,
              caseType: 'child-in-need',
              frameworkKey: 'lantern-default',
              frameworkVersion: 1,
              kind: 'monthly',
              overallGrade: null,
              answers: {},
              moderatedGrades: null,
            }
          : null,
      });
    });
  const actionRows = () =>
    t.db.query<{
      id: string;
      action_key: string;
      what: string;
      owner_id: string | null;
      state: string;
      withdrawn: boolean;
    }>(
      `SELECT id, action_key, what, owner_id, state, withdrawn_at IS NOT NULL AS withdrawn
       FROM case_actions WHERE audit_id = $1 ORDER BY action_key`,
      [id.audit],
    );
  const notices = (kind: string) =>
    t.db.query<{ person_id: string; title: string; link: string }>(
      'SELECT person_id, title, link FROM notifications WHERE kind = $1 ORDER BY person_id',
      [kind],
    );

  beforeAll(async () => {
    const db = t.db;
    await db.query('INSERT INTO services (id, name) VALUES ($1, $2), ($3, $4)', [
      id.service,
      'Actions service',
      id.otherService,
      'Other service',
    ]);
    await db.query(
      'INSERT INTO teams (id, service_id, name) VALUES ($1, $2, $3), ($4, $2, $5), ($6, $7, $8)',
      [
        id.team,
        id.service,
        'Action team',
        id.team2,
        'Second team',
        id.otherTeam,
        id.otherService,
        'Other team',
      ],
    );
    const people: [string, string, string[], string | null, string][] = [
      [id.qa, 'Quinn QA', ['qa_lead'], null, id.service],
      [id.owner, 'Olu Owner', ['auditor'], id.team, id.service],
      [id.manager, 'Mia Manager', ['auditor'], id.team, id.service],
      [id.bystander, 'Pat Bystander', ['auditor'], id.team2, id.service],
      [id.auditor, 'Ada Auditor', ['auditor'], id.team2, id.service],
      [id.otherQa, 'Otto Other', ['qa_lead'], null, id.otherService],
    ];
    for (const [pid, name, roles, team, service] of people)
      await db.query(
        `INSERT INTO people (id, email, display_name, job_title, team_id, service_id, roles)
         VALUES ($1, $2, $3, 'Worker', $4, $5, $6)`,
        [pid, `${name.split(' ')[0]!.toLowerCase()}@actions.test.invalid`, name, team, service, roles],
      );
    await db.query('INSERT INTO team_managers (team_id, person_id) VALUES ($1, $2)', [id.team, id.manager]);
    await db.query(
      "INSERT INTO case_types (key, label) VALUES ('child-in-need', 'Child in need') ON CONFLICT DO NOTHING",
    );
    await db.query(
      "INSERT INTO cases (id, reference, team_id, case_type) VALUES ($1, 'ACT-1', $2, 'child-in-need')",
      [id.case, id.team],
    );
    for (const pid of Object.values(id)) {
      const [person] = await db.query('SELECT id FROM people WHERE id = $1', [pid]);
      if (!person) continue;
      const session = await createSession(
        db,
        pid,
        { idleMinutes: 60, maxHours: 1 },
        { ip: '192.0.2.30', userAgent: 'case-actions', method: 'password' },
      );
      headers.set(pid, { cookie: `lantern_session=${session.token}`, 'x-csrf-token': session.csrfToken });
    }
  }, 180_000);

  it('makes nothing while the audit is a draft, then one action per complete answer when it is submitted', async () => {
    const answers = actionsAnswer([
      { id: 'visit', what: 'Visit the child at school', who: ' olu  OWNER ', byWhen: '2026-12-18' },
      { what: 'Update the chronology', who: 'Team manager', byWhen: '2026-12-31' },
      { what: 'Not finished', who: '', byWhen: '' },
    ]);
    await writeAudit(answers, 'draft');
    expect(await actionRows()).toEqual([]);
    await writeAudit(answers);
    const rows = await actionRows();
    expect(rows.map((r) => [r.action_key, r.owner_id])).toEqual([
      ['#2', null],
      ['visit', id.owner],
    ]);
    // The owner matched from "who" is told, with a link and the case reference only.
    const told = await notices('action_assigned');
    expect(told).toEqual([
      {
        person_id: id.owner,
        title: 'An action for case ACT-1 is yours',
        link: `/case-actions/${rows[1]!.id}`,
      },
    ]);
  });

  it('keeps the owner’s progress when the auditor edits the audit, and withdraws a removed action', async () => {
    const [, visit] = await actionRows();
    const done = await as(id.owner, `/api/case-actions/${visit!.id}`, {
      method: 'PATCH',
      json: { state: 'done', completedOn: '2026-12-03', evidence: 'Seen at school; recorded on the file.' },
    });
    expect(done.status).toBe(200);
    await writeAudit(
      actionsAnswer([
        { id: 'visit', what: 'Visit the child at school, alone', who: 'Olu Owner', byWhen: '2026-12-18' },
      ]),
    );
    const rows = await actionRows();
    expect(rows.map((r) => [r.action_key, r.what, r.state, r.withdrawn])).toEqual([
      ['#2', 'Update the chronology', 'open', true],
      ['visit', 'Visit the child at school, alone', 'done', false],
    ]);
    // Named again, the withdrawn action comes back as it was.
    await writeAudit(
      actionsAnswer([
        { id: 'visit', what: 'Visit the child at school, alone', who: 'Olu Owner', byWhen: '2026-12-18' },
        { what: 'Update the chronology', who: 'Team manager', byWhen: '2026-12-31' },
      ]),
    );
    expect((await actionRows()).map((r) => r.withdrawn)).toEqual([false, false]);
  });

  it('refuses a change that is not whole, naming the field, and writes none of it', async () => {
    const [chronology] = await actionRows();
    const path = `/api/case-actions/${chronology!.id}`;
    const tries: [object, string][] = [
      [{ state: 'done', evidence: 'Done.' }, 'completedOn'],
      [{ state: 'done', completedOn: '2099-01-01', evidence: 'Done.' }, 'completedOn'],
      [{ state: 'done', completedOn: '2026-12-01' }, 'evidence'],
      [{ state: 'not_needed', evidence: 'x' }, 'notNeededReason'],
      [{ ownerId: id.otherQa, evidence: 'x' }, 'ownerId'],
    ];
    for (const [body, field] of tries) {
      const response = await as(id.manager, path, { method: 'PATCH', json: body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      const problem = (await response.json()) as { fields?: { path: string }[] };
      expect(problem.fields?.map((f) => f.path)).toContain(field);
    }
    const [after] = await actionRows();
    expect([after!.state, after!.owner_id]).toEqual(['open', null]);
    const [{ evidence }] = (await t.db.query<{ evidence: string }>(
      'SELECT evidence FROM case_actions WHERE id = $1',
      [chronology!.id],
    )) as [{ evidence: string }];
    expect(evidence).toBe('');
  });

  it('lets the team manager and QA lead choose the owner, who is told; an owner cannot', async () => {
    const [chronology] = await actionRows();
    const path = `/api/case-actions/${chronology!.id}`;
    const chosen = await as(id.manager, path, { method: 'PATCH', json: { ownerId: id.owner } });
    expect(chosen.status).toBe(200);
    expect(((await chosen.json()) as { action: CaseActionView }).action.ownerName).toBe('Olu Owner');
    expect((await notices('action_assigned')).length).toBe(2);
    const refused = await as(id.owner, path, { method: 'PATCH', json: { ownerId: id.manager } });
    expect(refused.status).toBe(400);
    const offered = await as(id.owner, `${path}/owners`);
    expect(await offered.json()).toEqual({ people: [] });
    const owners = await as(id.qa, `${path}/owners`);
    expect(((await owners.json()) as { people: { name: string }[] }).people.map((p) => p.name)).toContain(
      'Pat Bystander',
    );
  });

  it('shows the owner theirs, the team manager the team’s, the QA lead the service’s, and nobody else any', async () => {
    const list = async (person: string, view = 'all') => {
      const response = await as(person, `/api/case-actions?view=${view}`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { actions: CaseActionView[] }).actions.map((a) => a.what).sort();
    };
    const both = ['Update the chronology', 'Visit the child at school, alone'];
    expect(await list(id.owner, 'mine')).toEqual(both);
    expect(await list(id.manager, 'team')).toEqual(both);
    expect(await list(id.manager, 'mine')).toEqual([]);
    expect(await list(id.qa)).toEqual(both);
    expect(await list(id.bystander)).toEqual([]);
    expect(await list(id.otherQa)).toEqual([]);
    const [action] = await actionRows();
    for (const outsider of [id.bystander, id.otherQa]) {
      expect([403, 404]).toContain((await as(outsider, `/api/case-actions/${action!.id}`)).status);
      const patch = await as(outsider, `/api/case-actions/${action!.id}`, {
        method: 'PATCH',
        json: { state: 'not_needed', notNeededReason: 'From outside.' },
      });
      expect([403, 404]).toContain(patch.status);
    }
    expect((await actionRows())[0]!.state).toBe('open');
  });

  it('reminds the owner the day after the due date and escalates on the fifth working day, skipping the weekend and bank holidays', async () => {
    await t.db.query('DELETE FROM notification_emails');
    await t.db.query('DELETE FROM notifications');
    const [, visit] = await actionRows();
    // Reopened, due Friday 18 December 2026.
    await as(id.owner, `/api/case-actions/${visit!.id}`, { method: 'PATCH', json: { state: 'open' } });
    await t.db.query("UPDATE case_actions SET due_date = '2026-12-18' WHERE id = $1", [visit!.id]);
    const [chronology] = await actionRows();
    await t.db.query("UPDATE case_actions SET due_date = '2027-01-29' WHERE id = $1", [chronology!.id]);
    const sweep = (iso: string) => remindOverdueActions(t.db, new Date(iso), SETTINGS);

    expect(await sweep('2026-12-18T16:00:00Z')).toEqual({ reminded: 0, escalated: 0 });
    expect(await sweep('2026-12-19T09:00:00Z')).toEqual({ reminded: 1, escalated: 0 });
    expect((await notices('action_overdue')).map((n) => n.person_id)).toEqual([id.owner]);
    // Mon 21 to Thu 24 are working days 1–4; Christmas Day, the weekend and Monday 28th (Boxing
    // Day's holiday) are not.
    for (const day of ['2026-12-24T15:00:00Z', '2026-12-25T10:00:00Z', '2026-12-28T10:00:00Z'])
      expect(await sweep(day)).toEqual({ reminded: 0, escalated: 0 });
    expect(await sweep('2026-12-29T08:30:00Z')).toEqual({ reminded: 0, escalated: 1 });
    expect(await notices('action_escalated')).toEqual([
      {
        person_id: id.manager,
        title: 'An action for case ACT-1 is overdue since 18 December 2026',
        link: `/case-actions/${visit!.id}`,
      },
    ]);
    // Once only, however often it sweeps.
    expect(await sweep('2026-12-30T10:00:00Z')).toEqual({ reminded: 0, escalated: 0 });
    expect((await notices('action_overdue')).length).toBe(1);
    const shown = await as(id.manager, `/api/case-actions/${visit!.id}`);
    expect(((await shown.json()) as { action: CaseActionView }).action.standing).toBe('escalated');
  });

  it('gives the QA lead the compliance figure a count of the database gives, by round, team and month', async () => {
    // A second audit's actions, so the figure has several outcomes.
    const [chronology, visit] = await actionRows();
    await as(id.owner, `/api/case-actions/${chronology!.id}`, {
      method: 'PATCH',
      json: { state: 'done', completedOn: '2026-12-02', evidence: 'Chronology updated.' },
    });
    await as(id.owner, `/api/case-actions/${visit!.id}`, {
      method: 'PATCH',
      json: { state: 'done', completedOn: '2026-12-04', evidence: 'Visited.' },
    });
    const response = await as(id.qa, '/api/case-actions/compliance');
    expect(response.status).toBe(200);
    const report = (await response.json()) as ComplianceReport;
    const today = londonToday(Date.now());
    const [count] = await t.db.query<{ on_time: number; counted: number }>(
      `SELECT count(*) FILTER (WHERE state = 'done' AND completed_on <= due_date) AS on_time,
              count(*) FILTER (WHERE state = 'done' OR (state = 'open' AND due_date < $1::date)) AS counted
       FROM case_actions x JOIN teams t ON t.id = x.team_id WHERE t.service_id = $2 AND x.withdrawn_at IS NULL`,
      [today, id.service],
    );
    expect([report.overall.onTime, report.overall.counted]).toEqual([count!.on_time, count!.counted]);
    expect([report.overall.onTime, report.overall.counted]).toEqual([2, 2]);
    expect(report.byTeam.map((r) => [r.label, r.onTime, r.counted])).toEqual([['Action team', 2, 2]]);
    expect(report.byRound.map((r) => r.label)).toEqual(['No round']);
    expect(report.byMonth.map((r) => r.label)).toEqual(['January 2027', 'December 2026']);
    expect(report.overall.text).toMatch(/^2 of 2 actions done on time — 100% \(95% CI \d+–100%\)$/);
    expect(report.rule).toContain('not needed');
    // Another service's QA lead counts none of it.
    const other = (await (await as(id.otherQa, '/api/case-actions/compliance')).json()) as ComplianceReport;
    expect(other.overall.counted).toBe(0);
  });
});
