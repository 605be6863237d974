/**
 * One demo server for a spec file: started in a data folder of its own before the file's tests,
 * stopped, and the folder removed, after them. A first start builds the demo organisation, which a
 * busy machine can take minutes over.
 */
import { test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type ServerProcess } from '../../support/server-process';

/** The running server, read after the file's `beforeAll` hooks have started it. */
export interface DemoServer {
  readonly url: string;
}

/**
 * Registers the file's hooks that start and stop the server; call it at the top of a spec, before
 * any hook that uses the server. `folderPrefix` names the temporary data folder.
 */
export function useDemoServer(folderPrefix: string, startTimeoutMs = 240_000): DemoServer {
  let dataDir = '';
  let server: ServerProcess | undefined;
  test.beforeAll(async () => {
    test.setTimeout(startTimeoutMs + 60_000);
    dataDir = await mkdtemp(join(tmpdir(), folderPrefix));
    server = await startServer({ dataDir, env: { LANTERN_CLIENT_BUILD: 'skip' }, timeoutMs: startTimeoutMs });
  });
  test.afterAll(async () => {
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  return {
    get url(): string {
      if (!server) throw new Error('The demo server has not started');
      return server.url;
    },
  };
}
