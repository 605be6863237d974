/**
 * Tells the case's practitioner and the team's named managers that an audit of the case is ready
 * to read, in Lantern and by e-mail (notify(): a link and the case reference, never content). The
 * council chooses when, with LANTERN_NOTIFY_PRACTITIONER_AT:
 *   submitted (default)  when the auditor submits the audit (it reaches the server);
 *   moderated            when a moderator agrees with or re-grades it. An audit that is never
 *                        sampled for moderation is then not announced; the practitioner still
 *                        finds it on their home screen.
 * Called inside the transaction that makes the audit submitted or moderated, so a rolled-back
 * write tells nobody. Each person is told once per audit, however often it is resubmitted.
 */
import type { Queryable } from '../db/database';
import { notify } from '../notifications/notify';
import { log } from '../log/logger';

export type NoticeMoment = 'submitted' | 'moderated';

/** When the council tells practitioners; a bad value is reported on the log and the default used. */
export function practitionerNoticeMoment(env: NodeJS.ProcessEnv): NoticeMoment {
  const raw = env.LANTERN_NOTIFY_PRACTITIONER_AT?.trim().toLowerCase();
  if (!raw) return 'submitted';
  if (raw === 'submitted' || raw === 'moderated') return raw;
  log.error(`LANTERN_NOTIFY_PRACTITIONER_AT must be submitted or moderated (got "${raw}"); using submitted`);
  return 'submitted';
}

/** The case's practitioner and the active named managers of the audit's team (the auditor left out). */
export async function practitionerAndManagers(tx: Queryable, auditId: string): Promise<string[]> {
  const rows = await tx.query<{ person_id: string }>(
    `SELECT c.practitioner_id AS person_id FROM audits a JOIN cases c ON c.id = a.case_id
     WHERE a.id = $1 AND c.practitioner_id IS NOT NULL AND c.practitioner_id <> a.auditor_id
     UNION
     SELECT m.person_id FROM audits a JOIN team_managers m ON m.team_id = a.team_id
     WHERE a.id = $1 AND m.person_id <> a.auditor_id`,
    [auditId],
  );
  return rows.map((r) => r.person_id);
}

/** Tells them, when `moment` is the council's chosen one. */
export async function tellOfAudit(
  tx: Queryable,
  auditId: string,
  moment: NoticeMoment,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  if (practitionerNoticeMoment(env) !== moment) return;
  const [audit] = await tx.query<{ reference: string }>(
    `SELECT c.reference FROM audits a JOIN cases c ON c.id = a.case_id
     WHERE a.id = $1 AND a.status = 'submitted' AND NOT a.deleted`,
    [auditId],
  );
  if (!audit) return;
  await notify(tx, await practitionerAndManagers(tx, auditId), {
    kind: 'audit_submitted',
    title: `An audit of case ${audit.reference} is ready to read`,
    link: `/audits/${auditId}/record`,
    subjectId: auditId,
  });
}
