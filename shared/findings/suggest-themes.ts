/**
 * Themes to suggest for a finding, learnt from the findings already coded ("past
 * coding suggests themes for new text"). Pure and deterministic: the same text and past coding
 * always give the same suggestions in the same order.
 *
 * How: each text becomes a bag of word stems (lower case, stop words and words under three
 * letters left out); each stem is weighted by TF-IDF over the coded findings, so a word that
 * appears in every finding ("child", "case") counts for little and a telling word ("chronology",
 * "supervision") for a lot. A theme scores the highest cosine similarity between the new text and
 * any finding coded into it; themes are suggested highest score first, ties by how many coded
 * findings matched, then by theme id. A theme no matching finding carries is not suggested.
 */

/** A finding already coded, with the ids of the themes it carries. */
export interface CodedFinding {
  text: string;
  themeIds: readonly string[];
}

export interface ThemeSuggestion {
  themeId: string;
  /** The best cosine similarity with a finding of this theme, from 0 (nothing shared) to 1. */
  score: number;
}

const STOP_WORDS = new Set(
  `the and for with that this was were are has have had not but from into onto than then there their they them
  been being what when where which who whom why how all any some more most very also can could should would will
  its our out about over under after before while each other such only own same just because does did done doing
  there here his her hers him she he you your yours we us it is be as at by on of or an to in no so if`.split(
    /\s+/,
  ),
);

/** A crude English stem: enough that "plans" meets "plan" and "recorded" meets "recording". */
function stem(word: string): string {
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (word.length > suffix.length + 3 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

/**
 * The stems a text is compared by.
 * @example tokens("The child's plans were not SMART") // ['child', 'plan', 'smart']
 */
export function tokens(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .match(/\p{L}[\p{L}\p{N}]*/gu) ?? []
  )
    .map((w) => w.replace(/['’]s$/u, ''))
    .filter((w) => w.length >= 3 && !STOP_WORDS.has(w))
    .map(stem);
}

type Vector = Map<string, number>;

function vectorOf(words: readonly string[], idf: (word: string) => number): Vector {
  const v: Vector = new Map();
  for (const w of words) v.set(w, (v.get(w) ?? 0) + 1);
  for (const [w, tf] of v) v.set(w, tf * idf(w));
  return v;
}

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [w, x] of a) {
    na += x * x;
    dot += x * (b.get(w) ?? 0);
  }
  for (const x of b.values()) nb += x * x;
  if (dot === 0 || na === 0 || nb === 0) return 0;
  // Rounded so that the same texts compare equal whatever the float noise of the order summed.
  return Math.min(1, Math.round((dot / Math.sqrt(na * nb)) * 1e9) / 1e9);
}

/**
 * Themes for `text`, best first, from the past coding; themes in `exclude` (already on the
 * finding, or archived) are left out, and at most `limit` are given.
 * @example
 *   suggestThemes('No chronology on file', [{ text: 'Chronology missing', themeIds: ['t1'] }])
 *   // [{ themeId: 't1', score: … }]
 */
export function suggestThemes(
  text: string,
  coded: readonly CodedFinding[],
  options: { exclude?: readonly string[]; limit?: number } = {},
): ThemeSuggestion[] {
  const exclude = new Set(options.exclude ?? []);
  const limit = options.limit ?? 5;
  const docs = coded.map((f) => ({ words: tokens(f.text), themeIds: f.themeIds }));
  const df = new Map<string, number>();
  for (const d of docs) for (const w of new Set(d.words)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = docs.length;
  // Smoothed IDF (as scikit-learn's): never zero, so a word in every finding still counts a little.
  const idf = (w: string) => Math.log((n + 1) / ((df.get(w) ?? 0) + 1)) + 1;
  const query = vectorOf(tokens(text), idf);
  const best = new Map<string, { score: number; matches: number }>();
  for (const d of docs) {
    const score = cosine(query, vectorOf(d.words, idf));
    if (score === 0) continue;
    for (const themeId of new Set(d.themeIds)) {
      if (exclude.has(themeId)) continue;
      const was = best.get(themeId) ?? { score: 0, matches: 0 };
      best.set(themeId, { score: Math.max(was.score, score), matches: was.matches + 1 });
    }
  }
  return [...best.entries()]
    .sort(
      ([ida, a], [idb, b]) =>
        b.score - a.score || b.matches - a.matches || (ida < idb ? -1 : ida > idb ? 1 : 0),
    )
    .slice(0, Math.max(0, limit))
    .map(([themeId, { score }]) => ({ themeId, score }));
}
