/**
 * The labelled demo organisation created on the first start of an empty database (unless
 * LANTERN_DEMO=0): a fictional council's children's services — two services (demo-services.ts),
 * each with its teams and people for every role — case types, and cases known only by a
 * synthetic reference. Everything is generated from a fixed seed, so every demo looks the same.
 */
import type { Queryable } from '../db/database';
import { insertRows } from '../db/insert-rows';
import { PERSON_COLUMNS } from '../admin/people-columns';
import { hashPassword } from '../auth/password';
import { pick, randomInt, randomUuid, seededRandom, type Random } from '../../shared/random/seeded-random';
import { DEMO_PASSWORD, DEMO_PEOPLE } from './demo-people';
import { DEMO_SERVICES, demoServiceOfPerson, demoServiceOfTeam } from './demo-services';

export const DEMO_ORGANISATION_NAME = "Northmoor Children's Services (demo)";

export const DEMO_TEAMS = [
  { key: 'front-door', name: 'Front Door and MASH' },
  { key: 'assess-a', name: 'Assessment Team A' },
  { key: 'assess-b', name: 'Assessment Team B' },
  { key: 'cp-1', name: 'Child Protection and Court 1' },
  { key: 'cp-2', name: 'Child Protection and Court 2' },
  { key: 'children-in-care', name: 'Children in Care' },
  { key: 'care-leavers', name: 'Leaving Care' },
  { key: 'disabled-children', name: 'Disabled Children' },
] as const;

export const CASE_TYPES = [
  { key: 'assessment', label: 'Assessment' },
  { key: 'child-in-need', label: 'Child in need' },
  { key: 'child-protection', label: 'Child protection' },
  { key: 'child-looked-after', label: 'Child looked after' },
  { key: 'care-leaver', label: 'Care leaver' },
] as const;

/** Which case types each team mostly holds. */
const TEAM_CASE_TYPES: Record<string, readonly string[]> = {
  'front-door': ['assessment'],
  'assess-a': ['assessment', 'child-in-need'],
  'assess-b': ['assessment', 'child-in-need'],
  'cp-1': ['child-protection', 'child-in-need'],
  'cp-2': ['child-protection', 'child-in-need'],
  'children-in-care': ['child-looked-after'],
  'care-leavers': ['care-leaver'],
  'disabled-children': ['child-in-need', 'child-looked-after', 'child-protection'],
};

const WORKER_FIRST = [
  'Alex',
  'Sam',
  'Jo',
  'Priya',
  'Tom',
  'Nadia',
  'Owen',
  'Grace',
  'Kwame',
  'Lucy',
  'Imran',
  'Rosa',
];
const WORKER_LAST = [
  'Ashdown',
  'Brook',
  'Carver',
  'Dale',
  'Ellery',
  'Finch',
  'Garrow',
  'Holm',
  'Ivers',
  'Jessop',
];

export interface DemoIds {
  /** By demo service key (demo-services.ts). */
  serviceIds: Map<string, string>;
  teamIds: Map<string, string>;
  personIds: Map<string, string>;
  people: Map<string, { team?: string }>;
  cases: { id: string; reference: string; teamKey: string; caseType: string; serviceKey: string }[];
}

export const DEMO_CASE_COUNT = 640;

export async function seedDemoOrganisation(tx: Queryable, seed = 20_260_101): Promise<DemoIds> {
  const random = seededRandom(seed);
  const id = (): string => randomUuid(random);
  await tx.query('INSERT INTO organisation (id, name, is_demo) VALUES ($1, $2, true)', [
    id(),
    DEMO_ORGANISATION_NAME,
  ]);
  const serviceIds = new Map<string, string>(DEMO_SERVICES.map((service) => [service.key, id()]));
  await insertRows(
    tx,
    'services',
    { id: 'uuid', name: 'text' },
    DEMO_SERVICES.map((service) => ({ id: serviceIds.get(service.key), name: service.name })),
  );
  const serviceIdOfTeam = (key: string) => serviceIds.get(demoServiceOfTeam(key).key);

  const teamIds = new Map<string, string>(DEMO_TEAMS.map((team) => [team.key, id()]));
  await insertRows(
    tx,
    'teams',
    { id: 'uuid', service_id: 'uuid', name: 'text' },
    DEMO_TEAMS.map((team) => ({
      id: teamIds.get(team.key),
      service_id: serviceIdOfTeam(team.key),
      name: team.name,
    })),
  );
  await insertRows(tx, 'case_types', { key: 'text', label: 'text' }, [...CASE_TYPES]);

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const personIds = new Map<string, string>(DEMO_PEOPLE.map((person) => [person.key, id()]));
  await insertRows(
    tx,
    'people',
    { ...PERSON_COLUMNS, password_hash: 'text' },
    DEMO_PEOPLE.map((person) => ({
      id: personIds.get(person.key),
      email: person.email,
      display_name: person.name,
      job_title: person.jobTitle,
      team_id: person.team ? teamIds.get(person.team) : null,
      service_id: serviceIds.get(demoServiceOfPerson(person.key).key),
      roles: person.roles,
      password_hash: passwordHash,
    })),
  );

  const cases = demoCases(random, id);
  await insertRows(
    tx,
    'cases',
    { id: 'uuid', reference: 'text', team_id: 'uuid', case_type: 'text', allocated_worker: 'text' },
    cases.map((c) => ({
      id: c.id,
      reference: c.reference,
      team_id: teamIds.get(c.teamKey),
      case_type: c.caseType,
      allocated_worker: c.worker,
    })),
  );
  return {
    serviceIds,
    teamIds,
    personIds,
    people: new Map(DEMO_PEOPLE.map((p) => [p.key, { team: p.team }])),
    cases,
  };
}

function demoCases(random: Random, id: () => string) {
  const references = new Set<string>();
  return Array.from({ length: DEMO_CASE_COUNT }, () => {
    const team = pick(random, DEMO_TEAMS);
    let reference: string;
    do reference = `NM-${randomInt(random, 100_000, 999_999)}`;
    while (references.has(reference));
    references.add(reference);
    return {
      id: id(),
      reference,
      teamKey: team.key as string,
      serviceKey: demoServiceOfTeam(team.key).key,
      caseType: pick(random, TEAM_CASE_TYPES[team.key] ?? ['child-in-need']),
      worker: `${pick(random, WORKER_FIRST)} ${pick(random, WORKER_LAST)}`,
    };
  });
}
