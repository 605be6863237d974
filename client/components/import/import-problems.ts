/**
 * The error summary of an import's preview: each problem with the file as a whole (a column
 * used twice, a required column missing) links to its field, then whatever else the screen
 * adds (names to decide), then one line for the problems in the rows, which links to their table.
 */
import { NO_PROBLEMS, type Problems } from '../../api/form-problems';

type Link = { href: string; message: string };

export function importProblems(options: {
  prefix: string;
  fileProblems: readonly { path: string; message: string }[];
  /** The field a file problem belongs to: `map-<field>` for a column, or `file`. */
  fieldOf: (path: string) => string;
  more?: Link[];
  problemCount: number;
  /** What the summary says: that nothing, or nobody, has been imported. */
  summary: string;
}): Problems {
  const { prefix, fileProblems, fieldOf, problemCount } = options;
  const items: Link[] = [
    ...fileProblems.map((f) => ({ href: `#${prefix}-${fieldOf(f.path)}`, message: f.message })),
    ...(options.more ?? []),
  ];
  if (problemCount > 0)
    items.push({
      href: `#${prefix}-problems`,
      message: `${problemCount} ${problemCount === 1 ? 'problem in the rows' : 'problems in the rows'}: see the list below.`,
    });
  if (items.length === 0) return NO_PROBLEMS;
  return {
    summary: options.summary,
    items,
    byField: Object.fromEntries(fileProblems.map((f) => [fieldOf(f.path), f.message])),
  };
}
