/**
 * The organisation's SQL: its name and whether its data is the demo (the first organisation
 * row, the one Lantern keeps), adding and renaming it, and the demo accounts a visitor may try.
 */
import type { Queryable } from '../db/database';

export interface OrganisationRow {
  name: string;
  is_demo: boolean;
}

/** The organisation, or null before anything is set up. */
export async function readOrganisation(db: Queryable): Promise<OrganisationRow | null> {
  const [org] = await db.query<OrganisationRow>(
    'SELECT name, is_demo FROM organisation ORDER BY created_at LIMIT 1',
  );
  return org ?? null;
}

/** The organisation (the first made, should there be more), locked for the change; undefined when none. */
export async function lockOrganisation(tx: Queryable): Promise<{ id: string; name: string } | undefined> {
  const [org] = await tx.query<{ id: string; name: string }>(
    'SELECT id, name FROM organisation ORDER BY created_at LIMIT 1 FOR UPDATE',
  );
  return org;
}

/** Adds the organisation, not the demo's, under `name`; answers its id. */
export async function insertOrganisation(tx: Queryable, name: string): Promise<string> {
  const [created] = await tx.query<{ id: string }>(
    'INSERT INTO organisation (id, name, is_demo) VALUES (gen_random_uuid(), $1, false) RETURNING id',
    [name],
  );
  return created?.id ?? '';
}

/** Gives the organisation `id` a new name. */
export async function renameOrganisation(tx: Queryable, id: string, name: string): Promise<void> {
  await tx.query('UPDATE organisation SET name = $2 WHERE id = $1', [id, name]);
}

export interface DemoAccountRow {
  email: string;
  display_name: string;
  job_title: string;
  roles: string[];
  service_name: string | null;
}

/** The active demo accounts (their addresses are under demo.lantern.invalid), by service and name. */
export async function demoAccounts(db: Queryable): Promise<DemoAccountRow[]> {
  return db.query<DemoAccountRow>(
    `SELECT p.email, p.display_name, p.job_title, p.roles, s.name AS service_name
     FROM people p LEFT JOIN services s ON s.id = p.service_id
     WHERE p.active AND p.email LIKE '%@demo.lantern.invalid' ORDER BY s.name NULLS LAST, p.display_name`,
  );
}
