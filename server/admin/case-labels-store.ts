/**
 * The SQL behind the council's case types and case flags: lists with how many cases carry
 * each, and the create / rename / retire functions. Each takes a Queryable so it can run inside
 * a caller's transaction (the admin routes here; a case-list import that creates the types and
 * flags its file names). A key is made once from the first label and never changes.
 */
import type { Queryable } from '../db/database';
import { appError } from '../../shared/errors/app-error';
import { keyFromLabel } from '../../shared/organisation/key-from-label';
import {
  CASE_LABEL_WORDS,
  type CaseLabel,
  type CaseLabelKind,
} from '../../shared/organisation/case-label-schemas';

const TABLE: Record<CaseLabelKind, 'case_types' | 'case_flags'> = {
  'case-types': 'case_types',
  'case-flags': 'case_flags',
};

/** How many cases carry each key, by list. */
const CASES_SQL: Record<CaseLabelKind, string> = {
  'case-types': '(SELECT count(*) FROM cases c WHERE c.case_type = x.key)',
  'case-flags': '(SELECT count(*) FROM cases c WHERE c.flags @> ARRAY[x.key])',
};

interface LabelRow {
  key: string;
  label: string;
  retired: boolean;
  cases: number;
}

const toLabel = (row: LabelRow): CaseLabel => ({
  key: row.key,
  label: row.label,
  retired: row.retired,
  cases: Number(row.cases),
});

/** Every case type or flag, retired ones too, by label. */
export async function listCaseLabels(db: Queryable, kind: CaseLabelKind): Promise<CaseLabel[]> {
  const rows = await db.query<LabelRow>(
    `SELECT x.key, x.label, x.retired_at IS NOT NULL AS retired, ${CASES_SQL[kind]} AS cases
     FROM ${TABLE[kind]} x ORDER BY lower(x.label), x.key`,
  );
  return rows.map(toLabel);
}

export async function findCaseLabel(
  db: Queryable,
  kind: CaseLabelKind,
  key: string,
): Promise<CaseLabel | null> {
  const [row] = await db.query<LabelRow>(
    `SELECT x.key, x.label, x.retired_at IS NOT NULL AS retired, ${CASES_SQL[kind]} AS cases
     FROM ${TABLE[kind]} x WHERE x.key = $1`,
    [key],
  );
  return row ? toLabel(row) : null;
}

/** @throws AppError conflict on `label` when another entry of the list has this label, in any case. */
async function assertLabelFree(
  db: Queryable,
  kind: CaseLabelKind,
  label: string,
  exceptKey: string | null,
): Promise<void> {
  const [row] = await db.query(
    `SELECT key FROM ${TABLE[kind]} WHERE lower(label) = lower($1) AND ($2::text IS NULL OR key <> $2)`,
    [label, exceptKey],
  );
  if (row) {
    const one = CASE_LABEL_WORDS[kind].one;
    throw appError('conflict', `There is already a ${one} with this name.`, [
      { path: 'label', message: `There is already a ${one} called ${label}. Choose another name.` },
    ]);
  }
}

export async function createCaseLabel(db: Queryable, kind: CaseLabelKind, label: string): Promise<CaseLabel> {
  const name = label.trim();
  await assertLabelFree(db, kind, name, null);
  // Taken keys include retired ones: a key is never reused for something else.
  const taken = await db.query<{ key: string }>(`SELECT key FROM ${TABLE[kind]}`);
  const key = keyFromLabel(name, new Set(taken.map((row) => row.key)));
  await db.query(`INSERT INTO ${TABLE[kind]} (key, label) VALUES ($1, $2)`, [key, name]);
  return { key, label: name, retired: false, cases: 0 };
}

/**
 * Adds a case type. @throws AppError conflict on `label` when one has this name already.
 * @example await createCaseType(tx, 'Private fostering') // { key: 'private-fostering', … }
 */
export const createCaseType = (db: Queryable, label: string): Promise<CaseLabel> =>
  createCaseLabel(db, 'case-types', label);

/** Adds a case flag. @throws AppError conflict on `label` when one has this name already. */
export const createFlag = (db: Queryable, label: string): Promise<CaseLabel> =>
  createCaseLabel(db, 'case-flags', label);

/**
 * Renames, retires or brings back a case type or flag; its key stays. Returns the entry before
 * and after, so the caller can log what changed.
 * @throws AppError not_found for an unknown key; conflict on `label` for a name in use.
 */
export async function updateCaseLabel(
  db: Queryable,
  kind: CaseLabelKind,
  key: string,
  change: { label: string; retired: boolean },
): Promise<{ before: CaseLabel; after: CaseLabel }> {
  const before = await findCaseLabel(db, kind, key);
  if (!before) throw appError('not_found', `There is no ${CASE_LABEL_WORDS[kind].one} with that key.`);
  const label = change.label.trim();
  await assertLabelFree(db, kind, label, key);
  await db.query(
    `UPDATE ${TABLE[kind]} SET label = $2,
       retired_at = CASE WHEN $3::boolean THEN coalesce(retired_at, now()) ELSE NULL END
     WHERE key = $1`,
    [key, label, change.retired],
  );
  return { before, after: { ...before, label, retired: change.retired } };
}
