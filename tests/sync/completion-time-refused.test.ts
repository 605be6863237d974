/**
 * A tablet with a wrong clock submits an audit "completed" on 30 June. The REAL
 * client sync code (fake-indexeddb, simulated network, the app in-process) gets the refusal
 * under `completedAt`; the audit goes back to a draft on the device with every answer kept
 * and queued (so the server holds them too), the refusal is on the audit for the form and the
 * review page to show, and the corrected submission then applies.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ENGINES } from '../support/test-databases';
import { useTestApp } from '../support/use-test-app';
import { AUDITOR_A, draftFor } from '../support/sync-fixtures';
import { addAllocations, personIdOf } from '../support/sync-world';
import { inProcessServer, SimDevice, SimulatedNetwork } from '../support/sync-device';
import { saveAuditChange } from '../../client/db/save-answers';
import { submittableAnswers } from '../fixtures/case-lists/qa-steps';

describe.each(ENGINES)('a completion time from a wrong clock on $engine', (engine) => {
  const t = useTestApp(engine);
  let device: SimDevice;
  beforeAll(async () => {
    const web = await t.as(AUDITOR_A);
    const network = new SimulatedNetwork(inProcessServer(t.app));
    network.install();
    device = new SimDevice(
      'tablet',
      await personIdOf(t.db, AUDITOR_A),
      randomUUID(),
      { cookie: web.cookie, csrfToken: web.csrfToken },
      network,
      `completion-time-${engine.engine}-${randomUUID()}`,
    );
  });
  afterAll(async () => {
    await device.close();
  });

  it('is refused, shown on the audit, kept as a draft, and the corrected time submits', async () => {
    const [allocation] = await addAllocations(t.db, device.personId, 1);
    const answers = submittableAnswers(1);
    const submit = (completedAt: string) =>
      saveAuditChange(device.db, {
        auditId: allocation!.id,
        change: { answers, status: 'submitted', completedAt },
        create: () => ({ snapshot: draftFor(allocation!) }),
        newId: () => randomUUID(),
        now: Date.now(),
      });

    await submit('2026-06-30T15:00:00+01:00');
    // One push: the submission is refused, and the answers then go out as a draft at once.
    expect(await device.push()).toMatchObject({ rejected: 1, applied: 1 });
    const refused = await device.db.audits.get(allocation!.id);
    expect(refused?.snapshot.status).toBe('draft');
    expect(refused?.snapshot.answers).toEqual(answers);
    expect(refused?.rejection?.problems).toEqual([
      {
        itemKey: 'completedAt',
        message: expect.stringMatching(/30 June 2026 at 15:00, is before the case was allocated/),
      },
    ]);
    // Nothing typed waits only on the tablet: the server holds the answers, as a draft.
    expect(await device.db.outbox.count()).toBe(0);
    const [draft] = await t.db.query<{ status: string; answers: unknown }>(
      'SELECT status, answers FROM audits WHERE id = $1',
      [allocation!.id],
    );
    expect(draft).toEqual({ status: 'draft', answers });

    await submit(new Date().toISOString());
    expect((await device.db.audits.get(allocation!.id))?.rejection).toBeNull();
    expect(await device.push()).toMatchObject({ applied: 1 });
    const [submitted] = await t.db.query<{ status: string; received: string | null }>(
      'SELECT status, completed_received_at::text AS received FROM audits WHERE id = $1',
      [allocation!.id],
    );
    expect(submitted?.status).toBe('submitted');
    expect(submitted?.received).not.toBeNull();
  });
});
