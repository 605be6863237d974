/**
 * Safeguarding alerts as they travel: the list a recipient sees and the acknowledgement they
 * send. An alert names the case by its reference and team only; the concern's note is shown
 * in Lantern to the people it was raised to, never sent by e-mail.
 */
import { z } from 'zod';

export const ALERT_REASONS = ['qa_lead', 'team_manager', 'head_of_service'] as const;
export const alertReasonSchema = z.enum(ALERT_REASONS);
export type AlertReason = z.infer<typeof alertReasonSchema>;

export const ALERT_REASON_LABELS: Record<AlertReason, string> = {
  qa_lead: 'QA lead',
  team_manager: "Case's team manager",
  head_of_service: 'Head of service (escalated)',
};

export const acknowledgeAlertSchema = z.object({
  note: z
    .string()
    .trim()
    .min(1, 'Say what you have done or will do about the concern.')
    .max(2_000, 'Keep the note to 2,000 characters.'),
});

export const alertRecipientSchema = z.object({
  personId: z.string(),
  name: z.string(),
  reason: alertReasonSchema,
  acknowledgedAt: z.string().nullable(),
  note: z.string().nullable(),
  /** Minutes from the alert being raised to this acknowledgement. */
  minutesToAcknowledge: z.number().nullable(),
});

export const alertSchema = z.object({
  id: z.string(),
  auditId: z.string(),
  reference: z.string(),
  teamName: z.string(),
  raisedByName: z.string(),
  raisedAt: z.string(),
  concernNote: z.string(),
  escalateAt: z.string(),
  escalatedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  /** Wall-clock and working minutes from raising to the first acknowledgement. */
  minutesToAcknowledge: z.number().nullable(),
  workingMinutesToAcknowledge: z.number().nullable(),
  /** Whether the signed-in person is a recipient who has yet to acknowledge. */
  mine: z.boolean(),
  myAcknowledgement: z.string().nullable(),
  recipients: z.array(alertRecipientSchema),
});
export type Alert = z.infer<typeof alertSchema>;
export const alertListSchema = z.object({ alerts: z.array(alertSchema), escalationHours: z.number() });
