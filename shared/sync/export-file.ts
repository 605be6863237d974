/**
 * The file a device exports when its audits cannot sync: the outbox's mutations, frozen, so
 * that importing the file and a later sync carry the same mutation ids and the server
 * applies each change once.
 */
import { z } from 'zod/mini';
import { mutationSchema } from './protocol';
import { boundedTimestampSchema } from '../validation/bounded-date';
import { EXPORT_FORMAT } from './export-format';

export { EXPORT_FORMAT } from './export-format';

export const exportFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: boundedTimestampSchema,
  personId: z.string(),
  deviceId: z.uuid(),
  mutations: z.array(mutationSchema).check(z.maxLength(10_000)),
});
export type ExportFile = z.infer<typeof exportFileSchema>;
