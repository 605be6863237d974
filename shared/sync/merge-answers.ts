/**
 * The three-way merge behind "nothing is lost" (DESIGN.md, "Sync contract"): given the base a
 * device last saw from the server, the device's version (mine) and the server's (theirs),
 * merge answer by answer.
 *
 * Rules, per item key, in order:
 * 1. mine equals theirs → that answer (both made the same change, or neither changed it);
 * 2. only theirs changed (mine equals base) → theirs;
 * 3. only mine changed (theirs equals base) → mine;
 * 4. both changed to the same words, signed by different people (two auditors of a joint audit
 *    gave the same answer; docs/JOINT-AUDITS.md) → theirs, with its author: what was said is the
 *    same, and the server's copy keeps the name it already shows;
 * 5. both changed, differently → a conflict. The merged answers keep THEIRS for that item, so
 *    the server's copy is never overwritten behind another person's back; MINE is kept in the
 *    conflict, for the person to choose. A removed answer counts as a change.
 * Nothing is silently dropped: every value in mine or theirs that differs from base ends in
 * the merged answers or in a conflict.
 */
import type { Answer, Answers } from '../framework/answer-schema';
import type { AuditSnapshot } from './audit-document';

export interface AnswerConflict {
  itemKey: string;
  base: Answer | null;
  mine: Answer | null;
  theirs: Answer | null;
}

export interface MergeResult {
  answers: Answers;
  conflicts: AnswerConflict[];
}

/** Answers are plain JSON of a known shape: equal when their canonical JSON is equal. */
export function sameAnswer(a: Answer | undefined | null, b: Answer | undefined | null): boolean {
  if (!a || !b) return !a && !b;
  return canonical(a) === canonical(b);
}

/** Both present and saying the same, whoever signed them (`by` aside). */
function sameWords(a: Answer | undefined, b: Answer | undefined): boolean {
  if (!a || !b) return false;
  const { by: _a, ...saidA } = a;
  const { by: _b, ...saidB } = b;
  return canonical(saidA) === canonical(saidB);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Merge answers three ways. Does not mutate its arguments.
 * @example
 * mergeAnswers({}, { a: yes }, { b: no }) // { answers: { a: yes, b: no }, conflicts: [] }
 */
export function mergeAnswers(base: Answers, mine: Answers, theirs: Answers): MergeResult {
  const answers: Answers = {};
  const conflicts: AnswerConflict[] = [];
  const keys = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)]);
  for (const key of [...keys].sort()) {
    const b = base[key];
    const m = mine[key];
    const t = theirs[key];
    let chosen: Answer | undefined;
    if (sameAnswer(m, t)) chosen = m;
    else if (sameAnswer(m, b)) chosen = t;
    else if (sameAnswer(t, b)) chosen = m;
    else if (sameWords(m, t)) chosen = t;
    else {
      chosen = t;
      conflicts.push({ itemKey: key, base: b ?? null, mine: m ?? null, theirs: t ?? null });
    }
    if (chosen) answers[key] = chosen;
  }
  return { answers, conflicts };
}

/**
 * Merge whole snapshots: answers as above; the status and completion time follow whichever
 * side changed them (a submission on either side stands).
 */
export function mergeSnapshots(
  base: AuditSnapshot,
  mine: AuditSnapshot,
  theirs: AuditSnapshot,
): { snapshot: AuditSnapshot; conflicts: AnswerConflict[] } {
  const { answers, conflicts } = mergeAnswers(base.answers, mine.answers, theirs.answers);
  const statusFrom =
    mine.status === theirs.status
      ? theirs
      : mine.status === base.status
        ? theirs
        : theirs.status === base.status
          ? mine
          : mine.status === 'submitted'
            ? mine
            : theirs;
  return {
    snapshot: { ...theirs, answers, status: statusFrom.status, completedAt: statusFrom.completedAt },
    conflicts,
  };
}
