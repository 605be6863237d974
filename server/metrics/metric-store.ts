/**
 * The dashboard's SQL beside its figures: the teams, case types and flags, audit tools and
 * rounds a dashboard offers and names, each inside the reader's data scope where it is a
 * service's (another service's rounds are neither offered nor counted).
 */
import type { Queryable } from '../db/database';
import { inScope, type DataScope } from '../auth/service-scope';

export interface NamedChoice {
  id: string;
  name: string;
}
export interface RetirableChoice {
  key: string;
  label: string;
  retired: boolean;
}
export interface RoundChoice {
  id: string;
  name: string;
  kind: string;
  theme: string;
  start_date: string;
}

/** The teams a dashboard offers and names: those of the reader's service. */
export async function teamsInScope(db: Queryable, scope: DataScope): Promise<NamedChoice[]> {
  const params: unknown[] = [];
  return db.query<NamedChoice>(
    `SELECT id::text AS id, name FROM teams WHERE ${inScope(scope, { team: 'id' }, params)} ORDER BY name`,
    params,
  );
}

/** Every case type's name by its key (a trend split by case type labels its series). */
export async function caseTypeNames(db: Queryable): Promise<NamedChoice[]> {
  return db.query<NamedChoice>('SELECT key AS id, label AS name FROM case_types');
}

/** Case types, retired ones too: their audits keep counting in trends. */
export async function caseTypeChoices(db: Queryable): Promise<RetirableChoice[]> {
  return db.query<RetirableChoice>(
    'SELECT key, label, retired_at IS NOT NULL AS retired FROM case_types ORDER BY label',
  );
}

/** Case flags, retired ones too: their audits keep counting in trends. */
export async function caseFlagChoices(db: Queryable): Promise<RetirableChoice[]> {
  return db.query<RetirableChoice>(
    'SELECT key, label, retired_at IS NOT NULL AS retired FROM case_flags ORDER BY label',
  );
}

/** The audit tools with a published version: a trend can count one tool's audits. */
export async function publishedToolChoices(db: Queryable): Promise<{ key: string; name: string }[]> {
  return db.query<{ key: string; name: string }>(
    `SELECT f.key, coalesce(max(t.name), max(f.title)) AS name FROM frameworks f
     LEFT JOIN audit_tools t ON t.key = f.key WHERE f.status = 'published' GROUP BY f.key ORDER BY 2`,
  );
}

/** The rounds of the reader's service, newest first (and so the themes a dashboard offers). */
export async function roundChoices(db: Queryable, scope: DataScope): Promise<RoundChoice[]> {
  const params: unknown[] = [];
  return db.query<RoundChoice>(
    `SELECT id::text AS id, name, kind, theme, to_char(start_date, 'YYYY-MM-DD') AS start_date
     FROM rounds WHERE ${inScope(scope, { service: 'service_id' }, params)} ORDER BY start_date DESC, name`,
    params,
  );
}
