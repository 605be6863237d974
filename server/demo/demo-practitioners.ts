/**
 * The demo organisation's practitioners: three allocated workers with the
 * practitioner role, each the worker of every other case of their team (the case list's
 * "allocated worker" then names them), told in their inbox of their latest audits, and a few of
 * their responses — a reflection, a disagreement with a grade, a factual correction — with the
 * auditor and QA lead told of each. Run after the audits exist. Seeded, so every demo is the same.
 */
import type { Queryable } from '../db/database';
import { randomUuid, seededRandom } from '../../shared/random/seeded-random';
import { notify } from '../notifications/notify';
import type { ResponseKind } from '../../shared/audits/audit-record-schemas';
import type { DemoIds } from './demo-organisation';
import { demoServiceOfTeam } from './demo-services';

export interface DemoPractitioner {
  email: string;
  name: string;
  jobTitle: string;
  team: string;
  /** What they wrote back on their most recent audits, newest first. */
  responses: readonly { kind: ResponseKind; text: string }[];
}

export const DEMO_PRACTITIONERS: readonly DemoPractitioner[] = [
  {
    email: 'pia.practitioner@demo.lantern.invalid',
    name: 'Pia Sandhu (demo)',
    jobTitle: 'Social worker, Assessment A',
    team: 'assess-a',
    responses: [
      {
        kind: 'reflection',
        text: 'Thank you for the feedback. I agree the chronology was behind; I have brought it up to date and will add the father’s views after our visit next week.',
      },
      {
        kind: 'grade_disagreement',
        text: 'I think "Requires improvement" for the child’s voice misses the two direct-work sessions recorded in the case notes on 4 and 18 September. Could the QA lead look again?',
      },
    ],
  },
  {
    email: 'rory.practitioner@demo.lantern.invalid',
    name: 'Rory Quinn (demo)',
    jobTitle: 'Social worker, Child Protection 1',
    team: 'cp-1',
    responses: [],
  },
  {
    email: 'tess.practitioner@demo.lantern.invalid',
    name: 'Tess Obi (demo)',
    jobTitle: 'Personal adviser, Leaving Care',
    team: 'care-leavers',
    responses: [
      {
        kind: 'factual_correction',
        text: 'The pathway plan was reviewed in August, not June: the review is on the file under "Pathway plan review 2".',
      },
    ],
  },
];

/** How many of each practitioner's latest audits their inbox tells them of. */
const TOLD_OF = 3;

export async function seedDemoPractitioners(tx: Queryable, ids: DemoIds, seed = 20_261_404): Promise<number> {
  const random = seededRandom(seed);
  // The demo accounts share one password: take its hash from the demo's first person.
  const [hash] = await tx.query<{ password_hash: string | null }>(
    'SELECT password_hash FROM people WHERE id = $1',
    [ids.personIds.get('auditor1') ?? ''],
  );
  let responses = 0;
  for (const p of DEMO_PRACTITIONERS) {
    const personId = randomUuid(random);
    const teamId = ids.teamIds.get(p.team) ?? '';
    await tx.query(
      `INSERT INTO people (id, email, display_name, job_title, team_id, service_id, roles, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6, '{practitioner}', $7)`,
      [
        personId,
        p.email,
        p.name,
        p.jobTitle,
        teamId,
        ids.serviceIds.get(demoServiceOfTeam(p.team).key),
        hash?.password_hash ?? null,
      ],
    );
    // Every other case of the team, as a case list matched by the worker's e-mail would give.
    const cases = ids.cases
      .filter((c) => c.teamKey === p.team)
      .sort((a, b) => a.reference.localeCompare(b.reference))
      .filter((_, i) => i % 2 === 0)
      .map((c) => c.id);
    await tx.query(
      'UPDATE cases SET practitioner_id = $1, allocated_worker = $2 WHERE id = ANY ($3::uuid[])',
      [personId, p.name.replace(' (demo)', ''), cases],
    );
    const latest = await tx.query<{
      id: string;
      reference: string;
      auditor_id: string;
      service_id: string;
      completed_at: string;
    }>(
      `SELECT a.id, c.reference, a.auditor_id, t.service_id, a.completed_at
       FROM audits a JOIN cases c ON c.id = a.case_id JOIN teams t ON t.id = a.team_id
       WHERE c.practitioner_id = $1 AND a.status = 'submitted' AND NOT a.deleted
       ORDER BY a.completed_at DESC, a.id LIMIT $2`,
      [personId, TOLD_OF],
    );
    for (const audit of latest)
      await notify(tx, [personId], {
        kind: 'audit_submitted',
        title: `An audit of case ${audit.reference} is ready to read`,
        link: `/audits/${audit.id}/record`,
        subjectId: audit.id,
      });
    for (const [i, response] of p.responses.entries()) {
      const audit = latest[i];
      if (!audit) continue;
      const responseId = randomUuid(random);
      await tx.query(
        `INSERT INTO practitioner_responses (id, audit_id, author_id, kind, body, created_at)
         VALUES ($1, $2, $3, $4, $5, LEAST(now(), $6::timestamptz + interval '2 days'))`,
        [responseId, audit.id, personId, response.kind, response.text, audit.completed_at],
      );
      const qaLeads = await tx.query<{ id: string }>(
        `SELECT id FROM people WHERE active AND 'qa_lead' = ANY (roles) AND service_id = $1`,
        [audit.service_id],
      );
      await notify(tx, [audit.auditor_id, ...qaLeads.map((q) => q.id)], {
        kind: 'practitioner_response',
        title: `The practitioner responded to the audit of case ${audit.reference}`,
        link: `/audits/${audit.id}/record`,
        subjectId: responseId,
      });
      responses += 1;
    }
  }
  return responses;
}
