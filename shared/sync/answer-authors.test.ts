import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AnsweredBy, Answer, Answers } from '../framework/answer-schema';
import { answerAuthors, answeredByWords } from './answer-authors';

const amara: AnsweredBy = {
  personId: '00000000-0000-4000-8000-00000000000a',
  name: 'Amara Osei',
  agency: 'social_care',
};
const harriet: AnsweredBy = {
  personId: '00000000-0000-4000-8000-00000000000b',
  name: 'Harriet Okafor',
  agency: 'health',
};
const paul: AnsweredBy = {
  personId: '00000000-0000-4000-8000-00000000000c',
  name: 'Paul Mensah',
  agency: 'police',
};
const said = (value: string, by?: AnsweredBy): Answer => ({ kind: 'text', value, ...(by ? { by } : {}) });

describe('answeredByWords', () => {
  it.each([
    ['social care', amara, 'Amara Osei (Social care)'],
    ['health', harriet, 'Harriet Okafor (Health)'],
    ['police', paul, 'Paul Mensah (Police)'],
    ['a blank name still says the agency', { ...harriet, name: '  ' }, 'Someone (Health)'],
  ])('%s', (_case, by, words) => {
    expect(answeredByWords(by)).toBe(words);
  });
});

describe('answerAuthors', () => {
  it.each<[string, Answers, { name: string; itemKeys: string[] }[]]>([
    ['an audit with one auditor (no answer signed) has no authors', { a: said('x'), b: said('y') }, []],
    ['no answers, no authors', {}, []],
    [
      'most answers first, each with the items they answered (in key order)',
      { c: said('1', harriet), a: said('2', amara), b: said('3', harriet), d: said('4') },
      [
        { name: 'Harriet Okafor', itemKeys: ['b', 'c'] },
        { name: 'Amara Osei', itemKeys: ['a'] },
      ],
    ],
    [
      'a tie is ordered by name',
      { a: said('1', paul), b: said('2', harriet), c: said('3', amara) },
      [
        { name: 'Amara Osei', itemKeys: ['c'] },
        { name: 'Harriet Okafor', itemKeys: ['b'] },
        { name: 'Paul Mensah', itemKeys: ['a'] },
      ],
    ],
    [
      'one person is one entry even when renamed between answers',
      { a: said('1', harriet), b: said('2', { ...harriet, name: 'Harriet Okafor-Smith' }) },
      [{ name: 'Harriet Okafor', itemKeys: ['a', 'b'] }],
    ],
  ])('%s', (_case, answers, expected) => {
    expect(answerAuthors(answers).map((a) => ({ name: a.by.name, itemKeys: a.itemKeys }))).toEqual(expected);
  });

  it('counts every signed answer exactly once, whatever the order of the map', () => {
    const people = [amara, harriet, paul];
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.option(fc.integer({ min: 0, max: 2 }))),
        (authorOf) => {
          const answers: Answers = {};
          for (const [key, who] of Object.entries(authorOf))
            answers[key] = said(key, who === null ? undefined : people[who]);
          const authors = answerAuthors(answers);
          const counted = authors.flatMap((a) => a.itemKeys).sort();
          const signed = Object.keys(answers)
            .filter((k) => answers[k]?.by)
            .sort();
          expect(counted).toEqual(signed);
          for (const a of authors)
            for (const key of a.itemKeys) expect(answers[key]?.by?.personId).toBe(a.by.personId);
          const reversed = Object.fromEntries(Object.entries(answers).reverse());
          expect(answerAuthors(reversed)).toEqual(authors);
        },
      ),
    );
  });
});
