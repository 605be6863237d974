/**
 * Searching and exporting the audit log: filters by person, action family, record and a date
 * range in Europe/London, paged newest first; the CSV export escapes and defuses every cell,
 * walks past one page of rows, and is itself logged with its filters. A QA lead reads what the
 * people of their service did and what was done to their service's audits; the admin reads it all.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import type { AuditLogPage } from '../../shared/accounts/audit-log-query';

const QA_LEAD = 'erin.qalead@demo.lantern.invalid';
const ADMIN = 'gus.admin@demo.lantern.invalid';
const AUDITOR = 'amara.auditor@demo.lantern.invalid';

describe.each(ENGINES)('audit log search and export on $engine', (engine) => {
  const t = useTestApp(engine);
  let qaLead: Client;
  let auditorId: string;
  beforeAll(async () => {
    qaLead = await t.as(QA_LEAD);
    const [auditor] = await t.db.query<{ id: string }>('SELECT id FROM people WHERE email = $1', [AUDITOR]);
    auditorId = auditor?.id ?? '';
  });

  /**
   * A new audit in a team of the QA lead's service (or of another service), so each test sees
   * only its own rows.
   */
  const newAudit = async (service: 'own' | 'other' = 'own'): Promise<string> => {
    const [row] = await t.db.query<{ id: string }>(
      `WITH s AS (SELECT service_id FROM people WHERE email = $1),
       other AS (INSERT INTO services (id, name) SELECT gen_random_uuid(), 'Log test service ' || gen_random_uuid() WHERE $3
                 RETURNING id),
       team AS (INSERT INTO teams (id, service_id, name) SELECT gen_random_uuid(), id, 'Log test team ' || gen_random_uuid() FROM other
                RETURNING id),
       c AS (INSERT INTO cases (id, reference, team_id, case_type)
             SELECT gen_random_uuid(), 'LOG-' || substr(md5(random()::text), 1, 10),
                    coalesce((SELECT id FROM team), (SELECT t.id FROM teams t, s WHERE t.service_id = s.service_id ORDER BY t.name LIMIT 1)),
                    (SELECT key FROM case_types ORDER BY key LIMIT 1)
             RETURNING id, team_id, case_type)
       INSERT INTO audits (id, case_id, team_id, case_type, framework_key, framework_version, auditor_id, kind, status)
       SELECT gen_random_uuid(), c.id, c.team_id, c.case_type, 'lantern-default', 1, $2, 'ad_hoc', 'draft' FROM c
       RETURNING id`,
      [QA_LEAD, auditorId, service === 'other'],
    );
    if (!row) throw new Error('no audit for the log test');
    return row.id;
  };

  /** Rows about one new audit of the QA lead's service, so each test sees only its own. */
  const seed = async (
    rows: { at: string; action: string; actorId?: string | null; label?: string; detail?: object }[],
    entityId?: string,
  ) => {
    entityId ??= await newAudit();
    for (const row of rows) {
      await t.db.query(
        `INSERT INTO audit_log (at, actor_id, actor_label, action, entity_type, entity_id, detail, ip, user_agent)
         VALUES ($1, $2, $3, $4, 'audit', $5, $6::jsonb, '198.51.100.7', 'Tablet')`,
        [
          row.at,
          row.actorId ?? null,
          row.label ?? '',
          row.action,
          entityId,
          JSON.stringify(row.detail ?? {}),
        ],
      );
    }
    return entityId;
  };
  const search = async (params: Record<string, string>, client: Client = qaLead) => {
    const response = await client.request(`/api/audit-log?${new URLSearchParams(params)}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as AuditLogPage;
  };

  it('finds a record’s views and changes, newest first, with who, when, what and from where', async () => {
    const entityId = await seed([
      { at: '2026-03-01T09:00:00Z', action: 'audit.viewed', actorId: auditorId },
      { at: '2026-03-01T09:05:00Z', action: 'audit.changed', actorId: auditorId, detail: { rev: 2 } },
    ]);
    const page = await search({ entityType: 'audit', entityId });
    expect(page.total).toBe(2);
    expect(page.entries.map((e) => e.action)).toEqual(['audit.changed', 'audit.viewed']);
    expect(page.entries[0]).toMatchObject({
      at: '2026-03-01T09:05:00.000Z',
      actorId: auditorId,
      actorName: 'Amara Osei (demo)',
      actorEmail: AUDITOR,
      entityType: 'audit',
      entityId,
      detail: { rev: 2 },
      ip: '198.51.100.7',
      userAgent: 'Tablet',
    });
  });

  it('filters by person (name, e-mail, or the address a failed sign-in tried) and by action family', async () => {
    const entityId = await seed([
      { at: '2026-03-02T09:00:00Z', action: 'sign-in', actorId: auditorId },
      { at: '2026-03-02T09:01:00Z', action: 'sign-in.failed', label: 'someone@elsewhere.invalid' },
      { at: '2026-03-02T09:02:00Z', action: 'audit.viewed', actorId: auditorId },
    ]);
    const only = (params: Record<string, string>) => search({ entityId, ...params });
    expect((await only({ person: 'amara osei' })).total).toBe(2);
    expect((await only({ person: 'AMARA.AUDITOR@' })).total).toBe(2);
    expect((await only({ person: 'elsewhere.invalid' })).entries.map((e) => e.action)).toEqual([
      'sign-in.failed',
    ]);
    expect((await only({ action: 'sign-in' })).entries.map((e) => e.action)).toEqual([
      'sign-in.failed',
      'sign-in',
    ]);
    expect((await only({ action: 'sign-in.failed' })).total).toBe(1);
    expect((await only({ person: '100%_' })).total).toBe(0);
  });

  it('filters by calendar dates in Europe/London, both ends included', async () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
    const entityId = await seed([
      { at: '2026-06-30T22:59:00Z', action: 'audit.viewed' },
      { at: '2026-06-30T23:30:00Z', action: 'audit.viewed' },
      { at: '2026-07-01T22:59:59Z', action: 'audit.viewed' },
      { at: '2026-07-01T23:00:00Z', action: 'audit.viewed' },
    ]);
    const july1 = await search({ entityId, from: '2026-07-01', to: '2026-07-01' });
    expect(july1.entries.map((e) => e.at)).toEqual(['2026-07-01T22:59:59.000Z', '2026-06-30T23:30:00.000Z']);
    expect((await search({ entityId, to: '2026-06-30' })).total).toBe(1);
  });

  it('pages through results', async () => {
    const entityId = await seed(
      Array.from({ length: 5 }, (_, i) => ({ at: `2026-04-0${i + 1}T10:00:00Z`, action: 'audit.viewed' })),
    );
    const second = await search({ entityId, page: '2', pageSize: '2' });
    expect(second).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(second.entries.map((e) => e.at)).toEqual(['2026-04-03T10:00:00.000Z', '2026-04-02T10:00:00.000Z']);
  });

  it('names each bad search field', async () => {
    const response = await qaLead.request('/api/audit-log?from=2026-02-30&to=2026-01-01&pageSize=1000');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { fields: { path: string }[] };
    expect(body.fields.map((f) => f.path).sort()).toEqual(['from', 'pageSize']);
    const backwards = await qaLead.request('/api/audit-log?from=2026-02-01&to=2026-01-01');
    expect(((await backwards.json()) as { fields: { path: string; message: string }[] }).fields).toEqual([
      { path: 'to', message: 'The end date must be the same as or after the start date.' },
    ]);
  });

  it('exports CSV that a spreadsheet opens safely, and logs the export with its filters', async () => {
    const entityId = await seed([
      { at: '2026-05-01T10:00:00Z', action: 'sign-in.failed', label: '=HYPERLINK("http://evil","click")' },
      {
        at: '2026-05-01T10:01:00Z',
        action: 'audit.changed',
        actorId: auditorId,
        detail: { note: 'a, "quoted"\nline' },
      },
    ]);
    const admin = await t.as(ADMIN);
    const response = await admin.request(`/api/audit-log/export?entityId=${entityId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="lantern-audit-log-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A UTF-8 byte-order mark first, so Excel reads the file as UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    expect(text.startsWith('Time (UTC),Person,E-mail,Tried as,Action,What happened,')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines[1]).toBe(
      `2026-05-01T10:01:00.000Z,Amara Osei (demo),${AUDITOR},,audit.changed,Changed an audit,audit,${entityId},"{""note"":""a, \\""quoted\\""\\nline""}",198.51.100.7,Tablet`,
    );
    expect(lines[2]).toBe(
      `2026-05-01T10:00:00.000Z,,,"'=HYPERLINK(""http://evil"",""click"")",sign-in.failed,Sign-in failed,audit,${entityId},,198.51.100.7,Tablet`,
    );
    expect(lines[3]).toBe('');
    const [logged] = await t.db.query<{ actor_email: string; detail: Record<string, unknown> }>(
      `SELECT p.email AS actor_email, l.detail FROM audit_log l JOIN people p ON p.id = l.actor_id
       WHERE l.action = 'audit-log.exported' AND l.detail->'filters'->>'entityId' = $1`,
      [entityId],
    );
    expect(logged).toMatchObject({ actor_email: ADMIN, detail: { filters: { entityId } } });
  });

  it('shows a QA lead nothing of another service, and the admin everything', async () => {
    const elsewhere = await newAudit('other');
    await seed([{ at: '2026-03-03T09:00:00Z', action: 'audit.viewed', label: 'someone' }], elsewhere);
    const [stranger] = await t.db.query<{ id: string }>(
      `INSERT INTO people (id, email, display_name, service_id, roles)
       SELECT gen_random_uuid(), 'log-stranger-' || gen_random_uuid() || '@test.invalid', 'Log stranger', t.service_id, '{auditor}'
       FROM audits a JOIN teams t ON t.id = a.team_id WHERE a.id = $1 RETURNING id`,
      [elsewhere],
    );
    // A person of the other service signing in: about no audit at all.
    const theirs = randomUUID();
    await t.db.query(
      `INSERT INTO audit_log (at, actor_id, action, entity_type, entity_id) VALUES ('2026-03-03T10:00:00Z', $1, 'sign-in', 'person', $2)`,
      [stranger?.id, theirs],
    );
    expect((await search({ entityId: elsewhere })).total).toBe(0);
    expect((await search({ entityId: theirs })).total).toBe(0);
    const admin = await t.as(ADMIN);
    expect((await search({ entityId: elsewhere }, admin)).total).toBe(1);
    expect((await search({ entityId: theirs }, admin)).total).toBe(1);
    const exported = await (await qaLead.request(`/api/audit-log/export?entityId=${elsewhere}`)).text();
    expect(exported).not.toContain(elsewhere);
  });

  it('exports every matching row, past one page of the export', async () => {
    const entityId = await newAudit();
    await t.db.query(
      `INSERT INTO audit_log (at, action, entity_type, entity_id)
       SELECT timestamptz '2026-01-01T00:00:00Z' + make_interval(secs => n), 'audit.viewed', 'audit', $1
       FROM generate_series(1, 2345) AS n`,
      [entityId],
    );
    const text = await (await qaLead.request(`/api/audit-log/export?entityId=${entityId}`)).text();
    const rows = text.split('\r\n').filter((line) => line.includes(entityId));
    expect(rows).toHaveLength(2345);
    expect(rows[0]).toMatch(/^2026-01-01T00:39:05\.000Z,/);
    expect(rows.at(-1)).toMatch(/^2026-01-01T00:00:01\.000Z,/);
  });
});
