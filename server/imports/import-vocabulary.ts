/**
 * What the organisation calls things, as a case-list import needs it: every team (with its
 * service), case type and case flag, retired ones marked, and the services. Read in the
 * caller's transaction, so an import checks its decisions against what it writes beside.
 */
import type { Queryable } from '../db/database';
import type { Vocabulary } from '../../shared/imports/resolve-names';

export async function loadVocabulary(db: Queryable): Promise<Vocabulary> {
  // One after another: inside a transaction they share one connection.
  const teams = await db.query<{ id: string; name: string; service_id: string; service_name: string }>(
    `SELECT t.id, t.name, t.service_id, s.name AS service_name
     FROM teams t JOIN services s ON s.id = t.service_id ORDER BY lower(t.name)`,
  );
  const caseTypes = await db.query<{ key: string; label: string; retired: boolean }>(
    'SELECT key, label, retired_at IS NOT NULL AS retired FROM case_types ORDER BY lower(label)',
  );
  const flags = await db.query<{ key: string; label: string; retired: boolean }>(
    'SELECT key, label, retired_at IS NOT NULL AS retired FROM case_flags ORDER BY lower(label)',
  );
  const services = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM services ORDER BY lower(name)',
  );
  return {
    teams: teams.map((t) => ({
      id: t.id,
      name: t.name,
      serviceId: t.service_id,
      serviceName: t.service_name,
      retired: false,
    })),
    caseTypes,
    flags,
    services,
  };
}
