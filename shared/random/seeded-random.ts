/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32) so that samples,
 * demo data and property fixtures are reproducible from a seed: the same seed always gives the same sequence.
 * Not for anything secret.
 */

export type Random = () => number;

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state), its state
 * spread from the seed with splitmix32. A 32-bit counter generator such as mulberry32 walks
 * one 2^32 cycle for every seed, so two seeds give the same sequence shifted — and two
 * large synthetic datasets then share ids. Here different seeds give unrelated sequences.
 * @example const random = seededRandom(42); random(); // 0 ≤ x < 1, same every run
 */
export function seededRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitmix32 = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix32();
  let b = splitmix32();
  let c = splitmix32();
  let d = splitmix32();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next(); // let the state mix before the first draw
  return () => next() / 4_294_967_296;
}

/** A whole number from `min` to `max` inclusive. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element of a non-empty list. @throws Error when the list is empty. */
export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick needs at least one item');
  return items[Math.floor(random() * items.length)] as T;
}

/** A version-4-shaped UUID drawn from the generator, for reproducible synthetic ids. */
export function randomUuid(random: Random): string {
  const hex = Array.from({ length: 4 }, () =>
    Math.floor(random() * 4_294_967_296)
      .toString(16)
      .padStart(8, '0'),
  ).join('');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
