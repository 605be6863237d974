import { describe, expect, it } from 'vitest';
import { codedWords, comparedWords, coversWords, themeHeadingWords } from './report-words';

describe('a report’s words about its themes', () => {
  it.each([
    [{ name: 'Voice of the child', findings: 1, audits: 1 }, 'Voice of the child: 1 finding in 1 audit'],
    [{ name: 'Voice of the child', findings: 2, audits: 1 }, 'Voice of the child: 2 findings in 1 audit'],
    [{ name: 'Chronologies', findings: 12, audits: 9 }, 'Chronologies: 12 findings in 9 audits'],
  ])('heads a theme with its counts in words: %o', (theme, words) => {
    expect(themeHeadingWords(theme)).toBe(words);
  });

  it('says how many findings are not yet coded', () => {
    expect(codedWords({ findings: 84, uncoded: 0 })).toBe(
      '84 findings in these audits; 0 not yet coded into a theme.',
    );
    expect(codedWords({ findings: 1, uncoded: 1 })).toBe(
      '1 finding in these audits; 1 not yet coded into a theme.',
    );
  });
});

describe('what a report covers and compares with, in a sentence', () => {
  const covers = (words: string, previousWords: string | null) => ({
    covers: { words, previousWords } as never,
    figures: { audits: 61 } as never,
  });
  it('reads as one sentence, the comparison saying when a change is beyond noise', () => {
    const content = covers('audits completed in October 2026', 'audits completed in September 2026');
    expect(coversWords(content)).toBe('Covers audits completed in October 2026 (61 audits).');
    expect(comparedWords(content)).toBe(
      'Compared with audits completed in September 2026. A change is beyond noise when its 95% interval excludes 0.',
    );
    expect(comparedWords(covers('a round', null))).toBe(
      'There is no previous comparable round to compare with.',
    );
  });
});
