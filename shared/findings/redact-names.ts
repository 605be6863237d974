/**
 * Anonymising a good-practice example before it is shared with staff: the case's
 * worker, the organisation's people and practitioners, and the case reference (and anything
 * shaped like one) are replaced by neutral words. Pure: the names come in as parameters.
 *
 * Rules, in order (longest first, so "Sam Jones" goes whole before "Sam"):
 * - a case reference, or a token shaped like one (the same runs of letters and digits, or any
 *   word mixing letters with three or more digits, or a number of six digits or more) → "[case]";
 * - the worker's full name, then each part of it → "[worker]";
 * - anyone else's full name, then each part → "[name]".
 * Names match whatever their case ("SAM", "sam"), possessives keep their "'s" ("[worker]'s"),
 * and a name part that is also an ordinary word ("Hope", "Will", "Grant") is replaced only when
 * it is written with a capital, so "we hope" stays. Parts of one letter (initials) are left.
 */

export interface RedactionNames {
  /** The case's allocated worker, as the case list and Lantern name them. */
  workerNames: readonly string[];
  /** Everyone else in the organisation: staff and practitioners. */
  otherNames: readonly string[];
  /** The case's own reference(s). */
  caseReferences: readonly string[];
}

/** First names and surnames that are also everyday English words (matched capitalised only). */
const ORDINARY_WORDS = new Set(
  `hope grace faith joy will mark rose may june april august bill grant frank hunter rich young white black
  green brown wood hill king page price long small star summer dawn daisy holly ivy lily amber ruby pearl ray
  sky river rain patience sunny carol sue pat penny drew chase mason baker cook fisher ward love bell north
  west south east lane field rush best sharp wise hale rock stone park case head worth`.split(/\s+/),
);

const LETTER = '\\p{L}';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A match that is a whole word: no letter or digit right before or after it. */
const whole = (pattern: string) => `(?<![\\p{L}\\p{N}])(?:${pattern})(?![\\p{L}\\p{N}])`;

/** The pattern of one name: its spaces may be any run of white space. */
const namePattern = (name: string) => name.trim().split(/\s+/).map(escape).join('\\s+');

/** The parts of a name worth redacting alone: two letters or more, hyphenated parts too. */
function nameParts(name: string): string[] {
  // "(demo)", "(she/her)" and the like are not part of the name.
  const words = name
    .replace(/\([^)]*\)/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const parts = words.flatMap((w) => (w.includes('-') ? [w, ...w.split('-')] : [w]));
  return parts.map((p) => p.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')).filter((p) => [...p].length >= 2);
}

/** A reference's shape: each run of letters or digits as a run of the same kind and length. */
function shapeOf(reference: string): string | null {
  const runs = reference.match(/\p{L}+|\p{N}+|[^\p{L}\p{N}]+/gu) ?? [];
  if (!runs.some((r) => /\p{N}/u.test(r))) return null; // a word-only reference has no shape to seek
  return runs
    .map((r) =>
      /^\p{L}+$/u.test(r)
        ? `${LETTER}{${[...r].length}}`
        : /^\p{N}+$/u.test(r)
          ? `\\p{N}{${r.length}}`
          : '[-/_.\\s]?',
    )
    .join('');
}

interface Rule {
  pattern: RegExp;
  replacement: string;
}

function rulesFor(names: RedactionNames): Rule[] {
  const rules: Rule[] = [];
  const refs = [...names.caseReferences].filter((r) => r.trim() !== '').sort((a, b) => b.length - a.length);
  for (const ref of refs)
    rules.push({ pattern: new RegExp(whole(namePattern(ref)), 'giu'), replacement: '[case]' });
  for (const shape of new Set(refs.map(shapeOf).filter((s): s is string => s !== null)))
    rules.push({ pattern: new RegExp(whole(shape), 'giu'), replacement: '[case]' });
  // Words mixing letters and 3+ digits (LCS123, 12345AB), and long numbers: how case-management ids look.
  rules.push({
    pattern: new RegExp(
      whole('(?=[\\p{L}\\p{N}-]*\\p{L})(?=(?:[\\p{L}-]*\\p{N}){3})[\\p{L}\\p{N}]+(?:-[\\p{L}\\p{N}]+)*'),
      'gu',
    ),
    replacement: '[case]',
  });
  rules.push({ pattern: new RegExp(whole('\\p{N}{6,}'), 'gu'), replacement: '[case]' });
  const people = (list: readonly string[], replacement: string) => {
    const full = [...new Set(list.map((n) => n.replace(/\([^)]*\)/g, ' ').trim()).filter((n) => n !== ''))];
    const wholeNames = full.filter((n) => /\s/.test(n)).sort((a, b) => b.length - a.length);
    for (const n of wholeNames)
      rules.push({ pattern: new RegExp(whole(namePattern(n)), 'giu'), replacement });
    const parts = [...new Set(full.flatMap(nameParts))].sort((a, b) => b.length - a.length);
    for (const part of parts) {
      const lower = part.toLowerCase();
      if (ORDINARY_WORDS.has(lower)) {
        // Capitalised or all capitals only: "Hope" and "HOPE" are the name, "hope" the word.
        const first = [...part][0] ?? '';
        const rest = escape(part.slice(first.length));
        const pattern = `${escape(first.toUpperCase())}(?:${rest.toLowerCase()}|${rest.toUpperCase()})`;
        rules.push({ pattern: new RegExp(whole(pattern), 'gu'), replacement });
      } else rules.push({ pattern: new RegExp(whole(escape(part)), 'giu'), replacement });
    }
  };
  people(names.workerNames, '[worker]');
  people(names.otherNames, '[name]');
  return rules;
}

/**
 * A redactor for one case's names, to apply to each of its texts.
 * @example
 *   const redact = redactor({ workerNames: ['Sam Jones'], otherNames: [], caseReferences: ['CIN-2041'] });
 *   redact("Sam's visits to CIN-2041 were regular") // "[worker]'s visits to [case] were regular"
 */
export function redactor(names: RedactionNames): (text: string) => string {
  const rules = rulesFor(names);
  return (text) => rules.reduce((out, rule) => out.replace(rule.pattern, rule.replacement), text);
}
