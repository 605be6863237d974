/**
 * A test app for the tests of one `describe` block: made before them, closed after them. The
 * answer stands for the app from the moment the block's `beforeAll` hooks have made it, so a test
 * file reads it as it would the app itself.
 */
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from './test-app';
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
