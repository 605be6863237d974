/**
 * A round's case sample in the database: the cases the draw considers (every case of the
 * round's service, with its worker and the London day of its latest submitted audit), and the drawn cases once the QA lead uses the
 * sample. A sample can be redrawn only until the first case is allocated.
 */
import type { Queryable } from '../db/database';
import { insertRows } from '../db/insert-rows';
import { appError } from '../../shared/errors/app-error';
import { londonDayNumber } from '../../shared/metrics/london-date';
import { dayNumberOf } from '../../shared/metrics/calendar-date';
import {
  auditCutOffDay,
  drawSample,
  type SampleCase,
  type SampleResult,
} from '../../shared/rounds/draw-sample';
import type { SampleSpec } from '../../shared/rounds/sample-spec';
import type { Round } from '../../shared/rounds/round-schemas';
import { assertSampleChoices } from './sample-choices';

interface CaseRow {
  id: string;
  reference: string;
  team_id: string;
  team_name: string;
  case_type: string;
  case_type_label: string;
  plan_type: string;
  closed: boolean;
  last_audited: string | null;
  flags: string[];
  opened_on: string | null;
  practitioner_id: string | null;
  practitioner_name: string | null;
}

/** The cases a round of this service can draw from: the service's teams' cases only. */
export async function sampleCases(db: Queryable, roundId: string): Promise<SampleCase[]> {
  const rows = await db.query<CaseRow>(
    `SELECT c.id, c.reference, c.team_id, t.name AS team_name, c.case_type, ct.label AS case_type_label, c.plan_type,
            c.closed, last.completed_at AS last_audited, c.flags, to_char(c.opened_on, 'YYYY-MM-DD') AS opened_on,
            c.practitioner_id::text AS practitioner_id, p.display_name AS practitioner_name
     FROM cases c JOIN teams t ON t.id = c.team_id JOIN case_types ct ON ct.key = c.case_type
     LEFT JOIN people p ON p.id = c.practitioner_id
     LEFT JOIN LATERAL (
       SELECT max(a.completed_at) AS completed_at FROM audits a
       WHERE a.case_id = c.id AND a.status = 'submitted' AND NOT a.deleted
     ) last ON true
     WHERE t.service_id = (SELECT service_id FROM rounds WHERE id = $1)`,
    [roundId],
  );
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    teamId: r.team_id,
    teamName: r.team_name,
    caseType: r.case_type,
    caseTypeLabel: r.case_type_label,
    planType: r.plan_type,
    closed: r.closed,
    lastAuditedDay: r.last_audited ? londonDayNumber(r.last_audited) : null,
    flags: r.flags,
    openedOn: r.opened_on,
    practitionerId: r.practitioner_id,
    practitionerName: r.practitioner_name,
  }));
}

/** The council's case flags' labels by key, to name strata by flag (retired ones too: old specs keep them). */
async function flagLabels(db: Queryable): Promise<Record<string, string>> {
  const rows = await db.query<{ key: string; label: string }>('SELECT key, label FROM case_flags');
  return Object.fromEntries(rows.map((r) => [r.key, r.label]));
}

/**
 * Draws the round's sample from its service's cases.
 * @throws AppError validation_failed when the spec names a team, worker, case type or flag that
 *   is not one of the round's service's (sample-choices.ts).
 */
export async function drawRoundSample(db: Queryable, round: Round, spec: SampleSpec): Promise<SampleResult> {
  await assertSampleChoices(db, round.id, spec);
  return drawSample(
    await sampleCases(db, round.id),
    spec,
    auditCutOffDay(round.startDate, spec.excludeAuditedWithinMonths),
    dayNumberOf(round.startDate),
    { flagLabels: await flagLabels(db) },
  );
}

/** Replaces the round's sample with `sample` (refused once anything is allocated). */
export async function saveSample(
  tx: Queryable,
  round: Round,
  spec: SampleSpec,
  sample: SampleResult,
): Promise<void> {
  const [allocated] = await tx.query<{ n: number }>(
    'SELECT count(*) AS n FROM allocations WHERE round_id = $1',
    [round.id],
  );
  if ((allocated?.n ?? 0) > 0)
    throw appError(
      'conflict',
      'Cases in this round are already allocated, so its sample can no longer be redrawn.',
    );
  await tx.query('DELETE FROM round_cases WHERE round_id = $1', [round.id]);
  await insertRows(
    tx,
    'round_cases',
    { round_id: 'uuid', case_id: 'uuid', stratum: 'text', position: 'integer' },
    sample.drawn.map((d, position) => ({
      round_id: round.id,
      case_id: d.caseId,
      stratum: d.stratum,
      position,
    })),
  );
  await tx.query(
    'UPDATE rounds SET sample_spec = $2::jsonb, sampled_at = now(), updated_at = now() WHERE id = $1',
    [round.id, JSON.stringify(spec)],
  );
}
