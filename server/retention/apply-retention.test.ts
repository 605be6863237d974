/**
 * The retention sweep with a fake clock, on both engines: each kind of row just past its period
 * is deleted and one just inside it is kept; refused snapshots go only once their audit has
 * moved on; a person's last sign-in outlives their deleted sessions; the sweep logs counts only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ENGINES } from '../../tests/support/test-databases';
import { useTestApp } from '../../tests/support/use-test-app';
import { applyRetention } from './apply-retention';
import { readRetentionSettings } from './retention-settings';

const DAY = 24 * 60 * 60 * 1000;
const DEFAULTS = readRetentionSettings({});
const IDLE_MINUTES = 480;

/** The demo person who signs in for real (the other tests' sessions belong to someone else). */
const SIGNS_IN = 'amara.auditor@demo.lantern.invalid';

/** The fake clock: years after the demo's own dates and the real time the test signs in at. */
const NOW = new Date('2030-06-01T12:00:00Z');

const ago = (now: Date, days: number, extraMs = 0): string =>
  new Date(now.getTime() - days * DAY + extraMs).toISOString();

describe.each(ENGINES)('retention on $engine', (engine) => {
  // One seeded database for the file (seeding the demo is the slow part). Each test makes its
  // own rows, runs the sweep, and looks at its own rows: every test's rows are judged at the
  // same NOW, so what one test keeps another's sweep keeps too.
  const t = useTestApp(engine);
  let personId: string;
  let submittedId: string;
  beforeAll(async () => {
    const [person] = await t.db.query<{ id: string }>(
      'SELECT id::text FROM people WHERE email <> $1 ORDER BY email LIMIT 1',
      [SIGNS_IN],
    );
    const [submitted] = await t.db.query<{ id: string }>(
      "SELECT id::text FROM audits WHERE status = 'submitted' ORDER BY id LIMIT 1",
    );
    if (!person || !submitted) throw new Error('the demo has no person or submitted audit');
    personId = person.id;
    submittedId = submitted.id;
    await applyRetention(t.db, NOW, DEFAULTS, IDLE_MINUTES); // anything the demo had that is due
  }, 120_000);

  /** A draft audit (a copy of a demo audit's case) whose last accepted version was at `lastAt`. */
  async function draftAudit(lastAt: string): Promise<string> {
    const id = randomUUID();
    await t.db.query(
      `INSERT INTO audits (id, case_id, team_id, case_type, framework_key, framework_version, auditor_id, kind, status)
       SELECT $1, case_id, team_id, case_type, framework_key, framework_version, auditor_id, kind, 'draft'
       FROM audits WHERE id = $2`,
      [id, submittedId],
    );
    await t.db.query(
      `INSERT INTO audit_revisions (audit_id, rev, status, answers, changed_by, changed_at)
       SELECT $1, 1, 'draft', '{}', auditor_id, $2 FROM audits WHERE id = $1`,
      [id, lastAt],
    );
    return id;
  }

  it('deletes sessions ended more than the period ago, and keeps live and recently ended ones', async () => {
    const now = NOW;
    const session = (
      key: string,
      created: string,
      lastSeen: string,
      expires: string,
      revoked: string | null,
    ) =>
      t.db.query(
        `INSERT INTO sessions (token_hash, person_id, csrf_token, created_at, last_seen_at, expires_at, revoked_at)
         VALUES ($1, $2, 'csrf', $3, $4, $5, $6)`,
        [key, personId, created, lastSeen, expires, revoked],
      );
    await session('expired-8-days', ago(now, 9), ago(now, 8, -60_000), ago(now, 8), null);
    await session('expired-6-days', ago(now, 7), ago(now, 6, -60_000), ago(now, 6), null);
    await session('signed-out-10-days', ago(now, 10), ago(now, 10), ago(now, -1), ago(now, 10));
    await session('signed-out-1-day', ago(now, 1), ago(now, 1), ago(now, -1), ago(now, 1));
    // Idle since 9 days ago: it ended 8 hours later, more than 7 days ago.
    await session('idle-9-days', ago(now, 9), ago(now, 9), ago(now, -1), null);
    await session('live', ago(now, 0, -3_600_000), ago(now, 0, -60_000), ago(now, -1), null);

    const result = await applyRetention(t.db, now, DEFAULTS, IDLE_MINUTES);

    expect(result.endedSessions).toBe(3);
    const kept = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions ORDER BY 1');
    expect(kept.map((row) => row.token_hash)).toEqual(['expired-6-days', 'live', 'signed-out-1-day']);
  });

  it('keeps a person’s last sign-in after their sessions are deleted', async () => {
    const email = SIGNS_IN;
    await t.as(email);
    const lastSignIn = () =>
      t.db.query<{ at: string | null; sessions: number }>(
        `SELECT p.last_sign_in_at AS at, (SELECT count(*)::int FROM sessions s WHERE s.person_id = p.id) AS sessions
         FROM people p WHERE p.email = $1`,
        [email],
      );
    const [before] = await lastSignIn();
    expect(before?.at).not.toBeNull();
    expect(before?.sessions).toBe(1);
    await applyRetention(t.db, NOW, DEFAULTS, IDLE_MINUTES);
    expect(await lastSignIn()).toEqual([{ at: before?.at, sessions: 0 }]);
  });

  it('deletes failed sign-ins older than the period, and keeps younger ones', async () => {
    for (const [email, days] of [
      ['old@example.invalid', 31],
      ['edge@example.invalid', 29],
      ['new@example.invalid', 0],
    ] as const) {
      await t.db.query("INSERT INTO sign_in_failures (email, ip, failed_at) VALUES ($1, '192.0.2.1', $2)", [
        email,
        ago(NOW, days),
      ]);
    }
    const result = await applyRetention(t.db, NOW, DEFAULTS, IDLE_MINUTES);
    expect(result.failedSignIns).toBe(1);
    const kept = await t.db.query<{ email: string }>(
      "SELECT email FROM sign_in_failures WHERE email LIKE '%@example.invalid' ORDER BY 1",
    );
    expect(kept.map((row) => row.email)).toEqual(['edge@example.invalid', 'new@example.invalid']);
  });

  it('deletes a refused snapshot past the period only once its audit has moved on', async () => {
    // A draft whose last accepted version was 300 days before the clock.
    const draftLast = new Date(NOW.getTime() - 300 * DAY);
    const draftId = await draftAudit(draftLast.toISOString());
    const refusal = async (
      label: string,
      auditId: string | null,
      receivedAt: string,
      outcome = 'conflict',
    ) => {
      const id = randomUUID();
      await t.db.query(
        `INSERT INTO sync_mutations (mutation_id, person_id, device_id, audit_id, outcome, result, snapshot, received_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)`,
        [
          id,
          personId,
          randomUUID(),
          auditId,
          outcome,
          JSON.stringify({ mutationId: id, status: outcome }),
          JSON.stringify({ label, answers: { note: 'synthetic answer' } }),
          receivedAt,
        ],
      );
      return [label, id] as const;
    };
    const ids = Object.fromEntries([
      // Refused a day before the draft's last accepted version: the audit has moved on.
      await refusal('moved-on-old', draftId, new Date(draftLast.getTime() - DAY).toISOString()),
      // Refused after the draft's last version: the auditor's unresolved copy, kept however old.
      await refusal('unresolved-old', draftId, new Date(draftLast.getTime() + DAY).toISOString()),
      // The audit is submitted: it will never take this snapshot.
      await refusal('submitted-old', submittedId, ago(NOW, 181), 'rejected'),
      // No audit at all (a push that could not be read).
      await refusal('no-audit-old', null, ago(NOW, 181), 'rejected'),
      await refusal('no-audit-young', null, ago(NOW, 179), 'rejected'),
      await refusal('submitted-young', submittedId, ago(NOW, 179), 'rejected'),
    ]);

    const result = await applyRetention(t.db, NOW, DEFAULTS, IDLE_MINUTES);

    expect(result.refusedSnapshots).toBe(3);
    const rows = await t.db.query<{ mutation_id: string; snapshot: unknown }>(
      'SELECT mutation_id::text, snapshot FROM sync_mutations WHERE mutation_id = ANY ($1::uuid[])',
      [Object.values(ids)],
    );
    // Every answer record stays (a retried push is answered the same); only snapshots go.
    expect(rows).toHaveLength(6);
    const withSnapshot = Object.entries(ids)
      .filter(([, id]) => rows.find((row) => row.mutation_id === id)?.snapshot !== null)
      .map(([label]) => label)
      .sort();
    expect(withSnapshot).toEqual(['no-audit-young', 'submitted-young', 'unresolved-old']);
  });

  it('deletes audit-log rows older than the council’s period, logs the sweep by counts, and keeps the rest', async () => {
    for (const [action, days] of [
      ['test.too-old', DEFAULTS.auditLog + 1],
      ['test.just-kept', DEFAULTS.auditLog - 1],
    ] as const) {
      await t.db.query('INSERT INTO audit_log (at, action) VALUES ($1, $2)', [ago(NOW, days), action]);
    }
    const [{ last } = { last: 0 }] = await t.db.query<{ last: number }>(
      'SELECT coalesce(max(id), 0)::int AS last FROM audit_log',
    );

    const result = await applyRetention(t.db, NOW, DEFAULTS, IDLE_MINUTES);

    expect(result.auditLogRows).toBe(1);
    const actions = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE action LIKE 'test.%' ORDER BY action",
    );
    expect(actions.map((row) => row.action)).toEqual(['test.just-kept']);
    // The sweep's own row: counts and periods, nothing of what was deleted.
    const logged = await t.db.query<{ action: string; detail: Record<string, unknown> }>(
      'SELECT action, detail FROM audit_log WHERE id > $1',
      [last],
    );
    expect(logged).toEqual([{ action: 'retention.delete', detail: { ...result, periodsInDays: DEFAULTS } }]);
  });

  it('leaves the audit log append-only for everything else', async () => {
    await t.db.query("INSERT INTO audit_log (at, action) VALUES ($1, 'test.ancient')", [ago(NOW, 40_000)]);
    await expect(t.db.query("DELETE FROM audit_log WHERE action = 'test.ancient'")).rejects.toThrow(
      'audit_log is append-only',
    );
    await expect(
      t.db.transaction(async (tx) => {
        // A cutoff lets only older rows go: a younger one is still refused.
        await tx.query("SELECT set_config('lantern.audit_log_cutoff', '1900-01-01T00:00:00Z', true)");
        await tx.query("DELETE FROM audit_log WHERE action = 'test.ancient'");
      }),
    ).rejects.toThrow('audit_log is append-only');
    await applyRetention(t.db, NOW, DEFAULTS, IDLE_MINUTES);
    expect(await t.db.query("SELECT 1 FROM audit_log WHERE action = 'test.ancient'")).toEqual([]);
  });

  it('honours a shorter period a council sets', async () => {
    await t.db.query(
      "INSERT INTO sign_in_failures (email, ip, failed_at) VALUES ('three-days@example.invalid', '192.0.2.1', $1)",
      [ago(NOW, 3)],
    );
    const periods = readRetentionSettings({ LANTERN_RETAIN_FAILED_SIGN_INS_DAYS: '2' });
    await applyRetention(t.db, NOW, periods, IDLE_MINUTES);
    expect(
      await t.db.query("SELECT 1 FROM sign_in_failures WHERE email = 'three-days@example.invalid'"),
    ).toEqual([]);
  });

  it('deletes nothing and logs nothing when nothing is due', async () => {
    await applyRetention(t.db, NOW, DEFAULTS, IDLE_MINUTES);
    const logRows = await t.db.query('SELECT id FROM audit_log ORDER BY id');
    const result = await applyRetention(t.db, NOW, DEFAULTS, IDLE_MINUTES);
    expect(result).toEqual({ endedSessions: 0, failedSignIns: 0, refusedSnapshots: 0, auditLogRows: 0 });
    expect(await t.db.query('SELECT id FROM audit_log ORDER BY id')).toEqual(logRows);
  });
});
