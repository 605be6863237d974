/**
 * Whether a person reaches a record under a rule: the decision every scoped route shares.
 * Pure, so the table of cases in reach.test.ts pins it down.
 */
import type { Person } from '../http/app-env';
import type { Reach } from './access-rules';
import type { TargetPlace } from './access-targets';

/** True when one reach covers the record for this person. */
export function reachCovers(person: Person, reach: Reach, place: TargetPlace): boolean {
  switch (reach) {
    case 'all':
      return true;
    case 'service':
      return person.serviceId !== null && place.serviceId === person.serviceId;
    case 'team':
      return person.teamId !== null && place.teamId === person.teamId;
    case 'assigned':
      return place.assigneeIds.includes(person.id);
  }
}

/**
 * The reaches the person's roles give them under a rule's per-role reach. A guest (someone from
 * outside the council, guest-access.ts) gets 'assigned' whatever their role would give staff:
 * this is the one place the guest dimension enters access, so every route's scope narrows to
 * what is allocated or sampled to them.
 */
export function reachesOf(person: Person, reach: Partial<Record<string, Reach>>): Reach[] {
  return person.roles.flatMap((role) => {
    const granted = reach[role];
    if (!granted) return [];
    return [person.guest ? 'assigned' : granted];
  });
}
