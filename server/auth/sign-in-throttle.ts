/**
 * Slows password guessing: at most 5 failed sign-ins per account and 30 per address in any
 * 15 minutes, counted in the database so every server process sees the same count.
 */
import type { Queryable } from '../db/database';

export const THROTTLE = { windowMinutes: 15, perAccount: 5, perAddress: 30 } as const;

export async function isThrottled(db: Queryable, email: string, ip: string): Promise<boolean> {
  const [row] = await db.query<{ by_email: number; by_ip: number }>(
    `SELECT count(*) FILTER (WHERE email = $1) AS by_email, count(*) FILTER (WHERE ip = $2) AS by_ip
     FROM sign_in_failures
     WHERE failed_at > now() - make_interval(mins => $3::int) AND (email = $1 OR ip = $2)`,
    [email, ip, THROTTLE.windowMinutes],
  );
  return (row?.by_email ?? 0) >= THROTTLE.perAccount || (row?.by_ip ?? 0) >= THROTTLE.perAddress;
}

export async function recordFailure(db: Queryable, email: string, ip: string): Promise<void> {
  await db.query('INSERT INTO sign_in_failures (email, ip) VALUES ($1, $2)', [email, ip]);
}

/** A successful sign-in clears the account's failures (not the address's). */
export async function clearFailures(db: Queryable, email: string): Promise<void> {
  await db.query('DELETE FROM sign_in_failures WHERE email = $1', [email]);
}
