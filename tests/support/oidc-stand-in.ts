/**
 * The app with single sign-on switched on and its OpenID Connect client replaced by a stand-in
 * that answers a chosen identity, for the server tests of the sign-on routes: made on a fresh
 * database seeded with the demo before a `describe` block's tests, dropped after them.
 */
import { afterAll, beforeAll } from 'vitest';
import type { EngineCase, TestDatabase } from './test-databases';
import { TEST_CONFIG, TEST_NOW } from './test-app';
import { migrate } from '../../server/db/migrate';
import { seedFirstStart } from '../../server/demo/seed-first-start';
import { createApp, type LanternApp } from '../../server/app';
import type { OidcClient, PendingChecks, VerifiedIdentity } from '../../server/oidc/oidc-client';
import type { OidcSettings } from '../../server/oidc/oidc-settings';

/** A council's provider and Lantern's registration with it; `accountDomains` as configured. */
export function standInSettings(accountDomains: string[]): OidcSettings {
  return {
    issuer: new URL('https://login.council.example/tenant/v2.0'),
    clientId: 'lantern',
    clientSecret: 'secret',
    redirectUrl: new URL('https://lantern.council.example/api/auth/oidc/callback'),
    allowHttp: false,
    accountDomains,
  };
}

/**
 * Answers `identity` at the end of every sign-in (throws it, when it is an Error), and refuses
 * to start one while not `reachable`; records what each finish was given.
 */
export class StandInOidcClient implements OidcClient {
  reachable = true;
  finished: { url: string; checks: PendingChecks }[] = [];
  private count = 0;

  constructor(public identity: VerifiedIdentity | Error) {}

  async begin() {
    if (!this.reachable) throw new Error('connect ECONNREFUSED');
    const n = ++this.count;
    const checks = { state: `state-${n}`, nonce: `nonce-${n}`, codeVerifier: `verifier-${n}` };
    return { url: new URL(`https://login.council.example/authorize?state=${checks.state}`), checks };
  }
  async finish(url: URL, checks: PendingChecks) {
    this.finished.push({ url: url.href, checks });
    if (this.identity instanceof Error) throw this.identity;
    return this.identity;
  }
}

/** What a test reaches the app through, valid once the block's `beforeAll` hooks have run. */
export interface OidcTestApp {
  readonly target: TestDatabase;
  /** A request from the browser at `remoteAddress`. */
  request(path: string, init?: RequestInit): Promise<Response>;
}

/** Registers the hooks that make and drop the app; call it in the block, before hooks that use it. */
export function useOidcApp(
  engine: EngineCase,
  settings: OidcSettings,
  client: OidcClient,
  remoteAddress: string,
): OidcTestApp {
  let target: TestDatabase | undefined;
  let app: LanternApp | undefined;
  // Seeding the demo organisation takes a while on a loaded machine.
  beforeAll(async () => {
    target = await engine.create();
    const { schemaVersion } = await migrate(target.db);
    await seedFirstStart(target.db, { demo: true, now: TEST_NOW });
    app = createApp({
      db: target.db,
      config: TEST_CONFIG,
      schemaVersion,
      oidc: settings,
      oidcClient: client,
    });
  }, 180_000);
  afterAll(async () => {
    await target?.drop();
  });
  const made = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error('The app is made in beforeAll: use it inside a test or a later hook.');
    return value;
  };
  return {
    get target() {
      return made(target);
    },
    request: (path, init = {}) =>
      Promise.resolve(made(app).request(path, init, { incoming: { socket: { remoteAddress } } })),
  };
}
