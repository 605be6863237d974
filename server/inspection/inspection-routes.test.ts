/**
 * Inspection readiness in the world of two services, with audits of our own placed
 * around the window's edge: the list equals a query written here independently (London dates by
 * the database's own time-zone rules, the service by its teams); drafts, audits just outside
 * the window and the other service's never appear; the CSV and XLSX hold the same rows; and the
 * deep-dive pack holds every section (from the framework itself) of every audit of each case.
 *
 * The clock is fixed at 15 December 2026, 12:00 UTC, and the list asked for 4 months: it covers
 * 15 August to 15 December 2026 (London dates). 14 August 23:30 UTC is already 15 August 00:30
 * in British Summer Time, so an audit then is in; one at 22:30 UTC (23:30 BST on the 14th) is not.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse } from 'csv-parse/sync';
import { ENGINES } from '../../tests/support/test-databases';
import { useTestApp } from '../../tests/support/use-test-app';
import { buildTwoServiceWorld, type TwoServiceWorld } from '../../tests/support/two-service-world';
import { insertRows } from '../db/insert-rows';
import { AUDIT_COLUMNS } from '../demo/synthetic-audits';
import { DEFAULT_FRAMEWORK_REF, syntheticAnswers } from '../demo/synthetic-answers';
import { seededRandom } from '../../shared/random/seeded-random';
import { loadFramework } from '../frameworks/framework-cache';
import { GRADES } from '../../shared/metrics/grade-scale';
import {
  inspectionListSchema,
  packDocumentSchema,
  type InspectionList,
  type PackDocument,
} from '../../shared/inspection/inspection-schemas';
import { INSPECTION_COLUMNS } from '../../shared/inspection/inspection-columns';

const NOW = new Date('2026-12-15T12:00:00Z');
const FROM = '2026-08-15';
const TO = '2026-12-15';

describe.each(ENGINES)('inspection readiness on $engine', (engine) => {
  const t = useTestApp(engine, { demo: false });
  let world: TwoServiceWorld;
  const ours = {
    lateSummerEvening: randomUUID(),
    beforeTheWindow: randomUUID(),
    draft: randomUUID(),
    inadequate: randomUUID(),
    reaudit: '',
    otherService: randomUUID(),
  };
  const get = async (personId: string, path: string) =>
    t.request(path, { headers: await world.headers(personId) });

  beforeAll(async () => {
    world = await buildTwoServiceWorld(t);
    const { alpha, bravo } = world;
    const random = seededRandom(16);
    const cases = await t.db.query<{ id: string; team_id: string; case_type: string }>(
      'SELECT id, team_id, case_type FROM cases WHERE id = ANY ($1::uuid[])',
      [[...alpha.caseIds, ...bravo.caseIds]],
    );
    const caseOf = (id: string | undefined) =>
      cases.find((c) => c.id === id) ?? { id: '', team_id: '', case_type: '' };
    const audit = (
      id: string,
      caseId: string | undefined,
      auditorId: string,
      grade: 0 | 1 | 2 | 3,
      completedAt: string | null,
      status = 'submitted',
    ) => {
      const c = caseOf(caseId);
      return {
        id,
        case_id: c.id,
        team_id: c.team_id,
        case_type: c.case_type,
        framework_key: DEFAULT_FRAMEWORK_REF.key,
        framework_version: DEFAULT_FRAMEWORK_REF.version,
        auditor_id: auditorId,
        kind: 'monthly',
        status,
        answers: syntheticAnswers(grade, random),
        overall_grade: status === 'submitted' ? grade : null,
        completed_at: completedAt,
        created_at: '2026-08-01T09:00:00Z',
        updated_at: '2026-08-01T09:00:00Z',
      };
    };
    await insertRows(t.db, 'audits', AUDIT_COLUMNS, [
      audit(ours.lateSummerEvening, alpha.caseIds[0], alpha.people.auditor1, 2, '2026-08-14T23:30:00Z'),
      audit(ours.beforeTheWindow, alpha.caseIds[1], alpha.people.auditor2, 1, '2026-08-14T22:30:00Z'),
      audit(ours.draft, alpha.caseIds[2], alpha.people.auditor1, 1, null, 'draft'),
      audit(ours.inadequate, alpha.caseIds[3], alpha.people.auditor2, 3, '2026-10-01T10:00:00Z'),
      audit(ours.otherService, bravo.caseIds[0], bravo.people.auditor1, 1, '2026-10-05T10:00:00Z'),
    ]);
    // The late-summer audit is re-graded by the moderator: Requires improvement → Inadequate.
    await t.db.query(
      `INSERT INTO moderations (id, audit_id, moderator_id, status, auditor_overall, moderated_overall, audit_rev, moderated_at,
         moderated_answers, reasons)
       VALUES ($1, $2, $3, 'regraded', 2, 3, 1, '2026-08-20T10:00:00Z', '{"overall.grade":{"kind":"grade","value":3}}',
               '{"overall.grade":"The plan has no contingency."}')`,
      [randomUUID(), ours.lateSummerEvening, alpha.people.moderator],
    );
    await t.db.query('UPDATE audits SET overall_grade = 3 WHERE id = $1', [ours.lateSummerEvening]);
    // Two open actions and one done on it.
    for (const [i, state] of (['open', 'open', 'done'] as const).entries())
      await t.db.query(
        `INSERT INTO case_actions (id, audit_id, action_key, team_id, what, who, due_date, state, completed_on, evidence)
         SELECT $1, a.id, $2, a.team_id, $3, 'Team manager', '2026-09-30', $4, $5, $6 FROM audits a WHERE a.id = $7`,
        [
          randomUUID(),
          `#${i}`,
          `Inspection action ${i}`,
          state,
          state === 'done' ? '2026-09-20' : null,
          state === 'done' ? 'Recorded on the file.' : '',
          ours.lateSummerEvening,
        ],
      );
    // The inadequate audit is re-audited (an allocation pointing at it; its audit has the
    // allocation's id) and the re-audit, submitted, grades it Good.
    const scheduled = await t.request(`/api/reaudits/${ours.inadequate}`, {
      method: 'POST',
      headers: await world.headers(alpha.people.qa),
      json: { auditorId: alpha.people.auditor1, roundId: null, dueDate: '2026-11-30' },
    });
    expect(scheduled.status).toBe(201);
    const [allocation] = await t.db.query<{ id: string }>(
      'SELECT id FROM allocations WHERE reaudit_of = $1',
      [ours.inadequate],
    );
    ours.reaudit = allocation?.id ?? '';
    await insertRows(t.db, 'audits', AUDIT_COLUMNS, [
      audit(ours.reaudit, alpha.caseIds[3], alpha.people.auditor1, 1, '2026-11-20T15:00:00Z'),
    ]);
  }, 300_000);
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** The list as this test reads it, written apart from the route's query. */
  async function expectedRows(serviceId: string) {
    const rows = await t.db.query<{
      audit_id: string;
      reference: string;
      team_name: string;
      audit_date: string;
      auditor_grade: number | null;
      moderated_grade: number | null;
      reaudit_grade: number | null;
      open_actions: number;
    }>(
      `SELECT a.id AS audit_id, c.reference, t.name AS team_name,
              to_char((a.completed_at AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD') AS audit_date,
              (a.answers #>> '{overall.grade,value}')::int AS auditor_grade,
              (SELECT m.moderated_overall FROM moderations m
                WHERE m.audit_id = a.id AND m.status IN ('agreed', 'regraded')) AS moderated_grade,
              (SELECT n.overall_grade FROM audits n
                WHERE n.status = 'submitted' AND NOT n.deleted
                  AND n.id IN (SELECT x.id FROM allocations x WHERE x.reaudit_of = a.id)) AS reaudit_grade,
              (SELECT count(*)::int FROM case_actions k
                WHERE k.audit_id = a.id AND k.state = 'open' AND k.withdrawn_at IS NULL) AS open_actions
       FROM audits a JOIN cases c ON c.id = a.case_id JOIN teams t ON t.id = a.team_id
       WHERE t.service_id = $1 AND a.status = 'submitted' AND NOT a.deleted
         AND (a.completed_at AT TIME ZONE 'Europe/London')::date BETWEEN $2::date AND $3::date
       ORDER BY a.id`,
      [serviceId, FROM, TO],
    );
    return rows.map((r) => ({
      auditId: r.audit_id,
      reference: r.reference,
      teamName: r.team_name,
      auditDate: r.audit_date,
      auditorGrade: r.auditor_grade,
      moderatedGrade: r.moderated_grade,
      reauditGrade: r.reaudit_grade,
      openActions: r.open_actions,
    }));
  }

  const comparable = (list: InspectionList) =>
    list.rows
      .map((r) => ({
        auditId: r.auditId,
        reference: r.reference,
        teamName: r.teamName,
        auditDate: r.auditDate,
        auditorGrade: r.auditorGrade,
        moderatedGrade: r.moderatedGrade,
        reauditGrade: r.reauditGrade,
        openActions: r.openActions,
      }))
      .sort((a, b) => (a.auditId < b.auditId ? -1 : 1));

  it("equals the test's own query for the QA lead's service, and says which dates it covers", async () => {
    const response = await get(world.alpha.people.qa, '/api/inspection/audits?months=4');
    expect(response.status).toBe(200);
    const list: InspectionList = inspectionListSchema.parse(await response.json());
    expect(list).toMatchObject({ months: 4, from: FROM, to: TO });
    expect(list.covers).toBe('from 15 August 2026 to 15 December 2026, both days included (London dates)');
    const expected = await expectedRows(world.alpha.serviceId);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(comparable(list)).toEqual(expected.sort((a, b) => (a.auditId < b.auditId ? -1 : 1)));
  });

  it('keeps the late summer-evening audit by its London date and leaves out the one just before', async () => {
    const list = (await (
      await get(world.alpha.people.manager, '/api/inspection/audits?months=4')
    ).json()) as InspectionList;
    const ids = list.rows.map((r) => r.auditId);
    expect(ids).toContain(ours.lateSummerEvening);
    expect(ids).not.toContain(ours.beforeTheWindow);
    expect(ids).not.toContain(ours.draft);
    expect(ids).not.toContain(ours.otherService);
    expect(list.rows.find((r) => r.auditId === ours.lateSummerEvening)).toMatchObject({
      auditDate: '2026-08-15',
      auditorGrade: 2,
      moderatedGrade: 3,
      reauditGrade: null,
      openActions: 2,
    });
    expect(list.rows.find((r) => r.auditId === ours.inadequate)).toMatchObject({
      auditorGrade: 3,
      moderatedGrade: null,
      reauditGrade: 1,
    });
  });

  it("shows the other service's QA lead only their own audit", async () => {
    const list = (await (
      await get(world.bravo.people.qa, '/api/inspection/audits?months=4')
    ).json()) as InspectionList;
    expect(list.rows.map((r) => r.auditId)).toEqual([ours.otherService]);
  });

  it('filters by team, and refuses a team of another service by field', async () => {
    const team = world.alpha.teamIds[0];
    const list = (await (
      await get(world.alpha.people.qa, `/api/inspection/audits?months=4&team=${team}`)
    ).json()) as InspectionList;
    expect(list.rows.length).toBeGreaterThan(0);
    expect(list.rows.every((r) => r.teamId === team)).toBe(true);
    const refused = await get(world.alpha.people.qa, `/api/inspection/audits?team=${world.bravo.teamIds[0]}`);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ fields: [{ path: 'team' }] });
    const months = await get(world.alpha.people.qa, '/api/inspection/audits?months=0');
    expect(months.status).toBe(400);
    expect(await months.json()).toMatchObject({ fields: [{ path: 'months' }] });
  });

  it('refuses the list to auditors and practitioners', async () => {
    for (const who of [world.alpha.people.auditor1, world.alpha.people.practitioner])
      expect((await get(who, '/api/inspection/audits')).status).toBe(403);
  });

  it('writes the same rows to CSV (UTF-8 with a byte-order mark) and XLSX (dates as dates, frozen, filtered)', async () => {
    const list = (await (
      await get(world.alpha.people.qa, '/api/inspection/audits?months=4')
    ).json()) as InspectionList;
    const gradeText = (g: number | null) => (g === null ? '' : (GRADES[g]?.label ?? ''));
    const expected = list.rows.map((r) => [
      r.reference,
      r.teamName,
      r.workerNow,
      r.auditDate,
      r.kindLabel,
      r.toolName,
      gradeText(r.auditorGrade),
      gradeText(r.moderatedGrade),
      gradeText(r.reauditGrade),
      String(r.openActions),
    ]);

    const csv = await get(world.alpha.people.qa, '/api/inspection/audits/csv?months=4');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain(`inspection-list-${FROM}-to-${TO}.csv`);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = parse(Buffer.from(bytes), { bom: true }) as string[][];
    expect(table[0]).toEqual(INSPECTION_COLUMNS.map((c) => c.header));
    expect(table.slice(1)).toEqual(expected);

    const xlsx = await get(world.alpha.people.qa, '/api/inspection/audits/xlsx?months=4');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Audited cases');
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.autoFilter).toBeTruthy();
    const rows: string[][] = [];
    sheet?.eachRow((row, n) => {
      const values = (row.values as unknown[]).slice(1);
      if (n === 1) expect(values).toEqual(INSPECTION_COLUMNS.map((c) => c.header));
      else {
        expect(values[3]).toBeInstanceOf(Date);
        rows.push(
          values.map((v) =>
            v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : String(v),
          ),
        );
      }
    });
    expect(rows).toEqual(expected);
  });

  it('packs every section of every audit of the cases chosen, and logs each audit as viewed', async () => {
    const { alpha } = world;
    const chosen = [alpha.caseIds[0] ?? '', alpha.caseIds[3] ?? ''];
    const response = await get(alpha.people.qa, `/api/inspection/pack?cases=${chosen.join(',')}`);
    expect(response.status).toBe(200);
    // The shape the API document gives (the client parses with the same schema).
    const pack: PackDocument = packDocumentSchema.parse(await response.json());
    expect(pack.madeBy).toBe('Alpha qa person');
    expect(pack.cases.map((c) => c.caseId)).toEqual(chosen);
    const framework = await loadFramework(t.db, DEFAULT_FRAMEWORK_REF.key, DEFAULT_FRAMEWORK_REF.version);
    const sectionTitles = framework?.sections.map((s) => s.title) ?? [];
    expect(sectionTitles.length).toBeGreaterThan(3);
    for (const [i, caseId] of chosen.entries()) {
      const audits = await t.db.query<{ id: string }>(
        "SELECT id FROM audits WHERE case_id = $1 AND status = 'submitted' AND NOT deleted",
        [caseId],
      );
      const c = pack.cases[i];
      expect(c?.auditCount).toBe(audits.length);
      const headings = (c?.blocks ?? [])
        .filter((b) => b.kind === 'heading' && b.level === 3)
        .map((b) => b.kind === 'heading' && b.text);
      for (const title of [
        ...sectionTitles,
        'Moderation',
        "Practitioner's response",
        'Post-audit actions',
        'History',
      ])
        expect(
          headings.filter((h) => h === title),
          `${title} in case ${i}`,
        ).toHaveLength(audits.length);
      for (const audit of audits) {
        const [logged] = await t.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_log WHERE actor_id = $1 AND action = 'audit.viewed'
             AND entity_id = $2 AND detail ->> 'as' = 'inspection-pack'`,
          [alpha.people.qa, audit.id],
        );
        expect(logged?.n).toBeGreaterThanOrEqual(1);
      }
    }
    const text = JSON.stringify(pack);
    expect(text).toContain('The plan has no contingency.');
    expect(text).toContain('Inspection action 0');
    expect(text).toContain('Recorded on the file.');
  });

  it('writes the same sections to the Word document', async () => {
    const { alpha } = world;
    const response = await get(
      alpha.people.manager,
      `/api/inspection/pack/docx?cases=${alpha.caseIds[0] ?? ''}`,
    );
    expect(response.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const framework = await loadFramework(t.db, DEFAULT_FRAMEWORK_REF.key, DEFAULT_FRAMEWORK_REF.version);
    const escape = (s: string) =>
      s
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/'/g, '&apos;')
        .replace(/"/g, '&quot;');
    for (const section of framework?.sections ?? [])
      expect(xml.includes(escape(section.title)) || xml.includes(section.title), section.title).toBe(true);
    expect(xml).toContain(alpha.references[0] ?? '-');
  });

  it("refuses a pack naming another service's case by its place, not dropping it", async () => {
    const { alpha, bravo } = world;
    const response = await get(
      alpha.people.qa,
      `/api/inspection/pack?cases=${alpha.caseIds[0] ?? ''},${bravo.caseIds[0] ?? ''}`,
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ fields: [{ path: 'cases.1' }] });
    const malformed = await get(alpha.people.qa, '/api/inspection/pack?cases=not-a-case');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ fields: [{ path: 'cases.0' }] });
    const tooMany = Array.from({ length: 21 }, () => randomUUID()).join(',');
    expect((await get(alpha.people.qa, `/api/inspection/pack?cases=${tooMany}`)).status).toBe(400);
  });
});
