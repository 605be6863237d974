/**
 * A response's JSON body once its status is the one expected; a wrong status fails with the body
 * as the message, so the test's output says what the server answered instead.
 */
import { expect } from 'vitest';

export async function answerJson<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}
