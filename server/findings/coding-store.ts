/**
 * Coding findings into the council's themes: the findings of the person's service
 * with the themes each carries, filtered; coding and uncoding a finding; choosing a coded
 * finding as a quote for its theme; and the past coding that suggests themes for new text.
 * A finding is read from the audit's answers (finding-sql.ts), so what is coded is always what
 * the auditor wrote. Every query stays inside the person's scope; a theme of another service,
 * or a finding of an audit outside it, is "not found".
 */
import type { Queryable } from '../db/database';
import { appError } from '../../shared/errors/app-error';
import { inScope, type DataScope } from '../auth/service-scope';
import { findingKind, findingKindLabel } from '../../shared/findings/finding-kind';
import { suggestThemes, type ThemeSuggestion } from '../../shared/findings/suggest-themes';
import type { CodedFindingView, FindingFilters } from '../../shared/findings/finding-schemas';
import { FINDING_COLUMNS, FINDINGS_FROM, IS_FINDING, type FindingRow } from './finding-sql';
import { getTheme } from './theme-store';

/** At most this many findings in one list: a month or a round of a service is well under it. */
const LIST_LIMIT = 500;

/** The findings of the person's service that match the filters, newest first. */
export async function listFindings(
  db: Queryable,
  scope: DataScope,
  filters: FindingFilters,
): Promise<CodedFindingView[]> {
  const params: unknown[] = [];
  const where = [IS_FINDING, inScope(scope, { team: 'a.team_id' }, params)];
  const add = (value: unknown) => `$${params.push(value)}`;
  if (filters.teamId) where.push(`a.team_id = ${add(filters.teamId)}::uuid`);
  if (filters.roundId)
    // An audit's round is its (lead) allocation's: every audit's id is its allocation's id.
    where.push(
      `EXISTS (SELECT 1 FROM allocations x WHERE x.id = a.id AND x.round_id = ${add(filters.roundId)}::uuid)`,
    );
  const londonMonth = `to_char(a.completed_at AT TIME ZONE 'Europe/London', 'YYYY-MM')`;
  if (filters.from) where.push(`${londonMonth} >= ${add(filters.from)}`);
  if (filters.to) where.push(`${londonMonth} <= ${add(filters.to)}`);
  if (filters.kind === 'strengths') where.push(`j.key NOT LIKE '%areas-for-development'`);
  if (filters.kind === 'areas-for-development') where.push(`j.key LIKE '%areas-for-development'`);
  const coding = `SELECT 1 FROM finding_codings fc WHERE fc.audit_id = a.id AND fc.item_key = j.key`;
  if (filters.themeId) where.push(`EXISTS (${coding} AND fc.theme_id = ${add(filters.themeId)}::uuid)`);
  if (filters.coded === 'yes') where.push(`EXISTS (${coding})`);
  if (filters.coded === 'no') where.push(`NOT EXISTS (${coding})`);
  const rows = await db.query<FindingRow>(
    `SELECT ${FINDING_COLUMNS} FROM ${FINDINGS_FROM} WHERE ${where.join(' AND ')}
     ORDER BY a.completed_at DESC, a.id, j.key LIMIT ${LIST_LIMIT}`,
    params,
  );
  return withCodings(db, rows);
}

/** One finding of an audit in the person's scope, with its themes. */
export async function getFinding(
  db: Queryable,
  scope: DataScope,
  auditId: string,
  itemKey: string,
): Promise<CodedFindingView> {
  const params: unknown[] = [auditId, itemKey];
  const rows = await db.query<FindingRow>(
    `SELECT ${FINDING_COLUMNS} FROM ${FINDINGS_FROM}
     WHERE a.id = $1 AND j.key = $2 AND ${IS_FINDING} AND ${inScope(scope, { team: 'a.team_id' }, params)}`,
    params,
  );
  const [found] = await withCodings(db, rows);
  if (!found)
    throw appError('not_found', 'That audit has no strengths or areas-for-development text under that key.');
  return found;
}

async function withCodings(db: Queryable, rows: FindingRow[]): Promise<CodedFindingView[]> {
  const auditIds = [...new Set(rows.map((r) => r.audit_id))];
  const codings = auditIds.length
    ? await db.query<{ audit_id: string; item_key: string; theme_id: string; name: string; quote: boolean }>(
        `SELECT fc.audit_id, fc.item_key, fc.theme_id, th.name, fc.quote_at IS NOT NULL AS quote
         FROM finding_codings fc JOIN finding_themes th ON th.id = fc.theme_id
         WHERE fc.audit_id = ANY($1::uuid[]) ORDER BY lower(th.name), th.id`,
        [auditIds],
      )
    : [];
  const marks = auditIds.length
    ? await db.query<{ audit_id: string; reason: string }>(
        'SELECT audit_id, reason FROM good_practice_marks WHERE audit_id = ANY($1::uuid[])',
        [auditIds],
      )
    : [];
  const reasons = new Map(marks.map((m) => [m.audit_id, m.reason]));
  return rows.map((r) => {
    const kind = findingKind(r.item_key);
    return {
      auditId: r.audit_id,
      itemKey: r.item_key,
      kindLabel: kind ? findingKindLabel(kind) : r.item_key,
      text: r.text,
      caseReference: r.reference,
      teamName: r.team_name,
      completedAt: r.completed_at,
      themes: codings
        .filter((c) => c.audit_id === r.audit_id && c.item_key === r.item_key)
        .map((c) => ({ themeId: c.theme_id, name: c.name, quote: c.quote })),
      goodPractice: reasons.get(r.audit_id) ?? null,
    };
  });
}

