/**
 * What the QA lead sends about audit reports, and what the API answers: one schema per message,
 * parsed at the edge on both sides.
 */
import { z } from 'zod';
import { safeText } from '../validation/safe-text';
import { calendarDateSchema } from '../validation/bounded-date';
import { reportScopeSchema } from './report-scope';
import type { ReportContent, ReportStatus } from './report-content';
import type { ReportScope } from './report-scope';

const title = safeText()
  .trim()
  .min(1, 'Give the report a title.')
  .max(200, 'Keep the title to 200 characters.');

export const reportCreateSchema = z.object({ title, scope: reportScopeSchema });
export type ReportCreate = z.infer<typeof reportCreateSchema>;

export const MAX_RECOMMENDATIONS = 30;

/** A draft's words: its title, the summary and the recommended actions in order. */
export const reportEditSchema = z.object({
  title,
  summary: safeText().max(20_000, 'Keep the summary to 20,000 characters.'),
  recommendations: z
    .array(
      z.object({
        /** An existing recommendation keeps its id (and what it became in the plan). */
        id: z.uuid().optional(),
        text: safeText()
          .trim()
          .min(1, 'Write the recommendation, or remove it.')
          .max(2000, 'Keep a recommendation to 2,000 characters.'),
      }),
    )
    .max(MAX_RECOMMENDATIONS, `A report makes at most ${MAX_RECOMMENDATIONS} recommendations.`),
});
export type ReportEdit = z.infer<typeof reportEditSchema>;

/** A recommendation into the improvement plan: a new action under an area, or a quote linked to an action. */
export const recommendationToPlanSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('new-action'),
    planId: z.uuid('Choose a plan.'),
    areaId: z.uuid('Choose the area.'),
    number: safeText().trim().min(1, 'Enter the action number, such as 1.4 or A1.').max(20),
    owner: safeText().trim().max(200).default(''),
    targetDate: z._default(z.nullable(calendarDateSchema), null),
  }),
  z.object({
    mode: z.literal('link-finding'),
    planId: z.uuid('Choose a plan.'),
    actionId: z.uuid('Choose the action.'),
    auditId: z.uuid('Choose a quote of this report.'),
    itemKey: z.string().min(1).max(200),
  }),
]);
export type RecommendationToPlan = z.infer<typeof recommendationToPlanSchema>;

export const MAX_RECIPIENTS = 100;

/** One address of a distribution list. */
export const recipientSchema = z.email('Enter an e-mail address, such as name@council.gov.uk.').max(254);

export const distributionSchema = z.object({
  emails: z.array(recipientSchema).max(MAX_RECIPIENTS, `Send to at most ${MAX_RECIPIENTS} addresses.`),
});
export type Distribution = z.infer<typeof distributionSchema>;

export interface ReportListItem {
  id: string;
  title: string;
  status: ReportStatus;
  scope: ReportScope;
  createdAt: string;
  publishedAt: string | null;
}

export interface RecommendationView {
  id: string;
  text: string;
  /** The plan action it became or was linked to; null until sent to the plan. */
  plan: { planId: string; actionId: string; number: string; linked: boolean } | null;
}

export interface ReportView {
  id: string;
  status: ReportStatus;
  content: ReportContent;
  recommendations: RecommendationView[];
  recipients: string[];
  sends: { sentAt: string; by: string; recipients: number }[];
}
