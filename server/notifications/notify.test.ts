/**
 * notify(), on each engine: a notice lands in each active recipient's inbox with an e-mail
 * queued beside it, in the caller's transaction (a rollback leaves neither); unknown and
 * deactivated people are skipped; a subject is told once per person per kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ENGINES, type TestDatabase } from '../../tests/support/test-databases';
import { migrate } from '../db/migrate';
import { notify } from './notify';

describe.each(ENGINES)('notify on $engine', (engine) => {
  let target: TestDatabase;
  const ana = randomUUID();
  const bo = randomUUID();
  const gone = randomUUID();

  beforeAll(async () => {
    target = await engine.create();
    await migrate(target.db);
    await target.db.query(
      `INSERT INTO people (id, email, display_name, active) VALUES
       ($1, 'ana@example.test', 'Ana', true), ($2, 'bo@example.test', 'Bo', true), ($3, 'gone@example.test', 'Gone', false)`,
      [ana, bo, gone],
    );
  });
  afterAll(async () => {
    await target.drop();
  });

  const inbox = (personId: string) =>
    target.db.query<{ kind: string; title: string; link: string; queued: number }>(
      `SELECT n.kind, n.title, n.link, (SELECT count(*) FROM notification_emails e WHERE e.notification_id = n.id) AS queued
       FROM notifications n WHERE n.person_id = $1 ORDER BY n.created_at, n.title`,
      [personId],
    );

  it('tells each active recipient once and queues one e-mail each', async () => {
    const subjectId = randomUUID();
    await target.db.transaction((tx) =>
      notify(tx, [ana, bo, ana, gone, randomUUID(), 'not-an-id'], {
        kind: 'audit_submitted',
        title: 'An audit of case CR-1001 is ready to read',
        link: `/audits/${subjectId}`,
        subjectId,
      }),
    );
    expect(await inbox(ana)).toEqual([
      {
        kind: 'audit_submitted',
        title: 'An audit of case CR-1001 is ready to read',
        link: `/audits/${subjectId}`,
        queued: 1,
      },
    ]);
    expect(await inbox(bo)).toHaveLength(1);
    expect(await inbox(gone)).toHaveLength(0);

    // The same subject again: nobody is told twice; another kind about it is a new notice.
    await target.db.transaction(async (tx) => {
      await notify(tx, [ana, bo], { kind: 'audit_submitted', title: 'Again', link: '/x', subjectId });
      await notify(tx, [ana], { kind: 'practitioner_response', title: 'A response', link: '/x', subjectId });
    });
    expect((await inbox(ana)).map((n) => n.kind)).toEqual(['audit_submitted', 'practitioner_response']);
    expect(await inbox(bo)).toHaveLength(1);
  });

  it('writes nothing when the caller’s transaction rolls back', async () => {
    const before = (await inbox(bo)).length;
    await expect(
      target.db.transaction(async (tx) => {
        await notify(tx, [bo], { kind: 'action_assigned', title: 'An action', link: '/case-actions' });
        throw new Error('the caller failed');
      }),
    ).rejects.toThrow('the caller failed');
    expect(await inbox(bo)).toHaveLength(before);
    const [orphans] = await target.db.query<{ n: number }>(
      'SELECT count(*) AS n FROM notification_emails e LEFT JOIN notifications x ON x.id = e.notification_id WHERE x.id IS NULL',
    );
    expect(orphans?.n).toBe(0);
  });

  it('refuses links that leave Lantern and kinds that are not snake_case', async () => {
    await expect(
      target.db.transaction((tx) =>
        notify(tx, [ana], { kind: 'x', title: 't', link: 'https://evil.example' }),
      ),
    ).rejects.toThrow('must be a path inside Lantern');
    await expect(
      target.db.transaction((tx) => notify(tx, [ana], { kind: 'Bad Kind', title: 't', link: '/' })),
    ).rejects.toThrow('snake_case');
  });
});
