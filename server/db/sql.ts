/**
 * SQL written as a tagged template: sql`SELECT … WHERE id = ${id}` keeps each value beside
 * the place it goes, and the $1…$n placeholders are numbered when the statement is built, so
 * fragments compose (a write nested as a CTE in a larger statement) without anyone counting
 * placeholders. Both engines take the result as it is: `tx.query(q.text, q.values)`.
 *
 * A value is always sent as a parameter, never spliced into the text; a nested `Sql` fragment
 * is spliced with its own values; `rawSql` is for trusted text written in the code (column
 * lists, table aliases), never for anything that came from a request.
 */

export class Sql {
  /** The text around the values: one more part than there are values. */
  private constructor(
    private readonly parts: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  /** The statement's text, with $1…$n in the order of `values`. */
  get text(): string {
    let text = this.parts[0] ?? '';
    for (let i = 1; i < this.parts.length; i++) text += `$${i}${this.parts[i]}`;
    return text;
  }

  /** Builds a fragment, splicing nested fragments in place (their values move with them). */
  static from(strings: readonly string[], values: readonly unknown[]): Sql {
    const parts = [strings[0] ?? ''];
    const flat: unknown[] = [];
    values.forEach((value, i) => {
      const after = strings[i + 1] ?? '';
      if (value instanceof Sql) {
        parts[parts.length - 1] += value.parts[0] ?? '';
        parts.push(...value.parts.slice(1));
        flat.push(...value.values);
        parts[parts.length - 1] += after;
      } else {
        flat.push(value);
        parts.push(after);
      }
    });
    return new Sql(parts, flat);
  }
}

/** A statement or fragment whose interpolated values become parameters. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return Sql.from(strings, values);
}

/** Trusted SQL text from the code itself (never from input), spliced as it is. */
export function rawSql(text: string): Sql {
  return Sql.from([text], []);
}

/** Fragments one after another with `separator` (trusted text) between them. */
export function joinSql(fragments: readonly Sql[], separator: string): Sql {
  const strings = fragments.map((_, i) => (i === 0 ? '' : separator));
  return Sql.from([...strings, ''], fragments);
}

/**
 * A list of uuids for `= ANY (…)` in a prepared statement that runs often. Sent as a uuid[]
 * parameter, PostgreSQL plans the statement anew on every run: it sees how many ids each run
 * holds, so the plan for that count always looks cheaper than the plan kept for any count, and
 * the kept one is never chosen (planning was about half of a one-edit push's database time).
 * Read from JSON in a subquery, the count is unknown to every plan alike, and the plan is made
 * once per connection.
 */
export function uuidList(ids: readonly string[]): Sql {
  return sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`;
}
