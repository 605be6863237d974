/**
 * Learning from audits through the API, on each engine, in a world of two services:
 * the QA lead lists findings with filters, manages themes, codes and uncodes, chooses quotes,
 * gets suggestions from past coding and marks good practice; a manager reads but does not code;
 * the other service's findings, themes and marks are invisible and refused (shown by data); bad
 * input is refused naming the field; and the anonymised Word export holds no name or reference.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { ENGINES } from '../../tests/support/test-databases';
import { answerJson } from '../../tests/support/answer-json';
import { createTestApp, type TestApp } from '../../tests/support/test-app';
import { buildTwoServiceWorld, type TwoServiceWorld } from '../../tests/support/two-service-world';
import type { CodedFindingView, ThemeView } from '../../shared/findings/finding-schemas';
import { reportThemes } from './report-themes-store';

describe.each(ENGINES)('learning from audits on $engine', (engine) => {
  let t: TestApp;
  let world: TwoServiceWorld;
  const call = async (personId: string, path: string, init: { method?: string; json?: unknown } = {}) =>
    t.request(path, { ...init, headers: await world.headers(personId) });
  const findingPath = (auditId: string, key = 'overall.areas-for-development') =>
    `/api/learning/audits/${auditId}/findings/${key}`;

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: false });
    world = await buildTwoServiceWorld(t);
  }, 240_000);
  afterAll(async () => t.close());

  it('lists the service’s findings, strengths and areas for development, and none of the other’s', async () => {
    const { alpha, bravo } = world;
    const { findings } = await answerJson<{ findings: CodedFindingView[] }>(
      await call(alpha.people.qa, '/api/learning/findings'),
    );
    const audits = new Set(findings.map((f) => f.auditId));
    for (const id of alpha.auditIds) expect(audits.has(id)).toBe(true);
    for (const id of bravo.auditIds) expect(audits.has(id)).toBe(false);
    expect(new Set(findings.map((f) => f.kindLabel))).toEqual(
      new Set(['Strengths', 'Areas for development']),
    );
    const strengths = findings.find(
      (f) => f.auditId === alpha.auditIds[0] && f.itemKey === 'overall.strengths',
    );
    expect(strengths?.themes).toEqual([
      { themeId: alpha.findingThemeId, name: 'Alpha finding theme', quote: true },
    ]);
    expect(strengths?.goodPractice).toBe('Alpha good practice reason');
  });

  it('filters by coded, theme, team, kind and month', async () => {
    const { alpha } = world;
    const list = async (query: string) =>
      (
        await answerJson<{ findings: CodedFindingView[] }>(
          await call(alpha.people.qa, `/api/learning/findings?${query}`),
        )
      ).findings;
    expect((await list('coded=yes')).map((f) => [f.auditId, f.itemKey])).toEqual([
      [alpha.auditIds[0], 'overall.strengths'],
    ]);
    expect((await list(`themeId=${alpha.findingThemeId}`)).length).toBe(1);
    expect(
      (await list('coded=no')).some(
        (f) => f.auditId === alpha.auditIds[0] && f.itemKey === 'overall.strengths',
      ),
    ).toBe(false);
    const team = await list(`teamId=${alpha.teamIds[1]}`);
    expect(team.length).toBeGreaterThan(0);
    expect(team.every((f) => [alpha.auditIds[1], alpha.auditIds[3]].includes(f.auditId))).toBe(true);
    expect((await list('kind=strengths')).every((f) => f.kindLabel === 'Strengths')).toBe(true);
    // The world's audits are of March 2026 (London).
    expect((await list('from=2026-03&to=2026-03')).length).toBe(10);
    expect(await list('from=2026-04')).toEqual([]);
  });

  it('refuses bad filters naming the field', async () => {
    const response = await call(world.alpha.people.qa, '/api/learning/findings?from=2026-13&coded=maybe');
    const body = await answerJson<{ fields: { path: string }[] }>(response, 400);
    expect(body.fields.map((f) => f.path).sort()).toEqual(['coded', 'from']);
    const backwards = await answerJson<{ fields: { path: string }[] }>(
      await call(world.alpha.people.qa, '/api/learning/findings?from=2026-05&to=2026-01'),
      400,
    );
    expect(backwards.fields.map((f) => f.path)).toEqual(['to']);
  });

  it('creates, codes with a new theme, chooses a quote, uncodes, and the report counts it', async () => {
    const { alpha } = world;
    const qa = alpha.people.qa;
    const auditId = alpha.auditIds[1] ?? '';
    const { theme } = await answerJson<{ theme: ThemeView }>(
      await call(qa, '/api/learning/themes', {
        method: 'POST',
        json: { name: 'Chronologies', description: '' },
      }),
      201,
    );
    const coded = await answerJson<{ finding: CodedFindingView }>(
      await call(qa, `${findingPath(auditId)}/themes/${theme.id}`, { method: 'PUT', json: {} }),
    );
    expect(coded.finding.themes).toEqual([{ themeId: theme.id, name: 'Chronologies', quote: false }]);
    const quoted = await answerJson<{ finding: CodedFindingView }>(
      await call(qa, `${findingPath(auditId)}/themes/${theme.id}/quote`, {
        method: 'PUT',
        json: { chosen: true },
      }),
    );
    expect(quoted.finding.themes[0]?.quote).toBe(true);
    const report = await reportThemes(t.db, alpha.auditIds);
    expect(report.themes.find((x) => x.themeId === theme.id)).toMatchObject({
      findings: 1,
      audits: 1,
      quotes: [{ auditId, text: 'Alpha finding note 1', kindLabel: 'Areas for development' }],
    });
    const { themes } = await answerJson<{ themes: ThemeView[] }>(await call(qa, '/api/learning/themes'));
    expect(themes.find((x) => x.id === theme.id)?.findings).toBe(1);
    const uncoded = await answerJson<{ finding: CodedFindingView }>(
      await call(qa, `${findingPath(auditId)}/themes/${theme.id}`, { method: 'DELETE' }),
    );
    expect(uncoded.finding.themes).toEqual([]);
    const [row] = await t.db.query<{ n: number }>(
      'SELECT count(*) AS n FROM finding_codings WHERE theme_id = $1',
      [theme.id],
    );
    expect(row?.n).toBe(0);
  });

  it('refuses a blank, duplicate or archived theme, and a quote on an uncoded finding', async () => {
    const { alpha } = world;
    const qa = alpha.people.qa;
    const blank = await answerJson<{ fields: { path: string }[] }>(
      await call(qa, '/api/learning/themes', { method: 'POST', json: { name: '  ' } }),
      400,
    );
    expect(blank.fields.map((f) => f.path)).toEqual(['name']);
    const duplicate = await call(qa, '/api/learning/themes', {
      method: 'POST',
      json: { name: 'alpha FINDING theme' },
    });
    expect(duplicate.status).toBe(409);
    const { theme } = await answerJson<{ theme: ThemeView }>(
      await call(qa, '/api/learning/themes', { method: 'POST', json: { name: 'Old theme' } }),
      201,
    );
    await answerJson(
      await call(qa, `/api/learning/themes/${theme.id}`, { method: 'PATCH', json: { archived: true } }),
    );
    const auditId = alpha.auditIds[2] ?? '';
    expect(
      (await call(qa, `${findingPath(auditId)}/themes/${theme.id}`, { method: 'PUT', json: {} })).status,
    ).toBe(409);
    const quote = await call(qa, `${findingPath(auditId)}/themes/${alpha.findingThemeId}/quote`, {
      method: 'PUT',
      json: { chosen: true },
    });
    expect(quote.status).toBe(409);
    expect(
      (
        await call(qa, `${findingPath(auditId, 'overall.grade')}/themes/${alpha.findingThemeId}`, {
          method: 'PUT',
        })
      ).status,
    ).toBe(404);
  });

  it('suggests the theme of an identical coded finding first', async () => {
    const { alpha } = world;
    const qa = alpha.people.qa;
    const text = 'The chronology has not been updated since the transfer and misses the last two incidents.';
    for (const auditId of [alpha.auditIds[3], alpha.auditIds[4]])
      await t.db.query(
        `UPDATE audits SET answers = jsonb_set(answers, '{overall.areas-for-development}', $2::jsonb) WHERE id = $1`,
        [auditId, JSON.stringify({ kind: 'text', value: text })],
      );
    const { theme } = await answerJson<{ theme: ThemeView }>(
      await call(qa, '/api/learning/themes', { method: 'POST', json: { name: 'Chronology out of date' } }),
      201,
    );
    await answerJson(
      await call(qa, `${findingPath(alpha.auditIds[3] ?? '')}/themes/${theme.id}`, {
        method: 'PUT',
        json: {},
      }),
    );
    const { suggestions } = await answerJson<{
      suggestions: { themeId: string; name: string; score: number }[];
    }>(await call(qa, `${findingPath(alpha.auditIds[4] ?? '')}/suggestions`));
    expect(suggestions[0]).toEqual({ themeId: theme.id, name: 'Chronology out of date', score: 1 });
    // The other service's past coding suggests nothing here.
    const bravo = await answerJson<{ suggestions: { themeId: string }[] }>(
      await call(world.bravo.people.qa, `${findingPath(world.bravo.auditIds[4] ?? '')}/suggestions`),
    );
    expect(bravo.suggestions.map((s) => s.themeId)).not.toContain(theme.id);
  });

  it('keeps another service’s findings, themes and marks out of reach, by data', async () => {
    const { alpha, bravo } = world;
    const hana = bravo.people.qa;
    const themes = await answerJson<{ themes: ThemeView[] }>(await call(hana, '/api/learning/themes'));
    expect(themes.themes.map((x) => x.id)).toEqual([bravo.findingThemeId]);
    const own = findingPath(bravo.auditIds[1] ?? '');
    // Their own finding into the other service's theme: no such theme for them.
    expect(
      (await call(hana, `${own}/themes/${alpha.findingThemeId}`, { method: 'PUT', json: {} })).status,
    ).toBe(404);
    expect([403, 404]).toContain(
      (
        await call(hana, `${findingPath(alpha.auditIds[1] ?? '')}/themes/${bravo.findingThemeId}`, {
          method: 'PUT',
        })
      ).status,
    );
    expect([403, 404]).toContain(
      (await call(hana, `/api/learning/audits/${alpha.auditIds[0]}/good-practice.docx`)).status,
    );
    expect([403, 404]).toContain(
      (
        await call(hana, `/api/learning/themes/${alpha.findingThemeId}`, {
          method: 'PATCH',
          json: { archived: true },
        })
      ).status,
    );
    const [alphaTheme] = await t.db.query<{ archived: boolean }>(
      'SELECT archived FROM finding_themes WHERE id = $1',
      [alpha.findingThemeId],
    );
    expect(alphaTheme?.archived).toBe(false);
    const { findings } = await answerJson<{ findings: CodedFindingView[] }>(
      await call(hana, `/api/learning/findings?themeId=${alpha.findingThemeId}`),
    );
    expect(findings).toEqual([]);
  });

  it('lets a manager read findings and download examples but not code', async () => {
    const { alpha } = world;
    const manager = alpha.people.manager;
    expect((await call(manager, '/api/learning/findings')).status).toBe(200);
    expect((await call(manager, `/api/learning/audits/${alpha.auditIds[0]}/good-practice`)).status).toBe(200);
    expect(
      (await call(manager, '/api/learning/themes', { method: 'POST', json: { name: 'Manager theme' } }))
        .status,
    ).toBe(403);
    expect(
      (
        await call(manager, `${findingPath(alpha.auditIds[2] ?? '')}/themes/${alpha.findingThemeId}`, {
          method: 'PUT',
        })
      ).status,
    ).toBe(403);
    expect((await call(alpha.people.auditor1, '/api/learning/findings')).status).toBe(403);
  });

  it('marks and unmarks good practice, logging each', async () => {
    const { alpha } = world;
    const qa = alpha.people.qa;
    const path = `/api/learning/audits/${alpha.auditIds[2]}/good-practice`;
    const blank = await answerJson<{ fields: { path: string }[] }>(
      await call(qa, path, { method: 'PUT', json: { reason: '' } }),
      400,
    );
    expect(blank.fields.map((f) => f.path)).toEqual(['reason']);
    const marked = await answerJson<{ goodPractice: { reason: string } }>(
      await call(qa, path, { method: 'PUT', json: { reason: 'Direct work with the child' } }),
    );
    expect(marked.goodPractice.reason).toBe('Direct work with the child');
    expect((await answerJson<{ goodPractice: unknown }>(await call(qa, path))).goodPractice).toMatchObject({
      reason: 'Direct work with the child',
    });
    await answerJson(await call(qa, path, { method: 'DELETE' }));
    expect((await answerJson<{ goodPractice: unknown }>(await call(qa, path))).goodPractice).toBeNull();
    expect((await call(qa, path, { method: 'DELETE' })).status).toBe(404);
    const logged = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'good-practice.%' ORDER BY at`,
      [alpha.auditIds[2]],
    );
    expect(logged.map((l) => l.action)).toEqual(['good-practice.marked', 'good-practice.unmarked']);
  });

  it('exports a marked audit as a Word document with no name or case reference', async () => {
    const { alpha } = world;
    const auditId = alpha.auditIds[0] ?? '';
    const reference = alpha.references[0] ?? '';
    await t.db.query(
      `INSERT INTO people (id, email, display_name, service_id, roles) VALUES ($1, 'hope.grant@two-services.test.invalid',
         'Hope Grant', $2, '{auditor}')`,
      [randomUUID(), alpha.serviceId],
    );
    await t.db.query(`UPDATE cases SET allocated_worker = 'Sam Jones' WHERE reference = $1`, [reference]);
    const strengths = `SAM's direct work with the child (${reference}) was excellent; Hope Grant and sam jones agreed. We hope it continues. Also see ALF-9999.`;
    await t.db.query(
      `UPDATE audits SET answers = answers || jsonb_build_object('overall.strengths', jsonb_build_object('kind', 'text', 'value', $2::text))
       WHERE id = $1`,
      [auditId, strengths],
    );
    const response = await call(alpha.people.manager, `/api/learning/audits/${auditId}/good-practice.docx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const text = xml.replace(/<[^>]+>/g, ' ').replace(/&apos;/g, "'");
    expect(text).toContain(
      "[worker]'s direct work with the child ([case]) was excellent; [name] and [worker] agreed.",
    );
    expect(text).toContain('We hope it continues.');
    expect(text).toContain('anonymised');
    expect(text).toContain('Alpha');
    expect(text).toContain('March 2026');
    const names = await t.db.query<{ display_name: string }>('SELECT display_name FROM people');
    for (const forbidden of [
      reference,
      'ALF-9999',
      'Sam',
      'Jones',
      'Hope Grant',
      ...names.map((n) => n.display_name),
    ])
      expect(text.toLowerCase()).not.toContain(forbidden.toLowerCase());
    const [logged] = await t.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM audit_log WHERE entity_id = $1 AND action = 'audit.viewed' AND detail ->> 'goodPracticeExport' = 'true'`,
      [auditId],
    );
    expect(logged?.n).toBe(1);
  });

  it('refuses the export of an audit not marked as good practice', async () => {
    const response = await call(
      world.alpha.people.qa,
      `/api/learning/audits/${world.alpha.auditIds[3]}/good-practice.docx`,
    );
    expect(response.status).toBe(404);
  });
});
