/**
 * The case practitioner's SQL: the case with its service, the people who may be its
 * practitioner (active, with the practitioner role, in the case's service), and the change.
 */
import type { Queryable } from '../db/database';
import { appError } from '../../shared/errors/app-error';

export interface CasePractitionerRow {
  reference: string;
  practitioner_id: string | null;
  service_id: string;
}

/** The case, its practitioner and its service; locked for the change when `forUpdate`. */
export async function casePractitioner(
  db: Queryable,
  caseId: string,
  forUpdate = false,
): Promise<CasePractitionerRow> {
  const [row] = await db.query<CasePractitionerRow>(
    `SELECT c.reference, c.practitioner_id, t.service_id FROM cases c JOIN teams t ON t.id = c.team_id
     WHERE c.id = $1${forUpdate ? ' FOR UPDATE OF c' : ''}`,
    [caseId],
  );
  if (!row) throw appError('not_found', 'There is no case with that id.');
  return row;
}

/** The people who may be the practitioner of a case of the service, by name. */
export async function practitionerChoices(
  db: Queryable,
  serviceId: string,
): Promise<{ id: string; name: string; email: string }[]> {
  return db.query<{ id: string; name: string; email: string }>(
    `SELECT id, display_name AS name, email FROM people
     WHERE active AND 'practitioner' = ANY (roles) AND service_id = $1 ORDER BY display_name, id`,
    [serviceId],
  );
}

/** Whether the person may be the practitioner of a case of the service. */
export async function mayBePractitioner(
  db: Queryable,
  personId: string,
  serviceId: string,
): Promise<boolean> {
  const rows = await db.query(
    `SELECT id FROM people WHERE id = $1 AND active AND 'practitioner' = ANY (roles) AND service_id = $2`,
    [personId, serviceId],
  );
  return rows.length > 0;
}

export async function setCasePractitioner(
  tx: Queryable,
  caseId: string,
  practitionerId: string | null,
): Promise<void> {
  await tx.query('UPDATE cases SET practitioner_id = $2, updated_at = now() WHERE id = $1', [
    caseId,
    practitionerId,
  ]);
}
