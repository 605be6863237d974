/**
 * A small organisation with two services, two teams each, for the cross-service data test
 * (server/auth/service-data.test.ts): in each service a QA lead, a manager, a moderator, two
 * auditors, a practitioner (the allocated worker of two audited cases of the first team) and the
 * first team's named manager; cases; submitted audits (some moderated, one pending moderation, one inadequate);
 * a round with its cases and allocations; a safeguarding alert; a case-list import; and an
 * improvement plan with an area, an action, a measure counted from audits and one entered by
 * hand. Records that the app owns by service (rounds, plans, imports) are made through the API
 * by that service's own people, so they are placed exactly as the app places them.
 *
 * `markers` are strings that appear only in one service's data (ids, references, names, notes):
 * a response to a person of the other service must contain none of them.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../server/db/database';
import { insertRows } from '../../server/db/insert-rows';
import { PERSON_COLUMNS } from '../../server/admin/people-columns';
import { ROUND_ALLOCATION_COLUMNS } from '../../server/demo/demo-columns';
import { hashPassword } from '../../server/auth/password';
import { createSession } from '../../server/auth/sessions';
import { rebuildMetricCounts } from '../../server/aggregates/rebuild-metric-counts';
import { AUDIT_COLUMNS } from '../../server/demo/synthetic-audits';
import { DEFAULT_FRAMEWORK_REF, syntheticAnswers } from '../../server/demo/synthetic-answers';
import { seededRandom } from '../../shared/random/seeded-random';
import type { TestApp } from './test-app';

export type ServiceKey = 'alpha' | 'bravo';
export type WorldRole =
  'qa' | 'manager' | 'moderator' | 'auditor1' | 'auditor2' | 'practitioner' | 'teamManager';
export const WORLD_ROLES: readonly WorldRole[] = [
  'qa',
  'manager',
  'moderator',
  'auditor1',
  'auditor2',
  'practitioner',
  'teamManager',
];

export const WORLD_PASSWORD = 'two-services-test-password';

/**
 * The service's guests (people from outside the council, server/auth/guest-access.ts), in a
 * round of their own that runs from two days ago to two weeks from now (London), so they are
 * admitted while the tests run: a moderator from a neighbouring council sampled two of the
 * service's submitted audits, and a health auditor joining an auditor of the service on one case
 * (a joint audit). What is theirs is listed so a test can tell it from what must not reach them.
 */
export interface WorldGuests {
  roundId: string;
  roundName: string;
  /** The round's last day (London), the guests' last day too. */
  lastDay: string;
  moderator: string;
  auditor: string;
  /** The guest moderator's sample: audits 2 and 3, their moderations pending. */
  sampledIndexes: [number, number];
  moderationIds: string[];
  /** The guest auditor's case (case 7), its lead allocation (auditor 1's) and the guest's joining one. */
  caseIndex: number;
  leadAllocationId: string;
  jointAllocationId: string;
}

export interface ServiceWorld {
  key: ServiceKey;
  label: string;
  serviceId: string;
  teamIds: [string, string];
  people: Record<WorldRole, string>;
  caseIds: string[];
  references: string[];
  /** Submitted audits, the first two in the round. */
  auditIds: string[];
  /** An audit graded Inadequate with no re-audit scheduled (a re-audit candidate). */
  inadequateAuditId: string;
  moderationPendingId: string;
  moderationAgreedId: string;
  roundId: string;
  roundName: string;
  allocationId: string;
  /** A case of the round not yet allocated. */
  freeCaseId: string;
  alertId: string;
  /** A case action of the first audit, owned by auditor 1. */
  caseActionId: string;
  /** A theme of the service's, coded on audit 0's strengths (chosen as a quote); audit 0 is good practice. */
  findingThemeId: string;
  /** A draft audit report of the round, and its one recommendation. */
  reportId: string;
  reportRecommendationId: string;
  planId: string;
  areaId: string;
  actionId: string;
  measureId: string;
  manualMeasureId: string;
  importFileName: string;
  guests: WorldGuests;
  /** Strings found only in this service's data: its people, teams and audit-derived records. */
  markers: string[];
  /** The audit-derived ones alone (cases, audits, moderation, rounds, alerts, plans, imports). */
  auditMarkers: string[];
}

