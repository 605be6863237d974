/**
 * /api/rounds — the QA lead's audit rounds: list and create, read and change one, draw its
 * case sample (the teams and workers it may be narrowed to, a preview first, then use), list
 * its cases with their allocation state, and follow its progress live (the screen polls).
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { requirePerson } from '../auth/require-person';
import { dataScope, serviceForNewRecord } from '../auth/service-scope';
import { logChange } from '../audit-log/log-access';
import { idParam } from '../admin/id-param';
import { roundInputSchema } from '../../shared/rounds/round-schemas';
import { sampleSpecSchema } from '../../shared/rounds/sample-spec';
import { insertRound, listRounds, requireRound, updateRound } from './round-store';
import { drawRoundSample, saveSample } from './sample-store';
import { sampleChoices } from './sample-choices';
import { roundProgress } from './round-progress';
import { roundCases } from './round-cases';
import { roundSelfAuditAgreement } from './self-audit-agreement-store';

export function roundRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .get('/', async (c) => c.json({ rounds: await listRounds(deps.db, dataScope(c)) }))
    .post('/', async (c) => {
      const person = requirePerson(c);
      const scope = dataScope(c);
      const input = await parseBody(c, roundInputSchema);
      const round = await deps.db.transaction(async (tx) => {
        const id = await insertRound(tx, input, person.id, serviceForNewRecord(scope));
        await logChange(c, deps, tx, 'round', id, { name: input.name, kind: input.kind }, 'round.created');
        return requireRound(tx, id, scope);
      });
      return c.json({ round }, 201);
    })
    .get('/:roundId', async (c) => {
      const round = await requireRound(deps.db, idParam(c, 'roundId', 'round'), dataScope(c));
      return c.json({ round });
    })
    .put('/:roundId', async (c) => {
      const id = idParam(c, 'roundId', 'round');
      const input = await parseBody(c, roundInputSchema);
      const round = await deps.db.transaction(async (tx) => {
        const before = await requireRound(tx, id, dataScope(c));
        await updateRound(tx, before, input);
        await logChange(c, deps, tx, 'round', id, { name: input.name }, 'round.updated');
        return requireRound(tx, id, dataScope(c));
      });
      return c.json({ round });
    })
    .get('/:roundId/sample/choices', async (c) => {
      const round = await requireRound(deps.db, idParam(c, 'roundId', 'round'), dataScope(c));
      return c.json(await sampleChoices(deps.db, round.id));
    })
    .post('/:roundId/sample/preview', async (c) => {
      const round = await requireRound(deps.db, idParam(c, 'roundId', 'round'), dataScope(c));
      const spec = await parseBody(c, sampleSpecSchema);
      return c.json({ sample: await drawRoundSample(deps.db, round, spec) });
    })
    .post('/:roundId/sample', async (c) => {
      const id = idParam(c, 'roundId', 'round');
      const spec = await parseBody(c, sampleSpecSchema);
      const sample = await deps.db.transaction(async (tx) => {
        const round = await requireRound(tx, id, dataScope(c));
        const drawn = await drawRoundSample(tx, round, spec);
        await saveSample(tx, round, spec, drawn);
        await logChange(c, deps, tx, 'round', id, { spec, drawn: drawn.drawn.length }, 'round.sampled');
        return drawn;
      });
      return c.json({ sample });
    })
    .get('/:roundId/cases', async (c) => {
      const round = await requireRound(deps.db, idParam(c, 'roundId', 'round'), dataScope(c));
      return c.json({ cases: await roundCases(deps.db, round.id) });
    })
    .get('/:roundId/self-audit-agreement', async (c) => {
      const round = await requireRound(deps.db, idParam(c, 'roundId', 'round'), dataScope(c));
      return c.json(await roundSelfAuditAgreement(deps.db, round.id));
    })
    .get('/:roundId/progress', async (c) => {
      const round = await requireRound(deps.db, idParam(c, 'roundId', 'round'), dataScope(c));
      return c.json(await roundProgress(deps.db, round.id));
    });
}
