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

export function casePractitionerRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/:caseId/practitioner', async (c) => {
      const caseId = idParam(c, 'caseId', 'case');
      const [row] = await deps.db.query<{
        reference: string;
        practitioner_id: string | null;
        service_id: string;
      }>(
        `SELECT c.reference, c.practitioner_id, t.service_id FROM cases c JOIN teams t ON t.id = c.team_id WHERE c.id = $1`,
        [caseId],
      );
      if (!row) throw appError('not_found', 'There is no case with that id.');
      const people = await deps.db.query<{ id: string; name: string; email: string }>(
        `SELECT id, display_name AS name, email FROM people
         WHERE active AND 'practitioner' = ANY (roles) AND service_id = $1 ORDER BY display_name, id`,
        [row.service_id],
      );
      return c.json({ reference: row.reference, practitionerId: row.practitioner_id, people });
    })
    .put('/:caseId/practitioner', async (c) => {
      const caseId = idParam(c, 'caseId', 'case');
      const { practitionerId } = await parseBody(c, casePractitionerRequestSchema);
      await deps.db.transaction(async (tx) => {
        const [row] = await tx.query<{ service_id: string; practitioner_id: string | null }>(
          `SELECT t.service_id, c.practitioner_id FROM cases c JOIN teams t ON t.id = c.team_id WHERE c.id = $1 FOR UPDATE OF c`,
          [caseId],
        );
        if (!row) throw appError('not_found', 'There is no case with that id.');
        if (practitionerId !== null) {
          const [person] = await tx.query(
            `SELECT id FROM people WHERE id = $1 AND active AND 'practitioner' = ANY (roles) AND service_id = $2`,
            [practitionerId, row.service_id],
          );
          if (!person)
            throw appError('validation_failed', 'Choose a practitioner from the list.', [
              {
                path: 'practitionerId',
                message: "Choose an active person with the practitioner role in the case's service.",
              },
            ]);
        }
        await tx.query('UPDATE cases SET practitioner_id = $2, updated_at = now() WHERE id = $1', [
          caseId,
          practitionerId,
        ]);
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