export interface TwoServiceWorld {
  alpha: ServiceWorld;
  bravo: ServiceWorld;
  /** People in no service: a QA lead and a manager (they must reach nothing audit-derived). */
  loose: { qa: string; manager: string };
  /** A session's headers for a person (a fresh session each call). */
  headers(personId: string): Promise<Record<string, string>>;
}

const CAP = { alpha: 'Alpha', bravo: 'Bravo' } as const;
const REF = { alpha: 'ALF', bravo: 'BRV' } as const;

async function insertPeople(
  db: Queryable,
  key: ServiceKey | 'unplaced',
  serviceId: string | null,
  teams: [string, string] | null,
  passwordHash: string,
): Promise<Record<WorldRole, string>> {
  const name = key === 'unplaced' ? 'Unplaced' : CAP[key];
  const spec: Record<WorldRole, { roles: string[]; team: string | null; title: string }> = {
    qa: { roles: ['qa_lead', 'moderator'], team: null, title: 'Head of quality assurance' },
    manager: { roles: ['manager'], team: null, title: 'Head of service' },
    moderator: { roles: ['moderator', 'auditor'], team: null, title: 'Practice lead' },
    auditor1: { roles: ['auditor'], team: teams?.[0] ?? null, title: 'Team manager' },
    auditor2: { roles: ['auditor'], team: teams?.[1] ?? null, title: 'Senior practitioner' },
    // The allocated worker of the first team's audited cases 0 and 2 (not of case 4).
    practitioner: { roles: ['practitioner'], team: teams?.[0] ?? null, title: 'Social worker' },
    // The first team's named manager, holding only the auditor role.
    teamManager: { roles: ['auditor'], team: teams?.[0] ?? null, title: 'Team manager' },
  };
  const ids = Object.fromEntries(WORLD_ROLES.map((role) => [role, randomUUID()])) as Record<
    WorldRole,
    string
  >;
  await insertRows(
    db,
    'people',
    { ...PERSON_COLUMNS, password_hash: 'text' },
    WORLD_ROLES.map((role) => ({
      id: ids[role],
      email: `${key}-${role}@two-services.test.invalid`.toLowerCase(),
      display_name: `${name} ${role} person`,
      job_title: spec[role].title,
      team_id: spec[role].team,
      service_id: serviceId,
      roles: spec[role].roles,
      password_hash: passwordHash,
    })),
  );
  return ids;
}

