/**
 * For a screen that asks again when a filter changes: only the answer to the latest request
 * may be shown. An earlier request that answers later (a larger answer, a slower moment) would
 * otherwise overwrite the figures for the filter now chosen with those of the one before.
 *
 * @example
 * const latest = latestRequest();
 * async function load() {
 *   const ticket = latest.next();
 *   const answer = await api(...);
 *   if (latest.isCurrent(ticket)) shown.value = answer;
 * }
 */
export function latestRequest(): { next(): number; isCurrent(ticket: number): boolean } {
  let latest = 0;
  return {
    next: () => ++latest,
    isCurrent: (ticket) => ticket === latest,
  };
}
