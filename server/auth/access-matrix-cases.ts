/**
 * What the access matrix expects of one route under its rule, for every kind of caller:
 * signed out, each role alone, and — where the rule is scoped to a record — each allowed role
 * on a record in its own place and in the nearest place outside its reach. Pure, so the
 * matrix test generates its cases from the registry and this file's own test checks the
 * generator on scoped rules before any scoped route exists.
 */
import { ROLES, type Role } from '../../shared/accounts/roles';
import type { AccessRule, Reach } from './access-rules';

/**
 * Where the record sits relative to the caller: 'own' is in their team, their service and
 * assigned to them; 'other' is the nearest place their reach does not cover (another service
 * for 'service', another team of the same service for 'team', someone else's record in the
 * same team for 'assigned'). A role with reach 'all' must reach a record in another service.
 */
export type Placement = 'own' | 'other-team' | 'other-service' | 'other-assignee';

export interface MatrixCase {
  who: Role | 'signed-out';
  placement: Placement | null;
  expect: 'allowed' | 401 | 403;
  title: string;
}

const OUTSIDE: Record<Exclude<Reach, 'all'>, Placement> = {
  service: 'other-service',
  team: 'other-team',
  assigned: 'other-assignee',
};

export function matrixCases(rule: AccessRule): MatrixCase[] {
  const scoped = rule.kind === 'roles' && rule.target !== null;
  // A refusal by role or by session is tried on the caller's own record, so that it cannot be
  // the place that refused; an organisation-wide reach is tried on another service's record.
  const ownPlace: Placement | null = scoped ? 'own' : null;
  const cases: MatrixCase[] = [
    rule.kind === 'public'
      ? { who: 'signed-out', placement: ownPlace, expect: 'allowed', title: 'signed out → allowed' }
      : { who: 'signed-out', placement: ownPlace, expect: 401, title: 'signed out → 401' },
  ];
  for (const role of ROLES) {
    const reach = rule.kind === 'roles' ? rule.reach[role] : 'all';
    if (!reach) {
      cases.push({ who: role, placement: ownPlace, expect: 403, title: `${role} → 403 (role)` });
    } else if (!scoped) {
      cases.push({ who: role, placement: null, expect: 'allowed', title: `${role} → allowed` });
    } else if (reach === 'all') {
      cases.push({
        who: role,
        placement: 'other-service',
        expect: 'allowed',
        title: `${role} → allowed (other-service)`,
      });
    } else {
      cases.push({ who: role, placement: 'own', expect: 'allowed', title: `${role} → allowed (own)` });
      cases.push({
        who: role,
        placement: OUTSIDE[reach],
        expect: 403,
        title: `${role} → 403 (${OUTSIDE[reach]})`,
      });
    }
  }
  return cases;
}
