/**
 * What importing an exported file did, in words for the person. The server answers each
 * mutation as a push would, and says which of them it had answered before (the file was
 * imported already, or the device synced those changes since exporting): those changed
 * nothing now, and the message says so instead of counting them as applied again.
 */
import { z } from 'zod/mini';
import { pushResponseSchema } from './protocol';

/** The body of POST /api/sync/import's answer. */
export const importResponseSchema = z.extend(pushResponseSchema, {
  /** Mutation ids of the file the server already held before this import. */
  alreadyOnServer: z.array(z.string()),
});
export type ImportResponse = z.infer<typeof importResponseSchema>;

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * @example describeImport({ protocol: 1, results: [14 applied], alreadyOnServer: [their 14 ids] })
 *   // 'Nothing new: the 14 changes in this file were already on the server.'
 */
export function describeImport(response: ImportResponse): string {
  const already = new Set(response.alreadyOnServer);
  const fresh = response.results.filter((r) => !already.has(r.mutationId));
  const repeated = response.results.length - fresh.length;
  const count = (status: string) => fresh.filter((r) => r.status === status).length;
  if (fresh.length === 0) {
    return repeated === 0
      ? 'This file holds no changes.'
      : `Nothing new: ${repeated === 1 ? 'the change in this file was' : `the ${repeated} changes in this file were`} already on the server.`;
  }
  const parts = [
    `${count('applied')} applied`,
    `${count('conflict')} changed on the server since (merged on the next sync)`,
    `${count('rejected')} refused`,
  ];
  const tail = repeated > 0 ? `; ${plural(repeated, 'other was', 'others were')} already on the server` : '';
  return `Imported: ${parts.join(', ')}${tail}.`;
}
