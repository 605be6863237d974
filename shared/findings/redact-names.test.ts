import { describe, expect, it } from 'vitest';
import { redactor, type RedactionNames } from './redact-names';

// Synthetic names only.
const NAMES: RedactionNames = {
  workerNames: ['Sam Jones', 'sam.jones@demo.lantern.invalid'],
  otherNames: ['Erin Walsh (demo)', 'Hope Grant', "Aoife O'Neill", 'Priya Shah-Patel', 'Will Baker', 'J Li'],
  caseReferences: ['CIN-2041'],
};
const redact = redactor(NAMES);

describe('redactor', () => {
  it.each([
    {
      name: 'the worker’s full name',
      text: 'Sam Jones visited weekly.',
      expected: '[worker] visited weekly.',
    },
    {
      name: 'the worker’s first name alone',
      text: 'Sam visited weekly.',
      expected: '[worker] visited weekly.',
    },
    { name: 'a surname alone', text: 'Ms Jones visited.', expected: 'Ms [worker] visited.' },
    { name: 'capitals', text: 'SAM JONES and SAM', expected: '[worker] and [worker]' },
    { name: 'lower case', text: 'sam jones wrote it', expected: '[worker] wrote it' },
    { name: 'a possessive', text: "Sam's analysis was clear.", expected: "[worker]'s analysis was clear." },
    { name: 'a curly possessive', text: 'Sam’s analysis', expected: '[worker]’s analysis' },
    { name: 'a name split over a line', text: 'Sam\nJones', expected: '[worker]' },
    { name: 'not inside another word', text: 'Samuel and Samsung', expected: 'Samuel and Samsung' },
    { name: 'another person', text: 'Agreed with Hope Grant.', expected: 'Agreed with [name].' },
    {
      name: 'an ordinary word capitalised is the name',
      text: 'Hope chaired it.',
      expected: '[name] chaired it.',
    },
    {
      name: 'the ordinary word in lower case stays',
      text: 'We hope the grant will help.',
      expected: 'We hope the grant will help.',
    },
    { name: 'the name in capitals', text: 'HOPE said so', expected: '[name] said so' },
    { name: 'an apostrophe in a name', text: "Aoife O'Neill's visit", expected: "[name]'s visit" },
    { name: 'part of a hyphenated name', text: 'Ms Shah and Ms Patel', expected: 'Ms [name] and Ms [name]' },
    { name: 'a hyphenated surname whole', text: 'Shah-Patel', expected: '[name]' },
    { name: 'an initial is left', text: 'J Li and J', expected: '[name] and J' },
    {
      name: 'the case reference',
      text: 'Case CIN-2041 was reviewed.',
      expected: 'Case [case] was reviewed.',
    },
    { name: 'the reference in lower case', text: 'cin-2041', expected: '[case]' },
    {
      name: 'something shaped like the reference',
      text: 'See also CPP-1188 and CIN 3050.',
      expected: 'See also [case] and [case].',
    },
    { name: 'a system id with letters and digits', text: 'LCS104233 on file', expected: '[case] on file' },
    { name: 'a long number', text: 'ID 20418877', expected: 'ID [case]' },
    {
      name: 'dates and small numbers stay',
      text: 'Seen 3 times by 12/03/2026',
      expected: 'Seen 3 times by 12/03/2026',
    },
    {
      name: 'a bracketed note after a name is not a name',
      text: 'Erin Walsh and the demo',
      expected: '[name] and the demo',
    },
    { name: 'the worker’s e-mail', text: 'Ask sam.jones@demo.lantern.invalid', expected: 'Ask [worker]' },
  ])('$name', ({ text, expected }) => {
    expect(redact(text)).toBe(expected);
  });

  it('leaves a text with no names as it was', () => {
    expect(redactor({ workerNames: [], otherNames: [], caseReferences: [] })('Good analysis.')).toBe(
      'Good analysis.',
    );
  });
});
