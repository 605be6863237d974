/**
 * The demo's audit reports, made through the same store the QA lead's screens use,
 * in each service: a published monthly report of the last whole month whose findings the demo
 * has coded (demo-finding-themes.ts), a published thematic report of the exploitation thematic
 * audit (of the tool most of its audits used), and a draft of the latest practice week,
 * each with a summary and recommended actions in the council's words. Run last, so the reports
 * draw every audit, moderation and coded finding the demo holds.
 */
import type { Queryable } from '../db/database';
import type { Person } from '../http/app-env';
import { createReport, editReport, lockReport, publishReport } from '../reports/report-store';
import { AppError } from '../../shared/errors/app-error';
import { londonDate } from '../../shared/metrics/london-date';
import { monthWords } from '../../shared/reports/report-dates';
import { previousMonth } from '../../shared/reports/report-scope';
import { DEFAULT_FRAMEWORK_REF } from './synthetic-answers';
import type { DemoIds } from './demo-organisation';
import { DEMO_SERVICES } from './demo-services';
import { demoCodingCutOff } from './demo-finding-themes';

const RECOMMENDATIONS = [
  'Team managers record the reasons for decisions on the case file at every supervision.',
  'Every plan says what happens if things do not change (a contingency), checked at review.',
  'Practitioners record the child’s views in the child’s own words, or say why they could not.',
];

async function qaLead(tx: Queryable, personId: string): Promise<Person | null> {
  const [row] = await tx.query<{
    id: string;
    email: string;
    display_name: string;
    service_id: string | null;
  }>('SELECT id, email, display_name, service_id FROM people WHERE id = $1', [personId]);
  return row
    ? {
        id: row.id,
        email: row.email,
        name: row.display_name,
        jobTitle: '',
        roles: ['qa_lead'],
        teamId: null,
        serviceId: row.service_id,
      }
    : null;
}

async function write(
  tx: Queryable,
  person: Person,
  serviceId: string,
  input: Parameters<typeof createReport>[3],
  summary: string,
  publish: boolean,
): Promise<void> {
  const id = await createReport(tx, serviceId, person.id, input);
  const report = await lockReport(tx, id);
  await editReport(tx, report, {
    title: input.title,
    summary,
    recommendations: RECOMMENDATIONS.map((text) => ({ text })),
  });
  if (!publish) return;
  try {
    await publishReport(tx, await lockReport(tx, id), person);
  } catch (error) {
    // A scope with no submitted audits cannot be published: the demo then keeps it a draft.
    if (!(error instanceof AppError && error.code === 'validation_failed')) throw error;
  }
}

export async function seedDemoReports(tx: Queryable, ids: DemoIds, now: Date): Promise<void> {
  for (const service of DEMO_SERVICES) {
    const person = await qaLead(tx, ids.personIds.get(service.qaLead) ?? '');
    if (!person?.serviceId) continue;
    const serviceId = person.serviceId;

    // The last whole month before the demo's coding cut-off with submitted audits of the
    // case-file audit in the service: its findings are coded, the month after is still being coded.
    let month = previousMonth(londonDate(demoCodingCutOff(now).toISOString()).slice(0, 7));
    for (let tries = 0; tries < 6; tries++) {
      const [found] = await tx.query(
        `SELECT 1 FROM audits a JOIN teams t ON t.id = a.team_id
         WHERE t.service_id = $1 AND a.status = 'submitted' AND NOT a.deleted AND a.stage = 'independent'
           AND a.framework_key = $2 AND to_char(a.completed_at AT TIME ZONE 'Europe/London', 'YYYY-MM') = $3 LIMIT 1`,
        [serviceId, DEFAULT_FRAMEWORK_REF.key, month],
      );
      if (found) break;
      month = previousMonth(month);
    }
    await write(
      tx,
      person,
      serviceId,
      {
        title: `Monthly audit report, ${monthWords(month)}`,
        scope: { kind: 'month', month, toolKey: DEFAULT_FRAMEWORK_REF.key },
      },
      `The case-file audits completed in ${monthWords(month)}. Children are seen and their views are mostly recorded; plans too often lack a contingency, and management decisions are not always recorded with their reasons.`,
      true,
    );

    // The latest thematic round with independent audits submitted, and the tool most of them used.
    const [thematic] = await tx.query<{ theme: string; framework_key: string; start_date: string }>(
      `SELECT r.theme, a.framework_key, to_char(r.start_date, 'YYYY-MM-DD') AS start_date
       FROM rounds r JOIN allocations x ON x.round_id = r.id JOIN audits a ON a.id = x.id
       WHERE r.service_id = $1 AND r.kind = 'thematic' AND r.theme <> ''
         AND a.status = 'submitted' AND a.stage = 'independent' AND NOT a.deleted
       GROUP BY r.id, r.theme, r.start_date, a.framework_key
       ORDER BY r.start_date DESC, count(*) DESC, a.framework_key LIMIT 1`,
      [serviceId],
    );
    if (thematic)
      await write(
        tx,
        person,
        serviceId,
        {
          title: `Thematic audit report: ${thematic.theme}`,
          scope: {
            kind: 'theme',
            roundKind: 'thematic',
            theme: thematic.theme,
            toolKey: thematic.framework_key,
            from: thematic.start_date,
            to: londonDate(now.toISOString()),
          },
        },
        `What the thematic audit found about ${thematic.theme.toLowerCase()}: screening is done, but return-home interviews are not always offered or recorded, and the plan rarely names what will disrupt exploitation.`,
        true,
      );

    const [week] = await tx.query<{ id: string; name: string }>(
      `SELECT id, name FROM rounds WHERE service_id = $1 AND kind = 'practice_week' ORDER BY start_date DESC LIMIT 1`,
      [serviceId],
    );
    if (week)
      await write(
        tx,
        person,
        serviceId,
        { title: `Practice week report: ${week.name}`, scope: { kind: 'round', roundId: week.id } },
        'Draft: the QA lead is still coding what auditors wrote into themes.',
        false,
      );
  }
}
