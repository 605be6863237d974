/**
 * What a round's sample may be narrowed to, and the check that a spec names only those: the
 * teams of the round's service, the workers of its cases (each case's practitioner, and the
 * service's active practitioners), and the council's case types and flags. A spec naming
 * anything else (another service's team, a person who is no worker here, an unknown flag) is
 * refused on the field and position that holds it, so nothing of another service is ever drawn.
 */
import type { Queryable } from '../db/database';
import { appError, type FieldProblem } from '../../shared/errors/app-error';
import type { SampleSpec } from '../../shared/rounds/sample-spec';

export interface SampleChoices {
  teams: { id: string; name: string }[];
  workers: { id: string; name: string }[];
}

/** The teams and workers a round of this service can sample by, each sorted by name. */
export async function sampleChoices(db: Queryable, roundId: string): Promise<SampleChoices> {
  // One query after another: `db` may be a transaction, which runs one statement at a time.
  const teams = await db.query<{ id: string; name: string }>(
    `SELECT t.id::text AS id, t.name FROM teams t
       WHERE t.service_id = (SELECT service_id FROM rounds WHERE id = $1) ORDER BY t.name, t.id`,
    [roundId],
  );
  const workers = await db.query<{ id: string; name: string }>(
    `SELECT p.id::text AS id, p.display_name AS name FROM people p
       WHERE p.id IN (
         SELECT c.practitioner_id FROM cases c JOIN teams t ON t.id = c.team_id
         WHERE t.service_id = (SELECT service_id FROM rounds WHERE id = $1)
       ) OR (p.active AND 'practitioner' = ANY (p.roles)
             AND p.service_id = (SELECT service_id FROM rounds WHERE id = $1))
       ORDER BY p.display_name, p.id`,
    [roundId],
  );
  return { teams, workers };
}

/**
 * @throws AppError validation_failed naming every unknown team, worker, case type or flag by
 *   its place in the spec (`teamIds.2`, `flags.0` …).
 */
export async function assertSampleChoices(db: Queryable, roundId: string, spec: SampleSpec): Promise<void> {
  if (spec.teamIds.length + spec.workerIds.length + spec.caseTypes.length + spec.flags.length === 0) return;
  const choices = await sampleChoices(db, roundId);
  const types = await db.query<{ key: string }>('SELECT key FROM case_types WHERE key = ANY ($1::text[])', [
    spec.caseTypes,
  ]);
  const flags = await db.query<{ key: string }>('SELECT key FROM case_flags WHERE key = ANY ($1::text[])', [
    spec.flags,
  ]);
  const known = {
    teamIds: new Set(choices.teams.map((t) => t.id)),
    workerIds: new Set(choices.workers.map((w) => w.id)),
    caseTypes: new Set(types.map((t) => t.key)),
    flags: new Set(flags.map((f) => f.key)),
  };
  const words = {
    teamIds: 'Choose teams from the list: this is not a team of the round’s service.',
    workerIds: 'Choose workers from the list: this person is not a worker of the round’s service.',
    caseTypes: 'Choose case types from the list: this case type is not known to Lantern.',
    flags: 'Choose case flags from the list: this flag is not known to Lantern.',
  };
  const problems: FieldProblem[] = [];
  for (const field of ['teamIds', 'workerIds', 'caseTypes', 'flags'] as const)
    spec[field].forEach((value, index) => {
      if (!known[field].has(value)) problems.push({ path: `${field}.${index}`, message: words[field] });
    });
  if (problems.length > 0)
    throw appError('validation_failed', 'Some of the sample settings need correcting.', problems);
}
