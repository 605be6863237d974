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

/** A plan built area by area: each area is [complete actions, open actions]. */
const planOf = (shape: readonly (readonly [number, number])[]): SummaryArea[] =>
  shape.map(([done, open]) =>
    area([...Array<ManagerRag>(done).fill('blue'), ...Array<ManagerRag>(open).fill('green')]),
  );

describe("progressSummary: partial completion, in the councils' sentences", () => {
  it.each([
    {
      name: "the council's plan: 8 recommendations, 34 actions, 11 complete, six partly done",
      shape: [
        [5, 0],
        [5, 0],
        [1, 3],
        [0, 4],
        [0, 4],
        [0, 4],
        [0, 4],
        [0, 4],
      ],
      headline: '8 recommendations made up of 34 actions (11 actions complete)',
      complete: '2 recommendations fully complete (subject to approval at the evidence panel)',
      partial: '1 other recommendation was partially complete (3 actions outstanding)',
    },
    {
      name: "the council's partial sentence: 2 fully complete, 6 others partly (18 outstanding)",
      shape: [
        [2, 0],
        [2, 0],
        [1, 3],
        [1, 3],
        [1, 3],
        [1, 3],
        [1, 3],
        [2, 3],
      ],
      headline: '8 recommendations made up of 29 actions (11 actions complete)',
      complete: '2 recommendations fully complete (subject to approval at the evidence panel)',
      partial: '6 other recommendations were partially complete (18 actions outstanding)',
    },
    {
      name: 'none fully complete: no "other"',
      shape: [
        [1, 1],
        [0, 2],
      ],
      headline: '2 recommendations made up of 4 actions (1 action complete)',
      complete: null,
      partial: '1 recommendation was partially complete (1 action outstanding)',
    },
    {
      name: 'nothing complete',
      shape: [[0, 1]],
      headline: '1 recommendation made up of 1 action (0 actions complete)',
      complete: null,
      partial: null,
    },
    {
      name: 'everything complete',
      shape: [
        [1, 0],
        [3, 0],
      ],
      headline: '2 recommendations made up of 4 actions (4 actions complete)',
      complete: '2 recommendations fully complete (subject to approval at the evidence panel)',
      partial: null,
    },
    {
      name: 'an area with no actions is neither',
      shape: [
        [0, 0],
        [2, 2],
        [1, 0],
      ],
      headline: '3 recommendations made up of 5 actions (3 actions complete)',
      complete: '1 recommendation fully complete (subject to approval at the evidence panel)',
      partial: '1 other recommendation was partially complete (2 actions outstanding)',
    },
  ] as const)('$name', ({ shape, headline, complete, partial }) => {
    const summary = progressSummary('recommendation', planOf(shape));
    expect([summary.headline, summary.complete, summary.partial]).toEqual([headline, complete, partial]);
  });

  it('counts an action that answers two areas once in the totals, and judges it in each area', () => {
    const shared = { id: 'x', rag: 'green' as const, signedOff: false };
    const summary = progressSummary('area for improvement', [
      { theme: '', timescale: 'immediately', actions: [{ id: 'a', rag: 'blue', signedOff: true }, shared] },
      { theme: '', timescale: 'immediately', actions: [shared] },
    ]);
    expect(summary.headline).toBe('2 areas for improvement made up of 2 actions (1 action complete)');
    expect(summary.partial).toBe('1 area for improvement was partially complete (1 action outstanding)');
    expect(summary.areaRags).toEqual(['green', 'green']);
  });

  it('counts an open action shared by two partially complete areas once as outstanding', () => {
    const shared = { id: 'x', rag: null, signedOff: false };
    const done = (id: string) => ({ id, rag: 'blue' as const, signedOff: false });
    const summary = progressSummary('recommendation', [
      { theme: '', timescale: 'immediately', actions: [done('a'), shared] },
      { theme: '', timescale: 'immediately', actions: [done('b'), shared] },
    ]);
    expect(summary.partial).toBe('2 recommendations were partially complete (1 action outstanding)');
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
