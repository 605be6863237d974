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
});

const problemSchema = z.object({ itemKey: z.string(), message: z.string() });

export const mutationResultSchema = z.discriminatedUnion('status', [
  /** Applied now, or earlier (a retry of the same mutationId gets the first answer). */
  z.object({
    mutationId: z.string(),
    status: z.literal('applied'),
    rev: z.number().check(z.int(), z.positive()),
    doc: auditDocumentSchema,
  }),
  /** Stale baseRev: the server kept its version and returns it; the device merges. */
  z.object({ mutationId: z.string(), status: z.literal('conflict'), server: auditDocumentSchema }),
  /** Can never be applied as sent; recorded on the server, shown on the audit. */
  z.object({
    mutationId: z.string(),
    status: z.literal('rejected'),
    reason: z.string(),
    problems: z.array(problemSchema),
  }),
]);
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  results: z.array(mutationResultSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

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
