/**
 * Synthetic submitted audits with a realistic improvement trend: a service whose share of
 * audits "at least good" climbs from about 35% to about 60% over the span, with teams
 * above and below the line and month-to-month noise. Used by the demo organisation and by
 * the large-dataset generator. Deterministic for a given seed.
 */
import { pick, randomInt, randomUuid, type Random } from '../../shared/random/seeded-random';

export interface SyntheticCase {
  id: string;
  teamId: string;
  caseType: string;
}

export interface SyntheticAuditRow {
  id: string;
  case_id: string;
  team_id: string;
  case_type: string;
  framework_key: string;
  framework_version: number;
  auditor_id: string;
  kind: string;
  status: 'submitted';
  answers: Record<string, unknown>;
  overall_grade: number;
  completed_at: string;
  created_at: string;
  updated_at: string;
}

export interface TrendOptions {
  /** Share at least good at the start and at the end of the span. */
  from: number;
  to: number;
  start: Date;
  end: Date;
}

/** Each team's lasting offset from the service's line, stable for a team id. */
function teamOffset(teamId: string): number {
  let h = 0;
  for (const ch of teamId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return ((h % 21) - 10) / 100;
}

/**
 * A grade 0 Outstanding … 3 Inadequate, drawn so that P(at least good) follows the trend at
 * `when` for the case's team. Outstanding stays rare; Inadequate falls as practice improves.
 */
export function drawGrade(random: Random, trend: TrendOptions, when: Date, teamId: string): number {
  const span = trend.end.getTime() - trend.start.getTime();
  const progress = span > 0 ? Math.min(1, Math.max(0, (when.getTime() - trend.start.getTime()) / span)) : 1;
  const pGood = Math.min(
    0.95,
    Math.max(0.05, trend.from + (trend.to - trend.from) * progress + teamOffset(teamId)),
  );
  const u = random();
  if (u < pGood) return u < pGood * 0.12 ? 0 : 1;
  const pInadequate = 0.35 - 0.2 * progress;
  return random() < pInadequate ? 3 : 2;
}

export interface GenerateOptions {
  count: number;
  cases: readonly SyntheticCase[];
  auditorIds: readonly string[];
  framework: { key: string; version: number };
  trend: TrendOptions;
  answersFor: (overallGrade: number, random: Random) => Record<string, unknown>;
}

/** `count` submitted audits spread evenly at random over the trend's span, working hours mostly. */
export function* generateAudits(random: Random, options: GenerateOptions): Generator<SyntheticAuditRow> {
  const { trend } = options;
  const span = trend.end.getTime() - trend.start.getTime();
  for (let i = 0; i < options.count; i++) {
    const c = pick(random, options.cases);
    const day = new Date(trend.start.getTime() + Math.floor(random() * span));
    day.setUTCHours(randomInt(random, 8, 18), randomInt(random, 0, 59), randomInt(random, 0, 59), 0);
    const when = day.getTime() > trend.end.getTime() ? trend.end : day;
    const grade = drawGrade(random, trend, when, c.teamId);
    const completedAt = when.toISOString();
    const createdAt = new Date(when.getTime() - randomInt(random, 1, 72) * 3_600_000).toISOString();
    yield {
      id: randomUuid(random),
      case_id: c.id,
      team_id: c.teamId,
      case_type: c.caseType,
      framework_key: options.framework.key,
      framework_version: options.framework.version,
      auditor_id: pick(random, options.auditorIds),
      kind: random() < 0.75 ? 'monthly' : 'thematic',
      status: 'submitted',
      answers: options.answersFor(grade, random),
      overall_grade: grade,
      completed_at: completedAt,
      created_at: createdAt,
      updated_at: completedAt,
    };
  }
}

/** Column types for insertRows. */
export const AUDIT_COLUMNS = {
  id: 'uuid',
  case_id: 'uuid',
  team_id: 'uuid',
  case_type: 'text',
  framework_key: 'text',
  framework_version: 'integer',
  auditor_id: 'uuid',
  kind: 'text',
  status: 'text',
  answers: 'jsonb',
  overall_grade: 'smallint',
  completed_at: 'timestamptz',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
} as const;
