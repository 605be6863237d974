import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from './http';
import {
  fieldError,
  messageOf,
  NO_PROBLEMS,
  oneProblem,
  problemsFrom,
  problemsFromError,
  problemsFromZod,
} from './form-problems';

const refused = (fields: { path: string; message: string }[]) =>
  new ApiError(400, 'validation_failed', 'Some fields need correcting.', fields);

describe('problemsFrom: the error summary and the message beside each field', () => {
  it.each([
    {
      name: 'a field the form has links to it and shows beside it',
      fields: [{ path: 'name', message: 'Enter a name' }],
      known: ['name'],
      items: [{ href: '#round-name', message: 'Enter a name' }],
      byField: { name: 'Enter a name' },
    },
    {
      name: 'a nested path belongs to its first part',
      fields: [{ path: 'startDate.day', message: 'Enter the first day' }],
      known: [],
      items: [{ href: '#round-startDate', message: 'Enter the first day' }],
      byField: { startDate: 'Enter the first day' },
    },
    {
      name: 'a field the form does not know links to the fallback',
      fields: [{ path: 'serviceId', message: 'Choose a service' }],
      known: ['name'],
      items: [{ href: '#round-name', message: 'Choose a service' }],
      byField: { name: 'Choose a service' },
    },
    {
      name: 'a file row names its place and links to the file field',
      fields: [{ path: 'Row 14, column D (Allocated worker)', message: 'No such worker' }],
      known: [],
      items: [{ href: '#round-name', message: 'Row 14, column D (Allocated worker): No such worker' }],
      byField: { name: 'Row 14, column D (Allocated worker): No such worker' },
    },
    {
      name: 'two problems with one field: both in the summary, the first beside the field',
      fields: [
        { path: 'endDate', message: 'Enter the last day' },
        { path: 'endDate', message: 'The last day must be after the first' },
      ],
      known: [],
      items: [
        { href: '#round-endDate', message: 'Enter the last day' },
        { href: '#round-endDate', message: 'The last day must be after the first' },
      ],
      byField: { endDate: 'Enter the last day' },
    },
  ])('$name', ({ fields, known, items, byField }) => {
    expect(problemsFrom(refused(fields), 'round', 'name', known)).toEqual({
      summary: 'Some fields need correcting.',
      items,
      byField,
    });
  });

  it.each([
    {
      name: 'an API problem with no fields',
      error: new ApiError(409, 'conflict', 'The round has changed.'),
      message: 'The round has changed.',
    },
    {
      name: 'no network',
      error: new ApiError(0, 'network', 'Lantern cannot reach the server.'),
      message: 'Lantern cannot reach the server. Try again when you are back online.',
    },
    { name: 'any other error', error: new Error('Choose a file first.'), message: 'Choose a file first.' },
    {
      name: 'something not an error',
      error: 'boom',
      message: 'Something went wrong. Nothing was changed. Try again.',
    },
  ])('$name: one entry, linked to the fallback field', ({ error, message }) => {
    expect(problemsFrom(error, 'plan', 'title')).toEqual({
      summary: message,
      items: [{ href: '#plan-title', message }],
      byField: {},
    });
    expect(messageOf(error)).toBe(message);
  });

  it('no problems is empty', () => {
    expect(NO_PROBLEMS).toEqual({ summary: '', items: [], byField: {} });
  });
});

describe('problems by field path', () => {
  it('keeps the first message per field, from the server', () => {
    const problems = problemsFromError(
      refused([
        { path: 'email', message: 'Enter an e-mail address' },
        { path: 'email', message: 'Use your council address' },
        { path: 'roles', message: 'Choose a role' },
      ]),
    );
    expect(problems.fields.map((f) => f.path)).toEqual(['email', 'roles']);
    expect(fieldError(problems, 'email')).toBe('Enter an e-mail address');
    expect(fieldError(problems, 'name')).toBeUndefined();
  });

  it('from a zod error found before sending, the first message per field', () => {
    const schema = z.object({
      name: z.string().min(1, 'Enter a name').max(0, 'Too long'),
      age: z.number('Enter an age'),
    });
    const result = schema.safeParse({ name: '' });
    if (result.success) throw new Error('the schema should refuse');
    expect(problemsFromZod(result.error)).toEqual({
      message: 'Some fields need correcting.',
      fields: [
        { path: 'name', message: 'Enter a name' },
        { path: 'age', message: 'Enter an age' },
      ],
    });
  });

  it('anything but an API problem says nothing was changed', () => {
    expect(problemsFromError(new TypeError('x'))).toEqual({
      message: 'Something went wrong. Nothing was changed. Try again.',
      fields: [],
    });
  });
});

describe('oneProblem: a problem the screen finds itself', () => {
  it('links the summary to the field and shows the message beside it', () => {
    expect(oneProblem('Choose a file to import.', 'import', 'file', 'Choose a CSV or XLSX file')).toEqual({
      summary: 'Choose a file to import.',
      items: [{ href: '#import-file', message: 'Choose a CSV or XLSX file' }],
      byField: { file: 'Choose a CSV or XLSX file' },
    });
  });

  it('says the summary beside the field when no message is given', () => {
    expect(oneProblem('Choose a RAG rating.', 'rag', 'rag')).toEqual({
      summary: 'Choose a RAG rating.',
      items: [{ href: '#rag-rag', message: 'Choose a RAG rating.' }],
      byField: { rag: 'Choose a RAG rating.' },
    });
  });
});
