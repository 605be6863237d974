/**
 * The demo's learning from audits: both services have their themes with coded findings and
 * chosen quotes, the last month is left to code, and the good-practice examples are there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { createTestApp, type TestApp } from '../../tests/support/test-app';

describe.each(ENGINES)('the demo’s coded findings on $engine', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  }, 240_000);
  afterAll(async () => t.close());

  it('codes findings into each service’s themes, with quotes, and leaves recent ones uncoded', async () => {
    const rows = await t.db.query<{
      service: string;
      themes: number;
      coded: number;
      quotes: number;
      marks: number;
    }>(
      `SELECT s.name AS service,
         (SELECT count(*) FROM finding_themes th WHERE th.service_id = s.id) AS themes,
         (SELECT count(*) FROM finding_codings fc JOIN finding_themes th ON th.id = fc.theme_id WHERE th.service_id = s.id) AS coded,
         (SELECT count(*) FROM finding_codings fc JOIN finding_themes th ON th.id = fc.theme_id
          WHERE th.service_id = s.id AND fc.quote_at IS NOT NULL) AS quotes,
         (SELECT count(*) FROM good_practice_marks g JOIN audits a ON a.id = g.audit_id JOIN teams tm ON tm.id = a.team_id
          WHERE tm.service_id = s.id) AS marks
       FROM services s ORDER BY s.name`,
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.themes).toBe(7);
      expect(row.coded).toBeGreaterThan(20);
      expect(row.quotes).toBeGreaterThan(4);
      expect(row.marks).toBeGreaterThanOrEqual(1);
    }
    expect(rows.reduce((n, r) => n + r.marks, 0)).toBe(3);
    const qa = await t.as('erin.qalead@demo.lantern.invalid');
    const uncoded = (await (await qa.request('/api/learning/findings?coded=no')).json()) as {
      findings: unknown[];
    };
    expect(uncoded.findings.length).toBeGreaterThan(0);
  });
});
