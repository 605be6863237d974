/**
 * /api/sync: a device pushes its outbox and pulls what changed since its checkpoint. Both
 * are for auditors (the people who work offline); every document pushed or pulled passes
 * the same access rules as the rest of the API: an auditor pushes and pulls only their own.
 * A pull that returns audits is logged (`sync.pulled`, with their ids).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, LanternEnv } from '../http/app-env';
import { parseBody } from '../http/parse-body';
import { jsonAnswer } from '../http/json-answer';
import { clientAddress } from '../http/client-address';
import { requireRole } from '../auth/require-person';
import {
  MAX_HELD_REVISIONS,
  MAX_PULL_LIMIT,
  PROTOCOL_VERSION,
  pushRequestSchema,
  type PushResponse,
  type SlimPushResponse,
} from '../../shared/sync/protocol';
import { appError } from '../../shared/errors/app-error';
import { applyMutations } from './apply-mutation';
import { pull } from './pull';
import { slimAnswer } from './push-answer';
import { exportFileSchema } from '../../shared/sync/export-file';
import type { ImportResponse } from '../../shared/sync/import-result';
import { limitBody } from '../http/body-limit';
import { recordEvent } from '../audit-log/record-event';
import { countPush } from '../monitoring/prometheus-metrics';

const HELD = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[1-9]\d{0,8}$/i;

/** The pull's query: read here and described in the API document (server/openapi). */
export const pullQuerySchema = z.object({
  checkpoint: z.string().max(2_000).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(200),
  /**
   * Audits the device holds at a revision (`<id>.<rev>` joined by `_`): what its last push
   * brought it. The pull leaves out an audit at exactly that revision (pull.ts).
   */
  held: z
    .string()
    .max(MAX_HELD_REVISIONS * 48)
    .optional()
    .transform((text, ctx) => {
      const held = new Map<string, number>();
      for (const pair of text ? text.split('_') : []) {
        if (!HELD.test(pair)) {
          ctx.addIssue({ code: 'custom', message: 'Each held audit is its id and revision: <id>.<rev>.' });
          return z.NEVER;
        }
        const [id = '', rev = ''] = pair.split('.');
        held.set(id.toLowerCase(), Number(rev));
      }
      return held;
    }),
});

export function syncRoutes(deps: AppDeps) {
  return new Hono<LanternEnv>()
    .use(requireRole('auditor'))
    .post('/push', async (c) => {
      const person = c.var.person;
      if (!person) throw appError('unauthenticated', 'Sign in again to sync.');
      const request = await parseBody(c, pushRequestSchema, { textCheckedPerItemIn: 'mutations' });
      const ctx = {
        person,
        deviceId: request.deviceId,
        ip: clientAddress(c, deps.config.trustProxy),
        userAgent: c.req.header('user-agent') ?? '',
      };
      const results = await applyMutations(deps.db, ctx, request.mutations);
      countPush('push', results);
      if (request.slimAnswers) {
        const slim: SlimPushResponse = {
          protocol: PROTOCOL_VERSION,
          results: results.map((result, i) => slimAnswer(result, request.mutations[i])),
        };
        return jsonAnswer(c, slim);
      }
      const response: PushResponse = { protocol: PROTOCOL_VERSION, results };
      return jsonAnswer(c, response);
    })
    .post(
      '/import',
      limitBody({
        maxSize: 20 * 1024 * 1024,
        onError: (c) => c.json(appError('payload_too_large', 'The file is larger than 20 MB.').toBody(), 413),
      }),
      async (c) => {
        // A device's exported file: the same mutations, the same answers as if it had synced.
        const person = c.var.person;
        if (!person) throw appError('unauthenticated', 'Sign in again to import.');
        const file = await parseBody(c, exportFileSchema, {
          textCheckedPerItemIn: 'mutations',
          maxBytes: 20 * 1024 * 1024,
        });
        if (file.personId !== person.id) {
          throw appError(
            'forbidden',
            "This file holds another person's audits: they must import it themselves.",
          );
        }
        const ctx = {
          person,
          deviceId: file.deviceId,
          ip: clientAddress(c, deps.config.trustProxy),
          userAgent: c.req.header('user-agent') ?? '',
        };
        // Which of the file's changes the server held already (the file was imported before,
        // or the device synced them after exporting): the answer says so, not "applied".
        const held = await deps.db.query<{ mutation_id: string }>(
          'SELECT mutation_id::text FROM sync_mutations WHERE mutation_id = ANY ($1::uuid[]) AND person_id = $2',
          [file.mutations.map((m) => m.mutationId), person.id],
        );
        const results = await applyMutations(deps.db, ctx, file.mutations);
        countPush('import', results);
        const response: ImportResponse = {
          protocol: PROTOCOL_VERSION,
          results,
          alreadyOnServer: held.map((row) => row.mutation_id),
        };
        return c.json(response);
      },
    )
    .get('/pull', async (c) => {
      const person = c.var.person;
      if (!person) throw appError('unauthenticated', 'Sign in again to sync.');
      const query = pullQuerySchema.safeParse(c.req.query());
      if (!query.success) {
        throw appError(
          'validation_failed',
          'The pull request could not be read.',
          query.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
        );
      }
      const page = await pull(deps.db, person, query.data.checkpoint, query.data.limit, query.data.held);
      // A pull hands the device the full content of audits: one log row per pull that returned
      // any (polls that found nothing are not logged), naming them.
      if (page.audits.length > 0) {
        await recordEvent(deps.db, {
          actorId: person.id,
          action: 'sync.pulled',
          entityType: 'audit',
          detail: { count: page.audits.length, auditIds: page.audits.map((a) => a.id) },
          ip: clientAddress(c, deps.config.trustProxy),
          userAgent: c.req.header('user-agent') ?? '',
        });
      }
      return jsonAnswer(c, page);
    });
}
