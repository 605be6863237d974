/**
 * Which text answers of an audit are findings for learning: what the auditor wrote
 * under strengths and under areas for development, in any section whose item key ends so
 * (the default framework has `overall.strengths` and `overall.areas-for-development`).
 */

export type FindingKind = 'strengths' | 'areas-for-development';

/**
 * The kind of finding an item key holds, or null when it holds none.
 * @example findingKind('overall.strengths') // 'strengths'
 */
export function findingKind(itemKey: string): FindingKind | null {
  if (itemKey === 'strengths' || itemKey.endsWith('.strengths')) return 'strengths';
  if (itemKey.endsWith('areas-for-development')) return 'areas-for-development';
  return null;
}

/** The kind in words, as auditors see it on the form. */
export function findingKindLabel(kind: FindingKind): string {
  return kind === 'strengths' ? 'Strengths' : 'Areas for development';
}
