/**
 * People from outside the council get only what is allocated or sampled to them, and only while
 * their round is open — generated from the registry, as service-data.test.ts is for services:
 * every API route in ACCESS_RULES, aimed by its data probe (service-data-probes.ts) at the
 * records of the guests' own service (Alpha, tests/support/two-service-world.ts), is called by
 * Alpha's guest moderator (sampled audits 2 and 3) and guest auditor (joining an auditor on case
 * 7). An answer may hold what is theirs and must hold nothing else of Alpha's (other cases,
 * audits, notes, moderations, rounds, plans, alerts); a read is the same before and after Alpha
 * gains an audit of the guest auditor's own case that is not theirs to read; a write changes no
 * row of Alpha's. Their own records do reach them. Every request they make is in the audit log.
 * The day after the round's end every route refuses them (401) and they cannot sign in.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { isRead, readsFirst } from '../../tests/support/reads-first';
import type { TestApp } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import {
  buildTwoServiceWorld,
  WORLD_PASSWORD,
  type ServiceWorld,
  type TwoServiceWorld,
} from '../../tests/support/two-service-world';
import { fingerprint } from '../../tests/support/service-fingerprint';
import { callProbe } from '../../tests/support/probe-request';
import { pastPullHorizon } from '../../tests/support/sync-eventually';
import { AUDIT_COLUMNS } from '../demo/synthetic-audits';
import { DEFAULT_FRAMEWORK_REF, syntheticAnswers } from '../demo/synthetic-answers';
import { insertRows } from '../db/insert-rows';
import { seededRandom } from '../../shared/random/seeded-random';
import { pullResponseSchema } from '../../shared/sync/protocol';
import { ACCESS_RULES } from './access-rules';
import { DATA_PROBES, type DataProbe, type ProbeContext } from './service-data-probes';

const ORDERED = readsFirst(Object.keys(ACCESS_RULES));

interface Guest {
  name: string;
  personId: string;
  /** Strings of Alpha's that must never reach this guest. */
  secrets: string[];
}

/** Alpha's records that are not the guest's, as exact strings (ids, references, notes, names). */
function secretsOf(w: ServiceWorld, own: { cases: number[]; audits: number[]; ids: string[] }): string[] {
  const label = w.label;
  const theirs = new Set(own.ids);
  const notOwnCase = (i: number) => !own.cases.includes(i);
  const notOwnAudit = (i: number) => !own.audits.includes(i);
  return [
    ...w.caseIds.filter((_, i) => notOwnCase(i)),
    ...w.references.filter((_, i) => notOwnCase(i)),
    ...w.caseIds.map((_, i) => `${label} worker ${i}`).filter((_, i) => notOwnCase(i)),
    ...w.auditIds.filter((_, i) => notOwnAudit(i)),
    ...w.auditIds.flatMap((_, i) =>
      notOwnAudit(i) ? [`${label} finding note ${i}`, `${label} strengths note ${i}`] : [],
    ),
    w.moderationAgreedId,
    w.moderationPendingId,
    w.roundId,
    w.allocationId,
    w.alertId,
    w.caseActionId,
    w.planId,
    w.areaId,
    w.actionId,
    w.measureId,
    w.manualMeasureId,
    w.importFileName,
    ...w.guests.moderationIds,
    w.guests.leadAllocationId,
    w.guests.jointAllocationId,
    ...['later note', 'practice week', 'improvement plan', 'area title', 'action description']
      .concat(['owner', 'audits at least good', 'return interviews', 'case action what'])
      .map((text) => `${label} ${text}`),
  ].filter((s) => !theirs.has(s));
}

