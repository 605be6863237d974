import { describe, expect, it } from 'vitest';
import { raisesSafeguardingConcern } from './safeguarding-concern';
import { defaultFrameworkV1 } from './default-framework';

const framework = defaultFrameworkV1();
const key = framework.safeguardingConcernKey;
const yes = { kind: 'yes-no-note', value: 'yes', note: '' };
const no = { kind: 'yes-no-note', value: 'no', note: '' };
/** Another yes/no question of the framework, not the concern. */
const other = framework.sections
  .flatMap((s) => s.items)
  .find((i) => i.kind === 'yes-no-note' && i.key !== key)?.key;

describe('raisesSafeguardingConcern', () => {
  it('is raised by the concern item answered yes, and only by it', () => {
    expect(other).toBeDefined();
    expect(raisesSafeguardingConcern(framework, { [key]: yes })).toBe(true);
    expect(raisesSafeguardingConcern(framework, { [key]: no })).toBe(false);
    // Another question answered "yes" (the child seen alone, say) raises nothing.
    expect(raisesSafeguardingConcern(framework, { [other!]: yes, [key]: no })).toBe(false);
    expect(raisesSafeguardingConcern(framework, { [other!]: yes })).toBe(false);
  });

  it('reads answers from storage defensively', () => {
    for (const answers of [undefined, null, [], 'yes', { [key]: 'yes' }, { [key]: { value: 'yes' } }])
      expect(raisesSafeguardingConcern(framework, answers)).toBe(false);
  });
});
