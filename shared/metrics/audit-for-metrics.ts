/**
 * The least an audit must say about itself to be counted in a metric. The server builds it
 * from its rows and the client from IndexedDB; neither needs to share its full audit record
 * with the metric code. A moderator's re-grades sit in their own map beside the auditor's
 * answers, so both stay on record and the metric decides which one counts.
 */
import { z } from 'zod';
import { answersSchema } from '../framework/answer-schema';
import { zonedTimestampSchema } from './zoned-timestamp-schema';

/** Why the audit was done; the same words as the `audits.kind` column. */
export const AUDIT_KINDS = ['practice_week', 'monthly', 'thematic', 'ad_hoc'] as const;
/** One of AUDIT_KINDS. */
export const auditKindSchema = z.enum(AUDIT_KINDS);
/** 'practice_week' | 'monthly' | 'thematic' | 'ad_hoc'. */
export type AuditKind = z.infer<typeof auditKindSchema>;

/** Only `submitted` audits count in metrics; drafts never do. */
export const auditStatusSchema = z.enum(['draft', 'submitted']);
/** 'draft' | 'submitted'. */
export type AuditStatus = z.infer<typeof auditStatusSchema>;

/** Parse audits that come from outside the process (IndexedDB after an upgrade, an import) with this. */
export const auditForMetricsSchema = z.object({
  id: z.string().min(1),
  status: auditStatusSchema,
  /** When the audit was submitted, with a zone; null while it is a draft. */
  completedAt: z.nullable(zonedTimestampSchema),
  teamId: z.string().min(1),
  caseTypeId: z.string().min(1),
  frameworkKey: z.string().min(1),
  frameworkVersion: z.number().int().positive(),
  kind: auditKindSchema,
  /** The auditor's answers, keyed by item key. */
  answers: answersSchema,
  /** A moderator's re-grades keyed by item key; where present they count instead of the auditor's answer. */
  moderatedAnswers: z.optional(answersSchema),
  /** The keys of the case flags the audited case carries; needed only by a metric filtered by flag. */
  caseFlags: z.array(z.string()).optional(),
  /** The day the case was opened (YYYY-MM-DD), when known; needed only by a metric filtered by case age. */
  caseOpenedOn: z.string().nullable().optional(),
  /** The round the audit was written under (null: none); needed only by a metric filtered by round. */
  roundId: z.string().nullable().optional(),
  /** That round's theme ('' when it has none); needed only by a metric filtered by theme. */
  roundTheme: z.string().optional(),
});

/** An audit as a metric sees it. */
export type AuditForMetrics = z.infer<typeof auditForMetricsSchema>;
