import { describe, expect, it } from 'vitest';
import { areaRag, inWords, listInWords, progressSummary, type SummaryArea } from './progress-summary';
import type { ManagerRag } from './plan-vocabulary';

const actions = (rags: (ManagerRag | null)[], signedOff = false) => rags.map((rag) => ({ rag, signedOff }));
const area = (rags: (ManagerRag | null)[], extra: Partial<SummaryArea> = {}): SummaryArea => ({
  theme: 'A',
  timescale: 'immediately',
  actions: actions(rags),
  ...extra,
});

describe('progressSummary', () => {
  it('counts recommendations, actions and completed actions as the council wrote them', () => {
    // A published council report: "8 recommendations made up of 34 actions (11 actions complete)".
    const areas = Array.from({ length: 8 }, (_, i) =>
      area(
        Array.from({ length: i < 2 ? 5 : 4 }, (_, j) =>
          i < 2 ? 'blue' : j === 0 && i < 3 ? 'blue' : 'green',
        ),
      ),
    );
    const summary = progressSummary('recommendation', areas);
    expect(summary.headline).toBe('8 recommendations made up of 34 actions (11 actions complete)');
    expect(summary.complete).toBe(
      '2 recommendations fully complete (subject to approval at the evidence panel)',
    );
  });

  it('drops "subject to approval" once the evidence panel has signed every completed action off', () => {
    const summary = progressSummary('recommendation', [
      { theme: '', timescale: 'immediately', actions: actions(['blue'], true) },
    ]);
    expect(summary.complete).toBe('1 recommendation fully complete');
  });

  it('says how many areas are each colour, in words under ten', () => {
    // "Of the 13 formal areas for improvement, eight are Green and five are Amber".
    const areas = [
      ...Array.from({ length: 8 }, () => area(['green'])),
      ...Array.from({ length: 5 }, () => area(['amber', 'green'])),
    ];
    expect(progressSummary('area for improvement', areas).ragSentence).toBe(
      'Of the 13 areas for improvement, five are Amber and eight are Green',
    );
  });

  it('groups by timescale in the plan order and by theme A–H', () => {
    const summary = progressSummary('area for improvement', [
      area(['red'], { timescale: 'within-6-months', theme: 'B' }),
      area(['green'], { timescale: 'immediately', theme: 'A' }),
      area(['amber'], { timescale: 'immediately', theme: 'B' }),
    ]);
    expect(summary.byTimescale.map((g) => [g.key, g.sentence])).toEqual([
      ['immediately', '2 areas for improvement: one is Amber and one is Green'],
      ['within-6-months', '1 area for improvement: one is Red'],
    ]);
    expect(summary.byTheme.map((g) => [g.key, g.areas])).toEqual([
      ['A', 1],
      ['B', 2],
    ]);
  });

  it('speaks of an empty plan without dividing by anything', () => {
    const summary = progressSummary('area for improvement', []);
    expect(summary.headline).toBe('0 areas for improvement made up of 0 actions (0 actions complete)');
    expect(summary.ragSentence).toBe('There are no areas for improvement in this plan yet');
    expect(summary.complete).toBeNull();
  });
});

describe('areaRag', () => {
  it.each([
    ['every action Blue', ['blue', 'blue'], 'blue'],
    ['the worst colour wins', ['green', 'red', 'amber'], 'red'],
    ['Blue with open unrated actions is still in progress', ['blue', null], 'green'],
    ['nothing rated', [null, null], 'not-rated'],
    ['no actions', [], 'not-rated'],
  ] as const)('%s', (_name, rags, expected) => {
    expect(areaRag(actions([...rags]))).toBe(expected);
  });
});

describe('words', () => {
  it.each([
    [0, 'no'],
    [8, 'eight'],
    [13, '13'],
  ])('%i → %s', (n, words) => expect(inWords(n)).toBe(words));
  it('lists with commas and "and"', () => {
    expect(listInWords(['a'])).toBe('a');
    expect(listInWords(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
