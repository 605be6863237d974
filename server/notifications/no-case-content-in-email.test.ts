/**
 * No case content in any e-mail, ever. A real audit is written through the sync API
 * with distinctive text in every note, text answer and case action, submitted, responded to by
 * the case's practitioner, left with an overdue action and a late allocation; the sweeps then
 * raise every kind of notice, and every e-mail sent is read: each is built from its notice's
 * title and link alone, and none carries a note, an answer, a response, an action, the team or
 * the case type — only the case reference.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ENGINES } from '../../tests/support/test-databases';
import { useTestApp } from '../../tests/support/use-test-app';
import {
  BEN,
  createRound,
  personId,
  push,
  QA_LEAD,
  submittableAnswers,
} from '../../tests/fixtures/case-lists/qa-steps';
import type { Answers } from '../../shared/framework/answer-schema';
import type { Mailer } from '../mail/mailer';
import { remindOverdueActions } from '../case-actions/remind-overdue-actions';
import { notificationEmail } from './send-notification-emails';
import { remindLateAudits } from './remind-late-audits';
import { sweepNotifications } from './notification-sweeper';

const PUBLIC_URL = 'https://lantern.council.example';
const MARK = 'ZQX';
const KINDS = [
  'audit_submitted',
  'practitioner_response',
  'action_assigned',
  'action_overdue',
  'action_escalated',
  'allocation_overdue',
  'allocation_overdue_qa',
];

/** The audit's answers with a marked text in every free-text place. */
function markedAnswers(ownerId: string): { answers: Answers; secrets: string[] } {
  const answers = submittableAnswers(2, 5);
  const secrets: string[] = [];
  let n = 0;
  for (const [key, answer] of Object.entries(answers)) {
    const secret = `${MARK}${++n} child said the dog bites`;
    if (answer.kind === 'yes-no-note') {
      // No safeguarding concern: that would raise an alert (its own e-mails, tested elsewhere).
      answers[key] = { ...answer, value: key.startsWith('safeguarding') ? 'no' : answer.value, note: secret };
      secrets.push(secret);
    } else if (answer.kind === 'text') {
      answers[key] = { ...answer, value: secret };
      secrets.push(secret);
    } else if (answer.kind === 'question' && 'note' in answer) {
      answers[key] = { ...answer, note: secret } as typeof answer;
      secrets.push(secret);
    }
  }
  const what = `${MARK}-action: ask the grandmother about the bruising`;
  answers['overall.case-actions'] = {
    kind: 'case-actions',
    value: [{ id: 'a1', what, who: 'Ben', byWhen: '2026-10-01', ownerId }],
  };
  secrets.push(what);
  return { answers, secrets };
}

describe.each(ENGINES)('no case content in any e-mail on $engine', (engine) => {
  const t = useTestApp(engine);
  const sent: { to: string; subject: string; text: string }[] = [];
  let secrets: string[] = [];
  let caseDetails: string[] = [];
  let reference = '';

  beforeAll(async () => {
    const qa = await t.as(QA_LEAD);
    const ben = await t.as(BEN);
    const benId = await personId(t, BEN);
    // Only this test's notices: the demo's own are cleared.
    await t.db.query('DELETE FROM notification_emails');
    await t.db.query('DELETE FROM notifications');
    const round = await createRound(qa, { dueDate: '2026-10-23' });
    const cases = await t.db.query<{
      id: string;
      reference: string;
      team: string;
      type: string;
      team_id: string;
    }>(
      `SELECT c.id, c.reference, t.name AS team, ct.label AS type, t.id AS team_id
       FROM cases c JOIN teams t ON t.id = c.team_id JOIN case_types ct ON ct.key = c.case_type
       WHERE t.name = 'Assessment Team A' AND NOT EXISTS (SELECT 1 FROM allocations x WHERE x.case_id = c.id)
       ORDER BY c.reference LIMIT 2`,
    );
    const [audited, late] = cases as [(typeof cases)[0], (typeof cases)[0]];
    reference = audited.reference;
    caseDetails = [audited.team, audited.type];
    // The case's practitioner, a person of the team with the practitioner role.
    const pat = {
      id: randomUUID(),
      email: 'pat.practitioner@demo.lantern.invalid',
      name: 'Pat Okonjo-Reyes',
    };
    await t.db.query(
      `INSERT INTO people (id, email, display_name, roles, team_id, service_id, password_hash)
       SELECT $1, $2, $3, '{practitioner}', t.id, t.service_id, (SELECT password_hash FROM people WHERE email = $5)
       FROM teams t WHERE t.id = $4`,
      [pat.id, pat.email, pat.name, audited.team_id, BEN],
    );
    await t.db.query('UPDATE cases SET practitioner_id = $1 WHERE id = $2', [pat.id, audited.id]);
    caseDetails.push(pat.name);

    const allocate = async (caseId: string) => {
      const made = await qa.request('/api/allocations', {
        method: 'POST',
        json: { roundId: round.id, caseId, auditorId: benId, dueDate: '2026-10-23' },
      });
      expect(made.status).toBe(201);
      return ((await made.json()) as { allocationId: string }).allocationId;
    };
    const auditId = await allocate(audited.id);
    await allocate(late.id);

    const marked = markedAnswers(benId);
    secrets = marked.secrets;
    expect(
      (await push(ben, { id: auditId, caseId: audited.id }, 0, 'submitted', marked.answers)).status,
    ).toBe('applied');
    const response = `${MARK}-response: the mother's new partner moved in last month`;
    secrets.push(response);
    const patClient = await t.as(pat.email);
    const responded = await patClient.request(`/api/audits/${auditId}/responses`, {
      method: 'POST',
      json: { kind: 'factual_correction', text: response },
    });
    expect(responded.status).toBe(201);

    // Months later: the allocation is late, the action overdue and escalated.
    const later = new Date('2027-01-20T10:00:00Z');
    await remindLateAudits(t.db, later);
    await remindOverdueActions(t.db, later);
    const mailer: Mailer = { send: async (message) => void sent.push(message) };
    // The sweep sends a few at a time: sweep until the queue is empty.
    for (let before = -1; before !== sent.length;) {
      before = sent.length;
      await sweepNotifications(t.db, later, { mailer, publicUrl: PUBLIC_URL }, []);
    }
  }, 240_000);

  it('raises every kind of notice, and e-mails each', async () => {
    const notices = await t.db.query<{ kind: string; title: string; link: string; email: string }>(
      `SELECT n.kind, n.title, n.link, p.email FROM notifications n JOIN people p ON p.id = n.person_id`,
    );
    expect([...new Set(notices.map((n) => n.kind))].sort()).toEqual([...KINDS].sort());
    for (const notice of notices)
      expect(sent, `${notice.kind} to ${notice.email}`).toContainEqual({
        to: notice.email,
        ...notificationEmail(PUBLIC_URL, notice.title, notice.link),
      });
    expect(sent.length).toBe(notices.length);
  });

  it('carries no answer, note, response, action or case detail: the reference at most', () => {
    expect(secrets.length).toBeGreaterThan(5);
    for (const message of sent) {
      const whole = `${message.subject}\n${message.text}`;
      expect(whole).not.toContain(MARK);
      for (const detail of caseDetails) expect(whole).not.toContain(detail);
      for (const secret of secrets) expect(whole).not.toContain(secret);
    }
    expect(sent.some((m) => m.subject.includes(reference))).toBe(true);
  });
});
