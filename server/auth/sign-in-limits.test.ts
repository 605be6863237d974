/**
 * Sign-in limits as an attacker and an office would meet them: a burst of guesses
 * at one account, sent at once through two server processes' apps on one database; an office
 * of people behind one shared address; guesses that each claim a new X-Forwarded-For address;
 * and the scrypt cost, settable and raised on the next sign-in.
 */
import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../tests/support/test-databases';
import { TEST_CONFIG } from '../../tests/support/test-app';
import { useTestApp } from '../../tests/support/use-test-app';
import { addAuditor } from '../../tests/support/sync-world';
import { DEMO_PASSWORD } from '../demo/demo-people';
import { createApp } from '../app';
import { THROTTLE } from './sign-in-throttle';

let counter = 0;

describe.each(ENGINES)('sign-in limits on $engine', (engine) => {
  const t = useTestApp(engine);

  const newPerson = async (): Promise<string> => {
    const email = `limits-${++counter}@test.invalid`;
    await addAuditor(t.db, email);
    return email;
  };
  const signIn = (email: string, password: string, ip?: string, headers?: Record<string, string>) =>
    t.request('/api/auth/sign-in', { method: 'POST', json: { email, password }, ip, headers });
  const passwordChecks = async (email: string): Promise<number> =>
    (
      await t.db.query("SELECT id FROM audit_log WHERE action = 'sign-in.failed' AND actor_label = $1", [
        email,
      ])
    ).length;

  it('lets at most 5 of 40 guesses sent at once reach the password, across two processes', async () => {
    const email = await newPerson();
    // A second app on the same database stands for a second server process.
    const other = createApp({ db: t.db, config: TEST_CONFIG, schemaVersion: 0 });
    const started = performance.now();
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const init = {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: `guess-${i}` }),
        };
        const env = { incoming: { socket: { remoteAddress: '203.0.113.50' } } };
        return i % 2 === 0
          ? t.request('/api/auth/sign-in', { ...init, ip: '203.0.113.50' })
          : Promise.resolve(other.request('/api/auth/sign-in', init, env));
      }),
    );
    const burstMs = performance.now() - started;
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(THROTTLE.perAccountAddress);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(40 - THROTTLE.perAccountAddress);
    expect(await passwordChecks(email)).toBeLessThanOrEqual(THROTTLE.perAccountAddress);
    // Someone else signing in straight after the burst is not held up behind it.
    const colleague = await newPerson();
    const normal = performance.now();
    expect((await signIn(colleague, DEMO_PASSWORD, '198.51.100.80')).status).toBe(200);
    const normalMs = performance.now() - normal;
    expect(normalMs).toBeLessThan(2_000);
    console.info(
      `burst of 40: ${burstMs.toFixed(0)} ms; a normal sign-in after it: ${normalMs.toFixed(0)} ms`,
    );
  });

  it('locks one account only from the address that guessed it, with the time left to wait', async () => {
    const email = await newPerson();
    for (let i = 0; i < 5; i++) expect((await signIn(email, 'wrong', '203.0.113.60')).status).toBe(401);
    const locked = await signIn(email, DEMO_PASSWORD, '203.0.113.60');
    expect(locked.status).toBe(429);
    const wait = Number(locked.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(800);
    expect(wait).toBeLessThanOrEqual(900);
    expect(((await locked.json()) as { message: string }).message).toMatch(/Wait 15 minutes/);
    // The person themself, elsewhere, signs in as usual.
    expect((await signIn(email, DEMO_PASSWORD, '198.51.100.61')).status).toBe(200);
  });

  it('slows guesses at one account from many addresses without a lock-out', async () => {
    const email = await newPerson();
    // Failures from fourteen addresses (written as the throttle writes them, without 14 scrypts).
    await t.db.query(
      `INSERT INTO sign_in_failures (email, ip) SELECT $1, '198.18.0.' || n FROM generate_series(1, $2::int) n`,
      [email, THROTTLE.perAccount + 4],
    );
    const slowed = await signIn(email, DEMO_PASSWORD, '198.18.1.1');
    expect(slowed.status).toBe(429);
    const wait = Number(slowed.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(16);
    // The wait passes (the failures move back in time): the right password works.
    await t.db.query(
      "UPDATE sign_in_failures SET failed_at = failed_at - interval '20 seconds' WHERE email = $1",
      [email],
    );
    expect((await signIn(email, DEMO_PASSWORD, '198.18.1.1')).status).toBe(200);
  });

  it('never locks an office out: thirty typos from one shared address, then a colleague signs in', async () => {
    const office = '192.0.2.200';
    // 29 typos by 29 people, written directly (as the throttle writes them), then one more.
    await t.db.query(
      `INSERT INTO sign_in_failures (email, ip) SELECT 'typist-' || n || '@test.invalid', $1 FROM generate_series(1, 29) n`,
      [office],
    );
    expect((await signIn(await newPerson(), 'typo', office)).status).toBe(401);
    const colleague = await newPerson();
    expect((await signIn(colleague, DEMO_PASSWORD, office)).status).toBe(200);
  });

  it("does not slow anyone down for a colleague's failure that committed with a later clock", async () => {
    // Sign-ins sent at once: a colleague's attempt began after this one's statement took its
    // clock and committed before it read, so its row is younger than "now" (here by 3 s).
    const office = '192.0.2.202';
    await t.db.query(
      "INSERT INTO sign_in_failures (email, ip, failed_at) VALUES ($1, $2, now() + interval '3 seconds')",
      [`colleague-${++counter}@test.invalid`, office],
    );
    const email = await newPerson();
    await t.db.query(
      "INSERT INTO sign_in_failures (email, ip, failed_at) VALUES ($1, '198.51.100.90', now() + interval '3 seconds')",
      [email],
    );
    const response = await signIn(email, DEMO_PASSWORD, office);
    expect(response.status, await response.clone().text()).toBe(200);
  });

  it('slows a password sprayed over many accounts from one address by a minute at most', async () => {
    const sprayer = '192.0.2.201';
    await t.db.query(
      `INSERT INTO sign_in_failures (email, ip) SELECT 'spray-' || n || '@test.invalid', $1 FROM generate_series(1, $2::int) n`,
      [sprayer, THROTTLE.perAddress + 20],
    );
    const colleague = await newPerson();
    const slowed = await signIn(colleague, DEMO_PASSWORD, sprayer);
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeLessThanOrEqual(THROTTLE.maxAddressDelaySeconds);
  });

  it('takes the right-most untrusted X-Forwarded-For address, so a guess cannot claim a new one', async () => {
    // The same database behind one proxy: another app on it, as a second process would be.
    const app = createApp({ db: t.db, config: { ...TEST_CONFIG, trustProxy: 1 }, schemaVersion: 0 });
    {
      const email = `proxied-${++counter}@test.invalid`;
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const response = await app.request(
          '/api/auth/sign-in',
          {
            method: 'POST',
            body: JSON.stringify({ email, password: 'wrong' }),
            headers: {
              'content-type': 'application/json',
              'x-forwarded-for': `198.51.100.${i}, 203.0.113.70`,
            },
          },
          { incoming: { socket: { remoteAddress: '10.0.0.2' } } }, // the proxy
        );
        statuses.push(response.status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
      const ips = await t.db.query<{ ip: string }>(
        "SELECT DISTINCT ip FROM audit_log WHERE actor_label = $1 AND action LIKE 'sign-in%'",
        [email],
      );
      expect(ips.map((r) => r.ip)).toEqual(['203.0.113.70']);
    }
  });

  it('hashes new passwords at the configured scrypt cost and raises older hashes at sign-in', async () => {
    const app = createApp({
      db: t.db,
      config: { ...TEST_CONFIG, scryptCost: { logN: 14, r: 8, p: 1 } },
      schemaVersion: 0,
    });
    const email = await newPerson();
    const hashOf = async () =>
      (
        await t.db.query<{ password_hash: string }>('SELECT password_hash FROM people WHERE email = $1', [
          email,
        ])
      )[0]?.password_hash;
    expect(await hashOf()).toMatch(/^scrypt\$32768\$8\$1\$/);
    const signInThere = () =>
      app.request(
        '/api/auth/sign-in',
        {
          method: 'POST',
          body: JSON.stringify({ email, password: DEMO_PASSWORD }),
          headers: { 'content-type': 'application/json' },
        },
        { incoming: { socket: { remoteAddress: '198.51.100.90' } } },
      );
    expect((await signInThere()).status).toBe(200);
    expect(await hashOf()).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect((await signInThere()).status).toBe(200); // and the new hash works
  });
});
