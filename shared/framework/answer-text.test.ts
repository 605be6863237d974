import { describe, expect, it } from 'vitest';
import { answerText } from './answer-text';

describe('answerText', () => {
  it.each([
    ['nothing', undefined, 'Not answered'],
    ['a question', { kind: 'question', value: 'partly' }, 'Partly'],
    ['not applicable', { kind: 'question', value: 'not_applicable' }, 'Not applicable'],
    ['a grade', { kind: 'grade', value: 2 }, 'Requires improvement to be good'],
    ['blank text', { kind: 'text', value: '  ' }, 'Not answered'],
    ['a note', { kind: 'yes-no-note', value: 'yes', note: 'Seen alone' }, 'Yes — Seen alone'],
    [
      'an action',
      { kind: 'case-actions', value: [{ what: 'Visit', who: 'Team manager', byWhen: '2026-09-30' }] },
      'Visit (Team manager, by 30 September 2026)',
    ],
    ['no actions', { kind: 'case-actions', value: [] }, 'No actions'],
    ['a confirmation', { kind: 'confirmation', value: true }, 'Confirmed'],
  ] as const)('%s', (_name, answer, words) => {
    expect(answerText(answer as Parameters<typeof answerText>[0])).toBe(words);
  });
});

describe('answerText with a date that cannot be read', () => {
  it('shows a half-typed date as it was typed, never a broken one', () => {
    const answer = {
      kind: 'case-actions' as const,
      value: [{ id: 'a1', what: 'Visit', who: 'SW', byWhen: '2026-1' }],
    };
    expect(answerText(answer as never)).toBe('Visit (SW, by 2026-1)');
  });
});
