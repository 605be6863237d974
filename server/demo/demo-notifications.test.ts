/**
 * The demo's inboxes: every kind of notice the demo's data calls for is there, dated no later
 * than the demo's "now", some read and some not, and no e-mail is queued for them.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { TEST_NOW } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';

describe('the demo’s notifications', () => {
  const t = useTestApp(ENGINES[0]!);

  it('tells each kind the demo calls for, dated before now, some read, none e-mailed', async () => {
    const kinds = await t.db.query<{ kind: string; n: number; unread: number; latest: string }>(
      `SELECT kind, count(*) AS n, count(*) FILTER (WHERE read_at IS NULL) AS unread, max(created_at) AS latest
       FROM notifications GROUP BY kind ORDER BY kind`,
    );
    const names = kinds.map((k) => k.kind);
    expect(names).toEqual(expect.arrayContaining(['allocation_overdue', 'allocation_overdue_qa']));
    const [sources] = await t.db.query<{
      audits: number;
      responses: number;
      actions: number;
      escalated: number;
    }>(
      `SELECT (SELECT count(*) FROM audits a JOIN cases c ON c.id = a.case_id
               WHERE a.status = 'submitted' AND c.practitioner_id IS NOT NULL) AS audits,
              (SELECT count(*) FROM practitioner_responses) AS responses,
              (SELECT count(*) FROM case_actions WHERE owner_id IS NOT NULL) AS actions,
              (SELECT count(*) FROM case_actions WHERE escalated_at IS NOT NULL) AS escalated`,
    );
    if (sources!.audits > 0) expect(names).toContain('audit_submitted');
    if (sources!.responses > 0) expect(names).toContain('practitioner_response');
    if (sources!.actions > 0) expect(names).toContain('action_assigned');
    if (sources!.escalated > 0) expect(names).toContain('action_escalated');
    for (const kind of kinds) expect(new Date(kind.latest).getTime()).toBeLessThanOrEqual(TEST_NOW.getTime());
    const total = kinds.reduce((sum, k) => sum + k.n, 0);
    const unread = kinds.reduce((sum, k) => sum + k.unread, 0);
    expect(unread).toBeGreaterThan(0);
    expect(unread).toBeLessThan(total);
    const [emails] = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM notification_emails');
    expect(emails!.n).toBe(0);
  });
});