/** Alpha gains a submitted audit of the guest auditor's case by someone else, moderated. */
async function alphaAuditsTheGuestsCase(t: TestApp, w: ServiceWorld): Promise<void> {
  const auditId = randomUUID();
  const answers = syntheticAnswers(2, seededRandom(41));
  answers['overall.areas-for-development'] = { kind: 'text', value: `${w.label} later note` };
  await insertRows(t.db, 'audits', AUDIT_COLUMNS, [
    {
      id: auditId,
      case_id: w.caseIds[w.guests.caseIndex],
      team_id: w.teamIds[w.guests.caseIndex % 2],
      case_type: 'child-in-need',
      framework_key: DEFAULT_FRAMEWORK_REF.key,
      framework_version: DEFAULT_FRAMEWORK_REF.version,
      auditor_id: w.people.moderator,
      kind: 'monthly',
      status: 'submitted',
      answers,
      overall_grade: 2,
      completed_at: '2026-03-27T10:00:00Z',
      created_at: '2026-03-27T10:00:00Z',
      updated_at: '2026-03-27T10:00:00Z',
    },
  ]);
  await t.db.query(
    `INSERT INTO moderations (id, audit_id, round_id, moderator_id, status) VALUES ($1, $2, $3, $4, 'pending')`,
    [randomUUID(), auditId, w.roundId, w.people.qa],
  );
}

