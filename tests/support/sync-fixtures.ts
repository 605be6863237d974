/** Building blocks for sync tests: a demo auditor's allocations and well-formed mutations. */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../server/db/database';
import type { Answers } from '../../shared/framework/answer-schema';
import type { AuditSnapshot } from '../../shared/sync/audit-document';
import type { Mutation } from '../../shared/sync/protocol';

export const AUDITOR_A = 'amara.auditor@demo.lantern.invalid';
export const AUDITOR_B = 'ben.auditor@demo.lantern.invalid';

export async function allocationsOf(
  db: Queryable,
  email: string,
): Promise<{ id: string; case_id: string }[]> {
  return db.query<{ id: string; case_id: string }>(
    `SELECT al.id, al.case_id FROM allocations al JOIN people p ON p.id = al.auditor_id
     WHERE p.email = $1 AND al.active ORDER BY al.id`,
    [email],
  );
}

export function draftFor(allocation: { id: string; case_id: string }, answers: Answers = {}): AuditSnapshot {
  return {
    id: allocation.id,
    caseId: allocation.case_id,
    frameworkKey: 'lantern-default',
    frameworkVersion: 1,
    status: 'draft',
    answers,
    completedAt: null,
  };
}

export function mutation(
  snapshot: AuditSnapshot,
  baseRev: number,
  mutationId: string = randomUUID(),
): Mutation {
  return { mutationId, type: 'audit.put', baseRev, snapshot };
}

export const pushBody = (deviceId: string, mutations: unknown[]) => ({ protocol: 1, deviceId, mutations });
