/**
 * The versions of an audit's answers the server kept, as its auditor sees them to restore one
 * (GET /api/audits/:auditId/versions): each accepted revision, and each snapshot a device pushed
 * that the server refused (kept as a conflict record). A version carries only the answers it
 * changed, with their full value (null: the answer was cleared).
 */
import { z } from 'zod';
import { answerSchema } from '../framework/answer-schema';

export const auditVersionSchema = z.object({
  kind: z.enum(['revision', 'refused']),
  /** The revision's number; for a refused snapshot, the revision the server held instead. */
  rev: z.number().int().nonnegative(),
  /** Why a snapshot was refused: another device changed the audit first, or it was invalid. */
  reason: z.enum(['conflict', 'rejected']).nullable(),
  status: z.string(),
  at: z.string(),
  by: z.string(),
  deviceId: z.string().nullable(),
  changes: z.record(z.string(), z.nullable(answerSchema)),
});

export const auditVersionsResponseSchema = z.object({
  auditId: z.string(),
  versions: z.array(auditVersionSchema),
});

export type AuditVersion = z.infer<typeof auditVersionSchema>;
