/**
 * Prepared statements (the `prepare` query option) on each engine: the same answers as plain
 * queries, inside and outside transactions, and still right after another connection changes
 * the table under a statement already prepared (what a second process migrating would do).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES, type TestDatabase } from '../../tests/support/test-databases';

describe.each(ENGINES)('prepared statements on $engine', (engine) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.drop();
    t = undefined;
  });

  it('answer like plain queries, in and out of a transaction, with new parameters each time', async () => {
    t = await engine.create();
    const db = t.db;
    await db.exec('CREATE TABLE things (id int PRIMARY KEY, label text NOT NULL)');
    for (let i = 1; i <= 3; i++)
      await db.query('INSERT INTO things (id, label) VALUES ($1, $2)', [i, `thing ${i}`], { prepare: true });
    const sql = 'SELECT id, label FROM things WHERE id >= $1 ORDER BY id';
    expect(await db.query(sql, [2], { prepare: true })).toEqual(await db.query(sql, [2]));
    const inside = await db.transaction(async (tx) => {
      await tx.query('UPDATE things SET label = $2 WHERE id = $1', [1, 'renamed'], { prepare: true });
      return tx.query(sql, [1], { prepare: true });
    });
    expect(inside.map((r) => r.label)).toEqual(['renamed', 'thing 2', 'thing 3']);
  });

  it('keep working when the table changes under a statement already prepared', async () => {
    t = await engine.create();
    const db = t.db;
    await db.exec(
      "CREATE TABLE things (id int PRIMARY KEY, label text NOT NULL); INSERT INTO things VALUES (1, 'one')",
    );
    const sql = 'SELECT * FROM things WHERE id = $1';
    // Prepared on every connection the pool may hand out.
    await Promise.all(
      Array.from({ length: 8 }, () => db.transaction((tx) => tx.query(sql, [1], { prepare: true }))),
    );
    await db.exec("ALTER TABLE things ADD COLUMN note text NOT NULL DEFAULT 'added'");
    for (let i = 0; i < 8; i++) {
      expect(await db.query(sql, [1], { prepare: true })).toEqual([{ id: 1, label: 'one', note: 'added' }]);
      const [row] = await db.transaction((tx) => tx.query(sql, [1], { prepare: true }));
      expect(row).toEqual({ id: 1, label: 'one', note: 'added' });
    }
  });
});
