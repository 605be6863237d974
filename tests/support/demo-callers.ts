/**
 * Who a test that walks every route calls each route as: a demo person of the first role, in a
 * fixed order of preference, that the route's access rule lets in (server/auth/access-rules.ts).
 */
import type { Role } from '../../shared/accounts/roles';
import { ACCESS_RULES } from '../../server/auth/access-rules';

export const ROLE_PREFERENCE: Role[] = [
  'qa_lead',
  'manager',
  'admin',
  'auditor',
  'moderator',
  'practitioner',
];

/** A demo person of each role. */
export const DEMO_EMAIL: Record<Role, string> = {
  qa_lead: 'erin.qalead@demo.lantern.invalid',
  manager: 'farah.manager@demo.lantern.invalid',
  admin: 'gus.admin@demo.lantern.invalid',
  auditor: 'amara.auditor@demo.lantern.invalid',
  moderator: 'dev.moderator@demo.lantern.invalid',
  practitioner: 'pia.practitioner@demo.lantern.invalid',
};

/** The first preferred role the rule of `route` ("METHOD /path") allows; a QA lead for any other rule. */
export function preferredRoleFor(route: string): Role {
  const rule = ACCESS_RULES[route];
  if (!rule || rule.kind !== 'roles') return 'qa_lead';
  return ROLE_PREFERENCE.find((role) => rule.reach[role]) ?? 'qa_lead';
}
