/**
 * The helpers other routes call to log a view or a change: one row with who, what, which
 * record and from where; a change logged inside a transaction that rolls back leaves no row.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDatabase } from '../../tests/support/test-databases';
import { migrate } from '../db/migrate';
import { TEST_CONFIG } from '../../tests/support/test-app';
import type { LanternEnv } from '../http/app-env';
import { logChange, logView } from './log-access';

describe.each(ENGINES)('logView and logChange on $engine', ({ create }) => {
  let target: TestDatabase;
  const personId = '5d7c4f0e-1111-4111-8111-111111111111';

  beforeAll(async () => {
    target = await create();
    await migrate(target.db);
    await target.db.query(
      "INSERT INTO people (id, email, display_name, roles) VALUES ($1, 'viewer@test.invalid', 'Viewer', '{auditor}')",
      [personId],
    );
  });
  afterAll(async () => {
    await target.drop();
  });

  const app = () => {
    const deps = { db: target.db, config: TEST_CONFIG };
    const hono = new Hono<LanternEnv>();
    hono.use('*', async (c, next) => {
      c.set('person', {
        id: personId,
        email: '',
        name: '',
        jobTitle: '',
        roles: ['auditor'],
        teamId: null,
        serviceId: null,
      });
      c.set('session', null);
      await next();
    });
    hono.get('/audits/:id', async (c) => {
      await logView(c, deps, 'audit', c.req.param('id'));
      return c.json({ ok: true });
    });
    hono.post('/audits/:id', async (c) => {
      await target.db
        .transaction(async (tx) => {
          await logChange(c, deps, tx, 'audit', c.req.param('id'), { rev: 3 });
          if (c.req.query('fail')) throw new Error('the change failed');
        })
        .catch(() => undefined);
      return c.json({ ok: true });
    });
    return hono;
  };
  const rowsFor = (entityId: string) =>
    target.db.query(
      'SELECT actor_id, action, entity_type, entity_id, detail, ip, user_agent FROM audit_log WHERE entity_id = $1',
      [entityId],
    );
  const env = { incoming: { socket: { remoteAddress: '203.0.113.5' } } };

  it('logView writes one row: who viewed which record, from where', async () => {
    await app().request('/audits/audit-1', { headers: { 'user-agent': 'iPad' } }, env);
    expect(await rowsFor('audit-1')).toEqual([
      {
        actor_id: personId,
        action: 'audit.viewed',
        entity_type: 'audit',
        entity_id: 'audit-1',
        detail: {},
        ip: '203.0.113.5',
        user_agent: 'iPad',
      },
    ]);
  });

  it('logChange writes its row in the change’s transaction, and none when that rolls back', async () => {
    await app().request('/audits/audit-2', { method: 'POST' }, env);
    await app().request('/audits/audit-3?fail=1', { method: 'POST' }, env);
    expect(await rowsFor('audit-2')).toMatchObject([{ action: 'audit.changed', detail: { rev: 3 } }]);
    expect(await rowsFor('audit-3')).toEqual([]);
  });
});
