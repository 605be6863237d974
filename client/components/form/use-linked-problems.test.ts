/** Sending a form whose problems link to its fields: what is cleared, shown and given back. */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/http';
import { NO_PROBLEMS, oneProblem } from '../../api/form-problems';
import { useLinkedProblems } from './use-linked-problems';

const refused = (fields: { path: string; message: string }[]) =>
  new ApiError(400, 'validation_failed', 'Some fields need correcting.', fields);

describe('useLinkedProblems: send', () => {
  it('clears the last problems and is busy only while sending', async () => {
    const form = useLinkedProblems('round');
    form.problems.value = oneProblem('Enter a name', 'round', 'name');
    const seen: [boolean, unknown][] = [];
    const sent = await form.send(async () => {
      seen.push([form.busy.value, form.problems.value]);
    }, 'name');
    expect(sent).toBe(true);
    expect(seen).toEqual([[true, NO_PROBLEMS]]);
    expect(form.busy.value).toBe(false);
    expect(form.problems.value).toEqual(NO_PROBLEMS);
  });

  it.each([
    {
      name: 'a field the form knows links to it',
      known: ['name', 'dueDate'],
      items: [{ href: '#round-dueDate', message: 'Enter a due date' }],
      byField: { dueDate: 'Enter a due date' },
    },
    {
      name: 'a field the form does not know links to the fallback',
      known: ['name'],
      items: [{ href: '#round-name', message: 'Enter a due date' }],
      byField: { name: 'Enter a due date' },
    },
  ])('a refusal becomes the problems: $name', async ({ known, items, byField }) => {
    const form = useLinkedProblems('round');
    const sent = await form.send(
      () => Promise.reject(refused([{ path: 'dueDate', message: 'Enter a due date' }])),
      'name',
      known,
    );
    expect(sent).toBe(false);
    expect(form.busy.value).toBe(false);
    expect(form.problems.value).toEqual({ summary: 'Some fields need correcting.', items, byField });
  });

  it('a problem set by the request itself stays when it gives up without failing', async () => {
    const form = useLinkedProblems('report');
    const own = oneProblem('Enter an address', 'report', 'emails');
    const sent = await form.send(async () => {
      form.problems.value = own;
    }, 'emails');
    expect(sent).toBe(true);
    expect(form.problems.value).toEqual(own);
  });
});

describe('useLinkedProblems: sendMapped and fail', () => {
  it('sendMapped shows a failure by its own mapping', async () => {
    const form = useLinkedProblems('moderate');
    const mapped = oneProblem('Choose a grade', 'moderate', 'overall-grade');
    const sent = await form.sendMapped(
      () => Promise.reject(new Error('no')),
      () => mapped,
    );
    expect(sent).toBe(false);
    expect(form.problems.value).toEqual(mapped);
  });

  it('fail links a failure that names no field to the fallback', () => {
    const form = useLinkedProblems('compare');
    form.fail(new Error('The rounds could not be read.'), 'first');
    expect(form.problems.value).toEqual({
      summary: 'The rounds could not be read.',
      items: [{ href: '#compare-first', message: 'The rounds could not be read.' }],
      byField: {},
    });
  });
});
