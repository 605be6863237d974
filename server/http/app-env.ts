/**
 * What every route handler may rely on: the database and the configuration, injected once
 * by createApp so that tests can build the app in-process on any engine; and, per request,
 * the signed-in person (set by the session middleware).
 */
import type { Database } from '../db/database';
import type { Config } from '../config';
import type { Role } from '../../shared/accounts/roles';
import type { Agency } from '../../shared/accounts/agencies';
import type { MailSetup } from '../auth/password-link-emails';
import type { DataScope } from '../auth/service-scope';

export interface AppDeps {
  db: Database;
  config: Pick<
    Config,
    | 'demo'
    | 'secureCookies'
    | 'sessionIdleMinutes'
    | 'sessionMaxHours'
    | 'sessionCacheSeconds'
    | 'trustProxy'
    | 'scryptCost'
  >;
  /** The schema version migrate() reported at start. */
  schemaVersion: number;
  /**
   * The mail server for set-password links (server/auth/password-link-emails.ts): absent, read
   * from LANTERN_SMTP_URL; null, no e-mail (links are shown to the admin). Tests pass their own.
   */
  mail?: MailSetup | null;
  /**
   * The Prometheus scraper's bearer token (server/monitoring/metrics-routes.ts): absent, read
   * from LANTERN_METRICS_TOKEN; null or empty, metrics are off. Tests pass their own.
   */
  metricsToken?: string | null;
  /** Where the built client lives; absent in API-only tests. */
  clientDir?: string;
}

/** The signed-in person, as loaded from the database for this request. */
export interface Person {
  id: string;
  email: string;
  name: string;
  jobTitle: string;
  roles: Role[];
  teamId: string | null;
  serviceId: string | null;
  /** The agency they audit for (absent: social care). */
  agency?: Agency;
  /**
   * Set for a person from outside the council (server/auth/guest-access.ts): the one round they
   * take part in and their last admitted day. Every reach narrows to 'assigned' for them.
   */
  guest?: { roundId: string; lastDay: string } | null;
}

export interface SessionContext {
  tokenHash: string;
  csrfToken: string;
  expiresAt: string;
}

export interface LanternEnv {
  Variables: {
    person: Person | null;
    session: SessionContext | null;
    /** Set by the access middleware on routes whose rule names roles (server/auth/service-scope.ts). */
    scope?: DataScope;
  };
}
