/** Whether one reach covers a record: the table every scoped route relies on. */
import { describe, expect, it } from 'vitest';
import type { Person } from '../http/app-env';
import { reachCovers, reachesOf } from './reach';

const me: Person = {
  id: 'me',
  email: 'me@test.invalid',
  name: 'Me',
  jobTitle: '',
  roles: ['auditor', 'qa_lead'],
  teamId: 'team-1',
  serviceId: 'service-1',
};
const place = (teamId: string | null, serviceId: string | null, assigneeIds: string[] = []) => ({
  teamId,
  serviceId,
  assigneeIds,
});

describe('reachCovers', () => {
  it.each([
    ['all, anywhere', 'all', place('team-9', 'service-9'), true],
    ['service, own service', 'service', place('team-2', 'service-1'), true],
    ['service, another service', 'service', place('team-9', 'service-9'), false],
    ['team, own team', 'team', place('team-1', 'service-1'), true],
    ['team, another team of the same service', 'team', place('team-2', 'service-1'), false],
    ['assigned, allocated to me', 'assigned', place('team-9', 'service-9', ['someone', 'me']), true],
    [
      'assigned, in my team but allocated to someone else',
      'assigned',
      place('team-1', 'service-1', ['someone']),
      false,
    ],
  ] as const)('%s → %s', (_name, reach, target, expected) => {
    expect(reachCovers(me, reach, target)).toBe(expected);
  });

  it('never matches a person without a team or service to a record without one', () => {
    const loose: Person = { ...me, teamId: null, serviceId: null };
    expect(reachCovers(loose, 'team', place(null, null))).toBe(false);
    expect(reachCovers(loose, 'service', place(null, null))).toBe(false);
  });
});

describe('reachesOf', () => {
  it('gives the reaches of the roles the person holds that the rule lists', () => {
    expect(reachesOf(me, { qa_lead: 'service', manager: 'all' })).toEqual(['service']);
    expect(reachesOf(me, { auditor: 'assigned', qa_lead: 'service' })).toEqual(['assigned', 'service']);
    expect(reachesOf(me, { admin: 'all' })).toEqual([]);
  });
});
