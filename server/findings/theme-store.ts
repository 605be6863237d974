/**
 * The council's themes, per service: listed with how many of the service's findings
 * each holds, created, renamed, described and archived. A theme's name is unique in its service
 * whatever its case; an archived theme is offered no more but keeps its findings.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database';
import { appError } from '../../shared/errors/app-error';
import { inScope, serviceForNewRecord, type DataScope } from '../auth/service-scope';
import type { ThemeCreate, ThemeUpdate, ThemeView } from '../../shared/findings/finding-schemas';

interface ThemeRow {
  id: string;
  name: string;
  description: string;
  archived: boolean;
  findings: number;
}

const view = (r: ThemeRow): ThemeView => ({
  id: r.id,
  name: r.name,
  description: r.description,
  archived: r.archived,
  findings: r.findings,
});

/** The themes of the person's service, by name (archived ones last). */
export async function listThemes(db: Queryable, scope: DataScope): Promise<ThemeView[]> {
  const params: unknown[] = [];
  const where = inScope(scope, { service: 'th.service_id' }, params);
  const rows = await db.query<ThemeRow>(
    `SELECT th.id, th.name, th.description, th.archived,
       (SELECT count(*) FROM finding_codings fc JOIN audits a ON a.id = fc.audit_id
        WHERE fc.theme_id = th.id AND NOT a.deleted) AS findings
     FROM finding_themes th WHERE ${where} ORDER BY th.archived, lower(th.name), th.id`,
    params,
  );
  return rows.map(view);
}

/**
 * One theme of the person's service.
 * @throws not_found when there is none (another service's theme is not there to them).
 */
export async function getTheme(db: Queryable, scope: DataScope, themeId: string): Promise<ThemeView> {
  const found = (await listThemes(db, scope)).find((t) => t.id === themeId);
  if (!found) throw appError('not_found', 'There is no theme with that id.');
  return found;
}

async function assertNameFree(db: Queryable, serviceId: string, name: string, exceptId: string | null) {
  const [taken] = await db.query(
    `SELECT 1 FROM finding_themes WHERE service_id = $1 AND lower(btrim(name)) = lower(btrim($2))
       AND ($3::uuid IS NULL OR id <> $3::uuid)`,
    [serviceId, name, exceptId],
  );
  if (taken)
    throw appError('conflict', `There is already a theme called “${name}”.`, [
      { path: 'name', message: 'Choose a name no other theme has.' },
    ]);
}

/** Creates a theme in the person's service and returns it. */
export async function createTheme(tx: Queryable, scope: DataScope, input: ThemeCreate): Promise<ThemeView> {
  const serviceId = serviceForNewRecord(scope);
  await assertNameFree(tx, serviceId, input.name, null);
  const id = randomUUID();
  await tx.query(
    'INSERT INTO finding_themes (id, service_id, name, description, created_by) VALUES ($1, $2, $3, $4, $5)',
    [id, serviceId, input.name, input.description, scope.personId || null],
  );
  return { id, name: input.name, description: input.description, archived: false, findings: 0 };
}

/** Renames, describes, archives or brings back one theme of the person's service. */
export async function updateTheme(
  tx: Queryable,
  scope: DataScope,
  themeId: string,
  input: ThemeUpdate,
): Promise<ThemeView> {
  const before = await getTheme(tx, scope, themeId);
  const serviceId = serviceForNewRecord(scope);
  if (input.name !== undefined) await assertNameFree(tx, serviceId, input.name, themeId);
  await tx.query(
    `UPDATE finding_themes SET name = coalesce($2, name), description = coalesce($3, description),
       archived = coalesce($4, archived) WHERE id = $1`,
    [themeId, input.name ?? null, input.description ?? null, input.archived ?? null],
  );
  return { ...before, ...input };
}
