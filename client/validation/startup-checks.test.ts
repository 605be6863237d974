/**
 * The start-up checks against the zod schemas they are compiled from: the same documents
 * accepted and refused, and an accepted document left as zod's parse returns it. Besides a few
 * written samples, every valid sample is varied at each place in it: the value replaced by each
 * kind of wrong value, the key dropped, an unknown key added.
 */
import { describe, expect, it } from 'vitest';
import * as checks from 'virtual:startup-checks';
import { z } from 'zod/mini';
import { calendarDateSchema } from '../../shared/validation/bounded-date';
import { STARTUP_SCHEMAS, startupJsonSchema } from './startup-check-schemas';

const person = {
  id: 'p1',
  email: 'amara@council.invalid',
  name: 'Amara',
  jobTitle: 'Auditor',
  roles: ['auditor', 'qa_lead'],
  teamId: 't1',
  serviceId: null,
  agency: 'health',
  guest: { roundId: 'r1', lastDay: '2026-12-05' },
};
const organisation = {
  name: 'Northbrook Council (demo)',
  isDemo: true,
  firstAdmin: { command: 'npm run x', steps: ['one'] },
  demo: {
    password: 'pw',
    accounts: [{ email: 'a@b.invalid', name: 'A', jobTitle: 'J', roles: ['auditor'], service: 'S' }],
  },
};

const VALID: Record<keyof typeof STARTUP_SCHEMAS, unknown[]> = {
  isSessionPerson: [
    person,
    { ...person, agency: undefined, guest: undefined },
    { ...person, guest: null, roles: [] },
  ],
  isSessionInfo: [
    { person, csrfToken: 'c', expiresAt: '2026-12-05T10:00:00Z', method: 'password' },
    { person: { ...person, guest: null }, csrfToken: '', expiresAt: 'x', method: 'oidc' },
  ],
  isOrganisationInfo: [
    organisation,
    { name: 'Empty', isDemo: false, demo: null },
    {
      ...organisation,
      firstAdmin: null,
      demo: { password: 'p', accounts: [{ ...organisation.demo.accounts[0], service: undefined }] },
    },
  ],
};

const WRONG_VALUES: unknown[] = [undefined, null, 0, 1.5, -1, '', 'x', true, [], [1], {}, { a: 1 }];

/** Every variation of a document: each place given each wrong value, dropped, or given a stranger. */
function variations(doc: unknown): unknown[] {
  const out: unknown[] = [];
  const walk = (value: unknown, replace: (next: unknown) => unknown): void => {
    for (const wrong of WRONG_VALUES) out.push(replace(wrong));
    if (Array.isArray(value)) {
      value.forEach((item, i) =>
        walk(item, (next) => replace(value.map((other, j) => (j === i ? next : other)))),
      );
    } else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      out.push(replace({ ...record, stranger: 1 }));
      for (const key of Object.keys(record)) {
        const { [key]: _dropped, ...rest } = record;
        out.push(replace(rest));
        walk(record[key], (next) => replace({ ...record, [key]: next }));
      }
    }
  };
  walk(doc, (next) => next);
  return out;
}

/** A deep copy without undefined values, as a document arrives from JSON. */
const fromJson = (doc: unknown): unknown => (doc === undefined ? undefined : JSON.parse(JSON.stringify(doc)));

describe('the start-up checks and the zod schemas they are compiled from', () => {
  for (const [name, schema] of Object.entries(STARTUP_SCHEMAS)) {
    const check = checks[name as keyof typeof STARTUP_SCHEMAS];
    const samples = VALID[name as keyof typeof STARTUP_SCHEMAS];
    it(`${name} accepts and refuses what the schema does, and returns what it returns`, () => {
      const documents = [...samples, ...samples.flatMap(variations)].map(fromJson);
      let refused = 0;
      for (const doc of documents) {
        const zod = schema.safeParse(doc);
        const copy = fromJson(doc);
        expect(check(copy), JSON.stringify(doc)).toBe(zod.success);
        if (zod.success) expect(copy).toEqual(zod.data);
        else refused++;
      }
      // The variations do reach the refusals, not only the acceptances.
      expect(refused).toBeGreaterThan(documents.length / 3);
    });
  }
});

describe('what a start-up check may be compiled from', () => {
  it('refuses a schema with a refinement, which JSON Schema would silently drop', () => {
    expect(() => startupJsonSchema(z.object({ day: calendarDateSchema }))).toThrow(/refinement/);
  });
});
