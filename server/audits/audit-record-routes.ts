/**
 * The whole audit for the people entitled to read it (the access rule's 'auditRecord' target:
 * its auditor, its moderators, the case's practitioner and team managers; the QA leads and
 * managers of its service), and the practitioner's response to it.
 *   GET  /api/audits/:auditId/record     every answer, grade, reason, response and change (logged)
 *   POST /api/audits/:auditId/responses  the case's practitioner responds; no grade changes, the
 *                                        auditor and the service's QA leads are told
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { requirePerson } from '../auth/require-person';
import { idParam } from '../admin/id-param';
import { parseBody } from '../http/parse-body';
import { logChange, logView } from '../audit-log/log-access';
import { appError } from '../../shared/errors/app-error';
import { practitionerResponseRequestSchema } from '../../shared/audits/audit-record-schemas';
import { notify } from '../notifications/notify';
import {
  activeQaLeadIds,
  insertPractitionerResponse,
  loadAuditRecord,
  lockRespondableAudit,
} from './audit-record-store';
import { assertNotBlindModerator } from '../moderation/blind-view';

export function auditRecordRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/:auditId/record', async (c) => {
      const person = requirePerson(c);
      const auditId = idParam(c, 'auditId', 'audit');
      // A QA lead or team manager moderating this audit grades it blind first.
      await assertNotBlindModerator(deps.db, person.id, auditId);
      const record = await loadAuditRecord(deps.db, auditId, person);
      await logView(c, deps, 'audit', auditId, { as: 'record' });
      return c.json(record);
    })
    .post('/:auditId/responses', async (c) => {
      const person = requirePerson(c);
      const auditId = idParam(c, 'auditId', 'audit');
      const body = await parseBody(c, practitionerResponseRequestSchema);
      const id = randomUUID();
      await deps.db.transaction(async (tx) => {
        const audit = await lockRespondableAudit(tx, auditId, person.id);
        if (!audit)
          throw appError(
            'conflict',
            'This audit is back with its auditor, or the case is no longer yours. You can respond once it is submitted again.',
          );
        await insertPractitionerResponse(tx, { id, auditId, authorId: person.id, ...body });
        const qaLeads = await activeQaLeadIds(tx, audit.service_id);
        await notify(tx, [audit.auditor_id, ...qaLeads], {
          kind: 'practitioner_response',
          title: `The practitioner responded to the audit of case ${audit.reference}`,
          link: `/audits/${auditId}/record`,
          subjectId: id,
        });
        await logChange(
          c,
          deps,
          tx,
          'audit',
          auditId,
          { responseId: id, kind: body.kind },
          'audit.responded',
        );
      });
      return c.json({ id }, 201);
    });
}
