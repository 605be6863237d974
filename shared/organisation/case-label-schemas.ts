/**
 * Case types and case flags as the admin keeps them: each has a stable key (made once from its
 * first label, never changed, so audits, counts and measures keyed by it keep their history),
 * a label that can be renamed, and a retired state. A retired type or flag is offered for no
 * new case but stays readable on old audits, in trends and in metric filters.
 */
import { z } from 'zod';

/** Which list: case types ('case-types') or case flags ('case-flags'). */
export const CASE_LABEL_KINDS = ['case-types', 'case-flags'] as const;
export type CaseLabelKind = (typeof CASE_LABEL_KINDS)[number];

/** The words for each list, as the screens and errors say them. */
export const CASE_LABEL_WORDS: Record<CaseLabelKind, { one: string; many: string }> = {
  'case-types': { one: 'case type', many: 'case types' },
  'case-flags': { one: 'case flag', many: 'case flags' },
};

/** A key: lower-case letters and digits in groups joined by single hyphens. */
export const caseLabelKeySchema = z
  .string()
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

const labelSchema = (kind: CaseLabelKind) =>
  z
    .string({ error: `Enter the name of the ${CASE_LABEL_WORDS[kind].one}.` })
    .trim()
    .min(1, `Enter the name of the ${CASE_LABEL_WORDS[kind].one}.`)
    .max(60, `Keep the name of the ${CASE_LABEL_WORDS[kind].one} to 60 characters or fewer.`);

/** Adding a case type or flag: its name. */
export const createCaseLabelSchema = (kind: CaseLabelKind) => z.object({ label: labelSchema(kind) });
/** Renaming, retiring or bringing back a case type or flag: both fields, always. */
export const updateCaseLabelSchema = (kind: CaseLabelKind) =>
  z.object({
    label: labelSchema(kind),
    retired: z.boolean({ error: `Say whether the ${CASE_LABEL_WORDS[kind].one} is retired.` }),
  });
export type CreateCaseLabelRequest = z.input<ReturnType<typeof createCaseLabelSchema>>;
export type UpdateCaseLabelRequest = z.input<ReturnType<typeof updateCaseLabelSchema>>;

export const caseLabelSchema = z.object({
  key: z.string(),
  label: z.string(),
  retired: z.boolean(),
  /** Cases that carry it now. */
  cases: z.number(),
});
/** A case type or flag with how many cases carry it. */
export type CaseLabel = z.infer<typeof caseLabelSchema>;
