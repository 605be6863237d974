/**
 * The shape a mirrored typing record must have to be folded, through the shared answer schema.
 * Apart from typing-mirror.ts, which loads it only when it reads the mirror back: writing the
 * mirror, keystroke by keystroke, needs no zod.
 */
import { z } from 'zod/mini';
import { answerSchema } from '../../shared/framework/answer-schema';

export const mirroredSchema = z.object({
  id: z.string(),
  auditId: z.string(),
  tabId: z.string(),
  seq: z.number().check(z.int(), z.nonnegative()),
  answers: z.record(z.string(), z.nullable(answerSchema)),
  at: z.number(),
});
