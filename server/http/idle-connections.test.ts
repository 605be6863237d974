/**
 * A connection left idle longer than Node's default 5 s still carries the next request: the
 * server does not close it under the client, so a body sent on it is not sent twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { keepIdleConnections } from './idle-connections';

describe('idle kept-alive connections', () => {
  let server: Server;
  let port = 0;
  const sockets = new Set<unknown>();
  beforeAll(async () => {
    server = createServer((req, res) => {
      sockets.add(req.socket);
      res.end('ok');
    });
    keepIdleConnections(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const get = (agent: Agent): Promise<string> =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.end();
    });

  it('keeps a connection idle for 6 s open for the next request', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    expect(await get(agent)).toBe('ok');
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(await get(agent)).toBe('ok');
    // Both requests came on one socket: the server had not closed it.
    expect(sockets.size).toBe(1);
    agent.destroy();
  }, 20_000);
});
