/**
 * Framework versions as the QA lead maintains them: list every version with how much uses it,
 * draft a new version from an existing one, save a draft, and publish it. A published version
 * is never changed in place (only drafts are saved); publishing checks the draft against the
 * latest published version of its framework (shared/framework/framework-revision.ts) so item
 * keys keep their meaning and trends carry on across versions.
 */
import type { Queryable } from '../db/database';
import { appError } from '../../shared/errors/app-error';
import { frameworkSchema, type Framework } from '../../shared/framework/framework-schema';
import { revisionProblems } from '../../shared/framework/framework-revision';
import type { FrameworkVersionSummary } from '../../shared/rounds/framework-version-schemas';

interface VersionRow {
  key: string;
  version: number;
  title: string;
  status: 'draft' | 'published' | 'retired';
  created_at: string;
  published_at: string | null;
  based_on_version: number | null;
  rounds: number;
  audits: number;
}

export async function listVersions(db: Queryable): Promise<FrameworkVersionSummary[]> {
  const rows = await db.query<VersionRow>(
    `SELECT f.key, f.version, f.title, f.status, f.created_at, f.published_at, f.based_on_version,
       (SELECT count(*) FROM rounds r WHERE r.framework_key = f.key AND r.framework_version = f.version) AS rounds,
       (SELECT count(*) FROM audits a WHERE a.framework_key = f.key AND a.framework_version = f.version) AS audits
     FROM frameworks f ORDER BY f.key, f.version DESC`,
  );
  return rows.map((r) => ({
    key: r.key,
    version: r.version,
    title: r.title,
    status: r.status,
    createdAt: r.created_at,
    publishedAt: r.published_at,
    basedOnVersion: r.based_on_version,
    rounds: Number(r.rounds),
    audits: Number(r.audits),
  }));
}

async function definitionOf(db: Queryable, key: string, version: number, lock = false) {
  const [row] = await db.query<{ definition: unknown; status: string }>(
    `SELECT definition, status FROM frameworks WHERE key = $1 AND version = $2 ${lock ? 'FOR UPDATE' : ''}`,
    [key, version],
  );
  if (!row) throw appError('not_found', 'No such framework version.');
  return { framework: frameworkSchema.parse(row.definition), status: row.status };
}

/** Drafts version max+1 of `key` as a copy of `version`. One draft per framework at a time. */
export async function createDraft(
  tx: Queryable,
  key: string,
  version: number,
  createdBy: string,
): Promise<number> {
  const { framework } = await definitionOf(tx, key, version);
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`framework:${key}`]);
  const [draft] = await tx.query<{ version: number }>(
    "SELECT version FROM frameworks WHERE key = $1 AND status = 'draft'",
    [key],
  );
  if (draft)
    throw appError(
      'conflict',
      `Version ${draft.version} of this framework is already a draft. Carry on with it, or publish it first.`,
    );
  const [max] = await tx.query<{ version: number }>(
    'SELECT max(version) AS version FROM frameworks WHERE key = $1',
    [key],
  );
  const next = (max?.version ?? version) + 1;
  const definition: Framework = { ...framework, version: next };
  await tx.query(
    `INSERT INTO frameworks (key, version, title, status, definition, based_on_version, created_by)
     VALUES ($1, $2, $3, 'draft', $4::jsonb, $5, $6)`,
    [key, next, definition.title, JSON.stringify(definition), version, createdBy],
  );
  return next;
}

/** The latest published version of `key` below `version`: what a draft is checked against. */
async function previousPublished(db: Queryable, key: string, version: number): Promise<Framework | null> {
  const [row] = await db.query<{ definition: unknown }>(
    "SELECT definition FROM frameworks WHERE key = $1 AND version < $2 AND status = 'published' ORDER BY version DESC LIMIT 1",
    [key, version],
  );
  return row ? frameworkSchema.parse(row.definition) : null;
}

/** Parses a draft's new definition; its key and version must be the draft's own. */
export function parseDefinition(raw: unknown, key: string, version: number): Framework {
  const parsed = frameworkSchema.safeParse(raw);
  if (!parsed.success)
    throw appError(
      'validation_failed',
      'The framework has problems to put right before it can be saved.',
      parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.') || '(framework)',
        message: issue.message,
      })),
    );
  if (parsed.data.key !== key || parsed.data.version !== version)
    throw appError(
      'validation_failed',
      `This draft is ${key} version ${version}; its key and version cannot change.`,
    );
  return parsed.data;
}

export async function saveDraft(tx: Queryable, key: string, version: number, framework: Framework) {
  const { status } = await definitionOf(tx, key, version, true);
  if (status !== 'draft')
    throw appError(
      'conflict',
      `Version ${version} is ${status}: a published version is never changed in place. Draft a new version from it.`,
    );
  await tx.query('UPDATE frameworks SET definition = $3::jsonb, title = $4 WHERE key = $1 AND version = $2', [
    key,
    version,
    JSON.stringify(framework),
    framework.title,
  ]);
  const previous = await previousPublished(tx, key, version);
  return previous ? revisionProblems(previous, framework) : [];
}

export async function publishDraft(tx: Queryable, key: string, version: number): Promise<void> {
  const { framework, status } = await definitionOf(tx, key, version, true);
  if (status !== 'draft') throw appError('conflict', `Version ${version} is already ${status}.`);
  const previous = await previousPublished(tx, key, version);
  const problems = previous ? revisionProblems(previous, framework) : [];
  if (problems.length > 0)
    throw appError(
      'validation_failed',
      'This version cannot be published yet.',
      problems.map((p) => ({ path: p.itemKey || '(framework)', message: p.message })),
    );
  await tx.query(
    "UPDATE frameworks SET status = 'published', published_at = now() WHERE key = $1 AND version = $2",
    [key, version],
  );
}
