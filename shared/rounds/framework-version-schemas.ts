/**
 * Framework versions as the QA lead's screens see them: each version with its status and how
 * much uses it, and the messages for drafting, saving and publishing a version.
 */
import { z } from 'zod';

export const frameworkVersionSummarySchema = z.object({
  key: z.string(),
  version: z.number(),
  title: z.string(),
  status: z.enum(['draft', 'published', 'retired']),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  basedOnVersion: z.number().nullable(),
  rounds: z.number(),
  audits: z.number(),
});
export type FrameworkVersionSummary = z.infer<typeof frameworkVersionSummarySchema>;
export const frameworkVersionListSchema = z.object({ versions: z.array(frameworkVersionSummarySchema) });

/** The body of a draft save: the whole framework, parsed on the server by frameworkSchema. */
export const saveDraftSchema = z.object({ definition: z.unknown() });

export const saveDraftResponseSchema = z.object({
  saved: z.literal(true),
  /** What would stop it being published, for the editor to show (saving is allowed meanwhile). */
  revisionProblems: z.array(z.object({ itemKey: z.string(), message: z.string() })),
});
