/** The safeguarding alerts store: the person's alerts and acknowledging one. */
import { describe, expect, it } from 'vitest';
import { withFakeApi } from '../../tests/support/fake-api';
import { useQaAlertsStore } from './qa-alerts-store';

const server = withFakeApi();

describe('safeguarding alerts store', () => {
  const alert = (acknowledgedAt: string | null) => ({
    id: 'a1',
    auditId: 'au1',
    reference: 'CS-10042',
    teamName: 'Assessment team 1',
    raisedByName: 'Amara Okafor',
    raisedAt: '2026-12-01T09:00:00Z',
    concernNote: 'Concern noted in the audit.',
    escalateAt: '2026-12-01T13:00:00Z',
    escalatedAt: null,
    acknowledgedAt,
    minutesToAcknowledge: acknowledgedAt ? 30 : null,
    workingMinutesToAcknowledge: acknowledgedAt ? 30 : null,
    mine: acknowledgedAt === null,
    myAcknowledgement: acknowledgedAt ? 'Spoke to the team manager.' : null,
    recipients: [],
  });

  it('acknowledges with the note, then shows the list as the server now has it', async () => {
    server().answerOnce('GET /api/alerts', { alerts: [alert(null)], escalationHours: 4 });
    server().answer('POST /api/alerts/:alertId/acknowledge', { alert: alert('2026-12-01T09:30:00Z') });
    server().answer('GET /api/alerts', { alerts: [alert('2026-12-01T09:30:00Z')], escalationHours: 4 });
    const store = useQaAlertsStore();
    await store.load();
    expect(store.alerts[0]?.mine).toBe(true);
    await store.acknowledge('a1', 'Spoke to the team manager.');
    expect(server().calls[1]).toMatchObject({
      path: '/api/alerts/a1/acknowledge',
      body: { note: 'Spoke to the team manager.' },
    });
    expect(store.alerts[0]?.acknowledgedAt).toBe('2026-12-01T09:30:00Z');
  });
});
