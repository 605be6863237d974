/**
 * Data for the cross-process and simulation sync tests, written straight into the database:
 * more auditors and allocations than the demo organisation has (its four auditors hold twelve
 * allocations each), and what the server holds afterwards, read back for the assertions.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../server/db/database';
import { insertRows } from '../../server/db/insert-rows';
import { ALLOCATION_COLUMNS } from '../../server/demo/demo-columns';
import { AUDITOR_A, draftFor, mutation } from './sync-fixtures';
import type { Mutation } from '../../shared/sync/protocol';

export interface AllocationRef {
  id: string;
  case_id: string;
}

export async function personIdOf(db: Queryable, email: string): Promise<string> {
  const [row] = await db.query<{ id: string }>('SELECT id FROM people WHERE email = $1', [email]);
  if (!row) throw new Error(`no person ${email}`);
  return row.id;
}

/** A new auditor who signs in with the demo password (the hash is copied from a demo auditor). */
export async function addAuditor(db: Queryable, email: string): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO people (id, email, display_name, job_title, roles, password_hash)
     SELECT $1, $2, $3, 'Auditor (test)', '{auditor}', password_hash FROM people WHERE email = $4`,
    [id, email, `Test auditor ${email.split('@')[0] ?? ''}`, AUDITOR_A],
  );
  return id;
}

/**
 * `count` new cases, each allocated to the person on the default framework, in one statement
 * per table. Returns the allocations in creation order; an audit's id is its allocation's id,
 * as in the demo fixtures.
 */
export async function addAllocations(
  db: Queryable,
  personId: string,
  count: number,
  label = randomUUID().slice(0, 8),
): Promise<AllocationRef[]> {
  const [team] = await db.query<{ id: string }>('SELECT id FROM teams ORDER BY name LIMIT 1');
  const [caseType] = await db.query<{ key: string }>('SELECT key FROM case_types ORDER BY key LIMIT 1');
  if (!team || !caseType) throw new Error('the database has no team or case type to add cases to');
  const cases = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    reference: `SYNC-${label}-${i + 1}`,
    team_id: team.id,
    case_type: caseType.key,
  }));
  const allocations = cases.map((c) => ({
    id: randomUUID(),
    case_id: c.id,
    auditor_id: personId,
    framework_key: 'lantern-default',
    framework_version: 1,
  }));
  await insertRows(db, 'cases', { id: 'uuid', reference: 'text', team_id: 'uuid', case_type: 'text' }, cases);
  await insertRows(db, 'allocations', ALLOCATION_COLUMNS, allocations);
  return allocations.map((a) => ({ id: a.id, case_id: a.case_id }));
}

/** What the server holds for one audit: its row and its append-only history. */
export interface ServerAudit {
  rev: number;
  answers: Record<string, unknown>;
  revisions: { rev: number; mutation_id: string }[];
  /** Every mutation the server recorded for the audit, whatever its outcome. */
  mutations: { mutation_id: string; outcome: string }[];
}

export async function serverAudit(db: Queryable, auditId: string): Promise<ServerAudit | null> {
  const [row] = await db.query<{ rev: number; answers: Record<string, unknown> }>(
    'SELECT rev, answers FROM audits WHERE id = $1',
    [auditId],
  );
  if (!row) return null;
  const revisions = await db.query<{ rev: number; mutation_id: string }>(
    'SELECT rev, mutation_id FROM audit_revisions WHERE audit_id = $1 ORDER BY rev',
    [auditId],
  );
  const mutations = await db.query<{ mutation_id: string; outcome: string }>(
    'SELECT mutation_id, outcome FROM sync_mutations WHERE audit_id = $1 ORDER BY received_at, mutation_id',
    [auditId],
  );
  return { rev: row.rev, answers: row.answers, revisions, mutations };
}

/** Mutation ids applied more than once (as more than one revision): always empty. */
export async function duplicatedRevisions(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ mutation_id: string }>(
    `SELECT mutation_id::text FROM audit_revisions WHERE mutation_id IS NOT NULL
     GROUP BY mutation_id HAVING count(*) > 1`,
  );
  return rows.map((r) => r.mutation_id);
}

/** The demo's three auditors and its moderator: the people whose devices the cross-process tests run. */
export const DEVICE_OWNERS = [
  'amara.auditor@demo.lantern.invalid',
  'ben.auditor@demo.lantern.invalid',
  'chloe.auditor@demo.lantern.invalid',
  'dev.moderator@demo.lantern.invalid',
];

/**
 * Enough new allocations for `devices` devices shared round-robin among `emails`, each device
 * editing `auditsPerDevice` audits: one list per person, in the order of `emails` (as
 * planDevices takes them).
 */
export async function allocationsForDevices(
  db: Queryable,
  emails: readonly string[],
  devices: number,
  auditsPerDevice: number,
): Promise<AllocationRef[][]> {
  const out: AllocationRef[][] = [];
  for (const email of emails)
    out.push(
      await addAllocations(
        db,
        await personIdOf(db, email),
        Math.ceil(devices / emails.length) * auditsPerDevice,
      ),
    );
  return out;
}

/** One simulated device of a cross-process test: whose it is, its audits and its chain of pushes. */
export interface DevicePlan<S> {
  session: S;
  /** The audits it edits (an audit's id is its allocation's id). */
  audits: string[];
  /** Push k carries edit k+1 of each of its audits, at baseRev k, as an outbox sends them. */
  pushes: Mutation[][];
}

/**
 * `devices` devices shared round-robin among the auditors (sessions[a] holds allocationsByAuditor[a]),
 * each editing `auditsPerDevice` audits of its own in a chain of `chain` pushes. A lost, doubled or
 * reordered mutation shows as a wrong revision or wrong words ("device i, audit j, edit k").
 */
export function planDevices<S>(
  sessions: S[],
  allocationsByAuditor: AllocationRef[][],
  devices: number,
  auditsPerDevice: number,
  chain: number,
): DevicePlan<S>[] {
  return Array.from({ length: devices }, (_, i) => {
    const a = i % sessions.length;
    const session = sessions[a];
    const mine = Array.from({ length: auditsPerDevice }, (_, j) =>
      allocationsByAuditor[a]?.at(Math.floor(i / sessions.length) * auditsPerDevice + j),
    );
    if (session === undefined || mine.some((x) => !x)) throw new Error('not enough allocations');
    const owned = mine.filter((x): x is AllocationRef => x !== undefined);
    const pushes = Array.from({ length: chain }, (_, k) =>
      owned.map((allocation, j) =>
        mutation(
          draftFor(allocation, {
            'plan.evidence': { kind: 'text', value: `device ${i}, audit ${j}, edit ${k + 1}` },
            'plan.smart': { kind: 'question', value: k % 2 === 0 ? 'yes' : 'no' },
          }),
          k,
        ),
      ),
    );
    return { session, audits: owned.map((x) => x.id), pushes };
  });
}
