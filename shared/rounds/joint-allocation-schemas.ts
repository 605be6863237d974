/** Adding an auditor to a case's audit, making it a joint audit (docs/JOINT-AUDITS.md). */
import { z } from 'zod';

export const jointAllocationSchema = z.object({ auditorId: z.uuid('Choose an auditor.') });
export type JointAllocationRequest = z.infer<typeof jointAllocationSchema>;

export const jointAllocationResultSchema = z.object({ allocationId: z.string(), auditId: z.string() });
export type JointAllocationResult = z.infer<typeof jointAllocationResultSchema>;
