/** The sample preview and the sample as used, and what a sample may be narrowed to, as the API sends them. */
import { z } from 'zod';

export const sampleResultSchema = z.object({
  considered: z.number(),
  excludedByFilters: z.number(),
  excludedClosed: z.number(),
  excludedRecentlyAudited: z.number(),
  eligible: z.number(),
  target: z.number(),
  drawn: z.array(z.object({ caseId: z.string(), reference: z.string(), stratum: z.string() })),
  strata: z.array(z.object({ key: z.string(), label: z.string(), eligible: z.number(), drawn: z.number() })),
});
export const samplePreviewResponseSchema = z.object({ sample: sampleResultSchema });

/** The teams and workers (case practitioners) of the round's service, each by id and name. */
export const sampleChoicesResponseSchema = z.object({
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
  workers: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type SampleChoicesResponse = z.infer<typeof sampleChoicesResponseSchema>;
