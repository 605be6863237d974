/**
 * /api/moderation — a round's moderation sample (drawn by the QA lead, previewed first), a
 * moderator's queue, one moderation with its audit read-only beside the moderator's grades
 * (every view logged; the auditor's grades left out until the moderator's blind grades are
 * saved), the blind grades, the decision (agree or re-grade, with reasons), returning the audit to
 * its auditor with a note, and the agreement dashboard.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppDeps, LanternEnv, Person } from '../http/app-env';
import type { Queryable } from '../db/database';
import { parseBody } from '../http/parse-body';
import { requirePerson } from '../auth/require-person';
import { dataScope } from '../auth/service-scope';
import { logChange, logView, requestOrigin } from '../audit-log/log-access';
import { idParam } from '../admin/id-param';
import { appError } from '../../shared/errors/app-error';
import { loadFramework } from '../frameworks/framework-cache';
import {
  blindGradesSchema,
  moderationDecisionSchema,
  moderationSampleRequestSchema,
  returnToAuditorSchema,
  type ModerationDetail,
} from '../../shared/moderation/moderation-schemas';
import type { AgreementResponse } from '../../shared/moderation/agreement-schemas';
import { requireRound } from '../rounds/round-store';
import {
  blindState,
  listModerations,
  parseAnswers,
  parseReasons,
  requireModeration,
  requireModeratedAudit,
  toSummary,
} from './moderation-store';
import { moderatedItems } from '../../shared/moderation/moderation-problems';
import { withoutGrades } from './blind-view';
import { saveBlindGrades } from './save-blind-grades';
import { assertMayModerate } from './may-moderate';
import { moderateAudit } from './moderate-audit';
import { returnAudit } from './return-audit';
import { sampleForModeration } from './moderation-sample-store';
import { agreementFigures, atLeastGoodTrend } from './agreement-store';

/** The moderation list's and agreement's query, also described in the API document (server/openapi). */
export const listQuerySchema = z.object({
  roundId: z.uuid().optional(),
  mine: z.enum(['1', '0']).optional(),
});

function query<S extends z.ZodType>(schema: S, raw: Record<string, string>): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw appError('validation_failed', 'The address has a value Lantern cannot read.');
  return parsed.data;
}

/** A moderator's act on one moderation, as save-blind-grades.ts, moderate-audit.ts and return-audit.ts each do one. */
type ModeratorAct<B> = (
  tx: Queryable,
  moderationId: string,
  body: B,
  person: Person,
  origin: { ip: string; userAgent: string },
) => Promise<void>;

export function moderationRoutes(deps: AppDeps) {
  /**
   * The route of a moderator's act (blind grades, the decision, a return to the auditor): its
   * body checked, the act done in one transaction, the moderation answered as it now stands.
   */
  const moderatorAct =
    <S extends z.core.$ZodType>(schema: S, act: ModeratorAct<z.core.output<S>>) =>
    async (c: Context<LanternEnv>) => {
      const person = requirePerson(c);
      const id = idParam(c, 'moderationId', 'moderation');
      const body = await parseBody(c, schema);
      await deps.db.transaction((tx) => act(tx, id, body, person, requestOrigin(c, deps)));
      return c.json({ moderation: toSummary(await requireModeration(deps.db, id)) });
    };
  return new Hono<LanternEnv>()
    .get('/agreement', async (c) => {
      const scope = dataScope(c);
      const { roundId } = query(listQuerySchema, c.req.query());
      if (roundId) await requireRound(deps.db, roundId, scope);
      const report = await agreementFigures(deps.db, scope, roundId ?? null);
      const response: AgreementResponse = {
        roundId: roundId ?? null,
        ...report,
        trend: await atLeastGoodTrend(deps.db, scope),
      };
      return c.json(response);
    })
    .post('/rounds/:roundId/sample', async (c) => {
      const person = requirePerson(c);
      const id = idParam(c, 'roundId', 'round');
      const body = await parseBody(c, moderationSampleRequestSchema);
      const result = await deps.db.transaction(async (tx) => {
        const round = await requireRound(tx, id, dataScope(c));
        const drawn = await sampleForModeration(tx, round, body, person.id);
        if (!body.preview)
          await logChange(
            c,
            deps,
            tx,
            'round',
            id,
            { seed: body.seed, drawn: drawn.drawn.length },
            'round.moderation-sampled',
          );
        return drawn;
      });
      return c.json(result);
    })
    .get('/', async (c) => {
      const person = requirePerson(c);
      const q = query(listQuerySchema, c.req.query());
      // A moderator sees the audits sampled to them; a QA lead their service's (or their own with mine=1).
      const onlyMine = !person.roles.includes('qa_lead') || q.mine === '1';
      const moderations = await listModerations(deps.db, dataScope(c), {
        ...(onlyMine ? { moderatorId: person.id } : {}),
        ...(q.roundId ? { roundId: q.roundId } : {}),
      });
      await logView(c, deps, 'audit-list', '', {
        view: 'moderation',
        ids: moderations.map((m) => m.auditId),
      });
      return c.json({ moderations });
    })
    .get('/:moderationId', async (c) => {
      const person = requirePerson(c);
      const row = await requireModeration(deps.db, idParam(c, 'moderationId', 'moderation'));
      assertMayModerate(person, row);
      const audit = await requireModeratedAudit(deps.db, row.audit_id);
      const framework = await loadFramework(deps.db, audit.framework_key, audit.framework_version);
      if (!framework) throw appError('internal', 'The framework this audit was written on is missing.');
      const blind = blindState(row) === 'blind';
      await logView(c, deps, 'audit', audit.id, { as: 'moderation', moderationId: row.id, blind });
      const answers = parseAnswers(audit.answers);
      const detail: ModerationDetail = {
        moderation: {
          ...toSummary(row),
          moderatedAnswers: parseAnswers(row.moderated_answers),
          blindAnswers: parseAnswers(row.blind_answers),
          reasons: parseReasons(row.reasons),
          returnNote: row.return_note,
        },
        itemsToGrade: moderatedItems(framework, answers),
        audit: {
          id: audit.id,
          status: audit.status,
          rev: audit.rev,
          // Blind: no grade of the auditor's leaves the server until the moderator's own are saved.
          answers: blind ? withoutGrades(answers) : answers,
          completedAt: audit.completed_at,
          caseTypeLabel: audit.case_type_label,
        },
        framework,
      };
      return c.json(detail);
    })
    .post('/:moderationId/blind', moderatorAct(blindGradesSchema, saveBlindGrades))
    .post('/:moderationId/decision', moderatorAct(moderationDecisionSchema, moderateAudit))
    .post('/:moderationId/return', moderatorAct(returnToAuditorSchema, returnAudit));
}
