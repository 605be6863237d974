/**
 * The demo's multi-agency practice week (docs/JOINT-AUDITS.md): the first service's
 * current practice week is held jointly with Health and the Police. A named nurse (agency
 * health) and a detective sergeant from the police as a guest (their last day the week's end) are
 * allocated jointly to some of its cases beside the social-care auditor; where the audit has
 * begun, its answers say who gave each (the assessment section by the partner). All synthetic.
 */
import type { Queryable } from '../db/database';
import { randomUuid, seededRandom } from '../../shared/random/seeded-random';
import type { Answers } from '../../shared/framework/answer-schema';
import type { Agency } from '../../shared/accounts/agencies';
import type { DemoIds } from './demo-organisation';
import { DEMO_SERVICES } from './demo-services';

interface Partner {
  id: string;
  email: string;
  name: string;
  title: string;
  roles: string[];
  agency: Agency;
  organisation: string;
  guest: boolean;
}

export async function seedDemoJointAudits(tx: Queryable, ids: DemoIds): Promise<{ joint: number }> {
  const random = seededRandom(1515);
  const service = DEMO_SERVICES[0];
  const serviceId = service ? ids.serviceIds.get(service.key) : undefined;
  const qaLead = service ? ids.personIds.get(service.qaLead) : undefined;
  if (!serviceId || !qaLead) return { joint: 0 };
  const [round] = await tx.query<{ id: string; end_date: string }>(
    `SELECT id, end_date::text AS end_date FROM rounds WHERE service_id = $1 AND kind = 'practice_week'
     ORDER BY start_date DESC LIMIT 1`,
    [serviceId],
  );
  if (!round) return { joint: 0 };
  await tx.query("UPDATE rounds SET theme = 'Joint with Health and the Police' WHERE id = $1", [round.id]);

  const partners: Partner[] = [
    {
      id: randomUuid(random),
      email: 'harriet.health@demo.lantern.invalid',
      name: 'Harriet Okafor',
      title: 'Named nurse for safeguarding children',
      roles: ['auditor'],
      agency: 'health',
      organisation: '',
      guest: false,
    },
    {
      id: randomUuid(random),
      email: 'paul.police@demo.lantern.invalid',
      name: 'Paul Mensah',
      title: 'Detective sergeant, Public Protection (guest)',
      roles: ['auditor', 'moderator'],
      agency: 'police',
      organisation: 'Demo Constabulary',
      guest: true,
    },
  ];
  for (const p of partners)
    await tx.query(
      `INSERT INTO people (id, email, display_name, job_title, service_id, roles, agency, organisation,
         guest_round_id, guest_until, password_hash)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, password_hash FROM people WHERE id = $11`,
      [
        p.id,
        p.email,
        p.name,
        p.title,
        serviceId,
        p.roles,
        p.agency,
        p.organisation,
        p.guest ? round.id : null,
        p.guest ? round.end_date : null,
        qaLead,
      ],
    );

  // Three of the week's cases are audited jointly: two with Health, one with the Police.
  const leads = await tx.query<{
    id: string;
    case_id: string;
    auditor_id: string;
    auditor_name: string;
    framework_key: string;
    framework_version: number;
    round_name: string | null;
    due_date: string | null;
  }>(
    `SELECT x.id, x.case_id, x.auditor_id, p.display_name AS auditor_name, x.framework_key, x.framework_version,
            x.round_name, x.due_date::text AS due_date
     FROM allocations x JOIN people p ON p.id = x.auditor_id
     WHERE x.round_id = $1 AND x.active AND x.audit_id IS NULL ORDER BY x.id LIMIT 3`,
    [round.id],
  );
  let joint = 0;
  for (const [i, lead] of leads.entries()) {
    const partner = i < 2 ? partners[0] : partners[1];
    if (!partner) continue;
    await tx.query(
      `INSERT INTO allocations (id, case_id, auditor_id, framework_key, framework_version, round_name, due_date,
         round_id, allocated_by, audit_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        randomUuid(random),
        lead.case_id,
        partner.id,
        lead.framework_key,
        lead.framework_version,
        lead.round_name,
        lead.due_date,
        round.id,
        qaLead,
        lead.id,
      ],
    );
    joint++;
    // Where the audit has begun, each answer says who gave it: assessment by the partner.
    const [audit] = await tx.query<{ answers: Answers; rev: number }>(
      'SELECT answers, rev FROM audits WHERE id = $1',
      [lead.id],
    );
    if (!audit) continue;
    const signed: Answers = {};
    for (const [key, answer] of Object.entries(audit.answers)) {
      const byPartner = key.startsWith('assessment.');
      signed[key] = {
        ...answer,
        by: byPartner
          ? { personId: partner.id, name: partner.name, agency: partner.agency }
          : { personId: lead.auditor_id, name: lead.auditor_name, agency: 'social_care' },
      };
    }
    const json = JSON.stringify(signed);
    await tx.query('UPDATE audits SET answers = $2::jsonb WHERE id = $1', [lead.id, json]);
    await tx.query('UPDATE audit_revisions SET answers = $3::jsonb WHERE audit_id = $1 AND rev = $2', [
      lead.id,
      audit.rev,
      json,
    ]);
  }
  return { joint };
}
