/**
 * Slows password guessing, counted in the database so every server process sees the same
 * counts (several processes may share one PostgreSQL). Three limits over a sliding
 * 15-minute window:
 * - **account and address**: after 5 failures for one account from one address, that pair is
 *   refused until the window has room again. This is the lock: it stops one machine guessing
 *   one account, and shuts nobody else out (a colleague at the same office address signs in
 *   to their own account as usual);
 * - **account, from anywhere**: from the 10th failure on, each attempt must wait after the
 *   account's last failure, 1 s doubling per failure up to 15 minutes: guessing from many
 *   addresses gains little, and the person's own sign-in is slowed, never locked for long;
 * - **address, for every account**: from the 100th failure on, each attempt from the address
 *   waits 1 s doubling up to 60 s after its last failure: a password tried across many
 *   accounts crawls, while an office behind one shared address is never locked out (its
 *   people wait at most a minute, and only after a hundred typos in 15 minutes).
 * No CAPTCHA: a slow-down is enough against online guessing and keeps the page accessible.
 *
 * The attempt is counted **before** the password is checked: `beginAttempt` writes a failure
 * row first and only then reads the counts, so concurrent guesses see each other's rows (each
 * statement reads what committed before it; in the order the rows commit, the k-th sees at
 * least k). A refused attempt takes its row back (it never reached the password, and keeping
 * it would lengthen the wait for ever); an allowed one keeps it until the password is proven
 * right (`succeeded` clears the account's failures).
 */
import type { Queryable } from '../db/database';

export const THROTTLE = {
  windowMinutes: 15,
  /** Failures of one account from one address before that pair is refused. */
  perAccountAddress: 5,
  /** Failures of one account from anywhere before each attempt must wait. */
  perAccount: 10,
  maxAccountDelaySeconds: 15 * 60,
  /** Failures from one address, over all accounts, before each attempt must wait. */
  perAddress: 100,
  maxAddressDelaySeconds: 60,
} as const;

export type AttemptDecision =
  | { allowed: true; attemptId: string }
  | { allowed: false; retryAfterSeconds: number; limit: 'account-address' | 'account' | 'address' };

/** The wait after the last failure once `failures` (before this attempt) reach `threshold`. */
export function slowDownSeconds(failures: number, threshold: number, maxSeconds: number): number {
  if (failures < threshold) return 0;
  return Math.min(maxSeconds, 2 ** Math.min(30, failures - threshold));
}

interface Counts {
  pair: number;
  pair_oldest_age: number | null;
  account: number;
  account_last_age: number | null;
  address: number;
  address_last_age: number | null;
}

/**
 * Counts this attempt as a failure, then decides whether it may go on to the password check.
 * NOTE: writes a row; call `succeeded` when the password was right.
 */
export async function beginAttempt(db: Queryable, email: string, ip: string): Promise<AttemptDecision> {
  const [mine] = await db.query<{ id: string }>(
    'INSERT INTO sign_in_failures (email, ip) VALUES ($1, $2) RETURNING id::text AS id',
    [email, ip],
  );
  const attemptId = mine?.id ?? '';
  // Ages in seconds from the database's clock (one clock for every process). "Others" leaves
  // this attempt's own row out of the account's and address's counts and last failures.
  const [row] = await db.query<Counts>(
    `SELECT
       count(*) FILTER (WHERE email = $1 AND ip = $2)::int AS pair,
       extract(epoch FROM now() - min(failed_at) FILTER (WHERE email = $1 AND ip = $2))::float8 AS pair_oldest_age,
       count(*) FILTER (WHERE email = $1 AND id <> $4::bigint)::int AS account,
       extract(epoch FROM now() - max(failed_at) FILTER (WHERE email = $1 AND id <> $4::bigint))::float8
         AS account_last_age,
       count(*) FILTER (WHERE ip = $2 AND id <> $4::bigint)::int AS address,
       extract(epoch FROM now() - max(failed_at) FILTER (WHERE ip = $2 AND id <> $4::bigint))::float8
         AS address_last_age
     FROM sign_in_failures
     WHERE failed_at > now() - make_interval(mins => $3::int) AND (email = $1 OR ip = $2)`,
    [email, ip, THROTTLE.windowMinutes, attemptId],
  );
  const counts: Counts = row ?? {
    pair: 1,
    pair_oldest_age: 0,
    account: 0,
    account_last_age: null,
    address: 0,
    address_last_age: null,
  };
  const refusal = decide(counts);
  if (!refusal) return { allowed: true, attemptId };
  await db.query('DELETE FROM sign_in_failures WHERE id = $1::bigint', [attemptId]);
  return { allowed: false, ...refusal };
}

function decide(counts: Counts): Omit<Extract<AttemptDecision, { allowed: false }>, 'allowed'> | null {
  const window = THROTTLE.windowMinutes * 60;
  if (counts.pair > THROTTLE.perAccountAddress) {
    return {
      limit: 'account-address',
      retryAfterSeconds: Math.max(1, Math.ceil(window - (counts.pair_oldest_age ?? 0))),
    };
  }
  const waits: { limit: 'account' | 'address'; seconds: number }[] = [
    {
      limit: 'account',
      seconds: waitLeft(
        slowDownSeconds(counts.account, THROTTLE.perAccount, THROTTLE.maxAccountDelaySeconds),
        counts.account_last_age,
      ),
    },
    {
      limit: 'address',
      seconds: waitLeft(
        slowDownSeconds(counts.address, THROTTLE.perAddress, THROTTLE.maxAddressDelaySeconds),
        counts.address_last_age,
      ),
    },
  ];
  const longest = waits.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  return longest.seconds > 0 ? { limit: longest.limit, retryAfterSeconds: Math.ceil(longest.seconds) } : null;
}

/**
 * What is left of a slow-down `seconds` long since the last failure, `age` seconds ago. No
 * slow-down is no wait, whatever the age: a concurrent attempt's row can be younger than this
 * statement's clock (its transaction began later but committed before this one read), and its
 * negative age must not turn into a wait.
 */
function waitLeft(seconds: number, age: number | null): number {
  return seconds > 0 ? seconds - Math.max(0, age ?? 0) : 0;
}

/** The password was right: this attempt was no failure, and the account's failures are cleared. */
export async function succeeded(db: Queryable, email: string): Promise<void> {
  await clearFailures(db, email);
}

/** A successful sign-in or a new password clears the account's failures (not the address's). */
export async function clearFailures(db: Queryable, email: string): Promise<void> {
  await db.query('DELETE FROM sign_in_failures WHERE email = $1', [email]);
}
