/**
 * What reading the log leaves in the log: each search is logged with its filters
 * and how many rows it found; the export's file is named for London's date, not UTC's.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { useSignedIn, useTestApp } from '../../tests/support/use-test-app';

const QA_LEAD = 'erin.qalead@demo.lantern.invalid';

describe.each(ENGINES)('reading the audit log on $engine', (engine) => {
  const t = useTestApp(engine);
  const qaLead = useSignedIn(t, QA_LEAD);
  afterEach(() => {
    vi.useRealTimers();
  });

  it('logs each search: who, with which filters, and how many rows it found', async () => {
    const response = await qaLead.request('/api/audit-log?action=sign-in&from=2026-01-01&to=2026-12-31');
    expect(response.status).toBe(200);
    const { total } = (await response.json()) as { total: number };
    const rows = await t.db.query<{
      email: string;
      detail: { filters: Record<string, unknown>; found: number };
    }>(
      `SELECT p.email, l.detail FROM audit_log l JOIN people p ON p.id = l.actor_id
       WHERE l.action = 'audit-log.searched' ORDER BY l.id`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.email).toBe(QA_LEAD);
    expect(rows[0]?.detail.found).toBe(total);
    expect(rows[0]?.detail.filters).toMatchObject({
      action: 'sign-in',
      from: '2026-01-01',
      to: '2026-12-31',
    });
  });

  it("names the export's file for London's date: 00:30 BST on 1 July is 1 July", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-30T23:30:00Z'));
    const response = await qaLead.request('/api/audit-log/export?action=sign-in');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="lantern-audit-log-2026-07-01.csv"',
    );
    await response.text();
  });
});
