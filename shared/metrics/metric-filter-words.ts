/**
 * Which audits a metric counts, in the words a board or a manager reads beside its figures:
 * "submitted audits of cases flagged Child protection plan or Care leaver, open longer than
 * 6 months when audited". One sentence for the plan's measure, the board report and its XLSX,
 * so a figure is never shown without the group it is a percentage of.
 */
import type { AuditKind } from './audit-for-metrics';
import type { MetricFilters } from './metric-definition';

/** The people's names of what filters name by id or key (teams by id, case types and flags by key). */
export interface FilterNames {
  teams: ReadonlyMap<string, string>;
  caseTypes: ReadonlyMap<string, string>;
  flags: ReadonlyMap<string, string>;
  /** Audit tools' names by framework key (absent: the key is shown). */
  tools?: ReadonlyMap<string, string>;
  /** Rounds' names by id (absent or unknown: "a round no longer listed"). */
  rounds?: ReadonlyMap<string, string>;
}

const KIND_WORDS: Record<AuditKind, string> = {
  practice_week: 'practice week',
  monthly: 'monthly',
  thematic: 'thematic',
  ad_hoc: 'ad hoc',
};

/** "A", "A or B", "A, B or C": any one of them counts. */
export function orList(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] ?? ''}`;
}

/** A name, or the key itself in quotes when nothing in Lantern is called by it any more. */
function named(names: ReadonlyMap<string, string>, ids: readonly string[]): string {
  return orList(ids.map((id) => names.get(id) ?? `“${id}”`));
}

/**
 * @returns a phrase that follows "Counted from": what a measure's or a trend's figure is a
 * percentage of. Filters are stated in a fixed order (kind, case type, flags, age, team,
 * round, theme, framework), each only when it is set.
 * @example metricFilterWords({ flagIds: ['cp'], openLongerThanMonths: 6 }, names)
 * // 'submitted audits of cases flagged Child protection plan, open longer than 6 months when audited'
 * @example metricFilterWords({}, names) // 'every submitted audit'
 */
export function metricFilterWords(filters: MetricFilters, names: FilterNames): string {
  const kinds = filters.kinds?.length ? `${orList(filters.kinds.map((k) => KIND_WORDS[k]))} ` : '';
  const about: string[] = [];
  if (filters.caseTypeIds?.length) about.push(`of case type ${named(names.caseTypes, filters.caseTypeIds)}`);
  if (filters.flagIds?.length) about.push(`flagged ${named(names.flags, filters.flagIds)}`);
  if (filters.openLongerThanMonths !== undefined) {
    const n = filters.openLongerThanMonths;
    about.push(`open longer than ${n} ${n === 1 ? 'month' : 'months'} when audited`);
  }
  const where: string[] = [];
  if (filters.teamIds?.length) where.push(`in ${named(names.teams, filters.teamIds)}`);
  if (filters.roundIds?.length)
    where.push(
      `in the ${filters.roundIds.length === 1 ? 'round' : 'rounds'} ${orList(
        filters.roundIds.map((id) => names.rounds?.get(id) ?? 'a round no longer listed'),
      )}`,
    );
  if (filters.themes?.length)
    where.push(`of rounds on the theme ${orList(filters.themes.map((theme) => `“${theme}”`))}`);
  if (filters.frameworks?.length)
    where.push(
      `with the audit tool ${orList(
        filters.frameworks.map((f) => {
          const name = names.tools?.get(f.key) ?? f.key;
          return f.version ? `${name} version ${f.version}` : name;
        }),
      )}`,
    );
  if (!kinds && about.length === 0 && where.length === 0) return 'every submitted audit';
  const cases = about.length ? ` of cases ${about.join(', ')}` : '';
  return [`submitted ${kinds}audits${cases}`, ...where].join(', ');
}
