/**
 * The audit tools store: versions and tools, a draft started from a version, saving a draft
 * (the server's revision problems come back for the editor to show) and publishing it.
 */
import { describe, expect, it } from 'vitest';
import { withFakeApi } from '../../tests/support/fake-api';
import { defaultFrameworkV1 } from '../../shared/framework/default-framework';
import { useQaFrameworksStore } from './qa-frameworks-store';

const server = withFakeApi();

describe('audit tools store', () => {
  it('starts a draft from a published version and answers the new version number', async () => {
    server().answer('POST /api/frameworks/:key/:version/draft', { key: 'default', version: 2 }, 201);
    expect(await useQaFrameworksStore().draftFrom('default', 1)).toBe(2);
    expect(server().calls[0]?.path).toBe('/api/frameworks/default/1/draft');
  });

  it('saves the whole definition under its own key and version, and returns what stops publishing', async () => {
    const draft = { ...defaultFrameworkV1(), version: 2 };
    server().answer('PUT /api/frameworks/:key/:version', {
      saved: true,
      revisionProblems: [{ itemKey: 'overall', message: 'A published item cannot be removed.' }],
    });
    const problems = await useQaFrameworksStore().save(draft);
    expect(problems).toEqual([{ itemKey: 'overall', message: 'A published item cannot be removed.' }]);
    expect(server().calls[0]).toMatchObject({
      path: `/api/frameworks/${draft.key}/2`,
      body: { definition: draft },
    });
  });

  it('loads a version and parses it as a framework', async () => {
    server().answer('GET /api/frameworks/:key/:version', defaultFrameworkV1());
    const framework = await useQaFrameworksStore().load('default', 1);
    expect(framework.sections.length).toBe(defaultFrameworkV1().sections.length);
  });

  it('publishes, and passes a refusal on (a published version never changes)', async () => {
    server().refuse(
      'POST /api/frameworks/:key/:version/publish',
      409,
      'conflict',
      'This version is already published.',
    );
    await expect(useQaFrameworksStore().publish('default', 1)).rejects.toMatchObject({
      message: 'This version is already published.',
    });
  });

  it('copies a new tool from another tool’s version', async () => {
    const tool = {
      key: 'exploitation-audit',
      name: 'Exploitation audit',
      purpose: 'thematic' as const,
      description: '',
      copiedFrom: { key: 'default', version: 1 },
      latestPublished: null,
      draftVersion: 1,
      versions: 1,
    };
    server().answer('GET /api/audit-tools', { tools: [] });
    server().answer('POST /api/audit-tools', { tool }, 201);
    const store = useQaFrameworksStore();
    expect(await store.tools()).toEqual([]);
    const made = await store.createTool({
      name: 'Exploitation audit',
      purpose: 'thematic',
      description: '',
      copyFrom: { key: 'default', version: 1 },
    });
    expect(made.draftVersion).toBe(1);
  });
});
