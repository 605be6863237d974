/**
 * The sync bench's devices: a lean HTTP client, so that the bench's figures are the
 * server's and not the load generator's. It still does what a device does: real, distinct
 * mutations in a JSON body serialised once, the session cookie and CSRF token, slim answers
 * (as client/sync/push-outbox.ts asks for them), compressed answers accepted; and it checks
 * every answer: a 200, the protocol version, one result per mutation in order, each `applied`
 * at the revision after its base. What it leaves out is the protocol schema's full parse of
 * each reply (tests/support/sync-http.ts does that for the tests), whose cost a device pays on
 * its own processor, not the server's. The reader's pulls are checked the same way: the
 * envelope, and each audit's id and revision, which the bench's lag figures are made of.
 *
 * node:http with a keep-alive agent (one connection per device, as a browser keeps one open)
 * instead of undici's fetch, whose web streams cost several times the work per request.
 */
import { Agent, request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { PROTOCOL_VERSION, type Mutation } from '../../shared/sync/protocol';
import { HttpStatusError, type HttpSession } from '../support/sync-http';

export interface AppliedPush {
  /** Per mutation, in order: the audit and the revision the server stored it at. */
  applied: { id: string; rev: number }[];
}

export interface PulledPage {
  audits: { id: string; rev: number }[];
  checkpoint: string;
  hasMore: boolean;
}

export function benchHttpClient(baseUrl: string, devices: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: devices + 2 });

  function send(
    session: HttpSession,
    path: string,
    body: string | null,
  ): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(path, baseUrl),
        {
          method: body === null ? 'GET' : 'POST',
          agent,
          headers: {
            cookie: session.cookie,
            'x-csrf-token': session.csrfToken,
            'accept-encoding': 'br, gzip',
            ...(body === null
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const bytes = Buffer.concat(chunks);
            const encoding = res.headers['content-encoding'];
            const plain =
              encoding === 'br'
                ? brotliDecompressSync(bytes)
                : encoding === 'gzip'
                  ? gunzipSync(bytes)
                  : bytes;
            resolve({ status: res.statusCode ?? 0, text: plain.toString('utf8') });
          });
        },
      );
      req.on('error', reject);
      req.end(body ?? undefined);
    });
  }

  return {
    /** Pushes the mutations; throws unless the server answered each one as applied. */
    async push(session: HttpSession, deviceId: string, mutations: Mutation[]): Promise<AppliedPush> {
      const body = JSON.stringify({ protocol: PROTOCOL_VERSION, deviceId, mutations, slimAnswers: true });
      const { status, text } = await send(session, '/api/sync/push', body);
      if (status !== 200) throw new HttpStatusError(status, text);
      const reply = JSON.parse(text) as { protocol?: unknown; results?: unknown };
      const results = Array.isArray(reply.results) ? (reply.results as Record<string, unknown>[]) : [];
      if (reply.protocol !== PROTOCOL_VERSION || results.length !== mutations.length)
        throw new Error(`push: ${results.length} answers to ${mutations.length} mutations`);
      return {
        applied: mutations.map((sent, i) => {
          const result = results[i];
          if (
            result?.mutationId !== sent.mutationId ||
            result.status !== 'applied' ||
            result.rev !== sent.baseRev + 1
          )
            throw new Error(`push: ${JSON.stringify(result).slice(0, 300)}`);
          return { id: sent.snapshot.id, rev: result.rev };
        }),
      };
    },
    /** One page of changes after `checkpoint`; throws on an answer that is not a pull's. */
    async pull(session: HttpSession, checkpoint: string | undefined, limit: number): Promise<PulledPage> {
      const query = new URLSearchParams({ limit: String(limit), ...(checkpoint ? { checkpoint } : {}) });
      const { status, text } = await send(session, `/api/sync/pull?${query}`, null);
      if (status !== 200) throw new HttpStatusError(status, text);
      const reply = JSON.parse(text) as Record<string, unknown>;
      const audits = Array.isArray(reply.audits) ? (reply.audits as Record<string, unknown>[]) : null;
      if (
        reply.protocol !== PROTOCOL_VERSION ||
        audits === null ||
        typeof reply.checkpoint !== 'string' ||
        typeof reply.hasMore !== 'boolean'
      )
        throw new Error(`pull: not a pull's answer: ${text.slice(0, 300)}`);
      return {
        audits: audits.map((doc) => {
          if (typeof doc.id !== 'string' || !Number.isInteger(doc.rev))
            throw new Error(`pull: ${JSON.stringify(doc).slice(0, 300)}`);
          return { id: doc.id, rev: doc.rev as number };
        }),
        checkpoint: reply.checkpoint,
        hasMore: reply.hasMore,
      };
    },
    close: () => agent.destroy(),
  };
}
