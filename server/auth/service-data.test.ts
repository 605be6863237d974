/**
 * Nothing of one service reaches a person of another, generated from the registry: every API
 * route in ACCESS_RULES has a declared data expectation (service-data-probes.ts), and every
 * route that returns or changes audit-derived data is called, aimed at the Alpha service's
 * records, by every person of the Bravo service (QA lead, manager, moderator, auditors, and its
 * guests from outside the council) and by people in no service. It must answer with none of Alpha's ids, references, names, notes or
 * counts — a read's answer is the same before and after Alpha gains an audit, a moderation and
 * an alert — and a write must change no row of Alpha's. The same read made by Alpha's own person
 * shows Alpha's data, so each probe is known to aim at something.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { isRead, readsFirst } from '../../tests/support/reads-first';
import { TEST_CONFIG } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { fingerprint } from '../../tests/support/service-fingerprint';
import { callProbe } from '../../tests/support/probe-request';
import { pastPullHorizon } from '../../tests/support/sync-eventually';
import {
  buildTwoServiceWorld,
  type ServiceWorld,
  type TwoServiceWorld,
} from '../../tests/support/two-service-world';
import { createApp } from '../app';
import type { Database } from '../db/database';
import { AUDIT_COLUMNS } from '../demo/synthetic-audits';
import { DEFAULT_FRAMEWORK_REF, syntheticAnswers } from '../demo/synthetic-answers';
import { insertRows } from '../db/insert-rows';
import { rebuildMetricCounts } from '../aggregates/rebuild-metric-counts';
import { seededRandom } from '../../shared/random/seeded-random';
import { ACCESS_RULES } from './access-rules';
import { DATA_PROBES, type DataProbe, type ProbeContext } from './service-data-probes';

const unusedDb: Database = new Proxy({} as Database, {
  get: () => {
    throw new Error('listing routes must not touch the database');
  },
});
const ROUTES = [
  ...new Set(
    createApp({ db: unusedDb, config: TEST_CONFIG, schemaVersion: 0, oidc: null })
      .routes.filter((r) => r.path.startsWith('/api') && r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path}`),
  ),
];
// Reads first: their answers are compared before and after Alpha changes, and no write of the
// callers' own (a new round, a plan) may come in between.
const ORDERED = readsFirst(ROUTES);

describe('the data expectations', () => {
  it('declares what every API route may show of a service’s data', () => {
    const missing = Object.keys(ACCESS_RULES).filter((key) => !Object.hasOwn(DATA_PROBES, key));
    expect(
      missing,
      `Declare in server/auth/service-data-probes.ts what these routes return or change of a service's data:\n${missing.join('\n')}`,
    ).toEqual([]);
    const stale = Object.keys(DATA_PROBES).filter((key) => !Object.hasOwn(ACCESS_RULES, key));
    expect(stale).toEqual([]);
  });
});

/** Alpha gains a submitted Inadequate audit, moderated (re-graded), with an alert. */
async function alphaChanges(db: Database, w: ServiceWorld): Promise<void> {
  const auditId = randomUUID();
  const answers = syntheticAnswers(3, seededRandom(99));
  answers['overall.areas-for-development'] = { kind: 'text', value: 'Alpha later note' };
  const caseId = w.caseIds[7] ?? '';
  await insertRows(db, 'audits', AUDIT_COLUMNS, [
    {
      id: auditId,
      case_id: caseId,
      team_id: w.teamIds[0],
      case_type: 'child-in-need',
      framework_key: DEFAULT_FRAMEWORK_REF.key,
      framework_version: DEFAULT_FRAMEWORK_REF.version,
      auditor_id: w.people.auditor1,
      kind: 'practice_week',
      status: 'submitted',
      answers,
      overall_grade: 3,
      completed_at: '2026-03-25T10:00:00Z',
      created_at: '2026-03-25T10:00:00Z',
      updated_at: '2026-03-25T10:00:00Z',
    },
  ]);
  await db.query(
    `INSERT INTO moderations (id, audit_id, round_id, moderator_id, status, auditor_overall, moderated_overall, audit_rev, moderated_at)
     VALUES ($1, $2, $3, $4, 'regraded', 3, 2, 1, '2026-03-26T10:00:00Z')`,
    [randomUUID(), auditId, w.roundId, w.people.qa],
  );
  const alertId = randomUUID();
  await db.query(
    `INSERT INTO alerts (id, audit_id, case_id, team_id, raised_by, raised_at, escalate_at)
     VALUES ($1, $2, $3, $4, $5, '2026-10-14T10:00:00Z', '2099-01-01T00:00:00Z')`,
    [alertId, auditId, caseId, w.teamIds[0], w.people.auditor1],
  );
  await db.query("INSERT INTO alert_recipients (alert_id, person_id, reason) VALUES ($1, $2, 'qa_lead')", [
    alertId,
    w.people.qa,
  ]);
  await db.transaction((tx) => rebuildMetricCounts(tx));
}

function leakedMarkers(text: string, markers: readonly string[]): string[] {
  return markers.filter((marker) => text.includes(marker));
}

