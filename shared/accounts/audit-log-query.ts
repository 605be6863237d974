/**
 * Searching the audit log: the filters QA leads and admins may use (person, action, entity,
 * date range, page) and the shape of each entry. Dates are calendar dates in Europe/London,
 * from the start of `from` to the end of `to`, both included.
 */
import { z } from 'zod';
import { dateProblem } from '../validation/bounded-date';
import { safeText } from '../validation/safe-text';
import { queryInt } from '../validation/bounded-int';

const dateFilter = safeText()
  .trim()
  .default('')
  .superRefine((text, ctx) => {
    const problem = text === '' ? null : dateProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const auditLogQuerySchema = z
  .object({
    person: safeText().trim().max(320, 'Keep the name or e-mail to 320 characters or fewer.').default(''),
    action: safeText()
      .trim()
      .max(100, 'Choose an action from the list.')
      .regex(/^[a-z0-9.-]*$/, 'Choose an action from the list.')
      .default(''),
    entityType: safeText().trim().max(100, 'Keep the record type to 100 characters or fewer.').default(''),
    entityId: safeText().trim().max(200, 'Keep the record id to 200 characters or fewer.').default(''),
    from: dateFilter,
    to: dateFilter,
    page: queryInt(1, 100_000).default(1),
    pageSize: queryInt(1, 200).default(50),
  })
  // Compared only when both are real dates: a bad date has its own message already.
  .refine((q) => dateProblem(q.from) !== null || dateProblem(q.to) !== null || q.from <= q.to, {
    path: ['to'],
    message: 'The end date must be the same as or after the start date.',
  });
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

export const auditLogEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorEmail: z.string().nullable(),
  /** For events without a known person (a failed sign-in): the e-mail address tried. */
  actorLabel: z.string(),
  action: z.string(),
  entityType: safeText(),
  entityId: safeText(),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string(),
  userAgent: z.string(),
});
export type AuditLogEntry = z.infer<typeof auditLogEntrySchema>;

export const auditLogPageSchema = z.object({
  entries: z.array(auditLogEntrySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type AuditLogPage = z.infer<typeof auditLogPageSchema>;