async function json<T>(response: Response, expected: number): Promise<T> {
  const text = await response.text();
  if (response.status !== expected) throw new Error(`world set-up: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** A practice week of the default framework, due on its last day, made through the API by the service's QA lead. */
async function createPracticeWeek(
  t: TestApp,
  qa: Record<string, string>,
  name: string,
  startDate: string | undefined,
  lastDay: string,
): Promise<{ id: string; name: string }> {
  const made = await json<{ round: { id: string; name: string } }>(
    await t.request('/api/rounds', {
      method: 'POST',
      headers: qa,
      json: {
        name,
        kind: 'practice_week',
        startDate,
        endDate: lastDay,
        dueDate: lastDay,
        frameworkKey: DEFAULT_FRAMEWORK_REF.key,
        frameworkVersion: DEFAULT_FRAMEWORK_REF.version,
        moderationShare: 0.3,
      },
    }),
    201,
  );
  return made.round;
}

async function buildService(
  t: TestApp,
  key: ServiceKey,
  passwordHash: string,
  headers: (personId: string) => Promise<Record<string, string>>,
): Promise<ServiceWorld> {
  const db = t.db;
  const name = CAP[key];
  const serviceId = randomUUID();
  const teamIds: [string, string] = [randomUUID(), randomUUID()];
  await db.query('INSERT INTO services (id, name) VALUES ($1, $2)', [serviceId, `${name} service (test)`]);
  await db.query('INSERT INTO teams (id, service_id, name) VALUES ($1, $3, $4), ($2, $3, $5)', [
    teamIds[0],
    teamIds[1],
    serviceId,
    `${name} team one`,
    `${name} team two`,
  ]);
  const people = await insertPeople(db, key, serviceId, teamIds, passwordHash);
  await db.query('INSERT INTO team_managers (team_id, person_id) VALUES ($1, $2)', [
    teamIds[0],
    people.teamManager,
  ]);
  const caseType = 'child-in-need';
  await db.query("INSERT INTO case_types (key, label) VALUES ($1, 'Child in need') ON CONFLICT DO NOTHING", [
    caseType,
  ]);
  const caseIds = Array.from({ length: 8 }, () => randomUUID());
  const references = caseIds.map((_, i) => `${REF[key]}-${String(1000 + i)}`);
  await insertRows(
    db,
    'cases',
    { id: 'uuid', reference: 'text', team_id: 'uuid', case_type: 'text', allocated_worker: 'text' },
    caseIds.map((id, i) => ({
      id,
      reference: references[i],
      team_id: teamIds[i % 2],
      case_type: caseType,
      allocated_worker: `${name} worker ${i}`,
    })),
  );
  await db.query('UPDATE cases SET practitioner_id = $1 WHERE id = ANY ($2::uuid[])', [
    people.practitioner,
    [caseIds[0], caseIds[2]],
  ]);

  // Five submitted audits in March 2026 (the first four graded Good or Requires improvement, the
  // fifth Inadequate), each with a note only this service has written.
  const random = seededRandom(key === 'alpha' ? 1 : 2);
  const auditIds = Array.from({ length: 5 }, () => randomUUID());
  const auditor = [people.auditor1, people.auditor2, people.moderator];
  await insertRows(
    db,
    'audits',
    AUDIT_COLUMNS,
    auditIds.map((id, i) => {
      const grade = i === 4 ? 3 : 1 + (i % 2);
      const answers = syntheticAnswers(grade, random);
      answers['overall.areas-for-development'] = { kind: 'text', value: `${name} finding note ${i}` };
      answers['overall.strengths'] = { kind: 'text', value: `${name} strengths note ${i}` };
      const completed = `2026-03-${String(10 + i).padStart(2, '0')}T11:00:00Z`;
      return {
        id,
        case_id: caseIds[i],
        team_id: teamIds[i % 2],
        case_type: caseType,
        framework_key: DEFAULT_FRAMEWORK_REF.key,
        framework_version: DEFAULT_FRAMEWORK_REF.version,
        auditor_id: auditor[i % 3],
        kind: i < 2 ? 'practice_week' : 'monthly',
        status: 'submitted',
        answers,
        overall_grade: grade,
        completed_at: completed,
        created_at: completed,
        updated_at: completed,
      };
    }),
  );
  const inadequateAuditId = auditIds[4] ?? '';

  const qa = await headers(people.qa);
  const round = await createPracticeWeek(t, qa, `${name} practice week`, '2026-10-12', '2026-10-16');
  // The round holds the first two audited cases and two more; the third is allocated to auditor 2.
  const inRound = [caseIds[0], caseIds[1], caseIds[5], caseIds[6]];
  await insertRows(
    db,
    'round_cases',
    { round_id: 'uuid', case_id: 'uuid', stratum: 'text', position: 'integer' },
    inRound.map((caseId, position) => ({ round_id: round.id, case_id: caseId, stratum: '', position })),
  );
  const allocationId = randomUUID();
  await insertRows(db, 'allocations', ROUND_ALLOCATION_COLUMNS, [
    ...[0, 1].map((i) => ({
      id: auditIds[i],
      case_id: caseIds[i],
      auditor_id: auditor[i % 3],
      framework_key: DEFAULT_FRAMEWORK_REF.key,
      framework_version: DEFAULT_FRAMEWORK_REF.version,
      round_name: round.name,
      round_id: round.id,
      due_date: '2026-10-16',
      active: false,
      finished: true,
    })),
    {
      id: allocationId,
      case_id: caseIds[5],
      auditor_id: people.auditor2,
      framework_key: DEFAULT_FRAMEWORK_REF.key,
      framework_version: DEFAULT_FRAMEWORK_REF.version,
      round_name: round.name,
      round_id: round.id,
      due_date: '2026-10-16',
      active: true,
      finished: false,
    },
  ]);

  // Moderation: one agreed (counted), one pending for the service's moderator.
  const moderationAgreedId = randomUUID();
  const moderationPendingId = randomUUID();
  await db.query(
    // The agreed one was moderated blind (migration 019), so it counts in the agreement figures.
    `INSERT INTO moderations (id, audit_id, round_id, moderator_id, status, auditor_overall, moderated_overall, audit_rev, moderated_at,
       blind_answers, blind_overall, blind_at, blind_by)
     VALUES ($1, $2, $3, $4, 'agreed', 1, 1, 1, '2026-03-20T10:00:00Z',
              '{"overall.grade":{"kind":"grade","value":1}}', 1, '2026-03-20T09:00:00Z', $4),
            ($5, $6, $3, $4, 'pending', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
    [moderationAgreedId, auditIds[0], round.id, people.moderator, moderationPendingId, auditIds[1]],
  );

  // A safeguarding alert raised on the third audit, to the QA lead and the team's manager.
  const alertId = randomUUID();
  await db.query(
    `INSERT INTO alerts (id, audit_id, case_id, team_id, raised_by, raised_at, escalate_at)
     VALUES ($1, $2, $3, $4, $5, '2026-10-14T09:00:00Z', '2099-01-01T00:00:00Z')`,
    [alertId, auditIds[2], caseIds[2], teamIds[0], people.moderator],
  );
  await db.query(
    `INSERT INTO alert_recipients (alert_id, person_id, reason) VALUES ($1, $2, 'qa_lead'), ($1, $3, 'team_manager')`,
    [alertId, people.qa, people.auditor1],
  );

  // A case action of the first audit, owned by auditor 1 and due in the past (overdue).
  const caseActionId = randomUUID();
  await db.query(
    `INSERT INTO case_actions (id, audit_id, action_key, team_id, what, who, due_date, owner_id)
     VALUES ($1, $2, '#1', $3, $4, $5, '2026-04-30', $6)`,
    [
      caseActionId,
      auditIds[0],
      teamIds[0],
      `${name} case action what`,
      `${name} auditor1 person`,
      people.auditor1,
    ],
  );

  // Learning from audits: a theme, audit 0's strengths coded into it as a quote, and audit 0
  // marked as good practice.
  const findingThemeId = randomUUID();
  await db.query(`INSERT INTO finding_themes (id, service_id, name) VALUES ($1, $2, $3)`, [
    findingThemeId,
    serviceId,
    `${name} finding theme`,
  ]);
  await db.query(
    `INSERT INTO finding_codings (audit_id, item_key, theme_id, coded_by, quote_at)
     VALUES ($1, 'overall.strengths', $2, $3, now())`,
    [auditIds[0], findingThemeId, people.qa],
  );
  await db.query('INSERT INTO good_practice_marks (audit_id, reason, marked_by) VALUES ($1, $2, $3)', [
    auditIds[0],
    `${name} good practice reason`,
    people.qa,
  ]);

  // A case-list import of the service's, as the import leaves it (the import itself is tested
  // in server/imports/).
  const importFileName = `${key}-case-list.csv`;
  await db.query(
    `INSERT INTO case_imports (id, file_name, file_sha256, format, mapping, row_count, created_count, updated_count,
       unchanged_count, imported_by, service_id)
     VALUES (gen_random_uuid(), $1, md5($1), 'csv', '{}'::jsonb, 2, 2, 0, 0, $2, $3)`,
    [importFileName, people.qa, serviceId],
  );

  // The service's improvement plan.
  const manager = await headers(people.manager);
  const plan = await json<{ id: string }>(
    await t.request('/api/plans', {
      method: 'POST',
      headers: manager,
      json: { title: `${name} improvement plan`, kind: 'inspection' },
    }),
    201,
  );
  const withArea = await json<{ areas: { id: string }[] }>(
    await t.request(`/api/plans/${plan.id}/areas`, {
      method: 'POST',
      headers: manager,
      json: { reference: 'A', title: `${name} area title`, theme: 'A', timescale: 'within-3-months' },
    }),
    201,
  );
  const areaId = withArea.areas[0]?.id ?? '';
  const action = await json<{ action: { id: string } }>(
    await t.request(`/api/plans/${plan.id}/actions`, {
      method: 'POST',
      headers: manager,
      json: { areaId, number: 'A1', description: `${name} action description`, owner: `${name} owner` },
    }),
    201,
  );
  const actionId = action.action.id;
  const trajectory = {
    baseline: { date: '2026-01-31', value: 0.4 },
    milestones: [{ date: '2026-12-31', target: 0.8 }],
  };
  const withMeasure = await json<{ measures: { id: string }[] }>(
    await t.request(`/api/plans/${plan.id}/actions/${actionId}/measures`, {
      method: 'POST',
      headers: manager,
      json: {
        title: `${name} audits at least good`,
        source: 'audits',
        metric: {
          name: 'At least good',
          source: { item: 'overall.grade' },
          passing: [0, 1],
          bucket: 'month',
        },
        trajectory,
      },
    }),
    201,
  );
  const withManual = await json<{ measures: { id: string }[] }>(
    await t.request(`/api/plans/${plan.id}/actions/${actionId}/measures`, {
      method: 'POST',
      headers: manager,
      json: { title: `${name} return interviews`, source: 'manual', bucket: 'quarter', trajectory },
    }),
    201,
  );
  const measureId = withMeasure.measures[0]?.id ?? '';
  const manualMeasureId = withManual.measures.find((m) => m.id !== measureId)?.id ?? '';

  // A draft audit report of the round with one recommendation.
  const report = await json<{ id: string }>(
    await t.request('/api/reports', {
      method: 'POST',
      headers: qa,
      json: { title: `${name} audit report`, scope: { kind: 'round', roundId: round.id } },
    }),
    201,
  );
  const withRecommendation = await json<{ recommendations: { id: string }[] }>(
    await t.request(`/api/reports/${report.id}`, {
      method: 'PUT',
      headers: qa,
      json: {
        title: `${name} audit report`,
        summary: `${name} report summary`,
        recommendations: [{ text: `${name} report recommendation` }],
      },
    }),
    200,
  );
  const reportId = report.id;
  const reportRecommendationId = withRecommendation.recommendations[0]?.id ?? '';

  const guests = await addGuests(t, db, key, caseIds, auditIds, people, headers);

  const world: ServiceWorld = {
    key,
    label: name,
    serviceId,
    teamIds,
    people,
    caseIds,
    references,
    auditIds,
    inadequateAuditId,
    moderationPendingId,
    moderationAgreedId,
    roundId: round.id,
    roundName: round.name,
    allocationId,
    freeCaseId: caseIds[6] ?? '',
    alertId,
    caseActionId,
    findingThemeId,
    reportId,
    reportRecommendationId,
    planId: plan.id,
    areaId,
    actionId,
    measureId,
    manualMeasureId,
    importFileName,
    guests,
    markers: [],
    auditMarkers: [],
  };
  world.auditMarkers = [
    ...caseIds,
    ...auditIds,
    moderationAgreedId,
    moderationPendingId,
    round.id,
    allocationId,
    alertId,
    caseActionId,
    findingThemeId,
    reportId,
    reportRecommendationId,
    plan.id,
    areaId,
    actionId,
    measureId,
    manualMeasureId,
    `${REF[key]}-`,
    importFileName,
    guests.roundId,
    ...guests.moderationIds,
    guests.leadAllocationId,
    guests.jointAllocationId,
    ...['report summary', 'report recommendation']
      .concat([
        'finding note',
        'strengths note',
        'later note',
        'practice week',
        'improvement plan',
        'area title',
      ])
      .concat(['action description', 'owner', 'audits at least good', 'return interviews', 'worker'])
      .map((text) => `${name} ${text}`),
  ];
  // People and teams: every name begins with the service's; e-mails with its key.
  world.markers = [
    serviceId,
    ...teamIds,
    ...Object.values(people),
    guests.moderator,
    guests.auditor,
    `${name} `,
    `${key}-`,
    ...world.auditMarkers,
  ];
  return world;
}

async function addGuests(
  t: TestApp,
  db: Queryable,
  key: ServiceKey,
  caseIds: string[],
  auditIds: string[],
  people: Record<WorldRole, string>,
  headers: (personId: string) => Promise<Record<string, string>>,
): Promise<WorldGuests> {
  const name = CAP[key];
  const qa = await headers(people.qa);
  const [today] = await db.query<{ start: string; end: string }>(
    `SELECT ((now() AT TIME ZONE 'Europe/London')::date - 2)::text AS start,
            ((now() AT TIME ZONE 'Europe/London')::date + 14)::text AS end`,
  );
  const lastDay = today?.end ?? '';
  const round = await createPracticeWeek(t, qa, `${name} joint week`, today?.start, lastDay);
  const addGuest = async (role: 'moderator' | 'auditor', agency: string, organisation: string) =>
    (
      await json<{ person: { id: string } }>(
        await t.request(`/api/rounds/${round.id}/guests`, {
          method: 'POST',
          headers: qa,
          json: {
            name: `${name} guest ${role}`,
            email: `${key}-guest-${role}@two-services.test.invalid`,
            organisation,
            agency,
            lastDay,
            roles: [role],
          },
        }),
        201,
      )
    ).person.id;
  const moderator = await addGuest('moderator', 'social_care', `${name} neighbouring council`);
  const auditor = await addGuest('auditor', 'health', `${name} health trust`);
  // As if each had set their password from the link: the world's one password.
  await db.query(
    'UPDATE people SET password_hash = (SELECT password_hash FROM people WHERE id = $1) WHERE id = ANY ($2::uuid[])',
    [people.qa, [moderator, auditor]],
  );

  const sampledIndexes: [number, number] = [2, 3];
  const moderationIds = sampledIndexes.map(() => randomUUID());
  await insertRows(
    db,
    'moderations',
    { id: 'uuid', audit_id: 'uuid', round_id: 'uuid', moderator_id: 'uuid', sampled_by: 'uuid' },
    sampledIndexes.map((i, n) => ({
      id: moderationIds[n],
      audit_id: auditIds[i],
      round_id: round.id,
      moderator_id: moderator,
      sampled_by: people.qa,
    })),
  );

  // Case 7 allocated to auditor 1 in the guests' round, joined by the guest auditor (both by API).
  const caseIndex = 7;
  const lead = await json<{ allocationId: string }>(
    await t.request('/api/allocations', {
      method: 'POST',
      headers: qa,
      json: { roundId: round.id, caseId: caseIds[caseIndex], auditorId: people.auditor1 },
    }),
    201,
  );
  const joint = await json<{ allocationId: string }>(
    await t.request(`/api/allocations/${lead.allocationId}/joint`, {
      method: 'POST',
      headers: qa,
      json: { auditorId: auditor },
    }),
    201,
  );
  return {
    roundId: round.id,
    roundName: round.name,
    lastDay,
    moderator,
    auditor,
    sampledIndexes,
    moderationIds,
    caseIndex,
    leadAllocationId: lead.allocationId,
    jointAllocationId: joint.allocationId,
  };
}

/**
 * Builds the two-service world on a test app (created with `demo: false` so nothing else is
 * there), with the pre-aggregated counts rebuilt so dashboards see the audits.
 */
export async function buildTwoServiceWorld(t: TestApp): Promise<TwoServiceWorld> {
  const passwordHash = await hashPassword(WORLD_PASSWORD);
  const headers = async (personId: string): Promise<Record<string, string>> => {
    const session = await createSession(
      t.db,
      personId,
      { idleMinutes: 60, maxHours: 1 },
      { ip: '192.0.2.20', userAgent: 'two-services', method: 'password' },
    );
    return { cookie: `lantern_session=${session.token}`, 'x-csrf-token': session.csrfToken };
  };
  const alpha = await buildService(t, 'alpha', passwordHash, headers);
  const bravo = await buildService(t, 'bravo', passwordHash, headers);
  const looseIds = await insertPeople(t.db, 'unplaced', null, null, passwordHash);
  await t.db.transaction((tx) => rebuildMetricCounts(tx));
  return { alpha, bravo, loose: { qa: looseIds.qa, manager: looseIds.manager }, headers };
}
