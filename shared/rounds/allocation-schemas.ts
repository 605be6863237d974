/**
 * Allocating a round's cases to auditors: by hand, in bulk (balanced), reallocation and
 * withdrawal, and the round's cases with their allocation and audit state.
 */
import { z } from 'zod';
import { calendarDateSchema } from '../validation/bounded-date';

const id = z.uuid('Choose from the list.');

/** Which of the round's audit tools (a framework key) the cases are audited with; the round's first when absent. */
const toolKey = z.string().min(1, 'Choose a tool.').max(100).optional();

export const bulkAllocationSchema = z.object({
  auditorIds: z.array(id).min(1, 'Choose at least one auditor.').max(500),
  toolKey,
  /** Only these of the round's cases (all that nobody holds yet when absent). */
  caseIds: z.array(id).min(1, 'Choose at least one case.').max(5000).optional(),
  dueDate: z._default(z.nullable(calendarDateSchema), null),
  seed: z.number().int().min(0).max(2_147_483_647).default(1),
  /** true: answer with what would happen and change nothing. */
  preview: z.boolean().default(false),
});
export type BulkAllocation = z.infer<typeof bulkAllocationSchema>;

export const handAllocationSchema = z.object({
  caseId: id,
  auditorId: id,
  toolKey,
  /** 'self': the case's own team's self-audit, before the independent audit. */
  stage: z.enum(['self', 'independent']).default('independent'),
  dueDate: z._default(z.nullable(calendarDateSchema), null),
});

export const reallocationSchema = z.object({
  auditorId: id,
  dueDate: z._default(z.nullable(calendarDateSchema), null),
});

/** Allocating a round's self-audits: each case to its own team's manager who audits (or another auditor of the team). */
export const selfAuditAllocationSchema = z.object({
  dueDate: z._default(z.nullable(calendarDateSchema), null),
  preview: z.boolean().default(false),
});

export const selfAuditAllocationResultSchema = z.object({
  preview: z.boolean(),
  allocated: z.array(
    z.object({ caseId: z.string(), reference: z.string(), auditorId: z.string(), auditorName: z.string() }),
  ),
  /** Cases whose team has nobody holding the auditor role to do the self-audit. */
  unassigned: z.array(z.object({ caseId: z.string(), reference: z.string(), reason: z.string() })),
});
export type SelfAuditAllocationResult = z.infer<typeof selfAuditAllocationResultSchema>;

export const dueDateChangeSchema = z.object({ dueDate: z.nullable(calendarDateSchema) });

/** Where one allocated case stands: not started, a draft on the server, submitted, moderated. */
export const WORK_STATES = ['not_started', 'started', 'submitted', 'moderated'] as const;
export type WorkState = (typeof WORK_STATES)[number];

export const roundCaseSchema = z.object({
  caseId: z.string(),
  reference: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  caseTypeLabel: z.string(),
  planType: z.string(),
  stratum: z.string(),
  allocation: z
    .object({
      id: z.string(),
      auditorId: z.string(),
      auditorName: z.string(),
      dueDate: z.string().nullable(),
      overdue: z.boolean(),
      state: z.enum(WORK_STATES),
      reallocatedFrom: z.string().nullable(),
      /** A draft left with the previous auditor when the case was reallocated. */
      previousAuditorName: z.string().nullable(),
      /** The audit tool the case is audited with. */
      toolKey: z.string(),
      toolTitle: z.string(),
      /**
       * Further auditors of the case's one audit (a joint audit, docs/JOINT-AUDITS.md): each
       * joining allocation, with the auditor's agency and, for a guest, their organisation.
       */
      joint: z.array(
        z.object({
          id: z.string(),
          auditorId: z.string(),
          auditorName: z.string(),
          agency: z.string(),
          organisation: z.string(),
        }),
      ),
    })
    .nullable(),
  /** The self-audit by the case's own team, when the round asks for one and it is allocated. */
  selfAudit: z.object({ id: z.string(), auditorName: z.string(), state: z.enum(WORK_STATES) }).nullable(),
});
export type RoundCase = z.infer<typeof roundCaseSchema>;
export const roundCasesResponseSchema = z.object({ cases: z.array(roundCaseSchema) });

export const bulkAllocationResultSchema = z.object({
  preview: z.boolean(),
  allocated: z.array(z.object({ caseId: z.string(), reference: z.string(), auditorId: z.string() })),
  /** Cases no chosen auditor could take (each is in the case's team, or holds the case already). */
  unassigned: z.array(z.object({ caseId: z.string(), reference: z.string() })),
  perAuditor: z.array(
    z.object({ auditorId: z.string(), name: z.string(), before: z.number(), after: z.number() }),
  ),
});
export type BulkAllocationResult = z.infer<typeof bulkAllocationResultSchema>;

export const auditorOptionSchema = z.object({
  id: z.string(),
  name: z.string(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  roles: z.array(z.string()),
});
export const peopleOptionsSchema = z.object({
  auditors: z.array(auditorOptionSchema),
  moderators: z.array(auditorOptionSchema),
});
