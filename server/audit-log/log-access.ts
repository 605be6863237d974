/**
 * The two calls every route that shows or changes an audit or a plan item makes, so that
 * "every view and change is logged" (PRODUCT.md) is one line in each handler:
 *
 *   // a handler that shows one record
 *   const audit = await loadAudit(deps.db, id);
 *   await logView(c, deps, 'audit', id);
 *
 *   // a handler that changes one: inside the transaction that makes the change, so a change
 *   // is never without its row and a rolled-back change leaves none
 *   await deps.db.transaction(async (tx) => {
 *     await saveAudit(tx, …);
 *     await logChange(c, deps, tx, 'audit', id, { rev: 7 });
 *   });
 *
 * Each row records who (the signed-in person), when (the database clock), what (the action
 * `<entityType>.viewed` / `<entityType>.changed`, or one you name), which record, and from
 * where (address and browser). Name entity types in kebab-case ('audit', 'plan-item') and add
 * new actions to shared/accounts/audit-actions.ts so the audit-log screen can filter by them.
 * A list that shows many records logs one row for the list (`logView(c, deps, 'audit-list',
 * '', { ids })`), not one per record.
 */
import type { Context } from 'hono';
import type { Queryable } from '../db/database';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { clientAddress } from '../http/client-address';
import { recordEvent } from './record-event';

/** Where a request came from, for the log: the client's address and its browser. */
export function requestOrigin(c: Context, deps: Pick<AppDeps, 'config'>): { ip: string; userAgent: string } {
  return { ip: clientAddress(c, deps.config.trustProxy), userAgent: c.req.header('user-agent') ?? '' };
}

/** Logs that the signed-in person viewed one record. */
export async function logView(
  c: Context<LanternEnv>,
  deps: Pick<AppDeps, 'db' | 'config'>,
  entityType: string,
  entityId: string,
  detail?: Record<string, unknown>,
): Promise<void> {
  await recordEvent(deps.db, {
    actorId: c.get('person')?.id ?? null,
    action: `${entityType}.viewed`,
    entityType,
    entityId,
    detail,
    ...requestOrigin(c, deps),
  });
}

/**
 * Logs that the signed-in person changed one record. Pass the transaction that makes the
 * change as `tx`; `action` defaults to `<entityType>.changed`.
 */
export async function logChange(
  c: Context<LanternEnv>,
  deps: Pick<AppDeps, 'config'>,
  tx: Queryable,
  entityType: string,
  entityId: string,
  detail?: Record<string, unknown>,
  action = `${entityType}.changed`,
): Promise<void> {
  await recordEvent(tx, {
    actorId: c.get('person')?.id ?? null,
    action,
    entityType,
    entityId,
    detail,
    ...requestOrigin(c, deps),
  });
}
