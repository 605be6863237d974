/**
 * The tagged-template SQL helper: placeholders numbered in order however fragments nest,
 * values kept as parameters (never spliced), and the result accepted by each engine.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { joinSql, rawSql, sql, type Sql } from './sql';
import { ENGINES, type TestDatabase } from '../../tests/support/test-databases';

describe('sql', () => {
  const id = 'a1';
  const inner = sql`SELECT ${2} AS two, ${'x'} AS x`;
  it.each<[string, Sql, string, unknown[]]>([
    ['no values', sql`SELECT 1`, 'SELECT 1', []],
    ['one value', sql`SELECT * FROM t WHERE id = ${id}`, 'SELECT * FROM t WHERE id = $1', ['a1']],
    ['a value used twice is sent twice', sql`${id} = ${id}`, '$1 = $2', ['a1', 'a1']],
    ['a value at the very start and end', sql`${1}${2}`, '$1$2', [1, 2]],
    [
      'a nested fragment moves its values with it',
      sql`WITH w AS (${inner}) SELECT ${3}, * FROM w`,
      'WITH w AS (SELECT $1 AS two, $2 AS x) SELECT $3, * FROM w',
      [2, 'x', 3],
    ],
    [
      'fragments nested twice',
      sql`${sql`a = ${1} AND ${sql`b = ${2}`}`} AND c = ${3}`,
      'a = $1 AND b = $2 AND c = $3',
      [1, 2, 3],
    ],
    ['raw text is spliced, not sent', sql`SELECT ${rawSql('a.id')} FROM a`, 'SELECT a.id FROM a', []],
    [
      'joined fragments with their separator',
      joinSql([sql`w0 AS (${1})`, sql`w1 AS (${2})`, rawSql('w2 AS (3)')], ', '),
      'w0 AS ($1), w1 AS ($2), w2 AS (3)',
      [1, 2],
    ],
    ['an empty join', joinSql([], ', '), '', []],
    [
      'hostile text stays a value',
      sql`SELECT ${"'; DROP TABLE t; --"}`,
      'SELECT $1',
      ["'; DROP TABLE t; --"],
    ],
  ])('%s', (_, fragment, text, values) => {
    expect(fragment.text).toBe(text);
    expect(fragment.values).toEqual(values);
  });
});

describe.each(ENGINES)('sql on $engine', (engine) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.drop();
    t = undefined;
  });

  it('runs a statement composed of fragments, as plain and as prepared', async () => {
    t = await engine.create();
    const db = t.db;
    await db.exec('CREATE TABLE things (id int PRIMARY KEY, label text NOT NULL)');
    const write = sql`INSERT INTO things (id, label) VALUES (${1}, ${'one'})`;
    const statement = sql`WITH w AS (${write}) SELECT ${'two'}::text AS label`;
    expect(await db.query(statement.text, statement.values, { prepare: true })).toEqual([{ label: 'two' }]);
    const read = sql`SELECT label FROM things WHERE id = ${1}`;
    expect(await db.query(read.text, read.values)).toEqual([{ label: 'one' }]);
  });
});
