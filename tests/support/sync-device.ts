/**
 * Simulated devices running the REAL client sync code (client/db, client/sync, client/api)
 * under Node: IndexedDB comes from fake-indexeddb, and the global `fetch` is replaced by a
 * simulated network that routes the client's relative '/api/...' URLs to an in-process
 * Lantern app, adds the device's session cookie as a browser would, and can misbehave on
 * purpose: lose a request, lose a reply after the server acted, deliver a request twice, or
 * hold a request back and deliver it later (after the device has given up on it).
 *
 * Devices act one at a time (`device.act(...)`): the network knows which device is calling
 * because only one is. That keeps every run reproducible from its seed; concurrency on the
 * server itself is proven by the cross-process tests.
 */
import 'fake-indexeddb/auto';
import { vi } from 'vitest';
import { createLanternDb, type LanternDb, type LocalAudit } from '../../client/db/lantern-db';
import { saveAuditChange } from '../../client/db/save-answers';
import { pushOutbox, type PushSummary } from '../../client/sync/push-outbox';
import { pullChanges } from '../../client/sync/pull-changes';
import { ApiError, setCsrfToken } from '../../client/api/http';
import type { Answer } from '../../shared/framework/answer-schema';
import type { LanternApp } from '../../server/app';
import type { AllocationRef } from './sync-world';
import { draftFor } from './sync-fixtures';

/** What the network does with one request. */
export type Delivery =
  | 'deliver'
  /** Lost on the way: the server never sees it; the device sees a network failure. */
  | 'drop-request'
  /** The server handles it, then the reply is lost: the device sees a network failure. */
  | 'drop-reply'
  /** Delivered twice in a row; the device gets the second reply. */
  | 'duplicate'
  /** Delivered normally, and a copy is held to arrive again later (a stale retransmission). */
  | 'duplicate-later'
  /** Held back: the device times out now, the server receives it later. */
  | 'delay';

export interface Session {
  cookie: string;
  csrfToken: string;
}

type Server = (path: string, init: RequestInit) => Promise<Response>;

/** The in-process app as the far end of the network, seen from one client address. */
export function inProcessServer(app: LanternApp): Server {
  return (path, init) =>
    Promise.resolve(app.request(path, init, { incoming: { socket: { remoteAddress: '192.0.2.20' } } }));
}

export class SimulatedNetwork {
  /** The device whose code is running now (devices act one at a time). */
  current: SimDevice | null = null;
  /** Decides each request's fate; 'deliver' unless a test says otherwise. */
  plan: (path: string, method: string) => Delivery = () => 'deliver';
  /** Runs after a request leaves the device and before the server gets it (e.g. the person types meanwhile). */
  inFlight: (() => Promise<void>) | null = null;
  /** Runs as every request leaves a device (e.g. to check invariants between a device's requests). */
  onRequest: (() => Promise<void>) | null = null;
  readonly held: { path: string; init: RequestInit }[] = [];
  readonly seen = { requests: 0, delivered: 0, lost: 0 };

  constructor(private readonly server: Server) {}

