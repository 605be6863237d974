/**
 * The sessions this process has just looked up, kept for a few seconds, so that a device that
 * syncs many times a second is not looked up in the database on every request
 * (docs/PERFORMANCE.md, "Sync").
 *
 * Whatever a kept answer rests on — the session row, its person, a guest's round — tells every
 * process when it changes (migrations/033-session-change-notices.sql), and the answer is
 * forgotten there and then: a sign-out, a revoked session, a deactivated person or a changed
 * role holds from the next request, in every process. What only the passing of time changes
 * (the idle and absolute expiry, a guest's last day) holds at most `keepMs` late.
 */
import type { ChangeNotice } from '../db/database';
import type { FoundSession } from './sessions';

interface Kept {
  found: FoundSession;
  /** Date.now() after which the answer is looked up again. */
  until: number;
}

/** More live sessions than this in one process: the oldest kept answer makes room. */
const MOST_KEPT = 10_000;

export class SessionCache {
  /** By the session token's hash. */
  readonly #kept = new Map<string, Kept>();
  /** Counts the notices heard: a look-up that a notice overtook is not kept. */
  #noticesHeard = 0;

  constructor(
    private readonly keepMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The kept answer for a session, if one is still fresh. */
  get(tokenHash: string): FoundSession | undefined {
    const kept = this.#kept.get(tokenHash);
    if (!kept) return undefined;
    if (this.now() < kept.until) return kept.found;
    this.#kept.delete(tokenHash);
    return undefined;
  }

  /**
   * Taken just before a session is looked up, and handed back to `keep` with the answer: if a
   * notice came in between, the answer may predate the change it told of, and is not kept.
   */
  ticket(): number {
    return this.#noticesHeard;
  }

  keep(tokenHash: string, found: FoundSession, ticket: number): void {
    if (ticket !== this.#noticesHeard) return;
    const now = this.now();
    const until = Math.min(now + this.keepMs, Date.parse(found.session.expiresAt) || now);
    if (until <= now) return;
    if (this.#kept.size >= MOST_KEPT) {
      const oldest = this.#kept.keys().next().value;
      if (oldest !== undefined) this.#kept.delete(oldest);
    }
    // One answer serves many requests: none of them may change it.
    this.#kept.set(tokenHash, { found: deepFreeze(found), until });
  }

  /** A change notice: `s:<token hash>`, `p:<person id>`, `*`, or null (notices may be lost). */
  hear(notice: ChangeNotice): void {
    this.#noticesHeard += 1;
    if (notice?.startsWith('s:')) {
      this.#kept.delete(notice.slice(2));
    } else if (notice?.startsWith('p:')) {
      const personId = notice.slice(2);
      for (const [tokenHash, kept] of this.#kept) {
        if (kept.found.person.id === personId) this.#kept.delete(tokenHash);
      }
    } else {
      this.#kept.clear();
    }
  }

  get size(): number {
    return this.#kept.size;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
