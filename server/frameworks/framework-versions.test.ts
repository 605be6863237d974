/**
 * Framework versions over HTTP, on each engine: a QA lead drafts version 2 from version 1,
 * rewords, reorders, removes and adds items (keys stay), previews it, and publishes it; a
 * published version is never changed in place; a revision that reuses a key for another kind
 * of item cannot be published; a round can then use the new version.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { useSignedIn, useTestApp } from '../../tests/support/use-test-app';
import { createRound, QA_LEAD } from '../../tests/fixtures/case-lists/qa-steps';
import { frameworkSchema, type Framework } from '../../shared/framework/framework-schema';
import {
  frameworkVersionListSchema,
  saveDraftResponseSchema,
} from '../../shared/rounds/framework-version-schemas';

describe.each(ENGINES)('framework versions on $engine', (engine) => {
  const t = useTestApp(engine);
  const qa = useSignedIn(t, QA_LEAD);

  const load = async (version: number): Promise<Framework> =>
    frameworkSchema.parse(await (await qa.request(`/api/frameworks/lantern-default/${version}`)).json());

  it('drafts, edits, previews and publishes version 2, keeping keys stable', async () => {
    const drafted = await qa.request('/api/frameworks/lantern-default/1/draft', { method: 'POST', json: {} });
    expect(drafted.status).toBe(201);
    expect(await drafted.json()).toEqual({ key: 'lantern-default', version: 2 });
    expect(
      (await qa.request('/api/frameworks/lantern-default/1/draft', { method: 'POST', json: {} })).status,
    ).toBe(409);

    const draft = await load(2);
    const plan = draft.sections.find((s) => s.key === 'plan')!;
    plan.items[0]!.label = 'The plan is SMART: specific, measurable, achievable, realistic and timely';
    [plan.items[1], plan.items[2]] = [plan.items[2]!, plan.items[1]!];
    plan.items.splice(
      plan.items.findIndex((i) => i.key === 'plan.evidence'),
      1,
    );
    plan.items.splice(plan.items.length - 1, 0, {
      key: 'plan.reviewed-with-family',
      kind: 'question',
      label: 'The plan was reviewed with the family',
      help: 'Look for a review meeting and the family’s views on the plan.',
      required: false,
      allowNotApplicable: true,
    });
    const saved = await qa.request('/api/frameworks/lantern-default/2', {
      method: 'PUT',
      json: { definition: draft },
    });
    expect(saved.status).toBe(200);
    expect(saveDraftResponseSchema.parse(await saved.json()).revisionProblems).toEqual([]);

    const preview = await load(2);
    expect(preview.sections.find((s) => s.key === 'plan')!.items.map((i) => i.key)).toEqual([
      'plan.smart',
      'plan.risk-informed',
      'plan.understood',
      'plan.contingency',
      'plan.progress',
      'plan.reviewed-with-family',
      'plan.grade',
    ]);
    expect(
      (await qa.request('/api/frameworks/lantern-default/2/publish', { method: 'POST', json: {} })).status,
    ).toBe(200);
    const versions = frameworkVersionListSchema.parse(
      await (await qa.request('/api/frameworks')).json(),
    ).versions;
    // The default tool's versions (the demo has other audit tools beside it).
    const defaults = versions.filter((v) => v.key === 'lantern-default');
    expect(defaults.map((v) => [v.version, v.status, v.basedOnVersion])).toEqual([
      [2, 'published', 1],
      [1, 'published', null],
    ]);
    expect((await load(1)).sections.find((s) => s.key === 'plan')!.items).toHaveLength(7);
    const round = await createRound(qa, { frameworkVersion: 2 });
    expect(round.frameworkVersion).toBe(2);
  });

  it('never changes a published version in place', async () => {
    const v1 = await load(1);
    v1.title = 'Changed';
    expect(
      (await qa.request('/api/frameworks/lantern-default/1', { method: 'PUT', json: { definition: v1 } }))
        .status,
    ).toBe(409);
  });

  it('refuses to publish a key reused for another kind of item, and a draft that is not a valid framework', async () => {
    await qa.request('/api/frameworks/lantern-default/2/draft', { method: 'POST', json: {} });
    const draft = await load(3);
    const plan = draft.sections.find((s) => s.key === 'plan')!;
    const index = plan.items.findIndex((i) => i.key === 'plan.smart');
    plan.items[index] = {
      key: 'plan.smart',
      kind: 'text',
      label: 'SMART?',
      help: 'Describe.',
      required: false,
    };
    const saved = saveDraftResponseSchema.parse(
      await (
        await qa.request('/api/frameworks/lantern-default/3', { method: 'PUT', json: { definition: draft } })
      ).json(),
    );
    expect(saved.revisionProblems.map((p) => p.itemKey)).toEqual(['plan.smart']);
    const publish = await qa.request('/api/frameworks/lantern-default/3/publish', {
      method: 'POST',
      json: {},
    });
    expect(publish.status).toBe(400);
    const broken = { ...draft, sections: [] };
    expect(
      (await qa.request('/api/frameworks/lantern-default/3', { method: 'PUT', json: { definition: broken } }))
        .status,
    ).toBe(400);
    const round = await qa.request('/api/rounds', {
      method: 'POST',
      json: {
        name: 'Draft round',
        kind: 'monthly',
        startDate: '2026-11-02',
        endDate: '2026-11-27',
        frameworkKey: 'lantern-default',
        frameworkVersion: 3,
        moderationShare: 0.1,
      },
    });
    expect(round.status).toBe(400);
  });
});
