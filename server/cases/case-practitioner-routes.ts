/**
 * The case's practitioner, chosen by a QA lead of the case's service when the case list did not
 * match one by e-mail (or matched the wrong person):
 *   GET /api/cases/:caseId/practitioner  the case's practitioner and the people who may be it
 *                                        (active, with the practitioner role, in the service)
 *   PUT /api/cases/:caseId/practitioner  { practitionerId } or null to clear; logged
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { idParam } from '../admin/id-param';
import { parseBody } from '../http/parse-body';
import { logChange } from '../audit-log/log-access';
import { appError } from '../../shared/errors/app-error';
import { casePractitionerRequestSchema } from '../../shared/audits/audit-record-schemas';
import {
  casePractitioner,
  mayBePractitioner,
  practitionerChoices,
  setCasePractitioner,
} from './case-practitioner-store';

export function casePractitionerRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/:caseId/practitioner', async (c) => {
      const caseId = idParam(c, 'caseId', 'case');
      const row = await casePractitioner(deps.db, caseId);
      const people = await practitionerChoices(deps.db, row.service_id);
      return c.json({ reference: row.reference, practitionerId: row.practitioner_id, people });
    })
    .put('/:caseId/practitioner', async (c) => {
      const caseId = idParam(c, 'caseId', 'case');
      const { practitionerId } = await parseBody(c, casePractitionerRequestSchema);
      await deps.db.transaction(async (tx) => {
        const row = await casePractitioner(tx, caseId, true);
        if (practitionerId !== null && !(await mayBePractitioner(tx, practitionerId, row.service_id)))
          throw appError('validation_failed', 'Choose a practitioner from the list.', [
            {
              path: 'practitionerId',
              message: "Choose an active person with the practitioner role in the case's service.",
            },
          ]);
        await setCasePractitioner(tx, caseId, practitionerId);
        await logChange(
          c,
          deps,
          tx,
          'case',
          caseId,
          { from: row.practitioner_id, to: practitionerId },
          'case.practitioner-changed',
        );
      });
      return c.json({ practitionerId });
    });
}
