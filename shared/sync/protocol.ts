/**
 * The sync protocol between a device and the server (DESIGN.md, "Sync contract"). Every
 * envelope names its protocol version. A push carries whole-document snapshots, each with
 * the `baseRev` it was edited from and a unique `mutationId`; the server answers each
 * mutation on its own, so one bad mutation never blocks the rest of a device's queue.
 */
import { z } from 'zod/mini';
import { auditDocumentSchema, auditSnapshotSchema } from './audit-document';

export const PROTOCOL_VERSION = 1;

export const MAX_MUTATIONS_PER_PUSH = 100;
export const MAX_PULL_LIMIT = 500;
/** At most this many audits a pull may name as held (`held`: what the device's last push brought it). */
export const MAX_HELD_REVISIONS = 100;

export const mutationSchema = z.object({
  mutationId: z.uuid(),
  type: z.literal('audit.put'),
  baseRev: z.number().check(z.int(), z.nonnegative()),
  snapshot: auditSnapshotSchema,
});
export type Mutation = z.infer<typeof mutationSchema>;

export const pushRequestSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  deviceId: z.uuid(),
  /** Left unparsed here: each mutation is checked on its own and answered on its own. */
  mutations: z.array(z.unknown()).check(z.minLength(1), z.maxLength(MAX_MUTATIONS_PER_PUSH)),
  /**
   * The device takes slim answers: an applied mutation whose stored document is exactly the
   * snapshot pushed is answered with what the server added (`added`), not the whole document
   * again. Absent (devices before slim answers): every applied answer carries `doc`.
   */
  slimAnswers: z.optional(z.literal(true)),
});

const problemSchema = z.object({ itemKey: z.string(), message: z.string() });

/** Stale baseRev: the server kept its version and returns it; the device merges. */
const conflictResultSchema = z.object({
  mutationId: z.string(),
  status: z.literal('conflict'),
  server: auditDocumentSchema,
});
/** Can never be applied as sent; recorded on the server, shown on the audit. */
const rejectedResultSchema = z.object({
  mutationId: z.string(),
  status: z.literal('rejected'),
  reason: z.string(),
  problems: z.array(problemSchema),
});

/** Applied now, or earlier (a retry of the same mutationId gets the first answer). */
const appliedResultSchema = z.object({
  mutationId: z.string(),
  status: z.literal('applied'),
  rev: z.number().check(z.int(), z.positive()),
  doc: auditDocumentSchema,
});

/** The answer as recorded (sync_mutations) and as sent to a device that did not ask for slim answers. */
export const mutationResultSchema = z.discriminatedUnion('status', [
  appliedResultSchema,
  conflictResultSchema,
  rejectedResultSchema,
]);
export type MutationResult = z.infer<typeof mutationResultSchema>;

/** A push's answer: one result per mutation pushed, each of the kind `result` describes. */
const pushResponseOf = <R extends z.ZodMiniType>(result: R) =>
  z.object({
    protocol: z.literal(PROTOCOL_VERSION),
    results: z.array(result),
  });

export const pushResponseSchema = pushResponseOf(mutationResultSchema);
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** What the server adds to a snapshot it stores as pushed: with `rev`, the rest of its document. */
export const serverAddedSchema = z.object({
  auditorId: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  returnedNote: z.nullable(z.string()),
  deleted: z.boolean(),
});
export type ServerAdded = z.infer<typeof serverAddedSchema>;

/**
 * An answer to a push that asked for slim answers. Applied: `added` when the stored document
 * is the snapshot pushed (the device's document is that snapshot, `rev` and `added`), `doc`
 * when the server stored something else; exactly one of the two. Conflicts and rejections as
 * ever: a conflict always carries the server's whole document.
 */
export const slimMutationResultSchema = z.discriminatedUnion('status', [
  z.extend(appliedResultSchema, {
    doc: z.optional(auditDocumentSchema),
    added: z.optional(serverAddedSchema),
  }),
  conflictResultSchema,
  rejectedResultSchema,
]);
export type SlimMutationResult = z.infer<typeof slimMutationResultSchema>;

export const slimPushResponseSchema = pushResponseOf(slimMutationResultSchema);
export type SlimPushResponse = z.infer<typeof slimPushResponseSchema>;

export const allocationDocumentSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  caseReference: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  caseType: z.string(),
  caseTypeLabel: z.string(),
  allocatedWorker: z.string(),
  frameworkKey: z.string(),
  frameworkVersion: z.number().check(z.int(), z.positive()),
  roundName: z.nullable(z.string()),
  dueDate: z.nullable(z.string()),
  /** Withdrawn allocations still arrive, so the device can drop them. */
  active: z.boolean(),
  /**
   * A joint audit: several auditors write this one audit (its id is `id`), and every answer
   * says who gave it (docs/JOINT-AUDITS.md). Absent from servers before joint audits.
   */
  joint: z.optional(z.boolean()),
});
export type AllocationDocument = z.infer<typeof allocationDocumentSchema>;

export const pullResponseSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  /** True when the checkpoint belonged to another server epoch: the device starts afresh. */
  reset: z.boolean(),
  audits: z.array(auditDocumentSchema),
  allocations: z.array(allocationDocumentSchema),
  checkpoint: z.string(),
  hasMore: z.boolean(),
  /**
   * How many cases are allocated to the person now (active allocations, in the pull's
   * snapshot): a device's first download shows "8 of 12 cases ready" as its pages arrive.
   * Optional: an older server leaves it out.
   */
  allocationsTotal: z.optional(z.number().check(z.int(), z.gte(0))),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
