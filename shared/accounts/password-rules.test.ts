/**
 * The set-password rules: at least 12 characters, not the e-mail, not one character repeated,
 * not a common or breached password nor one close to it, confirmed.
 */
import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-rules';

const EMAIL = 'amara.osei@council.gov.uk';
const TOO_GUESSABLE =
  'This password is too easy to guess: it is a common password or close to one. Try three or four random words.';
const problemsFor = (password: string, confirmPassword = password) =>
  passwordProblems({ password, confirmPassword }, EMAIL);

describe('passwordProblems', () => {
  it.each([
    ['a long passphrase', 'correct horse battery staple'],
    ['exactly 12 characters', 'vq7#Lm2!zR9p'],
    ['12 characters counted as people see them (emoji are one each)', '🔥🌊🍋🚲🎻🦉🪁🧭🌵🍄🛶x'],
    ["three random words (the NCSC's advice)", 'kettle orbit marmalade'],
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
    // The two the outside probe set, and the shapes breached lists are full of.
    ['a common password with digits', 'Password1234', TOO_GUESSABLE],
    ['a common word, a year and a symbol', 'Welcome2026!', TOO_GUESSABLE],
    ['a keyboard run', 'qwertyuiop123', TOO_GUESSABLE],
    ['a breached-list favourite', '1q2w3e4r5t6y', TOO_GUESSABLE],
    ['a sequence', 'abcdefghijk1', TOO_GUESSABLE],
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
