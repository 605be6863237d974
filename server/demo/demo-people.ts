/**
 * The demo organisation's people: one or more for every role in each of its two services
 * (demo-services.ts says who is in which), all synthetic, all on the reserved `.invalid`
 * domain so no e-mail can ever reach a real person.
 */

/** Shown on the sign-in page in demo mode only. */
export const DEMO_PASSWORD = 'lantern-demo';

export interface DemoPerson {
  key: string;
  email: string;
  name: string;
  jobTitle: string;
  roles: string[];
  /** Key of the demo team the person belongs to, if any. */
  team?: string;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    key: 'auditor1',
    email: 'amara.auditor@demo.lantern.invalid',
    name: 'Amara Osei (demo)',
    jobTitle: 'Team manager, Assessment A',
    roles: ['auditor'],
    team: 'assess-a',
  },
  {
    key: 'auditor2',
    email: 'ben.auditor@demo.lantern.invalid',
    name: 'Ben Hartley (demo)',
    jobTitle: 'Senior practitioner, Child Protection 1',
    roles: ['auditor'],
    team: 'cp-1',
  },
  {
    key: 'auditor3',
    email: 'chloe.auditor@demo.lantern.invalid',
    name: 'Chloe Nwosu (demo)',
    jobTitle: 'QA auditor',
    roles: ['auditor'],
    team: 'children-in-care',
  },
  {
    key: 'moderator',
    email: 'dev.moderator@demo.lantern.invalid',
    name: 'Dev Raman (demo)',
    jobTitle: 'Practice lead',
    roles: ['moderator', 'auditor'],
  },
  {
    key: 'qalead',
    email: 'erin.qalead@demo.lantern.invalid',
    name: 'Erin Walsh (demo)',
    jobTitle: 'Head of quality assurance',
    roles: ['qa_lead', 'moderator'],
  },
  {
    key: 'manager',
    email: 'farah.manager@demo.lantern.invalid',
    name: 'Farah Khan (demo)',
    jobTitle: 'Head of service',
    roles: ['manager'],
  },
  {
    key: 'auditor4',
    email: 'kit.auditor@demo.lantern.invalid',
    name: 'Kit Lowe (demo)',
    jobTitle: 'Team manager, Leaving Care',
    roles: ['auditor'],
    team: 'care-leavers',
  },
  {
    key: 'auditor5',
    email: 'lena.auditor@demo.lantern.invalid',
    name: 'Lena Park (demo)',
    jobTitle: 'Senior practitioner, Disabled Children',
    roles: ['auditor'],
    team: 'disabled-children',
  },
  {
    key: 'moderator2',
    email: 'jade.moderator@demo.lantern.invalid',
    name: 'Jade Okafor (demo)',
    jobTitle: 'Practice lead, Corporate Parenting',
    roles: ['moderator', 'auditor'],
  },
  {
    key: 'qalead2',
    email: 'hana.qalead@demo.lantern.invalid',
    name: 'Hana Price (demo)',
    jobTitle: 'Quality assurance lead, Corporate Parenting',
    roles: ['qa_lead', 'moderator'],
  },
  {
    key: 'manager2',
    email: 'ivo.manager@demo.lantern.invalid',
    name: 'Ivo Marsh (demo)',
    jobTitle: 'Head of service, Corporate Parenting',
    roles: ['manager'],
  },
  {
    key: 'admin',
    email: 'gus.admin@demo.lantern.invalid',
    name: 'Gus Fielding (demo)',
    jobTitle: 'Systems administrator',
    roles: ['admin'],
  },
];
