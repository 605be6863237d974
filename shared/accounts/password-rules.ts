/**
 * The rules for a password a person chooses through a one-time link, checked alike on the
 * set-password page (as they type, before sending) and on the server (which decides).
 * Following the NCSC's advice: length matters most, so at least 12 characters and no
 * composition rules; refuse the obvious (the person's own e-mail address, one character
 * repeated) and passwords that are common or close to one ("Password1234", "Welcome2026!").
 *
 * "Common" is judged by zxcvbn-ts, not by a list kept here: its dictionaries hold the most used
 * passwords of the big published breaches plus English words and names, and it sees through
 * the usual disguises (a capital, a year or digits added, l33t spelling, keyboard runs). A
 * password must score at least 3 of 4 ("safely unguessable": about 10^8 guesses or more),
 * which three or four random words pass easily.
 */
import { z } from 'zod';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEnglish from '@zxcvbn-ts/language-en';
import type { FieldProblem } from '../errors/app-error';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
/** zxcvbn's score a password needs (0–4; 3 is "safely unguessable"). */
export const PASSWORD_MIN_SCORE = 3;

// Built on first use: ranking the dictionaries takes a few hundred milliseconds.
let estimator: ZxcvbnFactory | null = null;
function guessability(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEnglish.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEnglish.translations,
  });
  return estimator;
}

/** The body of POST /api/auth/set-password (the token comes from the link). */
export const setPasswordRequestSchema = z.object({
  token: z.string().min(1, 'This link is not complete.').max(200, 'This link is not complete.'),
  password: z.string().max(1024),
  confirmPassword: z.string().max(1024),
});
export type SetPasswordRequest = z.infer<typeof setPasswordRequestSchema>;

export const passwordLinkCheckSchema = z.object({
  token: z.string().min(1, 'This link is not complete.').max(200, 'This link is not complete.'),
});

/** Who a valid link is for: shown on the page so the person knows which account it sets. */
export const passwordLinkInfoSchema = z.object({
  email: z.string(),
  name: z.string(),
  expiresAt: z.string(),
});
export type PasswordLinkInfo = z.infer<typeof passwordLinkInfoSchema>;

/**
 * Every problem with a chosen password and its confirmation, as field problems for the form
 * (`password`, `confirmPassword`); empty when the password may be used.
 * @example passwordProblems({ password: 'short', confirmPassword: 'short' }, 'a@b.gov.uk')
 *   // [{ path: 'password', message: 'Use at least 12 characters.' }]
 */
export function passwordProblems(
  input: { password: string; confirmPassword: string },
  email: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const message = passwordRuleBroken(input.password, email);
  if (message) problems.push({ path: 'password', message });
  // With no password yet there is nothing to confirm: one message is enough.
  if (input.password !== '' && input.confirmPassword === '') {
    problems.push({ path: 'confirmPassword', message: 'Enter the password again to confirm it.' });
  } else if (input.confirmPassword !== input.password) {
    problems.push({ path: 'confirmPassword', message: 'The two passwords are not the same.' });
  }
  return problems;
}

function passwordRuleBroken(password: string, email: string): string | null {
  // Counted in characters as a person sees them, not UTF-16 units.
  const length = [...password].length;
  if (length === 0) return 'Enter a password.';
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `Use ${PASSWORD_MAX_LENGTH} characters or fewer.`;
  const lower = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const localPart = address.split('@')[0] ?? '';
  if (address && (lower === address || (localPart.length >= 3 && lower.includes(localPart)))) {
    return 'Do not use your e-mail address, or part of it, in your password.';
  }
  if (new Set(password).size === 1) return 'Do not use one character repeated.';
  const { score } = guessability().check(password, [localPart, 'lantern']);
  if (score < PASSWORD_MIN_SCORE) {
    return 'This password is too easy to guess: it is a common password or close to one. Try three or four random words.';
  }
  return null;
}
