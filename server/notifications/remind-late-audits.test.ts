/**
 * Late audits, on each engine, with a clock the test sets: an allocation past its due date
 * (London) reminds its auditor and tells its service's QA leads, once however many sweeps run;
 * one due today, withdrawn or submitted is never late; and the sweep e-mails each notice with
 * its link and no case content beyond the reference.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { useTestApp } from '../../tests/support/use-test-app';
import type { Mailer } from '../mail/mailer';
import { remindLateAudits } from './remind-late-audits';
import { sweepNotifications } from './notification-sweeper';

interface Allocation {
  id: string;
  auditor_id: string;
  reference: string;
  service_id: string;
  round_id: string | null;
}

describe.each(ENGINES)('late audits on $engine', (engine) => {
  const t = useTestApp(engine);
  let late: Allocation;
  let dueToday: Allocation;
  let withdrawn: Allocation;
  let qaLeads: string[];
  beforeAll(async () => {
    await t.db.query('DELETE FROM notification_emails');
    await t.db.query('DELETE FROM notifications');
    // Nothing is late but what this test makes late.
    await t.db.query("UPDATE allocations SET due_date = '2030-01-10'");
    const open = await t.db.query<Allocation>(
      `SELECT x.id, x.auditor_id, c.reference, t.service_id, x.round_id FROM allocations x
       JOIN cases c ON c.id = x.case_id JOIN teams t ON t.id = c.team_id
       WHERE x.active AND NOT EXISTS (SELECT 1 FROM audits a WHERE a.id = x.id AND a.status = 'submitted')
       ORDER BY x.id LIMIT 3`,
    );
    expect(open).toHaveLength(3);
    [late, dueToday, withdrawn] = open as [Allocation, Allocation, Allocation];
    await t.db.query("UPDATE allocations SET due_date = '2026-10-14' WHERE id = $1", [late.id]);
    await t.db.query("UPDATE allocations SET due_date = '2026-10-15' WHERE id = $1", [dueToday.id]);
    await t.db.query("UPDATE allocations SET due_date = '2026-10-01', active = false WHERE id = $1", [
      withdrawn.id,
    ]);
    qaLeads = (
      await t.db.query<{ id: string }>(
        "SELECT id FROM people WHERE active AND 'qa_lead' = ANY (roles) AND service_id = $1 ORDER BY id",
        [late.service_id],
      )
    ).map((r) => r.id);
    expect(qaLeads.length).toBeGreaterThan(0);
  }, 180_000);

  const notices = () =>
    t.db.query<{ person_id: string; kind: string; title: string; link: string; subject_id: string }>(
      'SELECT person_id, kind, title, link, subject_id FROM notifications ORDER BY kind, person_id',
    );

  it('tells nobody before the day after the due date', async () => {
    // 23:30 on 14 October in London is still the due day (BST: 22:30 UTC).
    expect(await remindLateAudits(t.db, new Date('2026-10-14T22:30:00Z'))).toBe(0);
    expect(await notices()).toEqual([]);
  });

  it('reminds the auditor and tells the QA leads the next morning, once', async () => {
    const morning = new Date('2026-10-15T07:00:00Z');
    expect(await remindLateAudits(t.db, morning)).toBe(1);
    expect(await remindLateAudits(t.db, morning)).toBe(0);
    expect(await remindLateAudits(t.db, new Date('2026-10-16T07:00:00Z'))).toBe(1); // now dueToday too
    const told = (await notices()).filter((n) => n.subject_id === late.id);
    expect(told.filter((n) => n.kind === 'allocation_overdue')).toEqual([
      {
        person_id: late.auditor_id,
        kind: 'allocation_overdue',
        title: `Your audit of case ${late.reference} was due on 14 October 2026`,
        link: `/audits/${late.id}`,
        subject_id: late.id,
      },
    ]);
    const qa = told.filter((n) => n.kind === 'allocation_overdue_qa');
    expect(qa.map((n) => n.person_id)).toEqual(qaLeads);
    expect(qa[0]!.link).toBe(late.round_id ? `/qa/rounds/${late.round_id}` : '/qa');
    expect((await notices()).some((n) => n.subject_id === withdrawn.id)).toBe(false);
  });

  it('never tells of an audit that was submitted', async () => {
    // An allocation whose audit is submitted, still active (its round not yet over) and past due.
    const [submitted] = await t.db.query<{ id: string }>(
      `SELECT x.id FROM allocations x JOIN audits a ON a.id = x.id AND a.status = 'submitted' AND NOT a.deleted
       WHERE NOT EXISTS (SELECT 1 FROM allocations y WHERE y.active AND y.id <> x.id
                         AND y.case_id = x.case_id AND (y.auditor_id = x.auditor_id OR y.round_id = x.round_id))
       ORDER BY x.id LIMIT 1`,
    );
    expect(submitted).toBeDefined();
    await t.db.query(
      "UPDATE allocations SET active = true, finished = false, due_date = '2026-10-01' WHERE id = $1",
      [submitted!.id],
    );
    await remindLateAudits(t.db, new Date('2026-10-20T07:00:00Z'));
    expect((await notices()).some((n) => n.subject_id === submitted!.id)).toBe(false);
  });

  it('e-mails each notice: its title and link, nothing more', async () => {
    const sent: { to: string; subject: string; text: string }[] = [];
    const mailer: Mailer = { send: async (message) => void sent.push(message) };
    await sweepNotifications(t.db, new Date('2026-10-20T07:00:00Z'), {
      mailer,
      publicUrl: 'https://lantern.example.test',
    });
    const [{ n }] = (await t.db.query<{ n: number }>('SELECT count(*) AS n FROM notifications')) as [
      { n: number },
    ];
    expect(sent).toHaveLength(n);
    const [auditor] = await t.db.query<{ email: string }>('SELECT email FROM people WHERE id = $1', [
      late.auditor_id,
    ]);
    const reminder = sent.find((m) => m.to === auditor!.email && m.subject.includes(late.reference));
    expect(reminder?.subject).toBe(
      `Lantern: Your audit of case ${late.reference} was due on 14 October 2026`,
    );
    expect(reminder?.text).toContain(`Open it in Lantern: https://lantern.example.test/audits/${late.id}`);
    expect(reminder?.text).toContain('This e-mail carries no case details.');
    // Sent once: the next sweep finds nothing to send.
    sent.length = 0;
    await sweepNotifications(t.db, new Date('2026-10-20T07:00:00Z'), { mailer, publicUrl: 'https://x.test' });
    expect(sent).toEqual([]);
  });
});
