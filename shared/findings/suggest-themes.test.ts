import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { suggestThemes, tokens, type CodedFinding } from './suggest-themes';

// Past coding in the words of the demo's auditors (synthetic).
const PAST: CodedFinding[] = [
  {
    text: 'The child was not seen alone and their wishes and feelings are not recorded.',
    themeIds: ['voice'],
  },
  { text: 'No evidence of the child’s views in the assessment.', themeIds: ['voice'] },
  {
    text: 'Supervision is not in line with policy and management decisions lack rationale.',
    themeIds: ['oversight'],
  },
  { text: 'The chronology has not been updated since the case transferred.', themeIds: ['chronology'] },
  { text: 'The plan has no timescales and actions do not say who will do what.', themeIds: ['smart'] },
  {
    text: 'Drift in the plan: supervision did not challenge the lack of progress.',
    themeIds: ['smart', 'oversight'],
  },
];

describe('tokens', () => {
  it.each([
    { name: 'stop words and short words go', text: 'It is a plan of the day', expected: ['plan', 'day'] },
    { name: 'possessives are the word', text: "The child's views", expected: ['child', 'view'] },
    { name: 'plurals and tenses meet', text: 'Plans recorded', expected: ['plan', 'record'] },
    { name: 'case does not matter', text: 'SMART Smart smart', expected: ['smart', 'smart', 'smart'] },
    { name: 'nothing to compare', text: '—  ', expected: [] },
  ])('$name', ({ text, expected }) => {
    expect(tokens(text)).toEqual(expected);
  });
});

describe('suggestThemes', () => {
  it.each([
    {
      name: 'a finding about the child not being seen alone suggests the voice of the child',
      text: 'Child not seen alone on the last two visits.',
      first: 'voice',
    },
    {
      name: 'supervision points to oversight',
      text: 'No supervision for six months and no management decisions on file.',
      first: 'oversight',
    },
    { name: 'an out-of-date chronology', text: 'Chronology is out of date.', first: 'chronology' },
    { name: 'timescales point to SMART plans', text: 'No timescales in the child’s plan.', first: 'smart' },
  ])('$name', ({ text, first }) => {
    expect(suggestThemes(text, PAST)[0]?.themeId).toBe(first);
  });

  it('suggests nothing when no word is shared', () => {
    expect(suggestThemes('Excellent multi-agency meeting.', PAST)).toEqual([]);
  });

  it('suggests nothing without past coding', () => {
    expect(suggestThemes('Supervision is regular.', [])).toEqual([]);
  });

  it('leaves out excluded themes and keeps to the limit', () => {
    const all = suggestThemes('Supervision did not challenge drift in the plan.', PAST);
    expect(all.map((s) => s.themeId)).toEqual(['oversight', 'smart']);
    expect(
      suggestThemes('Supervision did not challenge drift in the plan.', PAST, { exclude: ['oversight'] }),
    ).toEqual([all[1]]);
    expect(
      suggestThemes('Supervision did not challenge drift in the plan.', PAST, { limit: 1 }),
    ).toHaveLength(1);
  });

  it('is deterministic whatever the order of the past coding', () => {
    const text = 'The plan and supervision show drift; the child’s views are missing.';
    expect(suggestThemes(text, [...PAST].reverse())).toEqual(suggestThemes(text, PAST));
  });

  const WORDS = [
    'chronology',
    'supervision',
    'voice',
    'plan',
    'drift',
    'visit',
    'school',
    'health',
    'risk',
    'father',
  ];
  const textArb = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
  const codedArb = fc.array(
    fc.record({
      text: textArb,
      themeIds: fc.uniqueArray(fc.constantFrom('t1', 't2', 't3', 't4', 't5'), { minLength: 1, maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 12 },
  );

  it('property: a finding identical to a coded one gets that one’s themes first (score 1, none above)', () => {
    fc.assert(
      fc.property(codedArb, fc.nat(), (coded, pick) => {
        const target = coded[pick % coded.length]!;
        const suggestions = suggestThemes(target.text, coded, { limit: 10 });
        const top = target.themeIds.length;
        // Every theme of the identical finding scores 1, the most any theme can.
        for (const themeId of target.themeIds)
          expect(suggestions.find((s) => s.themeId === themeId)?.score).toBe(1);
        expect(suggestions.slice(0, top).every((s) => s.score === 1)).toBe(true);
      }),
    );
  });

  it('property: scores are between 0 and 1, best first, each theme once', () => {
    fc.assert(
      fc.property(textArb, codedArb, (text, coded) => {
        const s = suggestThemes(text, coded, { limit: 10 });
        expect(new Set(s.map((x) => x.themeId)).size).toBe(s.length);
        for (let i = 0; i < s.length; i += 1) {
          expect(s[i]!.score).toBeGreaterThan(0);
          expect(s[i]!.score).toBeLessThanOrEqual(1);
          if (i > 0) expect(s[i]!.score).toBeLessThanOrEqual(s[i - 1]!.score);
        }
      }),
    );
  });
});
