/**
 * Safeguarding alerts, on each engine: an audit that syncs carrying an immediate concern
 * raises one alert (not one per sync) to the QA lead and the case's team manager, each of whom
 * acknowledges with a note and sees how long it took; an alert nobody acknowledges in time is
 * escalated to the head of service (on read, with no timer); and the e-mails reach a real SMTP
 * server on loopback carrying a link and no case content.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { startMailCatcher } from '../../tests/support/mail-catcher';
import { AMARA, BEN, createRound, personId, push, QA_LEAD } from '../../tests/fixtures/case-lists/qa-steps';
import { alertListSchema } from '../../shared/alerts/alert-schemas';
import { sendPendingAlertEmails } from './send-alert-emails';
import { smtpMailer } from './smtp-mailer';

const CONCERN = {
  'safeguarding.concern': {
    kind: 'yes-no-note',
    value: 'yes',
    note: 'Child disclosed being hit at home on Sunday.',
  },
} as const;

describe.each(ENGINES)('safeguarding alerts on $engine', (engine) => {
  const t = useTestApp(engine);
  let qa: Client;
  let ben: Client;
  let allocation: { id: string; caseId: string; reference: string };
  beforeAll(async () => {
    qa = await t.as(QA_LEAD);
    ben = await t.as(BEN);
    const round = await createRound(qa);
    const [assessA] = await t.db.query<{ id: string; reference: string }>(
      `SELECT c.id, c.reference FROM cases c JOIN teams t ON t.id = c.team_id
       WHERE t.name = 'Assessment Team A' AND NOT EXISTS (SELECT 1 FROM allocations x WHERE x.case_id = c.id) ORDER BY c.reference LIMIT 1`,
    );
    const made = await qa.request('/api/allocations', {
      method: 'POST',
      json: { roundId: round.id, caseId: assessA!.id, auditorId: await personId(t, BEN) },
    });
    const { allocationId } = (await made.json()) as { allocationId: string };
    allocation = { id: allocationId, caseId: assessA!.id, reference: assessA!.reference };
  });

  const alertsOf = async (client: Client) =>
    alertListSchema.parse(await (await client.request('/api/alerts')).json()).alerts;

  it('raises one alert to the QA lead and the case’s team manager when a concern syncs', async () => {
    expect((await push(ben, allocation, 0, 'draft', CONCERN)).status).toBe('applied');
    expect(
      (
        await push(ben, allocation, 1, 'draft', {
          ...CONCERN,
          'plan.smart': { kind: 'question', value: 'no' },
        })
      ).status,
    ).toBe('applied');
    const alerts = (await alertsOf(qa)).filter((a) => a.auditId === allocation.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      reference: allocation.reference,
      teamName: 'Assessment Team A',
      raisedByName: 'Ben Hartley (demo)',
      concernNote: 'Child disclosed being hit at home on Sunday.',
      mine: true,
      acknowledgedAt: null,
    });
    expect(alerts[0]!.recipients.map((r) => [r.name, r.reason]).sort()).toEqual([
      ['Amara Osei (demo)', 'team_manager'],
      ['Erin Walsh (demo)', 'qa_lead'],
    ]);
    expect(await alertsOf(ben)).toEqual([]);
  });

  it('records each acknowledgement with its note and the time it took', async () => {
    const amara = await t.as(AMARA);
    const [alert] = await alertsOf(amara);
    const empty = await amara.request(`/api/alerts/${alert!.id}/acknowledge`, {
      method: 'POST',
      json: { note: ' ' },
    });
    expect(empty.status).toBe(400);
    const done = await amara.request(`/api/alerts/${alert!.id}/acknowledge`, {
      method: 'POST',
      json: { note: 'Spoke to the social worker; strategy discussion booked for today.' },
    });
    expect(done.status).toBe(200);
    const [after] = await alertsOf(amara);
    expect(after).toMatchObject({ mine: false, minutesToAcknowledge: 0 });
    expect(after!.acknowledgedAt).not.toBeNull();
    expect(after!.recipients.find((r) => r.name === 'Amara Osei (demo)')).toMatchObject({
      note: 'Spoke to the social worker; strategy discussion booked for today.',
      minutesToAcknowledge: 0,
    });
    expect(
      (await ben.request(`/api/alerts/${alert!.id}/acknowledge`, { method: 'POST', json: { note: 'x' } }))
        .status,
    ).toBe(403);
  });

  it('escalates an unacknowledged alert to the head of service once its time has passed, on read', async () => {
    const round = await createRound(qa);
    const [other] = await t.db.query<{ id: string }>(
      `SELECT c.id FROM cases c JOIN teams t ON t.id = c.team_id WHERE t.name = 'Assessment Team B'
         AND NOT EXISTS (SELECT 1 FROM allocations x WHERE x.case_id = c.id) LIMIT 1`,
    );
    const made = await qa.request('/api/allocations', {
      method: 'POST',
      json: { roundId: round.id, caseId: other!.id, auditorId: await personId(t, BEN) },
    });
    const { allocationId } = (await made.json()) as { allocationId: string };
    await push(ben, { id: allocationId, caseId: other!.id }, 0, 'draft', CONCERN);
    const [raised] = (await alertsOf(qa)).filter((a) => a.auditId === allocationId);
    expect(raised?.escalatedAt).toBeNull();
    // Four working hours from the database clock; the test moves the deadline, not the clock.
    await t.db.query("UPDATE alerts SET escalate_at = now() - interval '1 minute' WHERE id = $1", [
      raised!.id,
    ]);
    const [escalated] = (await alertsOf(qa)).filter((a) => a.auditId === allocationId);
    expect(escalated?.escalatedAt).not.toBeNull();
    expect(escalated?.recipients.find((r) => r.reason === 'head_of_service')?.name).toBe('Farah Khan (demo)');
    const manager = await t.as('farah.manager@demo.lantern.invalid');
    expect((await alertsOf(manager)).map((a) => a.id)).toEqual([raised!.id]);
    // Read again: escalated once only.
    await alertsOf(qa);
    expect(
      await t.db.query(
        "SELECT count(*) AS n FROM alert_recipients WHERE alert_id = $1 AND reason = 'head_of_service'",
        [raised!.id],
      ),
    ).toEqual([{ n: 1 }]);
  });

  it('e-mails each recipient through a real SMTP server: a link, and no case content', async () => {
    const catcher = await startMailCatcher();
    const { received } = catcher;
    const mailer = smtpMailer(catcher.url, 'Lantern <lantern@test.invalid>');
    try {
      const result = await sendPendingAlertEmails(t.db, mailer, 'https://lantern.example.gov.uk');
      // Alert 1: the QA lead and the named team manager; alert 2 (Assessment Team B has no named
      // team manager, a set-up problem):
      // the QA lead, then the head of service on escalation.
      expect(result).toEqual({ sent: 4, failed: 0 });
      expect(received.map((m) => m.to).sort()).toEqual([
        'amara.auditor@demo.lantern.invalid',
        'erin.qalead@demo.lantern.invalid',
        'erin.qalead@demo.lantern.invalid',
        'farah.manager@demo.lantern.invalid',
      ]);
      for (const message of received) {
        expect(message.text).toMatch(/https:\/\/lantern\.example\.gov\.uk\/qa\/alerts#alert-[0-9a-f-]{36}/);
        expect(message.text).not.toContain(allocation.reference);
        expect(message.text).not.toContain('Child disclosed');
        expect(message.text).not.toContain('Assessment Team A');
      }
      expect(await sendPendingAlertEmails(t.db, mailer, 'https://lantern.example.gov.uk')).toEqual({
        sent: 0,
        failed: 0,
      });
    } finally {
      mailer.close();
      await catcher.close();
    }
  });
});
