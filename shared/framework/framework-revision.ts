/**
 * The rules for publishing a new version of a framework. Trends run across versions by item
 * key, so a key must keep meaning the same kind of thing: a question that becomes a grade
 * under the same key would silently mix two measures in one line on a chart. Items may be
 * added, removed, reworded or moved between sections; wording changes are the QA lead's
 * judgement and are not policed here.
 */
import { frameworkItems, type Framework } from './framework-schema';

/** One reason a revision cannot be published; `itemKey` is '' for a problem with the whole framework. */
export interface RevisionProblem {
  itemKey: string;
  message: string;
}

/**
 * Problems with publishing `next` as the revision that follows `previous`; empty when it may be published.
 * @example revisionProblems(v1, { ...v1, version: 1 }) // [{ itemKey: '', message: 'The new version must be numbered above 1.' }]
 */
export function revisionProblems(previous: Framework, next: Framework): RevisionProblem[] {
  const problems: RevisionProblem[] = [];
  if (next.key !== previous.key) {
    problems.push({
      itemKey: '',
      message: `A revision of "${previous.key}" must keep the key "${previous.key}".`,
    });
  }
  if (next.version <= previous.version) {
    problems.push({ itemKey: '', message: `The new version must be numbered above ${previous.version}.` });
  }
  const before = new Map(frameworkItems(previous).map((item) => [item.key, item]));
  for (const item of frameworkItems(next)) {
    const old = before.get(item.key);
    if (old && old.kind !== item.kind) {
      problems.push({
        itemKey: item.key,
        message: `"${item.key}" was a ${old.kind} item in version ${previous.version} and is a ${item.kind} item now: give the new item a new key so trends do not mix the two.`,
      });
    }
  }
  const anchors = {
    overallGradeKey: 'The overall grade',
    safeguardingConcernKey: 'The safeguarding concern',
  } as const;
  for (const [key, what] of Object.entries(anchors) as [keyof typeof anchors, string][]) {
    if (next[key] !== previous[key]) {
      problems.push({
        itemKey: next[key],
        message: `${what} must keep the key "${previous[key]}" so trends and alerts carry on across versions.`,
      });
    }
  }
  return problems;
}
