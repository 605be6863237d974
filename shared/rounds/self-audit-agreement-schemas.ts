/**
 * The round's self-audit agreement as the QA lead's screen receives it: the overall grade and
 * each section grade of the self-audit against the independent audit of the same case.
 */
import { z } from 'zod';

const agreementSchema = z.object({
  pairs: z.number(),
  exact: z.number().nullable(),
  kappa: z.number().nullable(),
  movedDown: z.number().nullable(),
  movedUp: z.number().nullable(),
  same: z.number().nullable(),
});

export const selfAuditAgreementResponseSchema = z.object({
  /** Cases with both audits submitted, of the cases with a self-audit allocated. */
  compared: z.number(),
  selfAllocated: z.number(),
  overall: agreementSchema,
  overallWords: z.string(),
  sections: z.array(
    z.object({ key: z.string(), title: z.string(), agreement: agreementSchema, words: z.string() }),
  ),
  cases: z.array(
    z.object({
      reference: z.string(),
      toolTitle: z.string(),
      selfAuditorName: z.string(),
      independentAuditorName: z.string(),
      selfOverall: z.number().nullable(),
      independentOverall: z.number().nullable(),
    }),
  ),
});
export type SelfAuditAgreementResponse = z.infer<typeof selfAuditAgreementResponseSchema>;
