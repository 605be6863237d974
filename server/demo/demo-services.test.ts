/**
 * The demo organisation's two services, as their people see them: the data behind every screen
 * of a QA lead, a manager and a moderator shows their own service's rounds, moderation, figures,
 * plan and people, and nothing of the other service (its teams, people, plan, case references).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { useTestApp } from '../../tests/support/use-test-app';
import { DEMO_SERVICES, type DemoService } from './demo-services';
import { DEMO_PEOPLE } from './demo-people';
import { DEMO_TEAMS } from './demo-organisation';

const SCREENS: Record<'qaLead' | 'manager' | 'moderator', string[]> = {
  qaLead: [
    '/api/rounds',
    '/api/moderation',
    '/api/moderation/agreement',
    '/api/reaudits',
    '/api/allocations/people',
    '/api/imports',
    '/api/alerts',
    '/api/audit-log?pageSize=200',
    '/api/metrics/options',
    '/api/plans',
  ],
  manager: ['/api/plans', '/api/findings', '/api/metrics/options', '/api/alerts'],
  moderator: ['/api/moderation', '/api/alerts'],
};

const emailOf = (key: string) => DEMO_PEOPLE.find((p) => p.key === key)?.email ?? '';

/** Names only the other service has: its teams, its people, its plan. */
function markersOf(service: DemoService): string[] {
  const keys = [service.qaLead, service.manager, service.moderator, ...service.auditors];
  return [
    ...DEMO_TEAMS.filter((t) => service.teams.includes(t.key)).map((t) => t.name),
    ...DEMO_PEOPLE.filter((p) => keys.includes(p.key)).map((p) => p.name),
    service.planTitle,
  ];
}

describe.each(ENGINES)('the demo’s two services on $engine', (engine) => {
  const t = useTestApp(engine);
  const references = new Map<string, string[]>();
  beforeAll(async () => {
    for (const service of DEMO_SERVICES) {
      const rows = await t.db.query<{ reference: string }>(
        `SELECT c.reference FROM cases c JOIN teams t ON t.id = c.team_id JOIN services s ON s.id = t.service_id
         WHERE s.name = $1`,
        [service.name],
      );
      references.set(
        service.key,
        rows.map((r) => r.reference),
      );
    }
  }, 180_000);

  it('has two services with at least two teams each, and people for every role in each', () => {
    expect(DEMO_SERVICES).toHaveLength(2);
    for (const service of DEMO_SERVICES) {
      expect(service.teams.length).toBeGreaterThanOrEqual(2);
      expect(service.auditors.length).toBeGreaterThanOrEqual(2);
      expect(references.get(service.key)?.length).toBeGreaterThan(0);
    }
  });

  for (const [n, service] of DEMO_SERVICES.entries()) {
    const other = DEMO_SERVICES[1 - n] as DemoService;
    for (const role of ['qaLead', 'manager', 'moderator'] as const) {
      it(`${service.name}: the ${role}'s screens show their service and nothing of the other`, async () => {
        const client = await t.as(emailOf(service[role]));
        const theirs = [...markersOf(other), ...(references.get(other.key) ?? [])];
        const own = [...markersOf(service), ...(references.get(service.key) ?? [])];
        let seenOwn = 0;
        for (const path of SCREENS[role]) {
          const response = await client.request(path);
          const text = await response.text();
          expect(response.status, `${path}: ${text.slice(0, 200)}`).toBe(200);
          expect(
            theirs.filter((marker) => text.includes(marker)),
            `${path} as ${service[role]}`,
          ).toEqual([]);
          if (own.some((marker) => text.includes(marker))) seenOwn++;
        }
        expect(seenOwn, `${role} of ${service.name} sees their own service's data`).toBeGreaterThan(0);
      });
    }
  }

  it('lists each demo account with its service on the sign-in page', async () => {
    const info = (await (await t.request('/api/organisation')).json()) as {
      demo: { accounts: { email: string; service: string }[] };
    };
    for (const service of DEMO_SERVICES)
      expect(info.demo.accounts.find((a) => a.email === emailOf(service.qaLead))?.service).toBe(service.name);
  });
});
