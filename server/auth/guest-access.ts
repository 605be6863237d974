/**
 * People from outside the council (guests, migration 021): a partner agency's auditor or a
 * neighbouring council's moderator taking part in one round. A guest is admitted while London's
 * today is on or before their last day and the round's end, whichever comes first; after it they
 * cannot sign in (by password, single sign-on or a set-password link) and every session they
 * hold stops working, because each of those reads the person through this one condition.
 * While admitted, every reach their roles give them narrows to what is allocated or sampled to
 * them (server/auth/reach.ts), and every request they make is logged (guest-view-log.ts).
 */

/** London's date today, in SQL (the same "today" as shared/metrics/london-date.ts). */
const LONDON_TODAY_SQL = "(now() AT TIME ZONE 'Europe/London')::date";

/** The last day a guest is admitted: their own last day, or the round's end if sooner. */
export const guestLastDaySql = (people: string): string =>
  `LEAST(${people}.guest_until, (SELECT r.end_date FROM rounds r WHERE r.id = ${people}.guest_round_id))`;

/**
 * SQL: true for staff, and for a guest while admitted. `people` is the alias of the people row.
 * @example `SELECT id FROM people p WHERE p.email = $1 AND p.active AND ${guestAdmittedSql('p')}`
 */
export const guestAdmittedSql = (people: string): string =>
  `(${people}.guest_until IS NULL OR ${LONDON_TODAY_SQL} <= ${guestLastDaySql(people)})`;
