/**
 * The sample screen's problems, each tied to its field: a sample spec's field names (from the
 * schema on this side, or named by the server: `teamIds.1`) mapped to the ids of the screen's
 * fields (`#sample-teams`), so an error summary entry links to the field it concerns and the
 * message shows beside it.
 */
import { problemsFrom, type Problems } from '../../api/form-problems';

/** A spec field's place on the sample screen (`#sample-…`). */
const FIELD_IDS: Record<string, string> = {
  quota: 'quota',
  strata: 'strata',
  seed: 'seed',
  flags: 'flags',
  caseTypes: 'case-types',
  teamIds: 'teams',
  workerIds: 'workers',
  openLongerThanMonths: 'open-months',
  excludeAuditedWithinMonths: 'months',
};

/** The screen field of a spec field; anything else lands on the quota, the first field. */
export const sampleFieldOf = (name: PropertyKey | undefined): string =>
  FIELD_IDS[String(name ?? '')] ?? 'quota';

/** A refused request's problems, each tied to its field on the sample screen. */
export function sampleProblems(error: unknown): Problems {
  const raw = problemsFrom(error, 'sample', 'quota');
  const byField: Record<string, string> = {};
  for (const [name, message] of Object.entries(raw.byField)) byField[sampleFieldOf(name)] ??= message;
  const items = raw.items.map((item) => ({
    ...item,
    href: `#sample-${sampleFieldOf(item.href.replace('#sample-', ''))}`,
  }));
  return { ...raw, items, byField };
}