/**
 * Codes a finding into a theme of the same service (again is no change).
 * @throws not_found for a finding or theme outside the person's scope; conflict for an archived theme.
 */
export async function codeFinding(
  tx: Queryable,
  scope: DataScope,
  auditId: string,
  itemKey: string,
  themeId: string,
): Promise<CodedFindingView> {
  await getFinding(tx, scope, auditId, itemKey);
  const theme = await getTheme(tx, scope, themeId);
  if (theme.archived)
    throw appError(
      'conflict',
      `The theme “${theme.name}” is archived: bring it back to code findings into it.`,
    );
  await tx.query(
    `INSERT INTO finding_codings (audit_id, item_key, theme_id, coded_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (audit_id, item_key, theme_id) DO NOTHING`,
    [auditId, itemKey, themeId, scope.personId || null],
  );
  return getFinding(tx, scope, auditId, itemKey);
}

/** Takes a theme off a finding (with its quote, if chosen). */
export async function uncodeFinding(
  tx: Queryable,
  scope: DataScope,
  auditId: string,
  itemKey: string,
  themeId: string,
): Promise<CodedFindingView> {
  await getFinding(tx, scope, auditId, itemKey);
  await getTheme(tx, scope, themeId);
  await tx.query('DELETE FROM finding_codings WHERE audit_id = $1 AND item_key = $2 AND theme_id = $3', [
    auditId,
    itemKey,
    themeId,
  ]);
  return getFinding(tx, scope, auditId, itemKey);
}

/**
 * Chooses (or unchooses) a coded finding as a quote for the theme; quotes keep the order chosen.
 * @throws conflict when the finding is not coded into the theme.
 */
export async function chooseQuote(
  tx: Queryable,
  scope: DataScope,
  auditId: string,
  itemKey: string,
  themeId: string,
  chosen: boolean,
): Promise<CodedFindingView> {
  const finding = await getFinding(tx, scope, auditId, itemKey);
  if (!finding.themes.some((t) => t.themeId === themeId))
    throw appError('conflict', 'Code the finding into this theme before choosing it as a quote.');
  await tx.query(
    `UPDATE finding_codings SET
       quote_at = CASE WHEN $4 THEN coalesce(quote_at, clock_timestamp()) END,
       quote_by = CASE WHEN $4 THEN coalesce(quote_by, $5::uuid) END
     WHERE audit_id = $1 AND item_key = $2 AND theme_id = $3`,
    [auditId, itemKey, themeId, chosen, scope.personId || null],
  );
  return getFinding(tx, scope, auditId, itemKey);
}

/**
 * Themes for one finding from the service's past coding, best first; themes it already carries
 * and archived ones are left out.
 */
export async function suggestionsFor(
  db: Queryable,
  scope: DataScope,
  auditId: string,
  itemKey: string,
): Promise<(ThemeSuggestion & { name: string })[]> {
  const finding = await getFinding(db, scope, auditId, itemKey);
  const params: unknown[] = [];
  const coded = await db.query<FindingRow & { theme_ids: string[] }>(
    `SELECT ${FINDING_COLUMNS}, array_agg(fc.theme_id::text ORDER BY fc.theme_id) AS theme_ids
     FROM ${FINDINGS_FROM} JOIN finding_codings fc ON fc.audit_id = a.id AND fc.item_key = j.key
       JOIN finding_themes th ON th.id = fc.theme_id
     WHERE ${IS_FINDING} AND ${inScope(scope, { team: 'a.team_id' }, params)}
       AND th.service_id = t.service_id AND NOT th.archived
     GROUP BY a.id, j.key, j.value, c.reference, t.name, t.id, a.completed_at
     ORDER BY a.id, j.key`,
    params,
  );
  const names = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM finding_themes WHERE id = ANY($1::uuid[])',
    [[...new Set(coded.flatMap((c) => c.theme_ids))]],
  );
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const others = coded.filter((c) => !(c.audit_id === auditId && c.item_key === itemKey));
  return suggestThemes(
    finding.text,
    others.map((c) => ({ text: c.text, themeIds: c.theme_ids })),
    { exclude: finding.themes.map((t) => t.themeId) },
  ).map((s) => ({ ...s, name: nameOf.get(s.themeId) ?? '' }));
}
