/**
 * A partner owner (a guest of one plan, from health, police or education) gets only
 * the plan action they own — generated from the registry, as guest-data.test.ts is for a
 * round's guests: every API route in ACCESS_RULES, aimed by its data probe
 * (service-data-probes.ts) at the records of the partner's own service (Alpha,
 * tests/support/two-service-world.ts), is called by Alpha's partner owner, who owns Alpha's plan
 * action. An answer may hold their action (its id, words, and the plan's title) and nothing else
 * of Alpha's: no case, audit, moderation, round, area, measure, figure or other record; a
 * route aimed at a record is refused; a write changes no row of Alpha's, but for the progress
 * note and RAG they add to their own action.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { isRead, readsFirst } from '../../tests/support/reads-first';
import { useTestApp } from '../../tests/support/use-test-app';
import {
  buildTwoServiceWorld,
  type ServiceWorld,
  type TwoServiceWorld,
} from '../../tests/support/two-service-world';
import { fingerprint } from '../../tests/support/service-fingerprint';
import { callProbe } from '../../tests/support/probe-request';
import { ACCESS_RULES } from '../auth/access-rules';
import { DATA_PROBES, type DataProbe, type ProbeContext } from '../auth/service-data-probes';

const ORDERED = readsFirst(Object.keys(ACCESS_RULES));
/** The partner's own updates to their own action: these may change Alpha's rows. */
const OWN_WRITES = new Set([
  'POST /api/partner-actions/:actionId/notes',
  'POST /api/partner-actions/:actionId/rag',
]);

describe.each(ENGINES)('a partner owner gets only their own plan action, on $engine', (engine) => {
  const t = useTestApp(engine, { demo: false });
  let world: TwoServiceWorld;
  let alpha: ServiceWorld;
  let partnerId: string;
  let secrets: string[];

  const ctx = (): ProbeContext => ({ db: t.db, victim: alpha, mine: alpha });

  const call = (key: string, probe: DataProbe) => callProbe(t, world, key, probe, partnerId, ctx());

  beforeAll(async () => {
    world = await buildTwoServiceWorld(t);
    alpha = world.alpha;
    const added = await t.request(`/api/plans/${alpha.planId}/partners`, {
      method: 'POST',
      headers: await world.headers(alpha.people.manager),
      json: {
        name: 'Partner Owner',
        email: 'partner.owner@two-services.test.invalid',
        organisation: 'Partner NHS Trust',
        agency: 'health',
        lastDay: '2099-12-31',
        actionIds: [alpha.actionId],
      },
    });
    expect(added.status, await added.clone().text()).toBe(201);
    partnerId = ((await added.json()) as { personId: string }).personId;
    const theirs = new Set([alpha.actionId, alpha.planId, `${alpha.label} action description`]);
    const plansTitle = `${alpha.label} improvement plan`;
    // Exact strings only: the service's name prefixes ("Alpha ") would match their plan's title.
    secrets = alpha.auditMarkers.filter(
      (s) => !theirs.has(s) && s !== plansTitle && !s.endsWith('-') && !s.endsWith(' '),
    );
    secrets.push(...Object.values(alpha.people), alpha.areaId, `${alpha.label} area title`);
  }, 600_000);

  it('answers every route with nothing of the service but their own action', async () => {
    const problems: string[] = [];
    for (const key of ORDERED) {
      const probe = DATA_PROBES[key];
      if (!probe || key.includes('/oidc/')) continue;
      if (probe.data === 'none' && !isRead(key)) continue;
      const print = isRead(key) ? '' : await fingerprint(t.db, alpha);
      const { status, text } = await call(key, probe);
      const echoed = new Set(probe.data === 'service' ? (probe.echoed?.(ctx()) ?? []) : []);
      const leaked = secrets.filter((s) => text.includes(s) && !echoed.has(s));
      if (leaked.length > 0) problems.push(`${key}: ${status}, holds ${leaked.slice(0, 4).join(', ')}`);
      if (status >= 500) problems.push(`${key}: ${status} ${text.slice(0, 200)}`);
      if (OWN_WRITES.has(key)) {
        if (status !== 200) problems.push(`${key}: ${status} on their own action`);
        continue;
      }
      if (probe.data === 'service' && probe.target && status !== 403 && status !== 404)
        problems.push(`${key}: ${status} on a record not theirs, not a refusal`);
      if (!isRead(key) && (await fingerprint(t.db, alpha)) !== print)
        problems.push(`${key}: ${status}, and a row of the service's changed`);
    }
    expect(problems).toEqual([]);
  }, 600_000);

  it('lists exactly their own action, with what they added', async () => {
    const response = await t.request('/api/partner-actions', { headers: await world.headers(partnerId) });
    const body = (await response.json()) as { actions: { id: string; notes: { text: string }[] }[] };
    expect(body.actions.map((a) => a.id)).toEqual([alpha.actionId]);
    expect(body.actions[0]?.notes.map((n) => n.text)).toContain('Intruder note');
  });

  it('gives another service’s partner owner nothing of Alpha’s', async () => {
    const bravoPartner = await t.request(`/api/plans/${world.bravo.planId}/partners`, {
      method: 'POST',
      headers: await world.headers(world.bravo.people.manager),
      json: {
        name: 'Bravo Partner',
        email: 'bravo.partner@two-services.test.invalid',
        organisation: 'Bravo Police',
        agency: 'police',
        lastDay: '2099-12-31',
        actionIds: [world.bravo.actionId],
      },
    });
    const { personId } = (await bravoPartner.json()) as { personId: string };
    const headers = await world.headers(personId);
    const list = await t.request('/api/partner-actions', { headers });
    expect(await list.text()).not.toContain(alpha.actionId);
    for (const what of ['notes', 'rag']) {
      const response = await t.request(`/api/partner-actions/${alpha.actionId}/${what}`, {
        method: 'POST',
        headers,
        json: what === 'notes' ? { text: 'x' } : { rag: 'red', reason: 'x' },
      });
      expect(response.status).toBe(404);
    }
  });
});
