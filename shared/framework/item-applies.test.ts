/** An item that depends on another answer applies only when that answer is the one it needs. */
import { describe, expect, it } from 'vitest';
import { defaultFrameworkV1 } from './default-framework';
import { frameworkItems } from './framework-schema';
import { itemApplies } from './item-applies';
import type { Answers } from './answer-schema';

const framework = defaultFrameworkV1();
const item = (key: string) => {
  const found = frameworkItems(framework).find((i) => i.key === key);
  if (!found) throw new Error(key);
  return found;
};
const acknowledged = item('safeguarding.acknowledged');
const concern = (value: 'yes' | 'no'): Answers => ({
  'safeguarding.concern': { kind: 'yes-no-note', value, note: '' },
});

describe('itemApplies', () => {
  it.each<[string, Answers, boolean]>([
    ['no concern raised: the procedure does not apply', concern('no'), false],
    ['the concern not answered yet: it does not apply', {}, false],
    ['a concern raised: it applies', concern('yes'), true],
    [
      'answered although no concern: shown, since it was answered',
      { ...concern('no'), 'safeguarding.acknowledged': { kind: 'confirmation', value: true } },
      true,
    ],
  ])('%s', (_, answers, expected) => {
    expect(itemApplies(acknowledged, answers)).toBe(expected);
  });

  it('an item that depends on nothing always applies', () => {
    expect(itemApplies(item('overall.grade'), {})).toBe(true);
  });
});
