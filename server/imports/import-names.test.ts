/**
 * A case list names teams, case types and flags in the council's own words. Over HTTP, on each
 * engine: the preview lists every name Lantern does not know, once; the QA lead creates it or
 * maps it to an existing one, and the import applies those decisions with the rows in one
 * transaction; a mapping is remembered, shown as remembered and applied next time, and can be
 * replaced or forgotten; a decision the person may not take writes nothing at all; and an empty
 * install (no demo) imports a real-looking 2,000-row list whose case types and flags are all new.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { base64, toCsv } from '../../tests/fixtures/case-lists/case-list';
import {
  COUNCIL_CASE_TYPES,
  COUNCIL_FLAGS,
  COUNCIL_HEADERS,
  COUNCIL_TEAMS,
  councilCaseListRows,
} from '../../tests/fixtures/case-lists/council-case-list';
import { importPreviewSchema, importResultSchema } from '../../shared/imports/import-schemas';
import { nameMappingSchema, type NameDecision } from '../../shared/imports/import-names';
import { createCaseType, createFlag, updateCaseLabel } from '../admin/case-labels-store';
import { createTeam } from '../admin/teams-store';
import { createFirstAdmin } from '../admin/create-first-admin';

const QA_LEAD = 'erin.qalead@demo.lantern.invalid';
const HEADERS = ['Case reference', 'Team', 'Case type', 'Flags'];
const PASSWORD = 'Harbour lanterns glow over quiet audit files 2026';

type Preview = ReturnType<typeof importPreviewSchema.parse>;

async function post(
  client: Client,
  path: string,
  csv: string,
  decisions?: NameDecision[],
): Promise<Response> {
  return client.request(path, {
    method: 'POST',
    json: { fileName: 'cases.csv', content: base64(csv), ...(decisions ? { decisions } : {}) },
  });
}
const preview = async (client: Client, csv: string, decisions?: NameDecision[]): Promise<Preview> => {
  const response = await post(client, '/api/imports/preview', csv, decisions);
  expect(response.status).toBe(200);
  return importPreviewSchema.parse(await response.json());
};
const summary = (p: Preview) =>
  p.names.map((n) => [n.kind, n.source, n.rows, n.status, n.target?.label ?? null]);

describe.each(ENGINES)('names in a case list on $engine', (engine) => {
  const t = useTestApp(engine);
  let qa: Client;
  let serviceId: string;
  let teamA: string;
  const count = async (sql: string, params: unknown[]): Promise<number> =>
    Number((await t.db.query<{ n: number }>(sql, params))[0]?.n);
  const casesLike = (prefix: string) =>
    count('SELECT count(*) AS n FROM cases WHERE reference LIKE $1', [`${prefix}-%`]);

  beforeAll(async () => {
    qa = await t.as(QA_LEAD);
    const [me] = await t.db.query<{ service_id: string }>('SELECT service_id FROM people WHERE email = $1', [
      QA_LEAD,
    ]);
    serviceId = me?.service_id ?? '';
    const [team] = await t.db.query<{ id: string }>(
      'SELECT id FROM teams WHERE service_id = $1 ORDER BY name LIMIT 1',
      [serviceId],
    );
    teamA = team?.id ?? '';
    const [known] = await t.db.query("SELECT key FROM case_flags WHERE lower(label) = 'exploitation'");
    if (!known) await createFlag(t.db, 'Exploitation');
  });

  const teamName = async (id: string) =>
    (await t.db.query<{ name: string }>('SELECT name FROM teams WHERE id = $1', [id]))[0]?.name ?? '';

  it('lists each unknown team, case type and flag once, with its rows, and imports nothing until each is decided', async () => {
    const known = await teamName(teamA);
    const csv = toCsv(
      [
        ['UNK-1', known, 'CIN', 'Exploitation'],
        ['UNK-2', 'Assessment Tm U', 'Early help U', 'Gangs U; Exploitation'],
        ['UNK-3', 'Assessment Tm U', 'early-help u', ''],
        ['UNK-4', known, 'Early Help U', 'gangs u'],
      ],
      HEADERS,
    );
    const p = await preview(qa, csv);
    expect(summary(p)).toEqual([
      ['team', 'Assessment Tm U', 2, 'unknown', null],
      ['case_type', 'Early help U', 3, 'unknown', null],
      ['flag', 'Gangs U', 2, 'unknown', null],
    ]);
    expect(p.names[0]).toMatchObject({ firstRow: 3, column: 'B (Team)' });
    expect(p.problems).toEqual([]);
    expect(p.changes).toBeNull();
    expect(p.nameOptions?.mayCreate).toEqual({ team: true, case_type: true, flag: true });
    expect(p.nameOptions?.teams.map((team) => team.id)).toContain(teamA);

    const response = await post(qa, '/api/imports', csv);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { fields: { path: string; message: string }[] };
    expect(body.fields.map((f) => f.path)).toEqual([
      'row 3, column B (Team)',
      'row 3, column C (Case type)',
      'row 3, column D (Flags)',
    ]);
    expect(body.fields[1]?.message).toBe(
      'Row 3, column C (Case type): "Early help U" is not a case type in Lantern (on 3 rows). Map it to an existing case type or create it in the preview, or correct the file.',
    );
    expect(await casesLike('UNK')).toBe(0);
  });

  it('creates the team, case type and flag the preview decided, with the rows, in one import', async () => {
    const csv = toCsv(
      [
        ['NEW-1', 'Assessment Team C1', 'EARLY HELP C', 'Gangs C'],
        ['NEW-2', 'Assessment Team C1', 'Early help C', 'gangs c; Exploitation'],
      ],
      HEADERS,
    );
    const decisions: NameDecision[] = [
      { action: 'create', kind: 'team', source: 'Assessment Team C1', name: 'Assessment Team C1', serviceId },
      { action: 'create', kind: 'case_type', source: 'EARLY HELP C', name: 'Early help C' },
      { action: 'create', kind: 'flag', source: 'Gangs C', name: 'Gangs (criminal exploitation) C' },
    ];
    const p = await preview(qa, csv, decisions);
    expect(p.fileProblems).toEqual([]);
    expect(p.names.map((n) => [n.source, n.status, n.create?.name])).toEqual([
      ['Assessment Team C1', 'create', 'Assessment Team C1'],
      ['EARLY HELP C', 'create', 'Early help C'],
      ['Gangs C', 'create', 'Gangs (criminal exploitation) C'],
    ]);
    expect(p.changes).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await count("SELECT count(*) AS n FROM case_types WHERE label = 'Early help C'", [])).toBe(0);

    const result = importResultSchema.parse(await (await post(qa, '/api/imports', csv, decisions)).json());
    expect(result.created).toBe(2);
    expect(result.createdNames.map((n) => [n.kind, n.name])).toEqual([
      ['team', 'Assessment Team C1'],
      ['case_type', 'Early help C'],
      ['flag', 'Gangs (criminal exploitation) C'],
    ]);
    const rows = await t.db.query<{
      reference: string;
      team: string;
      service_id: string;
      type: string;
      flags: string[];
    }>(
      // The flags as stored, in their order: the file's.
      `SELECT c.reference, t.name AS team, t.service_id, ct.label AS type,
              array(SELECT f.label FROM unnest(c.flags) WITH ORDINALITY AS u (key, n) JOIN case_flags f ON f.key = u.key
                    ORDER BY u.n) AS flags
       FROM cases c JOIN teams t ON t.id = c.team_id JOIN case_types ct ON ct.key = c.case_type
       WHERE c.reference LIKE 'NEW-%' ORDER BY c.reference`,
    );
    expect(rows).toEqual([
      {
        reference: 'NEW-1',
        team: 'Assessment Team C1',
        service_id: serviceId,
        type: 'Early help C',
        flags: ['Gangs (criminal exploitation) C'],
      },
      {
        reference: 'NEW-2',
        team: 'Assessment Team C1',
        service_id: serviceId,
        type: 'Early help C',
        // "gangs c; Exploitation" in the file: a created flag keeps its place before a known one.
        flags: ['Gangs (criminal exploitation) C', 'Exploitation'],
      },
    ]);
    const logged = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE action IN ('team.created', 'case-type.created', 'case-flag.created') AND detail->>'fromImport' = 'cases.csv' ORDER BY action",
    );
    expect(logged.map((l) => l.action)).toEqual(['case-flag.created', 'case-type.created', 'team.created']);
    // The tidied flag name differs from the file's: remembered, so the same file needs no decision again.
    const again = await preview(qa, csv);
    expect(summary(again)).toEqual([['flag', 'Gangs C', 2, 'remembered', 'Gangs (criminal exploitation) C']]);
    expect(again.changes).toEqual({ created: 0, updated: 0, unchanged: 2 });
  });

  it('maps a name to an existing one, remembers it, shows it as remembered next time, and lets it be replaced or forgotten', async () => {
    const decisions: NameDecision[] = [
      { action: 'map', kind: 'case_type', source: 'CP-R', target: 'child-protection' },
      { action: 'map', kind: 'team', source: 'Assessment Tm R', target: teamA },
    ];
    const first = toCsv([['MAP-1', 'Assessment Tm R', 'CP-R', '']], HEADERS);
    const mapped = await preview(qa, first, decisions);
    expect(summary(mapped)).toEqual([
      ['team', 'Assessment Tm R', 1, 'map', await teamName(teamA)],
      ['case_type', 'CP-R', 1, 'map', 'Child protection'],
    ]);
    const result = importResultSchema.parse(await (await post(qa, '/api/imports', first, decisions)).json());
    expect(result).toMatchObject({ created: 1, remembered: 2 });

    const next = toCsv(
      [
        ['MAP-2', 'assessment tm r', 'CP-R', ''],
        ['MAP-3', 'Assessment Tm R', 'cp r', ''],
      ],
      HEADERS,
    );
    const remembered = await preview(qa, next);
    expect(summary(remembered)).toEqual([
      ['team', 'assessment tm r', 2, 'remembered', await teamName(teamA)],
      ['case_type', 'CP-R', 2, 'remembered', 'Child protection'],
    ]);
    expect(remembered.changes).toEqual({ created: 2, updated: 0, unchanged: 0 });
    importResultSchema.parse(await (await post(qa, '/api/imports', next)).json());
    expect(
      await t.db.query(
        'SELECT reference, case_type, team_id FROM cases WHERE reference LIKE $1 ORDER BY reference',
        ['MAP-%'],
      ),
    ).toEqual(
      ['MAP-1', 'MAP-2', 'MAP-3'].map((reference) => ({
        reference,
        case_type: 'child-protection',
        team_id: teamA,
      })),
    );

    const list = async () =>
      nameMappingSchema
        .array()
        .parse(
          ((await (await qa.request('/api/imports/name-mappings')).json()) as { mappings: unknown }).mappings,
        )
        .filter((m) => m.source === 'CP-R' || m.source === 'Assessment Tm R');
    expect((await list()).map((m) => [m.kind, m.source, m.targetLabel])).toEqual([
      ['case_type', 'CP-R', 'Child protection'],
      ['team', 'Assessment Tm R', await teamName(teamA)],
    ]);

    // Replaced: a decision for the same name wins over the remembered one and is remembered instead.
    const replace: NameDecision[] = [
      { action: 'map', kind: 'case_type', source: 'CP-R', target: 'child-in-need' },
    ];
    const replaced = toCsv([['MAP-4', 'Assessment Tm R', 'CP-R', '']], HEADERS);
    expect(summary(await preview(qa, replaced, replace))[1]).toEqual([
      'case_type',
      'CP-R',
      1,
      'map',
      'Child in need',
    ]);
    importResultSchema.parse(await (await post(qa, '/api/imports', replaced, replace)).json());
    const cp = (await list()).find((m) => m.kind === 'case_type');
    expect(cp).toMatchObject({ target: 'child-in-need', targetLabel: 'Child in need' });

    // Forgotten: the name asks for a decision again.
    const forget = await qa.request(`/api/imports/name-mappings/${cp?.id ?? ''}`, { method: 'DELETE' });
    expect(forget.status).toBe(200);
    expect(summary(await preview(qa, replaced))[1]).toEqual(['case_type', 'CP-R', 1, 'unknown', null]);
    expect(
      await count("SELECT count(*) AS n FROM audit_log WHERE action = 'import-name.forgotten'", []),
    ).toBe(1);
  });

  it('refuses a decision the person may not take — another service’s team, a retired case type — and writes nothing', async () => {
    const [other] = await t.db.query<{ id: string }>(
      "INSERT INTO services (id, name) VALUES (gen_random_uuid(), 'Other Service X') RETURNING id",
    );
    const otherTeam = await createTeam(t.db, { name: 'Other Team X', serviceId: other?.id ?? '' });
    const retired = await createCaseType(t.db, 'Retired Type X');
    await updateCaseLabel(t.db, 'case-types', retired.key, { label: 'Retired Type X', retired: true });
    const csv = toCsv([['REF-1', 'Tm X', 'Type X', 'Flag X']], HEADERS);
    const attempts: [NameDecision, RegExp][] = [
      [
        { action: 'map', kind: 'team', source: 'Tm X', target: otherTeam.id },
        /map only to a team in your own service, and Other Team X is in Other Service X/,
      ],
      [
        { action: 'map', kind: 'case_type', source: 'Type X', target: retired.key },
        /does not exist or is retired/,
      ],
      [
        { action: 'create', kind: 'team', source: 'Tm X', name: 'Tm X', serviceId: other?.id ?? '' },
        /only in your own service/,
      ],
    ];
    for (const [refused, message] of attempts) {
      // Every other decision is fine: they are refused with it, all or nothing.
      const others: NameDecision[] = [
        { action: 'create', kind: 'flag', source: 'Flag X', name: 'Flag X' },
        { action: 'create', kind: 'case_type', source: 'Type X', name: 'Should not exist X' },
        { action: 'create', kind: 'team', source: 'Tm X', name: 'Should not exist Team X', serviceId },
        { action: 'map', kind: 'case_type', source: 'Unused X', target: 'child-in-need' },
      ];
      const decisions = [
        refused,
        ...others.filter((d) => d.kind !== refused.kind || d.source !== refused.source),
      ];
      const p = await preview(qa, csv, decisions);
      expect(p.fileProblems).toContainEqual({ path: 'decisions.0', message: expect.stringMatching(message) });
      const response = await post(qa, '/api/imports', csv, decisions);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { fields: { path: string; message: string }[] };
      expect(body.fields).toContainEqual({ path: 'decisions.0', message: expect.stringMatching(message) });
      // A decision about a name the file does not use is refused too.
      expect(body.fields.map((f) => f.path)).toContain(`decisions.${decisions.length - 1}`);
    }
    expect(await casesLike('REF')).toBe(0);
    expect(await count("SELECT count(*) AS n FROM case_types WHERE label LIKE 'Should not exist%'", [])).toBe(
      0,
    );
    expect(await count("SELECT count(*) AS n FROM teams WHERE name LIKE 'Should not exist%'", [])).toBe(0);
    expect(await count("SELECT count(*) AS n FROM case_flags WHERE label = 'Flag X'", [])).toBe(0);
    expect(
      await count("SELECT count(*) AS n FROM import_name_mappings WHERE source_name LIKE '%x'", []),
    ).toBe(0);
  });
});

describe.each(ENGINES)('an empty install on $engine', (engine) => {
  const t = useTestApp(engine, { demo: false });

  /** Sets a password with the one-time link and signs in, as the person would in a browser. */
  async function signInWithLink(email: string, linkPath: string): Promise<Client> {
    const token = new URLSearchParams(linkPath.split('?')[1] ?? '').get('token');
    const set = await t.request('/api/auth/set-password', {
      method: 'POST',
      json: { token, password: PASSWORD, confirmPassword: PASSWORD },
    });
    expect(set.status).toBe(200);
    const response = await t.request('/api/auth/sign-in', {
      method: 'POST',
      json: { email, password: PASSWORD },
    });
    expect(response.status).toBe(200);
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return {
      cookie,
      csrfToken,
      request: (path, init = {}) => {
        const headers = new Headers(init.headers);
        headers.set('cookie', cookie);
        headers.set('x-csrf-token', csrfToken);
        if (init.json === undefined) return t.request(path, { ...init, headers });
        headers.set('content-type', 'application/json');
        return t.request(path, { ...init, headers, body: JSON.stringify(init.json) });
      },
    };
  }

  it('imports a real-looking 2,000-row list whose case types, flags and most teams are all new', async () => {
    const link = await createFirstAdmin(t.db, { email: 'it.admin@council.invalid', name: 'Morgan Admin' });
    const admin = await signInWithLink('it.admin@council.invalid', link.path);
    const service = (await (
      await admin.request('/api/admin/services', { method: 'POST', json: { name: "Children's Social Care" } })
    ).json()) as { service: { id: string } };
    const serviceId = service.service.id;
    const team = await admin.request('/api/admin/teams', {
      method: 'POST',
      json: { name: COUNCIL_TEAMS[0], serviceId },
    });
    expect(team.status).toBe(201);
    const added = (await (
      await admin.request('/api/admin/people', {
        method: 'POST',
        json: { email: 'qa.lead@council.invalid', name: 'Rowan QA', roles: ['qa_lead'], serviceId },
      })
    ).json()) as { passwordLink: { path: string } };
    const qa = await signInWithLink('qa.lead@council.invalid', added.passwordLink.path);

    const rows = councilCaseListRows(2_000);
    const csv = toCsv(rows, COUNCIL_HEADERS);
    const first = await preview(qa, csv);
    expect(first.fileProblems).toEqual([]);
    expect(first.mapping).toMatchObject({
      reference: 0,
      team: 1,
      caseType: 2,
      flags: 4,
      closed: 5,
      openedOn: 6,
    });
    expect(first.nameOptions?.caseTypes).toEqual([]);
    expect(first.names.map((n) => [n.kind, n.source])).toEqual(
      expect.arrayContaining([
        ...COUNCIL_TEAMS.slice(1).map((name) => ['team', name]),
        ...COUNCIL_CASE_TYPES.map((name) => ['case_type', name]),
        ...COUNCIL_FLAGS.map((name) => ['flag', name]),
      ]),
    );
    expect(first.names).toHaveLength(
      COUNCIL_TEAMS.length - 1 + COUNCIL_CASE_TYPES.length + COUNCIL_FLAGS.length,
    );
    expect(first.changes).toBeNull();

    const tidy: Record<string, string> = {
      CIN: 'Child in need',
      CP: 'Child protection',
      LAC: 'Child looked after',
    };
    const decisions: NameDecision[] = first.names.map((n) =>
      n.kind === 'team'
        ? { action: 'create', kind: 'team', source: n.source, name: n.source }
        : { action: 'create', kind: n.kind, source: n.source, name: tidy[n.source] ?? n.source },
    );
    const decided = await preview(qa, csv, decisions);
    expect(decided.changes).toEqual({ created: 2_000, updated: 0, unchanged: 0 });
    const result = importResultSchema.parse(await (await post(qa, '/api/imports', csv, decisions)).json());
    expect(result).toMatchObject({ rowCount: 2_000, created: 2_000, remembered: 3 });

    const stored = await t.db.query<{
      reference: string;
      team: string;
      type: string;
      worker: string;
      flags: string[];
      closed: boolean;
      opened: string;
    }>(
      `SELECT c.reference, t.name AS team, ct.label AS type, c.allocated_worker AS worker, c.closed,
              to_char(c.opened_on, 'DD/MM/YYYY') AS opened,
              array(SELECT f.label FROM unnest(c.flags) k JOIN case_flags f ON f.key = k ORDER BY f.label COLLATE "C") AS flags
       FROM cases c JOIN teams t ON t.id = c.team_id JOIN case_types ct ON ct.key = c.case_type
       ORDER BY c.reference`,
    );
    expect(stored).toHaveLength(2_000);
    expect(stored).toEqual(
      rows.map((row) => ({
        reference: row[0],
        team: row[1],
        type: tidy[row[2] ?? ''] ?? row[2],
        worker: row[3],
        flags: (row[4] ?? '')
          .split('; ')
          .filter((f) => f !== '')
          .sort(),
        closed: row[5] === 'Closed',
        opened: row[6],
      })),
    );
    expect(
      await t.db.query<{ n: number }>('SELECT count(*) AS n FROM teams WHERE service_id = $1', [serviceId]),
    ).toEqual([{ n: COUNCIL_TEAMS.length }]);

    // The next month's list: the names are known now (CIN, CP and LAC remembered); nothing to decide.
    const again = await preview(qa, csv);
    expect(summary(again)).toHaveLength(3);
    expect(summary(again)).toEqual(
      expect.arrayContaining([
        ['case_type', 'CIN', expect.any(Number), 'remembered', 'Child in need'],
        ['case_type', 'CP', expect.any(Number), 'remembered', 'Child protection'],
        ['case_type', 'LAC', expect.any(Number), 'remembered', 'Child looked after'],
      ]),
    );
    expect(again.changes).toEqual({ created: 0, updated: 0, unchanged: 2_000 });
  });
});
