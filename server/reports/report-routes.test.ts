/**
 * Audit reports over HTTP, on each engine: a thematic round's report against the previous round
 * of the same theme (6 of 6 Good, then 2 of 6), its figures checked by hand; published, it
 * refuses every change (the store's 409 and the database's trigger) and its snapshot stays
 * byte for byte when audits change; the DOCX and XLSX, parsed, hold the same figures as the JSON;
 * another service's people neither list, read nor write it; a manager reads only published
 * reports and puts a recommendation into the plan; the link is e-mailed to the list.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import {
  allocationsIn,
  AMARA,
  auditRound,
  BEN,
  createRound,
  push,
  QA_LEAD,
  submittableAnswers,
} from '../../tests/fixtures/case-lists/qa-steps';
import type { Round } from '../../shared/rounds/round-schemas';
import type { ReportView } from '../../shared/reports/report-schemas';
import { reportTables } from '../../shared/reports/report-tables';
import { newcombeInterval } from '../../shared/metrics/newcombe-interval';

const THEME = 'Report test: neglect';
const MANAGER = 'farah.manager@demo.lantern.invalid';
const OTHER_QA = 'hana.qalead@demo.lantern.invalid';
const OTHER_MANAGER = 'ivo.manager@demo.lantern.invalid';

describe.each(ENGINES)('audit reports on $engine', (engine) => {
  let qa: Client;
  let earlier: Round;
  let later: Round;
  let reportId: string;
  let leftOver: { id: string; caseId: string } | undefined;
  const sent: { to: string; text: string }[] = [];
  const t = useTestApp(engine, {
    mail: {
      publicUrl: 'https://lantern.test',
      mailer: { send: async (m) => void sent.push({ to: m.to, text: m.text }) },
    },
  });

  const view = async (client: Client, id = reportId): Promise<ReportView> => {
    const response = await client.request(`/api/reports/${id}`);
    expect(response.status).toBe(200);
    return (await response.json()) as ReportView;
  };

  beforeAll(async () => {
    qa = await t.as(QA_LEAD);
    const thematic = { kind: 'thematic', theme: THEME };
    earlier = await createRound(qa, {
      ...thematic,
      name: 'Neglect, spring',
      startDate: '2026-04-06',
      endDate: '2026-04-10',
    });
    later = await createRound(qa, { ...thematic, name: 'Neglect, autumn' });
    await auditRound(t, qa, earlier, 41, () => 1);
    leftOver = await auditRound(t, qa, later, 42, (i) => (i < 2 ? 1 : 3));
    const created = await qa.request('/api/reports', {
      method: 'POST',
      json: { title: 'Neglect thematic audit, autumn', scope: { kind: 'round', roundId: later.id } },
    });
    expect(created.status).toBe(201);
    reportId = ((await created.json()) as ReportView).id;
    // Two rounds audited and a report drawn: slow on a busy machine, like plan-routes.test.ts.
  }, 180_000);

  it('draws the round against the previous round of its theme, the change beyond noise by Newcombe', async () => {
    const { content, status } = await view(qa);
    expect(status).toBe('draft');
    expect(content.covers.words).toContain('Neglect, autumn');
    expect(content.covers.previousWords).toContain('Neglect, spring');
    const figure = content.figures.atLeastGood;
    expect(figure.current).toMatchObject({ k: 2, n: 6 });
    expect(figure.previous).toMatchObject({ k: 6, n: 6 });
    const byHand = newcombeInterval(2, 6, 6, 6);
    expect(figure.change?.difference).toBeCloseTo(-4 / 6, 12);
    expect(figure.change?.lower).toBeCloseTo(byHand?.lower ?? NaN, 12);
    expect(figure.change?.beyondNoise).toBe((byHand?.upper ?? 0) < 0);
    expect(content.organisation.isDemo).toBe(true);
  });

  it('keeps a draft to its QA lead: a manager neither lists nor reads it', async () => {
    const manager = await t.as(MANAGER);
    expect((await manager.request(`/api/reports/${reportId}`)).status).toBe(404);
    const list = (await (await manager.request('/api/reports')).json()) as { id: string }[];
    expect(list.map((r) => r.id)).not.toContain(reportId);
  });

  it('lets another service neither list, read, download nor change the report', async () => {
    for (const email of [OTHER_QA, OTHER_MANAGER]) {
      const other = await t.as(email);
      const list = (await (await other.request('/api/reports')).json()) as { id: string }[];
      expect(list.map((r) => r.id)).not.toContain(reportId);
      for (const path of ['', '/docx', '/xlsx'])
        expect([403, 404]).toContain((await other.request(`/api/reports/${reportId}${path}`)).status);
    }
    const other = await t.as(OTHER_QA);
    const put = await other.request(`/api/reports/${reportId}`, {
      method: 'PUT',
      json: { title: 'Taken', summary: 'Taken', recommendations: [] },
    });
    expect([403, 404]).toContain(put.status);
    expect((await view(qa)).content.title).toBe('Neglect thematic audit, autumn');
  });

  it('publishes: the snapshot stays byte for byte when audits change, and every change is refused', async () => {
    const edited = await qa.request(`/api/reports/${reportId}`, {
      method: 'PUT',
      json: {
        title: 'Neglect thematic audit, autumn',
        summary: 'Plans lack contingency.\nFathers are rarely assessed.',
        recommendations: [
          { text: 'Train team managers on contingency planning.' },
          { text: 'Audit fathers’ assessments in March.' },
        ],
      },
    });
    expect(edited.status).toBe(200);
    const published = await qa.request(`/api/reports/${reportId}/publish`, { method: 'POST' });
    expect(published.status).toBe(200);
    const snapshot = async () =>
      (
        await t.db.query<{ snapshot: string }>('SELECT snapshot FROM audit_reports WHERE id = $1', [reportId])
      )[0]?.snapshot;
    const before = await snapshot();
    expect(before).toBeTruthy();

    // Another audit of the round is submitted: a new draft counts it, the published report does not.
    if (!leftOver) throw new Error('no allocation left to audit');
    const auditor = (await allocationsIn(t, later.id, AMARA)).some((a) => a.id === leftOver?.id)
      ? AMARA
      : BEN;
    const result = await push(await t.as(auditor), leftOver, 0, 'submitted', submittableAnswers(1));
    expect(result.status).toBe('applied');
    expect(await snapshot()).toBe(before);
    const { content } = await view(qa);
    expect(content.figures.atLeastGood.current).toMatchObject({ k: 2, n: 6 });
    expect(content.publishedAt).toBeTruthy();

    for (const [method, path, json] of [
      ['PUT', '', { title: 'Changed', summary: '', recommendations: [] }],
      ['DELETE', '', undefined],
      ['POST', '/publish', undefined],
    ] as const) {
      const response = await qa.request(`/api/reports/${reportId}${path}`, { method, json });
      expect(response.status, `${method} ${path}`).toBe(409);
      expect(((await response.json()) as { message: string }).message).toMatch(
        /published on .* never changes/,
      );
    }
    // The database refuses too, whatever the code above it does.
    await expect(
      t.db.query("UPDATE audit_reports SET summary = 'x' WHERE id = $1", [reportId]),
    ).rejects.toThrow();
    await expect(t.db.query('DELETE FROM audit_reports WHERE id = $1', [reportId])).rejects.toThrow();
    await expect(
      t.db.query("UPDATE audit_report_recommendations SET text = 'x' WHERE report_id = $1", [reportId]),
    ).rejects.toThrow();
    expect(await snapshot()).toBe(before);
  });

  it('downloads a DOCX and an XLSX holding the same figures as the JSON', async () => {
    const { content } = await view(qa);
    const tables = reportTables(content);

    const xlsx = await qa.request(`/api/reports/${reportId}/xlsx`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    for (const table of tables) {
      const sheet = workbook.getWorksheet(table.key);
      expect(sheet, table.key).toBeTruthy();
      table.rows.forEach((row, r) => {
        const cells = row.map((_, i) => sheet?.getRow(r + 3).getCell(i + 1).value ?? null);
        expect(cells, `${table.key} row ${r}`).toEqual(row);
      });
    }
    const headline = workbook.getWorksheet('headline')?.getRow(3);
    expect(headline?.getCell(2).value).toBe(2);
    expect(headline?.getCell(3).value).toBe(6);
    expect(headline?.getCell(4).value).toBe(33);

    const docx = await qa.request(`/api/reports/${reportId}/docx`);
    expect(docx.status).toBe(200);
    const zip = await JSZip.loadAsync(await docx.arrayBuffer());
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const entities: Record<string, string> = { amp: '&', apos: "'", quot: '"', lt: '<', gt: '>' };
    const texts = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) =>
      (m[1] ?? '').replace(/&(amp|apos|quot|lt|gt);/g, (_, name: string) => entities[name] ?? ''),
    );
    const text = texts.join('|');
    expect(text).toMatch(/Published \d+ [A-Z][a-z]+ 2026/);
    expect(text.match(/\(demo\)/g)?.length).toBeGreaterThan(0);
    expect(text).not.toContain('(demo) (demo)');
    expect(text).toContain('Train team managers on contingency planning.');
    for (const table of tables)
      for (const row of table.rows)
        expect(text, `${table.key}: ${row.join(', ')}`).toContain(
          row.map((c) => (c === null ? 'no data' : String(c))).join('|'),
        );
  });

  it('lets a manager read the published report and put a recommendation into the plan', async () => {
    const manager = await t.as(MANAGER);
    const { recommendations } = await view(manager);
    const [plan] = await t.db.query<{ plan_id: string; area_id: string }>(
      `SELECT p.id AS plan_id, a.id AS area_id FROM plans p JOIN plan_areas a ON a.plan_id = p.id
       JOIN people x ON x.service_id = p.service_id WHERE x.email = $1 ORDER BY a.position LIMIT 1`,
      [MANAGER],
    );
    const first = recommendations[0];
    const response = await manager.request(`/api/reports/${reportId}/recommendations/${first?.id}/plan`, {
      method: 'POST',
      json: { mode: 'new-action', planId: plan?.plan_id, areaId: plan?.area_id, number: 'R16.1' },
    });
    expect(response.status).toBe(200);
    const after = (await response.json()) as ReportView;
    expect(after.recommendations[0]?.plan).toMatchObject({
      planId: plan?.plan_id,
      number: 'R16.1',
      linked: false,
    });
    const [action] = await t.db.query<{ description: string }>(
      'SELECT description FROM plan_actions WHERE id = $1',
      [after.recommendations[0]?.plan?.actionId],
    );
    expect(action?.description).toBe('Train team managers on contingency planning.');
    const again = await manager.request(`/api/reports/${reportId}/recommendations/${first?.id}/plan`, {
      method: 'POST',
      json: { mode: 'new-action', planId: plan?.plan_id, areaId: plan?.area_id, number: 'R16.2' },
    });
    expect(again.status).toBe(409);
  });

  it('links a finding of the report to an existing plan action for another recommendation', async () => {
    const { recommendations } = await view(qa);
    const second = recommendations[1];
    const actionId = recommendations[0]?.plan?.actionId;
    const planId = recommendations[0]?.plan?.planId;
    const [audit] = await t.db.query<{ id: string }>(
      `SELECT a.id FROM audits a JOIN allocations x ON x.id = a.id
       WHERE x.round_id = $1 AND a.status = 'submitted' AND btrim(a.answers -> 'overall.areas-for-development' ->> 'value') <> ''
       ORDER BY a.id LIMIT 1`,
      [later.id],
    );
    const [elsewhere] = await t.db.query<{ id: string }>(
      `SELECT a.id FROM audits a JOIN teams t ON t.id = a.team_id JOIN people p ON p.service_id = t.service_id
       WHERE p.email = $1 AND a.status = 'submitted' LIMIT 1`,
      [OTHER_QA],
    );
    const link = (auditId: string | undefined) =>
      qa.request(`/api/reports/${reportId}/recommendations/${second?.id}/plan`, {
        method: 'POST',
        json: { mode: 'link-finding', planId, actionId, auditId, itemKey: 'overall.areas-for-development' },
      });
    const refused = await link(elsewhere?.id);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { fields: { path: string }[] }).fields[0]?.path).toBe('auditId');
    const linked = await link(audit?.id);
    expect(linked.status).toBe(200);
    const after = (await linked.json()) as ReportView;
    expect(after.recommendations[1]?.plan).toMatchObject({ actionId, linked: true });
    const links = await t.db.query(
      'SELECT 1 FROM plan_finding_links WHERE action_id = $1 AND audit_id = $2',
      [actionId, audit?.id],
    );
    expect(links).toHaveLength(1);
  });

  it('e-mails the link (sign-in needed) to the distribution list and records the send', async () => {
    const bad = await qa.request(`/api/reports/${reportId}/distribution`, {
      method: 'PUT',
      json: { emails: ['not an address'] },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: { path: string }[] }).fields[0]?.path).toBe('emails.0');
    const list = await qa.request(`/api/reports/${reportId}/distribution`, {
      method: 'PUT',
      json: { emails: ['board.member@demo.lantern.invalid', 'farah.manager@demo.lantern.invalid'] },
    });
    expect(list.status).toBe(200);
    const send = await qa.request(`/api/reports/${reportId}/send`, { method: 'POST' });
    expect(await send.json()).toEqual({ sent: 2, of: 2 });
    expect(sent.map((m) => m.to).sort()).toEqual([
      'board.member@demo.lantern.invalid',
      'farah.manager@demo.lantern.invalid',
    ]);
    expect(sent[0]?.text).toContain(`https://lantern.test/reports/${reportId}`);
    expect(sent[0]?.text).not.toContain('contingency');
    expect((await view(qa)).sends).toHaveLength(1);
    const [logged] = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'audit-report.changed'",
      [reportId],
    );
    expect(logged?.n).toBeGreaterThanOrEqual(4);
  });
});
