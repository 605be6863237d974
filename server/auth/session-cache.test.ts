/** The kept sessions: how long, what a notice forgets, and a look-up a notice overtook. */
import { describe, expect, it } from 'vitest';
import { SessionCache } from './session-cache';
import type { FoundSession } from './sessions';

const T0 = Date.parse('2026-12-06T10:00:00Z');

function found(personId: string, expiresAt = '2026-12-07T10:00:00.000Z'): FoundSession {
  return {
    person: {
      id: personId,
      email: `${personId}@test.invalid`,
      name: personId,
      jobTitle: '',
      roles: ['auditor'],
      teamId: null,
      serviceId: null,
      guest: null,
    },
    session: { tokenHash: `hash-of-${personId}`, csrfToken: 'csrf', expiresAt },
  };
}

function cacheAt(keepMs = 5_000) {
  const clock = { now: T0 };
  return { clock, cache: new SessionCache(keepMs, () => clock.now) };
}

describe('SessionCache', () => {
  it('keeps an answer for its seconds, then looks the session up again', () => {
    const { clock, cache } = cacheAt();
    cache.keep('a', found('p1'), cache.ticket());
    clock.now = T0 + 4_999;
    expect(cache.get('a')?.person.id).toBe('p1');
    clock.now = T0 + 5_000;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps no answer past the session’s own expiry, and none already expired', () => {
    const { clock, cache } = cacheAt();
    cache.keep('a', found('p1', new Date(T0 + 1_000).toISOString()), cache.ticket());
    clock.now = T0 + 1_000;
    expect(cache.get('a')).toBeUndefined();
    cache.keep('b', found('p2', new Date(T0 - 1).toISOString()), cache.ticket());
    expect(cache.get('b')).toBeUndefined();
  });

  it('forgets one session on s:, every session of a person on p:, all on * and on null', () => {
    const { cache } = cacheAt();
    const fill = () => {
      for (const [hash, person] of [
        ['a', 'p1'],
        ['b', 'p1'],
        ['c', 'p2'],
      ] as const)
        cache.keep(hash, found(person), cache.ticket());
    };
    fill();
    cache.hear('s:a');
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map((f) => f?.person.id)).toEqual([
      undefined,
      'p1',
      'p2',
    ]);
    fill();
    cache.hear('p:p1');
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map((f) => f?.person.id)).toEqual([
      undefined,
      undefined,
      'p2',
    ]);
    for (const notice of ['*', null, 'something new']) {
      fill();
      cache.hear(notice);
      expect(cache.size).toBe(0);
    }
  });

  it('does not keep an answer looked up before a notice came in', () => {
    const { cache } = cacheAt();
    const ticket = cache.ticket();
    cache.hear('p:p9'); // about someone else, but heard while the look-up was on its way
    cache.keep('a', found('p1'), ticket);
    expect(cache.get('a')).toBeUndefined();
    cache.keep('a', found('p1'), cache.ticket());
    expect(cache.get('a')?.person.id).toBe('p1');
  });

  it('hands out an answer no request can change', () => {
    const { cache } = cacheAt();
    cache.keep('a', found('p1'), cache.ticket());
    const kept = cache.get('a');
    expect(() => kept?.person.roles.push('admin')).toThrow(TypeError);
    expect(() => {
      if (kept) kept.person.name = 'changed';
    }).toThrow(TypeError);
    expect(cache.get('a')?.person).toMatchObject({ name: 'p1', roles: ['auditor'] });
  });
});
