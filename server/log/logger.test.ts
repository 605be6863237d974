/**
 * The logger's second guard and its error shape: a field named like a secret is written as
 * "[redacted]" wherever it sits, and a database error is logged by its SQLSTATE and names,
 * never its message, which can quote the value a person sent.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, loggableError } from './logger';
import { withRequestContext } from './request-context';

function capturing(): { lines: () => Record<string, unknown>[]; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { lines, stream };
}

describe('the logger', () => {
  it('writes JSON with time, level and message, and the request context inside a request', () => {
    const { lines, stream } = capturing();
    const log = createLogger({ level: 'info', destination: stream });
    log.info('outside');
    withRequestContext({ requestId: 'req-00000001', personId: 'p-1' }, () => log.warn('inside'));
    expect(lines()).toEqual([
      { level: 'info', time: expect.stringMatching(/Z$/), app: 'lantern', msg: 'outside' },
      {
        level: 'warn',
        time: expect.any(String),
        app: 'lantern',
        requestId: 'req-00000001',
        personId: 'p-1',
        msg: 'inside',
      },
    ]);
  });

  it.each([
    ['password', { password: 'hunter2' }],
    ['a nested token', { link: { token: 'abc' } }],
    ['a cookie two levels down', { request: { headers: { cookie: 'lantern_session=x' } } }],
    ['set-cookie', { headers: { 'set-cookie': 'lantern_session=x' } }],
    ['a note', { answer: { note: 'Seen alone.' } }],
    ['answers', { audit: { answers: { 'plan.evidence': 'x' } } }],
  ])('writes %s as [redacted]', (_name, fields) => {
    const { lines, stream } = capturing();
    createLogger({ destination: stream }).info(fields, 'something');
    const text = JSON.stringify(lines()[0]);
    expect(text).toContain('[redacted]');
    expect(text).not.toMatch(/hunter2|"abc"|lantern_session|Seen alone|plan\.evidence/);
  });

  it('logs nothing below its level', () => {
    const { lines, stream } = capturing();
    const log = createLogger({ level: 'warn', destination: stream });
    log.info('not this');
    log.error('this');
    expect(lines().map((line) => line.msg)).toEqual(['this']);
  });

  it('keeps a database error to its SQLSTATE and names, never its message', () => {
    const error = Object.assign(new Error('invalid input syntax for type uuid: "Seen alone at school"'), {
      code: '22P02',
      severity: 'ERROR',
      table: 'audits',
      detail: 'Key (note)=(Seen alone at school)',
    });
    const logged = loggableError(error);
    expect(logged).toMatchObject({ sqlState: '22P02', table: 'audits' });
    expect(JSON.stringify(logged)).not.toContain('Seen alone');
  });

  it('keeps a programming error’s message and stack, unless told not to', () => {
    const error = new TypeError('x is not a function');
    expect(loggableError(error)).toMatchObject({ type: 'TypeError', message: 'x is not a function' });
    const mail = Object.assign(new Error('550 no such mailbox <a.person@council.invalid>'), {
      code: 'EENVELOPE',
    });
    expect(loggableError(mail, { message: false })).toEqual({ type: 'Error', code: 'EENVELOPE' });
  });
});
