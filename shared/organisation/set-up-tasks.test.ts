import { describe, expect, it } from 'vitest';
import { setUpComplete, setUpTasks, organisationNameInputSchema, type SetUpCounts } from './set-up-tasks';

const EMPTY: SetUpCounts = {
  organisationNamed: false,
  services: 0,
  servicesWithoutHead: 0,
  teams: 0,
  teamsWithoutManager: 0,
  caseTypes: 0,
  caseFlags: 0,
  people: 0,
  qaLeads: 0,
  auditors: 0,
};
const statuses = (counts: Partial<SetUpCounts>) =>
  Object.fromEntries(setUpTasks({ ...EMPTY, ...counts }).map((task) => [task.key, task.status]));

describe('the set-up task list', () => {
  it('starts with nothing done, and teams waiting for a service', () => {
    expect(statuses({})).toEqual({
      organisation: 'not-started',
      services: 'not-started',
      teams: 'cannot-start',
      'case-types': 'not-started',
      'case-flags': 'not-started',
      people: 'not-started',
    });
  });

  it.each([
    [{ services: 1, servicesWithoutHead: 1 }, 'services', 'incomplete'],
    [{ services: 2, servicesWithoutHead: 0 }, 'services', 'completed'],
    [{ services: 1 }, 'teams', 'not-started'],
    [{ services: 1, teams: 3, teamsWithoutManager: 1 }, 'teams', 'incomplete'],
    [{ services: 1, teams: 3, teamsWithoutManager: 0 }, 'teams', 'completed'],
    [{ people: 40, qaLeads: 0, auditors: 30 }, 'people', 'incomplete'],
    [{ people: 40, qaLeads: 1, auditors: 0 }, 'people', 'incomplete'],
    [{ people: 40, qaLeads: 1, auditors: 30 }, 'people', 'completed'],
    [{ caseTypes: 1 }, 'case-types', 'completed'],
    [{ caseFlags: 2 }, 'case-flags', 'completed'],
    [{ organisationNamed: true }, 'organisation', 'completed'],
  ] as const)('%o makes %s %s', (counts, key, status) => {
    expect(statuses(counts)[key]).toBe(status);
  });

  it('says what is missing in words', () => {
    const teams = setUpTasks({ ...EMPTY, services: 1, teams: 3, teamsWithoutManager: 2 }).find(
      (task) => task.key === 'teams',
    );
    expect(teams?.hint).toBe('2 teams have no team manager.');
  });

  it('is complete only when every task is', () => {
    const done: SetUpCounts = {
      organisationNamed: true,
      services: 1,
      servicesWithoutHead: 0,
      teams: 2,
      teamsWithoutManager: 0,
      caseTypes: 3,
      caseFlags: 4,
      people: 10,
      qaLeads: 1,
      auditors: 5,
    };
    expect(setUpComplete(setUpTasks(done))).toBe(true);
    expect(setUpComplete(setUpTasks({ ...done, teamsWithoutManager: 1 }))).toBe(false);
  });

  it('refuses an empty name and the placeholder as the organisation’s name', () => {
    expect(organisationNameInputSchema.safeParse({ name: '  ' }).success).toBe(false);
    expect(organisationNameInputSchema.safeParse({ name: 'Lantern' }).success).toBe(false);
    expect(organisationNameInputSchema.parse({ name: ' Northshire County Council ' }).name).toBe(
      'Northshire County Council',
    );
  });
});
