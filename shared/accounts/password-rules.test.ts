/** The set-password rules: at least 12 characters, not the e-mail, not one character repeated, confirmed. */
import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-rules';

const EMAIL = 'amara.osei@council.gov.uk';
const problemsFor = (password: string, confirmPassword = password) =>
  passwordProblems({ password, confirmPassword }, EMAIL);

describe('passwordProblems', () => {
  it.each([
    ['a long passphrase', 'correct horse battery staple'],
    ['exactly 12 characters', 'abcdefghijk1'],
    ['12 characters counted as people see them (emoji are one each)', '🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥x'],
  ])('accepts %s', (_name, password) => {
    expect(problemsFor(password)).toEqual([]);
  });

  it.each([
    ['an empty password', '', 'Enter a password.'],
    ['11 characters', 'abcdefghijk', 'Use at least 12 characters.'],
    ['257 characters', 'ab'.repeat(128) + 'c', 'Use 256 characters or fewer.'],
    [
      'the e-mail address',
      EMAIL.toUpperCase(),
      'Do not use your e-mail address, or part of it, in your password.',
    ],
    [
      'the name before the @',
      'my name is amara.osei!',
      'Do not use your e-mail address, or part of it, in your password.',
    ],
    ['one character repeated', 'aaaaaaaaaaaaaaaa', 'Do not use one character repeated.'],
  ])('refuses %s', (_name, password, message) => {
    expect(problemsFor(password)).toEqual([{ path: 'password', message }]);
  });

  it('asks for the confirmation, and for it to match', () => {
    expect(problemsFor('correct horse battery staple', '')).toEqual([
      { path: 'confirmPassword', message: 'Enter the password again to confirm it.' },
    ]);
    expect(problemsFor('correct horse battery staple', 'correct horse battery stapler')).toEqual([
      { path: 'confirmPassword', message: 'The two passwords are not the same.' },
    ]);
  });
});