describe.each(ENGINES)(
  'a guest gets only what is theirs, only while their round is open, on $engine',
  (engine) => {
    const t = useTestApp(engine, { demo: false });
    let world: TwoServiceWorld;
    let alpha: ServiceWorld;
    let guests: Guest[];
    const before = new Map<string, string>();
    const calls = new Map<string, number>();

    const ctx = (): ProbeContext => ({ db: t.db, victim: alpha, mine: alpha });

    function call(key: string, probe: DataProbe, personId: string) {
      calls.set(personId, (calls.get(personId) ?? 0) + 1);
      return callProbe(t, world, key, probe, personId, ctx());
    }

    /** The routes a guest is called on: every probed one but single sign-on's redirects. */
    const probed = (writes: boolean) =>
      ORDERED.flatMap((key) => {
        const probe = DATA_PROBES[key];
        if (!probe || key.includes('/oidc/')) return [];
        if (probe.data === 'none' && !isRead(key)) return [];
        if (!writes && !isRead(key)) return [];
        return [{ key, probe }];
      });

    beforeAll(async () => {
      world = await buildTwoServiceWorld(t);
      alpha = world.alpha;
      const g = alpha.guests;
      guests = [
        {
          name: 'Alpha guest moderator',
          personId: g.moderator,
          secrets: secretsOf(alpha, {
            cases: [...g.sampledIndexes],
            audits: [...g.sampledIndexes],
            ids: [...g.moderationIds, g.roundId],
          }),
        },
        {
          name: 'Alpha guest auditor',
          personId: g.auditor,
          secrets: secretsOf(alpha, {
            cases: [g.caseIndex],
            audits: [],
            ids: [g.leadAllocationId, g.jointAllocationId, g.roundId],
          }),
        },
      ];
      // Each set of reads once all that came before is visible to a pull (see service-data.test.ts).
      await pastPullHorizon(t.db);
      for (const { key, probe } of probed(false)) {
        if (probe.data === 'service' && probe.volatile) continue;
        for (const guest of guests)
          before.set(`${key} ${guest.name}`, (await call(key, probe, guest.personId)).text);
      }
      await alphaAuditsTheGuestsCase(t, alpha);
      await pastPullHorizon(t.db);
    }, 600_000);

    it('answers every route with nothing of the service but what is the guest’s own', async () => {
      const problems: string[] = [];
      // The service's rows just before a write: the previous write's "after" when only writes
      // came in between (nothing else runs here); taken afresh after any read.
      let print: string | null = null;
      for (const { key, probe } of probed(true)) {
        for (const guest of guests) {
          if (isRead(key)) print = null;
          else print ??= await fingerprint(t.db, alpha);
          const { status, text } = await call(key, probe, guest.personId);
          const echoed = new Set(probe.data === 'service' ? (probe.echoed?.(ctx()) ?? []) : []);
          const leaked = guest.secrets.filter((s) => text.includes(s) && !echoed.has(s));
          if (leaked.length > 0)
            problems.push(`${key} as ${guest.name}: ${status}, holds ${leaked.slice(0, 4).join(', ')}`);
          if (status >= 500) problems.push(`${key} as ${guest.name}: ${status} ${text.slice(0, 200)}`);
          if (probe.data === 'service' && probe.target && status !== 403 && status !== 404)
            problems.push(`${key} as ${guest.name}: ${status} on a record not theirs, not a refusal`);
          const earlier = before.get(`${key} ${guest.name}`);
          if (probe.data === 'service' && isRead(key) && earlier !== undefined && earlier !== text)
            problems.push(`${key} as ${guest.name}: the answer changed when the service's data did`);
          if (!isRead(key)) {
            const after = await fingerprint(t.db, alpha);
            if (after !== print)
              problems.push(`${key} as ${guest.name}: ${status}, and a row of the service's changed`);
            print = after;
          }
        }
      }
      expect(problems).toEqual([]);
    }, 600_000);

    it('shows the guest moderator exactly the audits sampled to them', async () => {
      const g = alpha.guests;
      const headers = await world.headers(g.moderator);
      const list = await t.request('/api/moderation', { headers });
      expect(list.status).toBe(200);
      const text = await list.text();
      for (const id of g.moderationIds) expect(text).toContain(id);
      for (const id of g.moderationIds) {
        const one = await t.request(`/api/moderation/${id}`, { headers });
        expect(one.status).toBe(200);
        expect(await one.text()).toContain(
          alpha.references[g.sampledIndexes[g.moderationIds.indexOf(id)] ?? 0],
        );
      }
      calls.set(g.moderator, (calls.get(g.moderator) ?? 0) + 1 + g.moderationIds.length);
    });

    it('sends the guest auditor’s tablet the joint audit of their case, and nothing else', async () => {
      const g = alpha.guests;
      const pulled = await t.request('/api/sync/pull?limit=500', { headers: await world.headers(g.auditor) });
      calls.set(g.auditor, (calls.get(g.auditor) ?? 0) + 1);
      const text = await pulled.text();
      expect(pulled.status, text).toBe(200);
      const body = pullResponseSchema.parse(JSON.parse(text));
      expect(body.allocations).toEqual([
        expect.objectContaining({ id: g.leadAllocationId, active: true, joint: true }),
      ]);
    });

    it('has every request the guests made in the audit log', async () => {
      for (const guest of guests) {
        const [row] = await t.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM audit_log WHERE actor_id = $1 AND action = 'guest.request'",
          [guest.personId],
        );
        expect(row?.n, guest.name).toBe(calls.get(guest.personId));
      }
    });

    it('refuses them on every route, and at sign-in, the day after their round ends', async () => {
      const signIn = (who: string) =>
        t.request('/api/auth/sign-in', {
          method: 'POST',
          json: { email: `${who}@two-services.test.invalid`, password: WORLD_PASSWORD },
        });
      // On the round's last day they still can.
      for (const who of ['alpha-guest-moderator', 'alpha-guest-auditor'])
        expect((await signIn(who)).status, who).toBe(200);
      await t.db.query(
        `UPDATE rounds SET start_date = least(start_date, (now() AT TIME ZONE 'Europe/London')::date - 2),
         end_date = (now() AT TIME ZONE 'Europe/London')::date - 1 WHERE id = $1`,
        [alpha.guests.roundId],
      );
      const problems: string[] = [];
      for (const { key, probe } of probed(false)) {
        if (probe.data === 'none') continue;
        for (const guest of guests) {
          const { status } = await call(key, probe, guest.personId);
          if (status !== 401) problems.push(`${key} as ${guest.name}: ${status}`);
        }
      }
      expect(problems).toEqual([]);
      for (const who of ['alpha-guest-moderator', 'alpha-guest-auditor']) {
        const refused = await signIn(who);
        expect(refused.status, who).toBe(401);
        expect(await refused.text(), who).toContain('Your access as a guest ended');
      }
      // Staff of the same service are not guests: the round's end changes nothing for them.
      expect(
        (await t.request('/api/moderation', { headers: await world.headers(alpha.people.moderator) })).status,
      ).toBe(200);
    });
  },
);
