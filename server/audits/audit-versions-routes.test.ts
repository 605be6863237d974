/**
 * The auditor's kept versions: every accepted revision and every snapshot the
 * server refused, each with the full text of the answers it changed, newest first; to the
 * audit's auditor only; the view is logged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ENGINES } from '../../tests/support/test-databases';
import type { Client } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { allocationsOf, AUDITOR_A, AUDITOR_B, draftFor, mutation } from '../../tests/support/sync-fixtures';
import type { AuditVersion } from '../../shared/sync/audit-versions';
import { pushInProcess } from '../../tests/support/push-in-process';

const NOTES = 'lived-experience.evidence';
const text = (value: string) => ({ kind: 'text' as const, value });

describe.each(ENGINES)('an auditor’s kept versions on $engine', (engine) => {
  // A demo organisation per engine: slow on a busy machine.
  const t = useTestApp(engine, {}, 240_000);
  let a: Client;
  let allocation: { id: string; case_id: string };
  beforeAll(async () => {
    a = await t.as(AUDITOR_A);
    allocation = (await allocationsOf(t.db, AUDITOR_A))[0]!;
    const push = (device: string, mutations: unknown[]) => pushInProcess(a, device, mutations);
    const tablet = randomUUID();
    const laptop = randomUUID();
    await push(tablet, [
      mutation(draftFor(allocation, { [NOTES]: text('First words, from the tablet.') }), 0),
    ]);
    await push(tablet, [
      mutation(
        draftFor(allocation, {
          [NOTES]: text('Second words, from the tablet.'),
          'plan.smart': { kind: 'question', value: 'yes' },
        }),
        1,
      ),
    ]);
    // The laptop edited from revision 1 too: the server refuses it and keeps what it sent.
    const refused = await push(laptop, [
      mutation(draftFor(allocation, { [NOTES]: text('Words typed on the laptop, refused.') }), 1),
    ]);
    expect(refused.results[0]?.status).toBe('conflict');
  });

  it('lists each revision and each refused snapshot with the text it held, newest first', async () => {
    const response = await a.request(`/api/audits/${allocation.id}/versions`);
    expect(response.status).toBe(200);
    const { versions } = (await response.json()) as { versions: AuditVersion[] };
    expect(versions.map((v) => [v.kind, v.rev, v.reason])).toEqual([
      ['refused', 2, 'conflict'],
      ['revision', 2, null],
      ['revision', 1, null],
    ]);
    // A refused snapshot names what it changed against the revision the server held.
    expect(versions[0]?.changes).toEqual({
      [NOTES]: text('Words typed on the laptop, refused.'),
      'plan.smart': null,
    });
    expect(versions[1]?.changes).toEqual({
      [NOTES]: text('Second words, from the tablet.'),
      'plan.smart': { kind: 'question', value: 'yes' },
    });
    expect(versions[2]?.changes).toEqual({ [NOTES]: text('First words, from the tablet.') });
    expect(versions[2]).toMatchObject({ by: 'Amara Osei (demo)', status: 'draft' });
  });

  it('logs the view', async () => {
    await a.request(`/api/audits/${allocation.id}/versions`);
    const logged = await t.db.query(
      "SELECT id FROM audit_log WHERE action = 'audit.versions.view' AND entity_id = $1",
      [allocation.id],
    );
    expect(logged.length).toBeGreaterThan(0);
  });

  it('refuses another auditor, and a QA lead (the auditor’s own work, not a review)', async () => {
    const b = await t.as(AUDITOR_B);
    expect((await b.request(`/api/audits/${allocation.id}/versions`)).status).toBe(403);
    const qa = await t.as('erin.qalead@demo.lantern.invalid');
    expect((await qa.request(`/api/audits/${allocation.id}/versions`)).status).toBe(403);
  });
});
