/**
 * The admin's "set up your organisation" task list on an empty install, in the order a council
 * does it (GOV.UK task list pattern: each task with its status). Decided here from counts the
 * server reads (server/admin/set-up-tasks.ts), so the words and the rule live in one place.
 */
import { z } from 'zod';

/** What the server counts: active people and named managers only. */
export const setUpCountsSchema = z.object({
  /** The organisation's name is still the placeholder an empty install starts with. */
  organisationNamed: z.boolean(),
  services: z.number().int(),
  servicesWithoutHead: z.number().int(),
  teams: z.number().int(),
  teamsWithoutManager: z.number().int(),
  caseTypes: z.number().int(),
  caseFlags: z.number().int(),
  /** Active people other than admins-only accounts. */
  people: z.number().int(),
  qaLeads: z.number().int(),
  auditors: z.number().int(),
});
export type SetUpCounts = z.infer<typeof setUpCountsSchema>;

export const SET_UP_STATUSES = ['completed', 'incomplete', 'not-started', 'cannot-start'] as const;
export type SetUpStatus = (typeof SET_UP_STATUSES)[number];

export const SET_UP_STATUS_WORDS: Record<SetUpStatus, string> = {
  completed: 'Completed',
  incomplete: 'Incomplete',
  'not-started': 'Not yet started',
  'cannot-start': 'Cannot start yet',
};

export interface SetUpTask {
  key: 'organisation' | 'services' | 'teams' | 'case-types' | 'case-flags' | 'people';
  title: string;
  /** What is left to do, or what was done, in a sentence. */
  hint: string;
  /** Where the admin does it. */
  href: string;
  status: SetUpStatus;
}

/** The placeholder name an empty install starts with (server/demo/seed-first-start.ts). */
export const PLACEHOLDER_ORGANISATION_NAME = 'Lantern';

function plural(n: number, one: string, many: string): string {
  return `${String(n)} ${n === 1 ? one : many}`;
}

/**
 * The tasks and their statuses.
 * @example setUpTasks({ organisationNamed: false, services: 0, ... })[0]
 * // { key: 'organisation', status: 'not-started', ... }
 */
export function setUpTasks(counts: SetUpCounts): SetUpTask[] {
  const teamsStatus: SetUpStatus =
    counts.services === 0
      ? 'cannot-start'
      : counts.teams === 0
        ? 'not-started'
        : counts.teamsWithoutManager > 0
          ? 'incomplete'
          : 'completed';
  const peopleStatus: SetUpStatus =
    counts.people === 0
      ? 'not-started'
      : counts.qaLeads === 0 || counts.auditors === 0
        ? 'incomplete'
        : 'completed';
  return [
    {
      key: 'organisation',
      title: 'Name your organisation',
      hint: counts.organisationNamed
        ? 'Shown at the top of every page and on printed reports.'
        : 'The council’s name, shown at the top of every page and on printed reports.',
      href: '/admin/organisation',
      status: counts.organisationNamed ? 'completed' : 'not-started',
    },
    {
      key: 'services',
      title: 'Add services and their heads of service',
      hint:
        counts.services === 0
          ? 'Each service sees only its own audits. Its head of service receives safeguarding alerts nobody acknowledged.'
          : counts.servicesWithoutHead > 0
            ? `${plural(counts.servicesWithoutHead, 'service has', 'services have')} no head of service.`
            : `${plural(counts.services, 'service', 'services')}, each with a head of service.`,
      href: '/admin/teams',
      status:
        counts.services === 0 ? 'not-started' : counts.servicesWithoutHead > 0 ? 'incomplete' : 'completed',
    },
    {
      key: 'teams',
      title: 'Add teams and name their managers',
      hint:
        teamsStatus === 'cannot-start'
          ? 'Add a service first: every team belongs to one.'
          : counts.teams === 0
            ? 'Team managers receive their team’s safeguarding alerts.'
            : counts.teamsWithoutManager > 0
              ? `${plural(counts.teamsWithoutManager, 'team has', 'teams have')} no team manager.`
              : `${plural(counts.teams, 'team', 'teams')}, each with a named team manager.`,
      href: '/admin/teams',
      status: teamsStatus,
    },
    {
      key: 'case-types',
      title: 'Add case types',
      hint:
        counts.caseTypes === 0
          ? 'The kinds of case the council audits. A case list can also add them in its preview.'
          : `${plural(counts.caseTypes, 'case type', 'case types')} in use.`,
      href: '/admin/case-types',
      status: counts.caseTypes === 0 ? 'not-started' : 'completed',
    },
    {
      key: 'case-flags',
      title: 'Add case flags',
      hint:
        counts.caseFlags === 0
          ? 'Child protection plan, looked after, at risk of exploitation …: used to draw samples and filter figures.'
          : `${plural(counts.caseFlags, 'case flag', 'case flags')} in use.`,
      href: '/admin/case-flags',
      status: counts.caseFlags === 0 ? 'not-started' : 'completed',
    },
    {
      key: 'people',
      title: 'Add people and give them roles',
      hint:
        counts.people === 0
          ? 'Import a staff file (CSV or Excel) or add people one at a time; each gets a link to choose a password.'
          : counts.qaLeads === 0
            ? 'Nobody is a QA lead yet: a QA lead imports the case list and sets up practice weeks.'
            : counts.auditors === 0
              ? 'Nobody is an auditor yet.'
              : `${plural(counts.people, 'person', 'people')}, with ${plural(counts.qaLeads, 'QA lead', 'QA leads')} and ${plural(counts.auditors, 'auditor', 'auditors')}.`,
      href: '/admin/people',
      status: peopleStatus,
    },
  ];
}

/** True when every task is done: the admin home then stops showing the list first. */
export function setUpComplete(tasks: readonly SetUpTask[]): boolean {
  return tasks.every((task) => task.status === 'completed');
}

export const organisationNameInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter the organisation’s name.')
    .max(120, 'Keep the organisation’s name to 120 characters or fewer.')
    .refine((name) => name !== PLACEHOLDER_ORGANISATION_NAME, {
      message: 'Enter the council’s own name, like “Northshire County Council”.',
    }),
});
export type OrganisationNameInput = z.infer<typeof organisationNameInputSchema>;
