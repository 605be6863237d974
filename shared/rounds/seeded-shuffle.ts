/**
 * A reproducible shuffle: Fisher–Yates driven by the seeded generator, so a sample drawn with
 * a seed today is the same sample drawn with that seed tomorrow. Callers sort their input by a
 * stable key first (a case reference, an audit id): the order rows come back from a database
 * is not part of the seed.
 */
import { seededRandom } from '../random/seeded-random';

/**
 * A shuffled copy of `items`; the input is not changed.
 * @example seededShuffle([1, 2, 3, 4], 7) // the same order every time for seed 7
 */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = a;
  }
  return copy;
}
