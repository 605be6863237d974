/**
 * The SQL behind a round's guests: the round a guest joins (its service and last day), adding
 * a guest as a person placed in the round's service, and finding one guest of the round.
 */
import type { Queryable } from '../db/database';
import type { Agency } from '../../shared/accounts/agencies';
import type { Role } from '../../shared/accounts/roles';

export interface GuestRound {
  service_id: string | null;
  end_date: string;
  /** Today in London, as the round's dates are. */
  today: string;
}

export async function guestRound(tx: Queryable, roundId: string): Promise<GuestRound | null> {
  const [round] = await tx.query<GuestRound>(
    `SELECT service_id, end_date::text AS end_date, (now() AT TIME ZONE 'Europe/London')::date::text AS today
     FROM rounds WHERE id = $1`,
    [roundId],
  );
  return round ?? null;
}

export interface NewGuest {
  id: string;
  email: string;
  name: string;
  organisation: string;
  agency: Agency;
  roles: Role[];
  serviceId: string;
  roundId: string;
  lastDay: string;
}

/** Adds a guest of the round, placed in its service until their last day. */
export async function insertGuest(tx: Queryable, guest: NewGuest): Promise<void> {
  await tx.query(
    `INSERT INTO people (id, email, display_name, job_title, service_id, roles, agency, organisation,
       guest_round_id, guest_until)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      guest.id,
      guest.email,
      guest.name,
      `Guest from ${guest.organisation}`.slice(0, 200),
      guest.serviceId,
      guest.roles,
      guest.agency,
      guest.organisation,
      guest.roundId,
      guest.lastDay,
    ],
  );
}

/** One guest of the round, or null when the person is no guest of it. */
export async function findRoundGuest(
  tx: Queryable,
  roundId: string,
  personId: string,
): Promise<{ active: boolean } | null> {
  const [guest] = await tx.query<{ active: boolean }>(
    'SELECT active FROM people WHERE id = $1 AND guest_round_id = $2',
    [personId, roundId],
  );
  return guest ?? null;
}