describe.each(ENGINES)('no service sees another’s data on $engine', (engine) => {
  const t = useTestApp(engine, { demo: false });
  let world: TwoServiceWorld;
  /** Bravo's people and people in no service, by a readable name. */
  let outsiders: { name: string; personId: string; mine: ServiceWorld }[];
  const before = new Map<string, string>();

  const contextFor = (mine: ServiceWorld): ProbeContext => ({ db: t.db, victim: world.alpha, mine });

  const call = (
    key: string,
    probe: Extract<DataProbe, { data: 'service' }>,
    personId: string,
    mine: ServiceWorld,
  ) => callProbe(t, world, key, probe, personId, contextFor(mine));

  beforeAll(async () => {
    world = await buildTwoServiceWorld(t);
    const b = world.bravo;
    outsiders = [
      { name: 'Bravo QA lead', personId: b.people.qa, mine: b },
      { name: 'Bravo manager', personId: b.people.manager, mine: b },
      { name: 'Bravo moderator', personId: b.people.moderator, mine: b },
      { name: 'Bravo auditor', personId: b.people.auditor1, mine: b },
      { name: 'QA lead in no service', personId: world.loose.qa, mine: b },
      { name: 'manager in no service', personId: world.loose.manager, mine: b },
    ];
    // Pulls hand out only what every older transaction on the cluster has let pass: the reads
    // before and after Alpha's changes are each taken once all that came before is visible, so
    // an answer changes only for what changed, and a leak of Alpha's changes cannot hide.
    await pastPullHorizon(t.db);
    for (const key of ORDERED) {
      const probe = DATA_PROBES[key];
      if (!isRead(key) || probe?.data !== 'service' || probe.volatile) continue;
      for (const who of outsiders)
        before.set(`${key} ${who.name}`, (await call(key, probe, who.personId, who.mine)).text);
    }
    await alphaChanges(t.db, world.alpha);
    await pastPullHorizon(t.db);
  }, 600_000);

  for (const key of ORDERED) {
    const probe = DATA_PROBES[key];
    if (!probe) continue; // reported above
    if (probe.data === 'none') {
      if (!isRead(key) || key.includes('/oidc/')) continue;
      it(`${key}: no audit-derived data of another service (${probe.why})`, async () => {
        for (const who of outsiders) {
          const { text } = await callProbe(t, world, key, probe, who.personId, contextFor(who.mine));
          const leaked = leakedMarkers(text, world.alpha.auditMarkers);
          expect(leaked, `${key} as ${who.name}`).toEqual([]);
        }
      });
      continue;
    }
    it(`${key}: another service's people get nothing of it`, async () => {
      const problems: string[] = [];
      // Alpha's rows before each write: taken once, then each write's "after" is the next one's
      // "before" (nothing else runs in between), so every write is still compared with the state
      // just before it, for half the reads of Alpha's data.
      let print = isRead(key) ? '' : await fingerprint(t.db, world.alpha);
      for (const who of outsiders) {
        const { status, text } = await call(key, probe, who.personId, who.mine);
        const echoed = new Set(probe.echoed?.(contextFor(who.mine)) ?? []);
        const leaked = leakedMarkers(text, world.alpha.markers).filter((marker) => !echoed.has(marker));
        if (leaked.length > 0)
          problems.push(`${who.name}: ${status}, answer holds ${leaked.slice(0, 4).join(', ')}`);
        if (status >= 500) problems.push(`${who.name}: ${status} ${text.slice(0, 200)}`);
        if (probe.target && status !== 403 && status !== 404)
          problems.push(`${who.name}: ${status} on another service's record, not a refusal`);
        if (isRead(key) && !probe.volatile) {
          const earlier = before.get(`${key} ${who.name}`);
          if (earlier !== text) problems.push(`${who.name}: the answer changed when Alpha's data did`);
        }
        if (!isRead(key)) {
          const after = await fingerprint(t.db, world.alpha);
          if (after !== print) problems.push(`${who.name}: ${status}, and a row of Alpha's changed`);
          print = after;
        }
      }
      expect(problems, key).toEqual([]);
      if (probe.control) {
        const { status, text } = await call(key, probe, world.alpha.people[probe.control], world.alpha);
        expect(status, `${key} as Alpha's ${probe.control}: ${text.slice(0, 200)}`).toBe(200);
        expect(
          leakedMarkers(text, world.alpha.markers).length,
          `${key} as Alpha's ${probe.control}`,
        ).toBeGreaterThan(0);
      }
    });
  }

  // People from outside the council, taking part in a round of Bravo's, called last:
  // every request a guest makes is logged with its path, so their calls aimed at Alpha's records
  // would show Alpha's ids (as they typed them) in Bravo's own audit log, read above.
  it("Bravo's guests get nothing of Alpha's on any route", async () => {
    const b = world.bravo;
    const guests = [
      { name: 'Bravo guest moderator', personId: b.guests.moderator },
      { name: 'Bravo guest auditor', personId: b.guests.auditor },
    ];
    const problems: string[] = [];
    // Alpha's rows just before a write: the previous write's "after" when only writes came in
    // between (as above); taken afresh after any read, whose effects this test does not judge.
    let print: string | null = null;
    for (const key of ORDERED) {
      const probe = DATA_PROBES[key];
      if (probe?.data !== 'service') continue;
      for (const who of guests) {
        if (isRead(key)) print = null;
        else print ??= await fingerprint(t.db, world.alpha);
        const { status, text } = await call(key, probe, who.personId, b);
        const echoed = new Set(probe.echoed?.(contextFor(b)) ?? []);
        const leaked = leakedMarkers(text, world.alpha.markers).filter((marker) => !echoed.has(marker));
        if (leaked.length > 0)
          problems.push(`${key} as ${who.name}: ${status}, holds ${leaked.slice(0, 4).join(', ')}`);
        if (status >= 500) problems.push(`${key} as ${who.name}: ${status} ${text.slice(0, 200)}`);
        if (probe.target && status !== 403 && status !== 404)
          problems.push(`${key} as ${who.name}: ${status} on another service's record, not a refusal`);
        if (!isRead(key)) {
          const after = await fingerprint(t.db, world.alpha);
          if (after !== print)
            problems.push(`${key} as ${who.name}: ${status}, and a row of Alpha's changed`);
          print = after;
        }
      }
    }
    expect(problems).toEqual([]);
  }, 600_000);
});
