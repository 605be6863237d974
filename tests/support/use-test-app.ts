/**
 * A test app for the tests of one `describe` block: made before them, closed after them. The
 * answer stands for the app from the moment the block's `beforeAll` hooks have made it, so a test
 * file reads it as it would the app itself.
 */
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type Client, type TestApp } from './test-app';
import type { EngineCase } from './test-databases';

/** Registers the hooks; call it in the block, before any hook of its own that uses the app. */
export function useTestApp(
  engine: EngineCase,
  options: Parameters<typeof createTestApp>[1] = {},
  timeoutMs = 180_000,
): TestApp {
  let made: TestApp | undefined;
  beforeAll(async () => {
    made = await createTestApp(engine, options);
  }, timeoutMs);
  afterAll(async () => {
    await made?.close();
  });
  const app = (): TestApp => {
    if (!made) throw new Error('The test app is made in beforeAll: use it inside a test or a later hook.');
    return made;
  };
  return {
    get app() {
      return app().app;
    },
    get db() {
      return app().db;
    },
    get target() {
      return app().target;
    },
    request: (path, init) => app().request(path, init),
    as: (email) => app().as(email),
    close: () => app().close(),
  };
}

/**
 * A person signed in for the tests of one `describe` block, by a `beforeAll` registered here:
 * call it after useTestApp, before any hook of the block's own that uses the client. The answer
 * stands for the signed-in client from then on, as useTestApp's does for the app.
 */
export function useSignedIn(t: TestApp, email: string, timeoutMs = 180_000): Client {
  let client: Client | undefined;
  beforeAll(async () => {
    client = await t.as(email);
  }, timeoutMs);
  const signedIn = (): Client => {
    if (!client)
      throw new Error(`${email} is signed in in beforeAll: use the client inside a test or a later hook.`);
    return client;
  };
  return {
    get csrfToken() {
      return signedIn().csrfToken;
    },
    get cookie() {
      return signedIn().cookie;
    },
    request: (path, init) => signedIn().request(path, init),
  };
}
