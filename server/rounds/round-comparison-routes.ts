/**
 * GET /api/round-comparison?first=…&second=… — two rounds of one audit tool side by side for a
 * QA lead or manager of their service: each measure's figure in each round as it counts
 * (moderated grades where a moderator decided), the difference and its 95% interval, and
 * whether it is beyond noise (shared/metrics/compare-rounds.ts), and the overall figure by the
 * auditor's agency (compare-rounds-by-agency.ts). A round's audits are the submitted
 * independent audits written under its allocations with the round's tool (self-audits never
 * count in a figure, as in every metric).
 */
import { Hono } from 'hono';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { requirePerson } from '../auth/require-person';
import { dataScope } from '../auth/service-scope';
import { appError } from '../../shared/errors/app-error';
import { loadFramework } from '../frameworks/framework-cache';
import { requireRound } from './round-store';
import { roundAudits } from './round-comparison-store';
import { compareRounds } from '../../shared/metrics/compare-rounds';
import { compareRoundsByAgency } from '../../shared/metrics/compare-rounds-by-agency';
import {
  roundComparisonQuerySchema,
  type RoundComparison,
} from '../../shared/rounds/round-comparison-schemas';
import type { Round } from '../../shared/rounds/round-schemas';

const brief = (round: Round, audits: number) => ({
  id: round.id,
  name: round.name,
  kind: round.kind,
  theme: round.theme,
  startDate: round.startDate,
  endDate: round.endDate,
  audits,
});

export function roundComparisonRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>().get('/', async (c) => {
    requirePerson(c);
    const parsed = roundComparisonQuerySchema.safeParse(c.req.query());
    if (!parsed.success)
      throw appError(
        'validation_failed',
        'Choose two rounds to compare.',
        parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      );
    const scope = dataScope(c);
    const first = await requireRound(deps.db, parsed.data.first, scope);
    const second = await requireRound(deps.db, parsed.data.second, scope);
    if (first.id === second.id)
      throw appError('validation_failed', 'Choose two different rounds.', [
        { path: 'second', message: 'Choose a round other than the first.' },
      ]);
    if (first.frameworkKey !== second.frameworkKey)
      throw appError('validation_failed', 'Only rounds of one audit tool can be compared.', [
        {
          path: 'second',
          message: `"${second.name}" uses another audit tool than "${first.name}": choose a round of the same tool.`,
        },
      ]);
    // Item keys stay stable across a tool's versions: the newer round's version names the measures.
    const version = Math.max(first.frameworkVersion, second.frameworkVersion);
    const framework = await loadFramework(deps.db, first.frameworkKey, version);
    if (!framework) throw appError('internal', 'The audit tool of these rounds is missing.');
    const [a, b] = await Promise.all([
      roundAudits(deps.db, first.id, first.frameworkKey),
      roundAudits(deps.db, second.id, second.frameworkKey),
    ]);
    const comparison: RoundComparison = {
      tool: { key: framework.key, version: framework.version, title: framework.title },
      first: brief(first, a.length),
      second: brief(second, b.length),
      measures: compareRounds(
        framework,
        a.map((x) => x.audit),
        b.map((x) => x.audit),
      ),
      byAgency: compareRoundsByAgency(framework, a, b),
    };
    return c.json(comparison);
  });
}
