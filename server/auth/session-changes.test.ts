/**
 * With sessions kept in memory (session-cache.ts), whatever ends a session or changes its person
 * still holds on the very next request: sign-out, sign-out everywhere, a revoked or deactivated
 * person, a role taken away, a guest's round ended. On PostgreSQL the same holds when the change
 * is made by another process (here another connection), as soon as the notice arrives. The app
 * keeps a session for a minute, so only the notices can explain an answer that changes sooner.
 */
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { ENGINES } from '../../tests/support/test-databases';
import { useTestApp } from '../../tests/support/use-test-app';
import { addAuditor, personIdOf } from '../../tests/support/sync-world';
import { eventually } from '../../tests/support/sync-eventually';
import type { Client, TestApp } from '../../tests/support/test-app';
import { openPostgresDatabase } from '../db/postgres-database';

let counter = 0;

/** Sign-ins and reads of a test app's session, as each block below needs them. */
function sessionProbes(t: TestApp) {
  const status = async (client: Client): Promise<number> =>
    (await client.request('/api/auth/session')).status;
  return {
    status,
    /** A new auditor, signed in; their id and client. */
    async signedIn(): Promise<{ id: string; client: Client }> {
      const email = `kept-session-${++counter}@test.invalid`;
      await addAuditor(t.db, email);
      const client = await t.as(email);
      expect(await status(client)).toBe(200);
      return { id: await personIdOf(t.db, email), client };
    },
    /**
     * The answer to the person's next request once their sessions are revoked with the
     * sessions' notices switched off: nothing tells the app of it.
     */
    async statusOnceRevokedUnheard(personId: string, client: Client): Promise<number> {
      await t.db.exec('ALTER TABLE sessions DISABLE TRIGGER sessions_notify_change');
      try {
        await t.db.query('UPDATE sessions SET revoked_at = now() WHERE person_id = $1', [personId]);
        return await status(client);
      } finally {
        await t.db.exec('ALTER TABLE sessions ENABLE TRIGGER sessions_notify_change');
      }
    },
    async roles(client: Client): Promise<string[]> {
      const body = (await (await client.request('/api/auth/session')).json()) as {
        person: { roles: string[] };
      };
      return body.person.roles;
    },
  };
}

describe.each(ENGINES)('sessions kept in memory on $engine', (engine) => {
  const t = useTestApp(engine, { config: { sessionCacheSeconds: 60 } });
  const { signedIn, status, roles, statusOnceRevokedUnheard } = sessionProbes(t);
  const tokenHashOf = async (personId: string): Promise<string> =>
    (
      await t.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions WHERE person_id = $1', [
        personId,
      ])
    )[0]?.token_hash ?? '';

  it('answers from memory while nothing tells of a change (the notices switched off)', async () => {
    const { id, client } = await signedIn();
    expect(await statusOnceRevokedUnheard(id, client)).toBe(200);
    // The next change to the session is heard, and with it the revocation.
    await t.db.query('UPDATE sessions SET last_seen_at = last_seen_at WHERE person_id = $1', [id]);
    expect(await status(client)).toBe(401);
  });

  it('ends a session signed out at once, and every session signed out everywhere', async () => {
    const { client } = await signedIn();
    expect((await client.request('/api/auth/sign-out', { method: 'POST' })).status).toBe(200);
    expect(await status(client)).toBe(401);

    const email = `kept-session-${++counter}@test.invalid`;
    await addAuditor(t.db, email);
    const [first, second] = [await t.as(email), await t.as(email)];
    expect([await status(first), await status(second)]).toEqual([200, 200]);
    expect((await first.request('/api/auth/sign-out-everywhere', { method: 'POST' })).status).toBe(200);
    expect([await status(first), await status(second)]).toEqual([401, 401]);
  });

  it('holds a deactivation, a role taken away and a revoked session on the next request', async () => {
    const deactivated = await signedIn();
    await t.db.query('UPDATE people SET active = false WHERE id = $1', [deactivated.id]);
    expect(await status(deactivated.client)).toBe(401);

    const changed = await signedIn();
    expect(await roles(changed.client)).toEqual(['auditor']);
    await t.db.query("UPDATE people SET roles = '{practitioner}' WHERE id = $1", [changed.id]);
    expect(await roles(changed.client)).toEqual(['practitioner']);
    expect((await changed.client.request('/api/sync/pull')).status).toBe(403);

    const revoked = await signedIn();
    await t.db.query('UPDATE sessions SET revoked_at = now() WHERE token_hash = $1', [
      await tokenHashOf(revoked.id),
    ]);
    expect(await status(revoked.client)).toBe(401);
  });

  it("ends a guest's access when their round's end date passes", async () => {
    const [round] = await t.db.query<{ id: string }>('SELECT id FROM rounds ORDER BY start_date LIMIT 1');
    const roundId = round?.id ?? '';
    await t.db.query("UPDATE rounds SET end_date = '2099-12-31' WHERE id = $1", [roundId]);
    const guest = await signedIn();
    await t.db.query("UPDATE people SET guest_round_id = $2, guest_until = '2099-12-31' WHERE id = $1", [
      guest.id,
      roundId,
    ]);
    expect(await status(guest.client)).toBe(200);
    await t.db.query("UPDATE rounds SET start_date = '2020-01-01', end_date = '2020-01-31' WHERE id = $1", [
      roundId,
    ]);
    expect(await status(guest.client)).toBe(401);
  });
});

