/**
 * The coded findings an audit report shows (reportThemes), on each engine: counts per theme and
 * of uncoded findings, quotes in the order chosen, good practice, and nothing from audits the
 * report did not pass (nor drafts, deleted audits or blank texts).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDatabase } from '../../tests/support/test-databases';
import { migrate } from '../db/migrate';
import { seedFirstStart } from '../demo/seed-first-start';
import { reportThemes } from './report-themes-store';

describe.each(ENGINES)('report themes on $engine', (engine) => {
  let target: TestDatabase;
  const id = {
    service: randomUUID(),
    team: randomUUID(),
    auditor: randomUUID(),
    case1: randomUUID(),
    case2: randomUUID(),
    a1: randomUUID(),
    a2: randomUUID(),
    a3: randomUUID(),
    draft: randomUUID(),
    voice: randomUUID(),
    plans: randomUUID(),
    unused: randomUUID(),
  };
  const text = (value: string) => ({ kind: 'text', value });

  beforeAll(async () => {
    target = await engine.create();
    const db = target.db;
    await migrate(db);
    await seedFirstStart(db, { demo: false, now: new Date('2026-10-15T12:00:00Z') });
    await db.query('INSERT INTO services (id, name) VALUES ($1, $2)', [id.service, 'Themes service']);
    await db.query('INSERT INTO teams (id, service_id, name) VALUES ($1, $2, $3)', [
      id.team,
      id.service,
      'Themes team',
    ]);
    await db.query(
      `INSERT INTO people (id, email, display_name, roles, service_id) VALUES ($1, 'ada@themes.test.invalid', 'Ada', '{auditor}', $2)`,
      [id.auditor, id.service],
    );
    await db.query(
      "INSERT INTO case_types (key, label) VALUES ('cin', 'Child in need') ON CONFLICT DO NOTHING",
    );
    await db.query(
      "INSERT INTO cases (id, reference, team_id, case_type) VALUES ($1, 'TH-1', $3, 'cin'), ($2, 'TH-2', $3, 'cin')",
      [id.case1, id.case2, id.team],
    );
    const audit = (auditId: string, caseId: string, status: string, answers: object, deleted = false) =>
      db.query(
        `INSERT INTO audits (id, case_id, team_id, case_type, framework_key, framework_version, auditor_id, kind, status,
           answers, completed_at, deleted)
         VALUES ($1, $2, $3, 'cin', 'lantern-default', 1, $4, 'monthly', $5, $6, '2026-09-01T10:00:00Z', $7)`,
        [auditId, caseId, id.team, id.auditor, status, JSON.stringify(answers), deleted],
      );
    await audit(id.a1, id.case1, 'submitted', {
      'overall.strengths': text('The child was seen alone and their words recorded.'),
      'overall.areas-for-development': text('The plan has no dates or named owners.'),
    });
    await audit(id.a2, id.case2, 'submitted', {
      'overall.strengths': text('Direct work shows the child’s wishes.'),
      'overall.areas-for-development': text('   '),
      'overall.grade': { kind: 'grade', value: 1 },
    });
    await audit(id.a3, id.case2, 'submitted', {
      'overall.areas-for-development': text('Not in the report.'),
      'overall.strengths': text('Not coded yet.'),
    });
    await audit(id.draft, id.case1, 'draft', { 'overall.strengths': text('Draft text.') });
    await db.query(
      `INSERT INTO finding_themes (id, service_id, name) VALUES ($1, $4, 'Voice of the child'),
         ($2, $4, 'Plans not SMART'), ($3, $4, 'Unused')`,
      [id.voice, id.plans, id.unused, id.service],
    );
    const code = (auditId: string, itemKey: string, themeId: string, quoteAt: string | null) =>
      db.query(
        'INSERT INTO finding_codings (audit_id, item_key, theme_id, quote_at) VALUES ($1, $2, $3, $4)',
        [auditId, itemKey, themeId, quoteAt],
      );
    // Chosen second for the voice theme, but listed after the one chosen first.
    await code(id.a1, 'overall.strengths', id.voice, '2026-10-02T10:00:00Z');
    await code(id.a2, 'overall.strengths', id.voice, '2026-10-01T10:00:00Z');
    await code(id.a1, 'overall.areas-for-development', id.plans, null);
    await code(id.a1, 'overall.areas-for-development', id.voice, null);
    // Blank now: the auditor emptied it after it was coded.
    await code(id.a2, 'overall.areas-for-development', id.plans, '2026-10-03T10:00:00Z');
    // Outside the report's audits.
    await code(id.a3, 'overall.areas-for-development', id.unused, '2026-10-03T10:00:00Z');
    await db.query(
      `INSERT INTO good_practice_marks (audit_id, reason) VALUES ($1, 'Direct work with the child'), ($2, 'Not in the report')`,
      [id.a2, id.a3],
    );
  }, 180_000);
  afterAll(async () => target.drop());

  it('counts findings, uncoded findings and each theme over the audits passed', async () => {
    const report = await reportThemes(target.db, [id.a1, id.a2, id.draft]);
    expect(report.findings).toBe(3);
    expect(report.uncoded).toBe(0);
    expect(report.themes.map((t) => [t.name, t.findings, t.audits])).toEqual([
      ['Voice of the child', 3, 2],
      ['Plans not SMART', 1, 1],
    ]);
  });

  it('lists quotes in the order chosen, with their case, team and kind', async () => {
    const report = await reportThemes(target.db, [id.a1, id.a2]);
    const voice = report.themes.find((t) => t.themeId === id.voice);
    expect(voice?.quotes).toEqual([
      {
        auditId: id.a2,
        caseReference: 'TH-2',
        teamName: 'Themes team',
        itemKey: 'overall.strengths',
        kindLabel: 'Strengths',
        text: 'Direct work shows the child’s wishes.',
      },
      expect.objectContaining({ auditId: id.a1, kindLabel: 'Strengths' }),
    ]);
    expect(report.themes.find((t) => t.themeId === id.plans)?.quotes).toEqual([]);
  });

  it('shows good practice only of the audits passed', async () => {
    const report = await reportThemes(target.db, [id.a1, id.a2]);
    expect(report.goodPractice).toEqual([
      {
        auditId: id.a2,
        caseReference: 'TH-2',
        teamName: 'Themes team',
        reason: 'Direct work with the child',
      },
    ]);
  });

  it('counts an uncoded finding as uncoded', async () => {
    const report = await reportThemes(target.db, [id.a3, id.a2]);
    expect(report.findings).toBe(3);
    expect(report.uncoded).toBe(1);
  });

  it('is empty for no audits', async () => {
    expect(await reportThemes(target.db, [])).toEqual({
      findings: 0,
      uncoded: 0,
      themes: [],
      goodPractice: [],
    });
  });
});
