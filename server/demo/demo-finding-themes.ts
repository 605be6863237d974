/**
 * The demo's learning from audits: in each service, the council's own themes, the
 * findings (what auditors wrote under strengths and areas for development) coded into them —
 * those of a round once it has ended, the rest a month at a time: the last 30 days' are left
 * for the QA lead to code, so the suggestions have past coding to learn from — up to two
 * quotes chosen per theme a month, and good-practice examples (two in the first service, one
 * in the second) on the latest Outstanding audits already coded. Synthetic only; seeded.
 */
import type { Queryable } from '../db/database';
import { insertRows } from '../db/insert-rows';
import { randomUuid, seededRandom } from '../../shared/random/seeded-random';
import { londonDate } from '../../shared/metrics/london-date';
import type { DemoIds } from './demo-organisation';
import { DEMO_SERVICES } from './demo-services';
import { FINDING_COLUMNS, FINDINGS_FROM, IS_FINDING, type FindingRow } from '../findings/finding-sql';

/** The themes, with the words of a finding that put it in each (the demo's auditors' sentences). */
export const DEMO_THEMES: readonly { name: string; description: string; cues: readonly string[] }[] = [
  {
    name: 'Voice of the child',
    description: 'The child is seen, alone where appropriate, and their wishes and feelings shape the work.',
    cues: ['views', 'lived experience', 'direct work', 'seen alone'],
  },
  {
    name: 'Management oversight',
    description: 'Supervision and management decisions, with their rationale, recorded on the file.',
    cues: ['supervision', 'management oversight', 'rationale'],
  },
  { name: 'Chronologies', description: 'An up-to-date, analytical chronology.', cues: ['chronology'] },
  {
    name: 'Plans not SMART',
    description: 'Plans that do not say what must change, by whom and by when, or have no contingency.',
    cues: ['plan is not specific', 'contingency'],
  },
  { name: 'Fathers and male carers', description: 'Fathers and partners assessed.', cues: ['father'] },
  {
    name: 'Multi-agency working',
    description: 'Partner agencies contribute to the assessment and plan.',
    cues: ['multi-agency', 'school', 'health visitor'],
  },
  {
    name: 'Case recording',
    description: 'Written to the child, clear and analytical.',
    cues: ['case record'],
  },
];

/** Reasons for the good-practice marks, in a QA lead's words. */
const GOOD_PRACTICE_REASONS = [
  'Direct work with the child is used throughout: a model for the service’s practice week learning.',
  'Clear analysis of cumulative risk with the child’s own words at the centre of the plan.',
];

/** Findings of audits completed before this time are coded (unless a round still open holds them). */
export function demoCodingCutOff(now: Date): Date {
  return new Date(now.getTime() - 30 * 24 * 3_600_000);
}

export async function seedDemoFindingThemes(
  tx: Queryable,
  ids: DemoIds,
  now: Date,
  seed = 20_261_601,
): Promise<void> {
  const random = seededRandom(seed);
  const cutOff = demoCodingCutOff(now).toISOString();
  const today = londonDate(now.toISOString());
  for (const [s, service] of DEMO_SERVICES.entries()) {
    const serviceId = ids.serviceIds.get(service.key);
    const qaId = ids.personIds.get(service.qaLead) ?? null;
    if (!serviceId) continue;
    const themes = DEMO_THEMES.map((theme) => ({ ...theme, id: randomUuid(random) }));
    await insertRows(
      tx,
      'finding_themes',
      { id: 'uuid', service_id: 'uuid', name: 'text', description: 'text', created_by: 'uuid' },
      themes.map((t) => ({
        id: t.id,
        service_id: serviceId,
        name: t.name,
        description: t.description,
        created_by: qaId,
      })),
    );
    const findings = await tx.query<FindingRow>(
      `SELECT ${FINDING_COLUMNS} FROM ${FINDINGS_FROM}
       WHERE ${IS_FINDING} AND t.service_id = $1
         AND (a.completed_at < $2 OR EXISTS (SELECT 1 FROM allocations x JOIN rounds r ON r.id = x.round_id
                                             WHERE x.id = a.id AND r.end_date < $3::date))
       ORDER BY a.completed_at, a.id, j.key`,
      [serviceId, cutOff, today],
    );
    const quotes = new Map<string, string[]>();
    const codings = findings.flatMap((f) => {
      const text = f.text.toLowerCase();
      return themes
        .filter((t) => t.cues.some((cue) => text.includes(cue)))
        .map((t) => {
          // The first two different findings of each theme in a month are its quotes for that month's report.
          const key = `${t.id} ${londonDate(f.completed_at).slice(0, 7)}`;
          const chosen = quotes.get(key) ?? [];
          const quote = chosen.length < 2 && !chosen.includes(f.text);
          if (quote) quotes.set(key, [...chosen, f.text]);
          return {
            audit_id: f.audit_id,
            item_key: f.item_key,
            theme_id: t.id,
            coded_by: qaId,
            coded_at: f.completed_at,
            quote_at: quote ? f.completed_at : null,
            quote_by: quote ? qaId : null,
          };
        });
    });
    await insertRows(
      tx,
      'finding_codings',
      {
        audit_id: 'uuid',
        item_key: 'text',
        theme_id: 'uuid',
        coded_by: 'uuid',
        coded_at: 'timestamptz',
        quote_at: 'timestamptz',
        quote_by: 'uuid',
      },
      codings,
    );
    const outstanding = await tx.query<{ id: string; completed_at: string }>(
      `SELECT a.id, a.completed_at FROM audits a JOIN teams t ON t.id = a.team_id
       WHERE t.service_id = $1 AND a.status = 'submitted' AND NOT a.deleted AND a.overall_grade = 0
         AND a.answers -> 'overall.strengths' ->> 'value' <> '' AND a.completed_at < $3
       ORDER BY a.completed_at DESC, a.id LIMIT $2`,
      [serviceId, s === 0 ? 2 : 1, cutOff],
    );
    await insertRows(
      tx,
      'good_practice_marks',
      { audit_id: 'uuid', reason: 'text', marked_by: 'uuid', marked_at: 'timestamptz' },
      outstanding.map((a, i) => ({
        audit_id: a.id,
        reason: GOOD_PRACTICE_REASONS[i % GOOD_PRACTICE_REASONS.length],
        marked_by: qaId,
        marked_at: a.completed_at,
      })),
    );
  }
}
