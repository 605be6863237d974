/**
 * The moderation store: drawing a sample, the queue, the blind grades before the decision, and
 * returning an audit, each sent with the audit revision the moderator read so a decision on an
 * out-of-date copy is refused by the server rather than applied.
 */
import { describe, expect, it } from 'vitest';
import { withFakeApi } from '../../tests/support/fake-api';
import { useQaModerationStore } from './qa-moderation-store';

const server = withFakeApi();
const ROUND = '0f8e9a52-1b3c-4c7d-8e9f-0a1b2c3d4e5f';
const MODERATOR = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';

const summary = (status: 'pending' | 'agreed', blindState: 'blind' | 'revealed') => ({
  id: 'm1',
  auditId: 'au1',
  roundId: ROUND,
  roundName: 'December practice week',
  reference: 'CS-10042',
  teamName: 'Assessment team 1',
  auditorName: 'Amara Okafor',
  moderatorId: MODERATOR,
  moderatorName: 'Dev Moderator',
  status,
  resubmitted: false,
  auditorOverall: blindState === 'blind' ? null : 1,
  moderatedOverall: status === 'agreed' ? 1 : null,
  blindState,
  sampledAt: '2026-12-01T09:00:00Z',
  moderatedAt: status === 'agreed' ? '2026-12-02T09:00:00Z' : null,
});

describe('moderation store', () => {
  it('previews a sample without drawing it, then draws it with the same seed', async () => {
    const result = (preview: boolean) => ({
      preview,
      target: 2,
      alreadySampled: 0,
      submitted: 10,
      drawn: [
        {
          auditId: 'au1',
          reference: 'CS-10042',
          auditorName: 'Amara',
          moderatorId: MODERATOR,
          moderatorName: 'Dev',
        },
      ],
    });
    server().answerOnce('POST /api/moderation/rounds/:roundId/sample', result(true));
    server().answerOnce('POST /api/moderation/rounds/:roundId/sample', result(false));
    const store = useQaModerationStore();
    const request = { share: 0.2, seed: 42, moderatorIds: [MODERATOR] };
    expect((await store.drawSample(ROUND, { ...request, preview: true })).preview).toBe(true);
    expect((await store.drawSample(ROUND, { ...request, preview: false })).drawn).toHaveLength(1);
    expect(server().calls.map((c) => c.body)).toEqual([
      { ...request, preview: true },
      { ...request, preview: false },
    ]);
  });

  it('asks for the moderator’s own queue or a round’s moderations by query', async () => {
    server().answer('GET /api/moderation', { moderations: [summary('pending', 'blind')] });
    const store = useQaModerationStore();
    await store.list({ mine: true });
    await store.list({ roundId: ROUND });
    await store.list();
    expect(server().calls.map((c) => c.query)).toEqual([{ mine: '1' }, { roundId: ROUND }, {}]);
  });

  it('sends blind grades, then the decision, each with the revision read', async () => {
    server().answer('POST /api/moderation/:moderationId/blind', {
      moderation: summary('pending', 'revealed'),
    });
    server().answer('POST /api/moderation/:moderationId/decision', {
      moderation: summary('agreed', 'revealed'),
    });
    const store = useQaModerationStore();
    await store.saveBlind('m1', { overall: 1 }, 3);
    await store.decide('m1', { overall: 1 }, {}, 3);
    expect(server().calls.map((c) => [c.route, c.body])).toEqual([
      ['POST /api/moderation/:moderationId/blind', { grades: { overall: 1 }, auditRev: 3 }],
      ['POST /api/moderation/:moderationId/decision', { grades: { overall: 1 }, reasons: {}, auditRev: 3 }],
    ]);
  });

  it('passes a refusal for an out-of-date copy on as the server’s code and words', async () => {
    server().refuse(
      'POST /api/moderation/:moderationId/return',
      409,
      'conflict',
      'The auditor changed the audit.',
    );
    await expect(
      useQaModerationStore().returnToAuditor('m1', 'Please add the chronology.', 2),
    ).rejects.toMatchObject({
      status: 409,
      message: 'The auditor changed the audit.',
    });
  });

  it('reads agreement for one round, or for all rounds with no query', async () => {
    server().refuse('GET /api/moderation/agreement', 404, 'not_found', 'There is no such round.');
    const store = useQaModerationStore();
    await expect(store.agreement(ROUND)).rejects.toMatchObject({ code: 'not_found' });
    await expect(store.agreement()).rejects.toMatchObject({ code: 'not_found' });
    expect(server().calls.map((c) => c.query)).toEqual([{ roundId: ROUND }, {}]);
  });
});