describe.each(ENGINES)('sessions not kept on $engine (LANTERN_SESSION_CACHE_SECONDS=0)', (engine) => {
  const t = useTestApp(engine, { config: { sessionCacheSeconds: 0 } });

  const { signedIn, statusOnceRevokedUnheard } = sessionProbes(t);

  it('looks the session up on every request, notices or not', async () => {
    const { id, client } = await signedIn();
    expect(await statusOnceRevokedUnheard(id, client)).toBe(401);
  });
});

const POSTGRESQL = ENGINES.find((e) => e.engine === 'postgresql');

describe.runIf(POSTGRESQL)('change notices on PostgreSQL', () => {
  const t = useTestApp(POSTGRESQL ?? ENGINES[0]!, { config: { sessionCacheSeconds: 60 } });
  const { signedIn, status, roles } = sessionProbes(t);

  it('hears a change made by another process as soon as its notice arrives', async () => {
    const other = new pg.Client({ connectionString: t.target.url });
    await other.connect();
    try {
      const revoked = await signedIn();
      await other.query('UPDATE sessions SET revoked_at = now() WHERE person_id = $1', [revoked.id]);
      const changed = await signedIn();
      await other.query("UPDATE people SET roles = '{practitioner}' WHERE id = $1", [changed.id]);
      // Well inside the minute the app keeps a session.
      expect(
        await eventually(
          () => status(revoked.client),
          (s) => s === 401,
          5_000,
        ),
      ).toBe(401);
      expect(
        await eventually(
          () => roles(changed.client),
          (r) => r[0] === 'practitioner',
          5_000,
        ),
      ).toEqual(['practitioner']);
    } finally {
      await other.end();
    }
  });

  it('has every connection listen, or none when no session is kept (behind a pooler)', async () => {
    const listening = async (listen: boolean) => {
      const db = await openPostgresDatabase(t.target.url ?? '', 2, { listen });
      try {
        const [row] = await db.query<{ channels: string[] }>(
          'SELECT array(SELECT pg_listening_channels()) AS channels',
        );
        return { channels: row?.channels, onChange: typeof db.onChange };
      } finally {
        await db.close();
      }
    };
    expect(await listening(true)).toEqual({ channels: ['lantern_changes'], onChange: 'function' });
    expect(await listening(false)).toEqual({ channels: [], onChange: 'undefined' });
  });
});