  install(): void {
    vi.stubGlobal('fetch', this.fetch);
  }

  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const device = this.current;
    if (!device) throw new Error('a device used the network outside device.act()');
    const path =
      typeof input === 'string' ? input : input instanceof URL ? input.pathname + input.search : input.url;
    if (!path.startsWith('/api/')) throw new Error(`the client fetched ${path}, not a relative /api/ URL`);
    const headers = new Headers(init.headers);
    headers.set('cookie', device.session.cookie); // what the browser adds for a same-origin request
    const request: RequestInit = { method: init.method ?? 'GET', headers, body: init.body ?? null };
    this.seen.requests++;
    await this.onRequest?.();
    const delivery = this.plan(path, request.method ?? 'GET');
    const hook = this.inFlight;
    if (hook) {
      this.inFlight = null;
      await hook();
    }
    switch (delivery) {
      case 'drop-request':
        this.seen.lost++;
        throw new TypeError('fetch failed (request lost)');
      case 'delay':
        this.held.push({ path, init: request });
        this.seen.lost++;
        throw new TypeError('fetch failed (timed out)');
      case 'drop-reply':
        await this.deliver(path, request);
        this.seen.lost++;
        throw new TypeError('fetch failed (reply lost)');
      case 'duplicate':
        await this.deliver(path, request);
        return this.deliver(path, request);
      case 'duplicate-later':
        this.held.push({ path, init: request });
        return this.deliver(path, request);
      default:
        return this.deliver(path, request);
    }
  };

  /** Deliver a held request now; its reply goes nowhere. */
  async deliverHeld(index: number): Promise<void> {
    const [message] = this.held.splice(index % Math.max(1, this.held.length), 1);
    if (message) await this.deliver(message.path, message.init);
  }

  async deliverAllHeld(): Promise<void> {
    while (this.held.length > 0) await this.deliverHeld(0);
  }

  private async deliver(path: string, init: RequestInit): Promise<Response> {
    this.seen.delivered++;
    const response = await this.server(path, init);
    // Read the whole reply, as the server has finished with the request once it is sent.
    const body = await response.text();
    return new Response(body, { status: response.status, headers: response.headers });
  }
}

/** One device of one person: its own IndexedDB database, device id and session. */
export class SimDevice {
  readonly db: LanternDb;

  constructor(
    readonly name: string,
    readonly personId: string,
    readonly deviceId: string,
    readonly session: Session,
    private readonly network: SimulatedNetwork,
    dbName: string,
  ) {
    this.db = createLanternDb(personId, dbName);
  }

  /** Run client code as this device: its requests carry its cookie and CSRF token. */
  async act<T>(fn: () => Promise<T>): Promise<T> {
    if (this.network.current) throw new Error('devices act one at a time');
    this.network.current = this;
    setCsrfToken(this.session.csrfToken);
    try {
      return await fn();
    } finally {
      this.network.current = null;
      setCsrfToken(null);
    }
  }

  /** The person types (or clears, with null) one answer: one Dexie transaction with its outbox entry. */
  async edit(
    allocation: AllocationRef,
    itemKey: string,
    answer: Answer | null,
    now: number,
  ): Promise<LocalAudit> {
    const { audit } = await saveAuditChange(this.db, {
      auditId: allocation.id,
      change: { answers: { [itemKey]: answer } },
      create: () => ({ snapshot: draftFor(allocation) }),
      newId: () => crypto.randomUUID(),
      now,
    });
    return audit;
  }

  push(): Promise<PushSummary> {
    return this.act(() => pushOutbox(this.db, this.deviceId));
  }

  pull(): Promise<{ pages: number; audits: number; allocations: number }> {
    return this.act(() => pullChanges(this.db));
  }

  /** What the sync runner does on each run: push, then pull. */
  async sync(): Promise<void> {
    await this.push();
    await this.pull();
  }

  async close(): Promise<void> {
    this.db.close();
    await this.db.delete();
  }
}

/**
 * One auditor's tablets, by name: each call a new device on `network` (its own database, named
 * from `dbPrefix`), a tablet's session signed in on its first call and kept after, as a tablet
 * keeps its cookie while its database is wiped.
 */
export function tabletsOf(
  signIn: () => Promise<Session>,
  personId: string,
  network: SimulatedNetwork,
  dbPrefix: string,
): (name: string) => Promise<SimDevice> {
  const sessions = new Map<string, Session>();
  return async (name) => {
    const session = sessions.get(name) ?? (await signIn());
    sessions.set(name, session);
    return new SimDevice(
      name,
      personId,
      crypto.randomUUID(),
      session,
      network,
      `${dbPrefix}-${crypto.randomUUID()}`,
    );
  };
}

/** A network failure as the client sees it (ApiError 'network'); anything else is a real failure. */
export function isNetworkFailure(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'network';
}

/** Run a sync step that may fail on the network; any other error fails the test. */
export async function tolerateNetwork(step: () => Promise<unknown>): Promise<boolean> {
  try {
    await step();
    return true;
  } catch (error) {
    if (isNetworkFailure(error)) return false;
    throw error;
  }
}
