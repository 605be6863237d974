/**
 * A person's data scope: how far their roles reach under a route's rule, and the one SQL
 * condition every list and figure uses to stay inside it. The access middleware works the scope
 * out once per request from the rule (access-rules.ts) and the person, and hands it to the
 * handler (`dataScope(c)`); stores take it as a parameter, so no query of audit-derived data can
 * be written without saying whose it is.
 *
 * - 'all': organisation-wide (only where a rule gives it: the admin's audit log);
 * - 'service': the teams of the person's service, and records that belong to it (rounds, plans,
 *   case-list imports carry their service);
 * - 'team': the person's own team;
 * - 'assigned': records allocated, sampled or raised to the person.
 * A person with no service (or no team) matches nothing at that reach: access fails closed, it
 * never widens to the organisation.
 */
import type { Context } from 'hono';
import type { LanternEnv, Person } from '../http/app-env';
import { appError } from '../../shared/errors/app-error';
import type { Reach } from './access-rules';

export interface DataScope {
  /** The widest reach the person's roles give them under the route's rule. */
  reach: Reach;
  personId: string;
  serviceId: string | null;
  teamId: string | null;
}

const ORDER: readonly Reach[] = ['all', 'service', 'team', 'assigned'];

/** The widest of the reaches (they come from reachesOf); null when there are none. */
export function scopeFor(person: Person, reaches: readonly Reach[]): DataScope | null {
  const reach = ORDER.find((r) => reaches.includes(r));
  if (!reach) return null;
  return { reach, personId: person.id, serviceId: person.serviceId, teamId: person.teamId };
}

/** The scope the access middleware worked out for this request. */
export function dataScope(c: Context<LanternEnv>): DataScope {
  const scope = c.get('scope');
  // Only routes whose rule names roles have a scope; a handler asking for one elsewhere is a bug.
  if (!scope) throw appError('forbidden', 'You do not have access to this.');
  return scope;
}

/**
 * The scope of one service, for reading on a record's behalf rather than a person's: an
 * improvement plan's measures count the audits of the plan's service (null: none).
 */
export function scopeOfService(serviceId: string | null): DataScope {
  return { reach: 'service', personId: '', serviceId, teamId: null };
}

/** Every audit of the organisation: for the property tests and benchmarks that compare readers. */
export const ORGANISATION_SCOPE: DataScope = { reach: 'all', personId: '', serviceId: null, teamId: null };

/**
 * Where a record sits, as SQL expressions of the query it is used in. A record matches the
 * scope through whichever of these the query can name; one it cannot name matches nothing.
 */
export interface ScopeColumns {
  /** The record's team (its service follows from the team). */
  team?: string;
  /** The service the record belongs to directly (rounds, plans, imports, people). */
  service?: string;
  /** The person the record is allocated, sampled or raised to. */
  assignee?: string;
}

/**
 * The SQL condition that keeps a query inside the scope; parameters are appended to `params`.
 * @example
 *   const params: unknown[] = [];
 *   const where = inScope(scope, { team: 'a.team_id' }, params);
 *   // 'a.team_id IN (SELECT id FROM teams WHERE service_id = $1::uuid)', params: [serviceId]
 */
export function inScope(scope: DataScope, columns: ScopeColumns, params: unknown[]): string {
  const add = (value: unknown): string => {
    params.push(value);
    return `$${params.length}::uuid`;
  };
  switch (scope.reach) {
    case 'all':
      return 'TRUE';
    case 'service': {
      if (scope.serviceId === null) return 'FALSE';
      const service = add(scope.serviceId);
      const conditions = [
        ...(columns.team ? [`${columns.team} IN (SELECT id FROM teams WHERE service_id = ${service})`] : []),
        ...(columns.service ? [`${columns.service} = ${service}`] : []),
      ];
      return conditions.length ? `(${conditions.join(' OR ')})` : 'FALSE';
    }
    case 'team':
      return scope.teamId !== null && columns.team ? `${columns.team} = ${add(scope.teamId)}` : 'FALSE';
    case 'assigned':
      return columns.assignee ? `${columns.assignee} = ${add(scope.personId)}` : 'FALSE';
  }
}

/**
 * The service a new record of the person's is created in (a round, a plan, an import).
 * @throws forbidden when the person is in no service: nothing is created that nobody could reach.
 */
export function serviceForNewRecord(scope: DataScope): string {
  if (scope.serviceId === null)
    throw appError('forbidden', 'You are not in a service yet. Ask an administrator to add you to one.');
  return scope.serviceId;
}
