/**
 * Splitting a whole-number total across groups in proportion to their sizes, so that the
 * parts add up to the total exactly: the largest-remainder (Hamilton) method. A stratified
 * sample uses it to turn "5% of open cases" into a number of cases per team or case type.
 * Ties between equal remainders go to the larger group, then to the group listed first, so
 * the split never depends on anything but the input.
 */

/**
 * Parts of `total` proportional to `sizes`, each at most its size, adding up to
 * min(total, sum of sizes).
 * @example apportion(10, [50, 30, 20]) // [5, 3, 2]
 * @example apportion(2, [1, 1, 1])     // [1, 1, 0]
 */
export function apportion(total: number, sizes: readonly number[]): number[] {
  const population = sizes.reduce((sum, size) => sum + size, 0);
  const wanted = Math.max(0, Math.min(Math.floor(total), population));
  if (population === 0 || wanted === 0) return sizes.map(() => 0);
  const exact = sizes.map((size) => (size * wanted) / population);
  const parts = exact.map((value) => Math.floor(value));
  let left = wanted - parts.reduce((sum, part) => sum + part, 0);
  const order = sizes
    .map((size, index) => ({ index, size, remainder: (exact[index] ?? 0) - (parts[index] ?? 0) }))
    .sort((a, b) => b.remainder - a.remainder || b.size - a.size || a.index - b.index);
  for (const entry of order) {
    if (left === 0) break;
    if ((parts[entry.index] ?? 0) < entry.size) {
      parts[entry.index] = (parts[entry.index] ?? 0) + 1;
      left -= 1;
    }
  }
  return parts;
}
