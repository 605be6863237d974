/**
 * The demo organisation's services: which teams each holds and who does what in it. Every demo
 * seed step reads its people from here, so each service has its own audits, practice weeks,
 * moderation and improvement plan, and a person of one sees nothing of the other.
 * A later set-up step (named team managers, case flags) can look a service's teams and people
 * up here by key.
 */

export interface DemoService {
  key: string;
  name: string;
  /** Keys of DEMO_TEAMS (demo-organisation.ts) in this service. */
  teams: readonly string[];
  /** Keys of DEMO_PEOPLE (demo-people.ts). */
  qaLead: string;
  manager: string;
  /** Moderators of the service's moderation sample (the QA lead moderates too). */
  moderator: string;
  /** Who audits the service's cases: its history, the current practice week, a past one. */
  auditors: readonly string[];
  /** The two who did the past practice week. */
  pastWeekAuditors: readonly string[];
  /** The improvement plan's title. */
  planTitle: string;
}

export const DEMO_SERVICES: readonly DemoService[] = [
  {
    key: 'childrens-social-care',
    name: "Children's Social Care (demo)",
    teams: ['front-door', 'assess-a', 'assess-b', 'cp-1', 'cp-2', 'children-in-care'],
    qaLead: 'qalead',
    manager: 'manager',
    moderator: 'moderator',
    auditors: ['auditor1', 'auditor2', 'auditor3', 'moderator'],
    pastWeekAuditors: ['auditor3', 'moderator'],
    planTitle: 'Improving practice: post-inspection improvement plan (demo)',
  },
  {
    key: 'corporate-parenting',
    name: 'Corporate Parenting and Disabled Children (demo)',
    teams: ['care-leavers', 'disabled-children'],
    qaLead: 'qalead2',
    manager: 'manager2',
    moderator: 'moderator2',
    auditors: ['auditor4', 'auditor5', 'moderator2'],
    pastWeekAuditors: ['auditor4', 'moderator2'],
    planTitle: 'Corporate parenting: improvement plan after the focused visit (demo)',
  },
];

/** The service a demo team belongs to. */
export function demoServiceOfTeam(teamKey: string): DemoService {
  const service = DEMO_SERVICES.find((s) => s.teams.includes(teamKey));
  if (!service) throw new Error(`the demo team ${teamKey} is in no demo service`);
  return service;
}

/** The service a demo person belongs to (the admin: the first). */
export function demoServiceOfPerson(personKey: string): DemoService {
  return (
    DEMO_SERVICES.find(
      (s) =>
        s.qaLead === personKey ||
        s.manager === personKey ||
        s.moderator === personKey ||
        s.auditors.includes(personKey),
    ) ?? (DEMO_SERVICES[0] as DemoService)
  );
}
