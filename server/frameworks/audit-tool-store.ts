/**
 * The SQL behind audit tools (shared/framework/audit-tools.ts): every framework key is a tool;
 * `audit_tools` holds its name, purpose and origin (a key with no row, such as the default
 * framework installed on first start, is a case-file audit named by its newest version's title).
 * A new tool is version 1 of a new key, copied from a version of another tool, as a draft the QA
 * lead edits and publishes through the framework version screens.
 */
import type { Queryable } from '../db/database';
import { appError } from '../../shared/errors/app-error';
import { frameworkSchema } from '../../shared/framework/framework-schema';
import {
  auditToolPurposeSchema,
  copyFramework,
  toolKeyFromName,
  type AuditTool,
  type AuditToolChange,
  type NewAuditTool,
} from '../../shared/framework/audit-tools';

interface ToolRow {
  key: string;
  name: string | null;
  purpose: string | null;
  description: string | null;
  copied_from_key: string | null;
  copied_from_version: number | null;
  latest_title: string;
  latest_published: number | null;
  draft_version: number | null;
  versions: number;
}

const SELECT = `SELECT f.key, t.name, t.purpose, t.description, t.copied_from_key, t.copied_from_version,
    (SELECT l.title FROM frameworks l WHERE l.key = f.key ORDER BY l.version DESC LIMIT 1) AS latest_title,
    max(f.version) FILTER (WHERE f.status = 'published') AS latest_published,
    max(f.version) FILTER (WHERE f.status = 'draft') AS draft_version,
    count(*) AS versions
  FROM frameworks f LEFT JOIN audit_tools t ON t.key = f.key`;
const GROUP = `GROUP BY f.key, t.name, t.purpose, t.description, t.copied_from_key, t.copied_from_version`;

function toTool(row: ToolRow): AuditTool {
  return {
    key: row.key,
    name: row.name ?? row.latest_title,
    purpose: auditToolPurposeSchema.catch('case_file').parse(row.purpose ?? 'case_file'),
    description: row.description ?? '',
    copiedFrom:
      row.copied_from_key !== null && row.copied_from_version !== null
        ? { key: row.copied_from_key, version: row.copied_from_version }
        : null,
    latestPublished: row.latest_published === null ? null : Number(row.latest_published),
    draftVersion: row.draft_version === null ? null : Number(row.draft_version),
    versions: Number(row.versions),
  };
}

/** Every tool, by name. */
export async function listTools(db: Queryable): Promise<AuditTool[]> {
  const rows = await db.query<ToolRow>(`${SELECT} ${GROUP}`);
  return rows.map(toTool).sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.key.localeCompare(b.key));
}

export async function requireTool(db: Queryable, key: string): Promise<AuditTool> {
  const [row] = await db.query<ToolRow>(`${SELECT} WHERE f.key = $1 ${GROUP}`, [key]);
  if (!row) throw appError('not_found', 'There is no audit tool with that key.');
  return toTool(row);
}

/** Creates a tool as a copy of `input.copyFrom`: version 1 of a new key, a draft. Answers the new key. */
export async function createTool(tx: Queryable, input: NewAuditTool, createdBy: string): Promise<string> {
  // One new tool at a time, so two with the same name cannot both take the same key.
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('audit-tools:create'))");
  const [source] = await tx.query<{ definition: unknown }>(
    'SELECT definition FROM frameworks WHERE key = $1 AND version = $2',
    [input.copyFrom.key, input.copyFrom.version],
  );
  if (!source)
    throw appError('validation_failed', 'Choose the tool version to copy.', [
      {
        path: 'copyFrom',
        message: `There is no version ${input.copyFrom.version} of "${input.copyFrom.key}".`,
      },
    ]);
  const [sameName] = await tx.query<{ key: string }>(
    'SELECT key FROM audit_tools WHERE lower(name) = lower($1)',
    [input.name],
  );
  if (sameName)
    throw appError('conflict', `There is already a tool called "${input.name}".`, [
      { path: 'name', message: 'Give the new tool a name no other tool has.' },
    ]);
  const taken = await tx.query<{ key: string }>(
    'SELECT key FROM frameworks UNION SELECT key FROM audit_tools',
  );
  const key = toolKeyFromName(input.name, new Set(taken.map((r) => r.key)));
  const framework = copyFramework(frameworkSchema.parse(source.definition), key, input.name);
  await tx.query(
    `INSERT INTO audit_tools (key, name, purpose, description, copied_from_key, copied_from_version, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      key,
      input.name,
      input.purpose,
      input.description,
      input.copyFrom.key,
      input.copyFrom.version,
      createdBy,
    ],
  );
  await tx.query(
    `INSERT INTO frameworks (key, version, title, status, definition, created_by)
     VALUES ($1, 1, $2, 'draft', $3::jsonb, $4)`,
    [key, framework.title, JSON.stringify(framework), createdBy],
  );
  return key;
}

/** Renames a tool or changes its purpose; its key and versions stay as they are. */
export async function changeTool(
  tx: Queryable,
  key: string,
  input: AuditToolChange,
  by: string,
): Promise<void> {
  await requireTool(tx, key);
  const [sameName] = await tx.query<{ key: string }>(
    'SELECT key FROM audit_tools WHERE lower(name) = lower($1) AND key <> $2',
    [input.name, key],
  );
  if (sameName)
    throw appError('conflict', `There is already a tool called "${input.name}".`, [
      { path: 'name', message: 'Give the tool a name no other tool has.' },
    ]);
  await tx.query(
    `INSERT INTO audit_tools (key, name, purpose, description, created_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, purpose = EXCLUDED.purpose,
       description = EXCLUDED.description, updated_at = now()`,
    [key, input.name, input.purpose, input.description, by],
  );
}
