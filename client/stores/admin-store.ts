/**
 * The admin screens' calls: people, teams (with their managers), services (with their head of
 * service), case types, case flags, set-up problems and roles. Each answer is parsed with the
 * shared schema it was written with; lists are kept so that moving between screens does not
 * refetch what was just shown.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { z } from 'zod';
import { api } from '../api/http';
import {
  adminPersonSchema,
  passwordLinkSchema,
  personWithLinkSchema,
  type AdminPerson,
  type CreatePersonRequest,
  type PasswordLink,
  type PersonWithLink,
  type UpdatePersonRequest,
} from '../../shared/accounts/person-schemas';
import {
  adminRoleSchema,
  adminServiceSchema,
  adminTeamSchema,
  type AdminRole,
  type AdminService,
  type AdminTeam,
  type ServiceRequest,
  type TeamRequest,
} from '../../shared/accounts/team-schemas';
import {
  caseLabelSchema,
  type CaseLabel,
  type CaseLabelKind,
  type CreateCaseLabelRequest,
  type UpdateCaseLabelRequest,
} from '../../shared/organisation/case-label-schemas';
import { setUpProblemsSchema, type SetUpProblem } from '../../shared/organisation/set-up-problems';

const peopleAnswer = z.object({ people: z.array(adminPersonSchema) });
const personAnswer = z.object({ person: adminPersonSchema });
const linkAnswer = z.object({ passwordLink: passwordLinkSchema });
const teamsAnswer = z.object({ teams: z.array(adminTeamSchema) });
const teamAnswer = z.object({ team: adminTeamSchema });
const servicesAnswer = z.object({ services: z.array(adminServiceSchema) });
const serviceAnswer = z.object({ service: adminServiceSchema });
const rolesAnswer = z.object({ roles: z.array(adminRoleSchema) });
const caseLabelsAnswer = z.object({ items: z.array(caseLabelSchema) });
const caseLabelAnswer = z.object({ item: caseLabelSchema });

export const useAdminStore = defineStore('admin', () => {
  const people = ref<AdminPerson[]>([]);
  const teams = ref<AdminTeam[]>([]);
  const services = ref<AdminService[]>([]);
  const roles = ref<AdminRole[]>([]);
  const caseLabels = ref<Record<CaseLabelKind, CaseLabel[]>>({ 'case-types': [], 'case-flags': [] });
  const setUpProblems = ref<SetUpProblem[]>([]);

  async function loadPeople(): Promise<void> {
    people.value = peopleAnswer.parse(await api<unknown>('/api/admin/people')).people;
  }

  async function loadPerson(id: string): Promise<AdminPerson> {
    return personAnswer.parse(await api<unknown>(`/api/admin/people/${encodeURIComponent(id)}`)).person;
  }

  async function createPerson(input: CreatePersonRequest): Promise<PersonWithLink> {
    return personWithLinkSchema.parse(
      await api<unknown>('/api/admin/people', { method: 'POST', body: input }),
    );
  }

  async function updatePerson(id: string, input: UpdatePersonRequest): Promise<AdminPerson> {
    const { person } = personAnswer.parse(
      await api<unknown>(`/api/admin/people/${encodeURIComponent(id)}`, { method: 'PUT', body: input }),
    );
    people.value = people.value.map((p) => (p.id === id ? person : p));
    return person;
  }

  async function newPasswordLink(id: string): Promise<PasswordLink> {
    return linkAnswer.parse(
      await api<unknown>(`/api/admin/people/${encodeURIComponent(id)}/password-link`, { method: 'POST' }),
    ).passwordLink;
  }

  /** Teams and services together: every form that places someone needs both. */
  async function loadTeamsAndServices(): Promise<void> {
    const [teamList, serviceList] = await Promise.all([
      api<unknown>('/api/admin/teams'),
      api<unknown>('/api/admin/services'),
    ]);
    teams.value = teamsAnswer.parse(teamList).teams;
    services.value = servicesAnswer.parse(serviceList).services;
  }

  async function createTeam(input: TeamRequest): Promise<AdminTeam> {
    return teamAnswer.parse(await api<unknown>('/api/admin/teams', { method: 'POST', body: input })).team;
  }

  async function updateTeam(id: string, input: TeamRequest): Promise<AdminTeam> {
    return teamAnswer.parse(
      await api<unknown>(`/api/admin/teams/${encodeURIComponent(id)}`, { method: 'PUT', body: input }),
    ).team;
  }

  async function createService(input: ServiceRequest): Promise<AdminService> {
    return serviceAnswer.parse(await api<unknown>('/api/admin/services', { method: 'POST', body: input }))
      .service;
  }

  async function updateService(id: string, input: ServiceRequest): Promise<AdminService> {
    return serviceAnswer.parse(
      await api<unknown>(`/api/admin/services/${encodeURIComponent(id)}`, { method: 'PUT', body: input }),
    ).service;
  }

  async function loadCaseLabels(kind: CaseLabelKind): Promise<void> {
    caseLabels.value[kind] = caseLabelsAnswer.parse(await api<unknown>(`/api/admin/${kind}`)).items;
  }

  async function createCaseLabel(kind: CaseLabelKind, input: CreateCaseLabelRequest): Promise<CaseLabel> {
    const { item } = caseLabelAnswer.parse(
      await api<unknown>(`/api/admin/${kind}`, { method: 'POST', body: input }),
    );
    await loadCaseLabels(kind);
    return item;
  }

  async function updateCaseLabel(
    kind: CaseLabelKind,
    key: string,
    input: UpdateCaseLabelRequest,
  ): Promise<CaseLabel> {
    const { item } = caseLabelAnswer.parse(
      await api<unknown>(`/api/admin/${kind}/${encodeURIComponent(key)}`, { method: 'PUT', body: input }),
    );
    caseLabels.value[kind] = caseLabels.value[kind].map((x) => (x.key === key ? item : x));
    return item;
  }

  /** Teams without a manager and services without a head of service (admins and QA leads). */
  async function loadSetUpProblems(): Promise<void> {
    setUpProblems.value = setUpProblemsSchema.parse(
      await api<unknown>('/api/admin/set-up-problems'),
    ).problems;
  }

  async function loadRoles(): Promise<void> {
    roles.value = rolesAnswer.parse(await api<unknown>('/api/admin/roles')).roles;
  }

  return {
    people,
    teams,
    services,
    roles,
    caseLabels,
    setUpProblems,
    loadPeople,
    loadPerson,
    createPerson,
    updatePerson,
    newPasswordLink,
    loadTeamsAndServices,
    createTeam,
    updateTeam,
    createService,
    updateService,
    loadCaseLabels,
    createCaseLabel,
    updateCaseLabel,
    loadSetUpProblems,
    loadRoles,
  };
});
