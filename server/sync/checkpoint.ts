/**
 * A pull checkpoint: opaque to the device, a base64url JSON here. It carries the server
 * epoch (a replaced database forces a full resync) and one (xid, id) cursor per document
 * type. An unreadable checkpoint is treated as "from the beginning", never as an error that
 * strands a device.
 */
import { z } from 'zod';

/** The largest xid8: a bigger number would make the pull's `::xid8` cast fail (a 500, not a fresh start). */
const MAX_XID8 = 2n ** 64n - 1n;

const cursorSchema = z
  .tuple([
    z
      .string()
      .regex(/^\d{1,20}$/)
      .refine((xid) => BigInt(xid) <= MAX_XID8),
    z.uuid(),
  ])
  .nullable();

const checkpointSchema = z.object({
  v: z.literal(1),
  epoch: z.string(),
  audits: cursorSchema,
  allocations: cursorSchema,
});

export type Checkpoint = z.infer<typeof checkpointSchema>;
export type Cursor = z.infer<typeof cursorSchema>;

export const startCheckpoint = (epoch: string): Checkpoint => ({
  v: 1,
  epoch,
  audits: null,
  allocations: null,
});

export function encodeCheckpoint(checkpoint: Checkpoint): string {
  return Buffer.from(JSON.stringify(checkpoint)).toString('base64url');
}

/** The checkpoint, or null when it is absent or unreadable. */
export function decodeCheckpoint(text: string | undefined): Checkpoint | null {
  if (!text) return null;
  try {
    const parsed = checkpointSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
