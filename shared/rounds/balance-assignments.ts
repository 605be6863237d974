/**
 * Shares work out evenly: cases to auditors in a bulk allocation, sampled audits to
 * moderators. Each item may go only to the people `allowed` says (never an auditor's own
 * team's case when the round says so; never a moderator's own audit).
 *
 * The result is balanced in the strongest sense the constraints allow: no one could hand a
 * single item to someone with two fewer (counting what each already holds, `existing`), even
 * through a chain of hand-overs. An assignment with no such chain minimises the largest load
 * (the classic result for unit jobs on restricted machines), and where nothing is restricted
 * every load is within one of every other. Items no one may take are returned unassigned.
 *
 * Reproducible: people are visited in an order shuffled by the seed, so ties are broken the
 * same way for the same seed, and differently (fairly) across seeds.
 */
import { seededShuffle } from './seeded-shuffle';

export interface Assignable {
  id: string;
}

export interface BalanceResult {
  /** Item id → person id. */
  assignments: Map<string, string>;
  /** Items no one was allowed to take. */
  unassigned: string[];
}

/**
 * @param existing load each person already carries (e.g. cases allocated by hand earlier).
 * @example balanceAssignments(cases, auditors, (c, a) => c.teamId !== a.teamId, 42)
 */
export function balanceAssignments<I extends Assignable, P extends Assignable>(
  items: readonly I[],
  people: readonly P[],
  allowed: (item: I, person: P) => boolean,
  seed: number,
  existing: ReadonlyMap<string, number> = new Map(),
): BalanceResult {
  const order = seededShuffle(
    [...people].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    seed,
  );
  const load = new Map(order.map((p) => [p.id, existing.get(p.id) ?? 0]));
  const held = new Map<string, I[]>(order.map((p) => [p.id, []]));
  const allowedFor = new Map<string, P[]>();
  for (const item of items)
    allowedFor.set(
      item.id,
      order.filter((p) => allowed(item, p)),
    );

  // Greedy first: the most constrained items first, each to the least-loaded person allowed.
  const queue = [...items].sort(
    (a, b) =>
      (allowedFor.get(a.id)?.length ?? 0) - (allowedFor.get(b.id)?.length ?? 0) || (a.id < b.id ? -1 : 1),
  );
  const assignments = new Map<string, string>();
  const unassigned: string[] = [];
  for (const item of queue) {
    const options = allowedFor.get(item.id) ?? [];
    let best: P | undefined;
    for (const p of options) if (!best || (load.get(p.id) ?? 0) < (load.get(best.id) ?? 0)) best = p;
    if (!best) {
      unassigned.push(item.id);
      continue;
    }
    assignments.set(item.id, best.id);
    load.set(best.id, (load.get(best.id) ?? 0) + 1);
    held.get(best.id)?.push(item);
  }

  // Then repair: while someone could pass work down a chain to someone holding two fewer, do
  // it. Each pass lowers the sum of squared loads by at least 2, so this ends.
  for (;;) {
    const path = improvingPath(order, load, held, allowedFor);
    if (!path) break;
    for (const step of path) {
      assignments.set(step.item.id, step.to);
      const from = held.get(step.from) ?? [];
      from.splice(from.indexOf(step.item), 1);
      held.get(step.to)?.push(step.item);
    }
    const first = path[0];
    const last = path.at(-1);
    if (first && last) {
      load.set(first.from, (load.get(first.from) ?? 0) - 1);
      load.set(last.to, (load.get(last.to) ?? 0) + 1);
    }
  }
  return { assignments, unassigned };
}

interface Step<I> {
  item: I;
  from: string;
  to: string;
}

/**
 * A chain of hand-overs from the most loaded person that ends with someone holding at least
 * two fewer, found by breadth-first search over "holds an item the next person may take".
 */
function improvingPath<I extends Assignable, P extends Assignable>(
  order: readonly P[],
  load: ReadonlyMap<string, number>,
  held: ReadonlyMap<string, I[]>,
  allowedFor: ReadonlyMap<string, P[]>,
): Step<I>[] | null {
  const byLoad = [...order].sort((a, b) => (load.get(b.id) ?? 0) - (load.get(a.id) ?? 0));
  for (const start of byLoad) {
    const startLoad = load.get(start.id) ?? 0;
    const back = new Map<string, Step<I> | null>([[start.id, null]]);
    const frontier = [start.id];
    while (frontier.length > 0) {
      const current = frontier.shift() as string;
      for (const item of held.get(current) ?? []) {
        for (const next of allowedFor.get(item.id) ?? []) {
          if (back.has(next.id)) continue;
          back.set(next.id, { item, from: current, to: next.id });
          if ((load.get(next.id) ?? 0) <= startLoad - 2) {
            const path: Step<I>[] = [];
            for (let step = back.get(next.id); step; step = back.get(step.from)) path.unshift(step);
            return path;
          }
          frontier.push(next.id);
        }
      }
    }
  }
  return null;
}
