/**
 * A device's push to the in-process app, for server tests: the envelope as the client sends
 * it, the server's 200 checked (naming its answer otherwise) and the reply parsed with the
 * protocol's own schema, never cast.
 */
import { expect } from 'vitest';
import { pushResponseSchema, type PushResponse } from '../../shared/sync/protocol';
import type { Client } from './test-app';
import { pushBody } from './sync-fixtures';

/** POST /api/sync/push as `client`, from `deviceId`; fails the test unless the server answers 200. */
export async function pushInProcess(
  client: Client,
  deviceId: string,
  mutations: unknown[],
): Promise<PushResponse> {
  const response = await client.request('/api/sync/push', {
    method: 'POST',
    json: pushBody(deviceId, mutations),
  });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return pushResponseSchema.parse(JSON.parse(text));
}
