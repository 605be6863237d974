/**
 * Writes a prepared people import, all or nothing, in the caller's transaction: new people are
 * inserted (with no password, `created_via = 'import'`) and each gets a one-time set-password
 * link; changed people are updated in the columns the file has; the teams each person manages
 * are set where the file has that column (a person's list replaces theirs; other managers of
 * the same team stay). Every person created or changed gets its audit-log rows, as when an admin
 * does it by hand. Rows travel as one JSON parameter per statement (insert-rows.ts's approach),
 * so 2,000 people take a handful of statements, not thousands.
 */
import type { Queryable } from '../db/database';
import { insertRows } from '../db/insert-rows';
import { PERSON_COLUMNS } from '../admin/people-columns';
import { DEFAULT_AGENCY } from '../../shared/accounts/agencies';
import { issuePasswordLinks, type IssuedLink } from '../auth/password-links';
import type { ImportedPerson } from '../../shared/imports/people-row-validation';
import type { PreparedPeopleImport } from './prepare-people-import';
import { knownRoles } from '../admin/people-store';

export interface AppliedPeopleImport {
  created: { id: string; person: ImportedPerson; link: IssuedLink }[];
  updated: number;
}

export interface ImportActor {
  id: string;
  ip: string;
  userAgent: string;
}

export async function applyPeopleImport(
  tx: Queryable,
  prepared: PreparedPeopleImport,
  actor: ImportActor,
): Promise<AppliedPeopleImport> {
  const { mapping } = prepared;
  const newPeople = prepared.created.map((person) => ({ id: crypto.randomUUID(), person }));
  await insertRows(
    tx,
    'people',
    { ...PERSON_COLUMNS, created_via: 'text', agency: 'text' },
    newPeople.map(({ id, person }) => ({
      id,
      email: person.email,
      display_name: person.name,
      job_title: person.jobTitle ?? '',
      team_id: person.teamId ?? null,
      service_id: person.serviceId ?? null,
      roles: person.roles,
      created_via: 'import',
      agency: person.agency ?? DEFAULT_AGENCY,
    })),
  );

  if (prepared.updated.length > 0) {
    const set = [
      'display_name = x.display_name',
      'roles = x.roles',
      ...(mapping.jobTitle !== null ? ['job_title = x.job_title'] : []),
      ...(mapping.agency !== null ? ['agency = x.agency'] : []),
      'team_id = x.team_id',
      'service_id = x.service_id',
    ];
    await tx.query(
      `UPDATE people p SET ${set.join(', ')}, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS x (id uuid, display_name text, roles text[], job_title text,
         agency text, team_id uuid, service_id uuid)
       WHERE p.id = x.id`,
      [
        JSON.stringify(
          prepared.updated.map(({ person, existing }) => ({
            id: existing.id,
            display_name: person.name,
            roles: person.roles,
            job_title: person.jobTitle ?? existing.job_title,
            agency: person.agency ?? existing.agency,
            team_id: person.teamId === undefined ? existing.team_id : person.teamId,
            service_id: person.serviceId === undefined ? existing.service_id : person.serviceId,
          })),
        ),
      ],
    );
  }

  if (mapping.manages !== null) {
    const managing = [
      ...newPeople.map(({ id, person }) => ({ person_id: id, teams: person.manages ?? [] })),
      ...prepared.updated.map(({ person, existing }) => ({
        person_id: existing.id,
        teams: person.manages ?? [],
      })),
    ];
    const json = JSON.stringify(managing);
    await tx.query(
      `DELETE FROM team_managers m USING jsonb_to_recordset($1::jsonb) AS x (person_id uuid, teams uuid[])
       WHERE m.person_id = x.person_id AND NOT (m.team_id = ANY (x.teams))`,
      [json],
    );
    await tx.query(
      `INSERT INTO team_managers (team_id, person_id)
       SELECT unnest(x.teams), x.person_id FROM jsonb_to_recordset($1::jsonb) AS x (person_id uuid, teams uuid[])
       ON CONFLICT DO NOTHING`,
      [json],
    );
  }

  const links = await issuePasswordLinks(
    tx,
    newPeople.map((p) => p.id),
    actor.id,
  );
  const created = newPeople.map(({ id, person }) => {
    const link = links.get(id);
    if (!link) throw new Error(`no set-password link was issued for ${id}`);
    return { id, person, link };
  });

  const log = (action: string, entityId: string, detail: Record<string, unknown>) => ({
    actor_id: actor.id,
    action,
    entity_type: 'person',
    entity_id: entityId,
    detail,
    ip: actor.ip,
    user_agent: actor.userAgent.slice(0, 300),
  });
  await insertRows(
    tx,
    'audit_log',
    {
      actor_id: 'uuid',
      action: 'text',
      entity_type: 'text',
      entity_id: 'text',
      detail: 'jsonb',
      ip: 'text',
      user_agent: 'text',
    },
    [
      ...created.flatMap(({ id, person, link }) => [
        log('person.created', id, {
          email: person.email,
          roles: person.roles,
          teamId: person.teamId ?? null,
          serviceId: person.serviceId ?? null,
          ...(person.manages ? { manages: person.manages } : {}),
          via: 'import',
          fileSha256: prepared.sha256,
        }),
        log('password-link.created', id, { expiresAt: link.expiresAt }),
      ]),
      ...prepared.updated.flatMap(({ person, existing, changes }) => {
        const from = knownRoles(existing.roles);
        return [
          log('person.updated', existing.id, { changes, via: 'import', fileSha256: prepared.sha256 }),
          // Role changes have their own row, as when an admin changes them by hand.
          ...(from.join(',') !== person.roles.join(',')
            ? [log('person.roles-changed', existing.id, { from, to: person.roles, via: 'import' })]
            : []),
        ];
      }),
    ],
  );
  return { created, updated: prepared.updated.length };
}
