/**
 * An audit as it travels between device and server: the whole document, never a patch.
 * Answers are a map keyed by item key so two devices editing different items merge without
 * a conflict. `rev` is the server's revision the document was read at (0: never synced).
 */
import { z } from 'zod/mini';
import { answerSchema } from '../framework/answer-schema';
import { zonedTimestampSchema } from '../metrics/zoned-timestamp-schema';

export const AUDIT_STATUSES = ['draft', 'submitted'] as const;
export const auditStatusSchema = z.enum(AUDIT_STATUSES);
export type AuditStatus = z.infer<typeof auditStatusSchema>;

/** What the auditor edits: the parts of an audit a device may change. */
export const auditSnapshotSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  frameworkKey: z.string().check(z.minLength(1), z.maxLength(100)),
  frameworkVersion: z.number().check(z.int(), z.positive()),
  status: auditStatusSchema,
  answers: z.record(z.string().check(z.maxLength(200)), answerSchema),
  /** When the auditor submitted, with its zone; null while a draft. */
  completedAt: z.nullable(zonedTimestampSchema),
});
export type AuditSnapshot = z.infer<typeof auditSnapshotSchema>;

/** The server's copy, with what only the server knows. */
export const auditDocumentSchema = z.extend(auditSnapshotSchema, {
  rev: z.number().check(z.int(), z.nonnegative()),
  auditorId: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  /** A moderator's note when the audit was returned to the auditor. */
  returnedNote: z.nullable(z.string()),
  deleted: z.boolean(),
});
export type AuditDocument = z.infer<typeof auditDocumentSchema>;

/** The snapshot part of a document: what a device compares and merges. */
export function snapshotOf(doc: AuditSnapshot): AuditSnapshot {
  return {
    id: doc.id,
    caseId: doc.caseId,
    frameworkKey: doc.frameworkKey,
    frameworkVersion: doc.frameworkVersion,
    status: doc.status,
    answers: doc.answers,
    completedAt: doc.completedAt,
  };
}
