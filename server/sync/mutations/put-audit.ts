/**
 * `audit.put`: a device's whole audit, as edited from revision `baseRev`. Only auditors save
 * audits; which audits they may save is each path's first check. The audit's row is read and
 * locked first: an audit the server has is edited (edit-audit.ts), one it has not is created
 * (create-audit.ts).
 */
import type { Queryable } from '../../db/database';
import type { Mutation } from '../../../shared/sync/protocol';
import { reject, type Decision, type PushContext } from './decision';
import { lockAudit } from './locked-audit';
import { editAudit } from './edit-audit';
import { createAudit } from './create-audit';

export async function putAudit(tx: Queryable, ctx: PushContext, mutation: Mutation): Promise<Decision> {
  if (!ctx.person.roles.includes('auditor'))
    return reject(mutation.mutationId, 'Only auditors can save audits.');
  const current = await lockAudit(tx, mutation.snapshot.id, ctx.person.id);
  return current ? editAudit(tx, ctx, mutation, current) : createAudit(tx, ctx, mutation);
}
