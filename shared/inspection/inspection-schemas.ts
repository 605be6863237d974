/**
 * Inspection readiness: the list of every audit of the service completed in the last N
 * months, as inspectors ask for it in advance, and the deep-dive pack for the cases they pick.
 * The query schemas are the ones the routes parse with; the answers are what the client parses.
 */
import { z } from 'zod';
import { gradeIndexSchema } from '../metrics/grade-scale';
import { queryInt } from '../validation/bounded-int';
import { DEFAULT_INSPECTION_MONTHS, MAX_INSPECTION_MONTHS } from './inspection-window';

/** The most cases one deep-dive pack holds: inspectors choose about six; twenty leaves room. */
export const MAX_PACK_CASES = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GET /api/inspection/audits (and its CSV and XLSX): how many months back, and one team or all. */
export const inspectionListQuerySchema = z.object({
  months: queryInt(1, MAX_INSPECTION_MONTHS)
    .optional()
    .transform((m) => m ?? DEFAULT_INSPECTION_MONTHS),
  team: z.string().regex(UUID, 'Choose a team from the list.').optional(),
});
export type InspectionListQuery = z.infer<typeof inspectionListQuerySchema>;

/** One submitted audit on the list. Dates are London dates; grades 0 Outstanding … 3 Inadequate. */
export const inspectionRowSchema = z.object({
  auditId: z.string(),
  caseId: z.string(),
  reference: z.string(),
  teamId: z.string(),
  /** The team that held the case when it was audited (audits keep it). */
  teamName: z.string(),
  /** The case's allocated worker now: Lantern does not keep who it was at the time of the audit. */
  workerNow: z.string(),
  completedAt: z.string(),
  /** The London date it was completed on. */
  auditDate: z.string(),
  /** Practice week, monthly, thematic or ad hoc. */
  kindLabel: z.string(),
  /** The audit tool's name, and "(self-audit)" for a team's own audit before the independent one. */
  toolName: z.string(),
  auditorGrade: z.nullable(gradeIndexSchema),
  /** The moderator's overall grade once agreed or re-graded; the grade that counts. */
  moderatedGrade: z.nullable(gradeIndexSchema),
  /** The grade that counts of the submitted re-audit of this audit, if there is one. */
  reauditGrade: z.nullable(gradeIndexSchema),
  openActions: z.number().int(),
});
export type InspectionRow = z.infer<typeof inspectionRowSchema>;

export const inspectionListSchema = z.object({
  months: z.number().int(),
  from: z.string(),
  to: z.string(),
  /** "from 5 June 2026 to 5 December 2026, both days included (London dates)". */
  covers: z.string(),
  teamId: z.string().nullable(),
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
  rows: z.array(inspectionRowSchema),
});
export type InspectionList = z.infer<typeof inspectionListSchema>;

/** GET /api/inspection/pack (and its DOCX): the cases chosen, comma-separated ids. */
export const packQuerySchema = z.object({
  cases: z
    .string()
    .min(1, 'Choose at least one case.')
    .max(MAX_PACK_CASES * 40, `Choose at most ${MAX_PACK_CASES} cases.`),
});

/**
 * The case ids of a pack request, each checked and named by its place when it is not one.
 * @returns the ids (lower case, duplicates kept once) or the problems by field (`cases.2`).
 */
export function packCaseIds(
  text: string,
): { ok: true; ids: string[] } | { ok: false; problems: { path: string; message: string }[] } {
  const parts = text.split(',').map((part) => part.trim());
  const problems: { path: string; message: string }[] = [];
  if (parts.length > MAX_PACK_CASES)
    problems.push({ path: 'cases', message: `Choose at most ${MAX_PACK_CASES} cases for one pack.` });
  parts.forEach((part, i) => {
    if (!UUID.test(part)) problems.push({ path: `cases.${i}`, message: 'This is not a case from the list.' });
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, ids: [...new Set(parts.map((part) => part.toLowerCase()))] };
}

/** One block of the pack as printed and as written to Word: the same blocks for both. */
export const packBlockSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('heading'),
    level: z.union([z.literal(2), z.literal(3), z.literal(4)]),
    text: z.string(),
  }),
  z.object({ kind: z.literal('paragraph'), text: z.string() }),
  z.object({ kind: z.literal('fields'), rows: z.array(z.object({ label: z.string(), value: z.string() })) }),
  z.object({ kind: z.literal('table'), header: z.array(z.string()), rows: z.array(z.array(z.string())) }),
]);
export type PackBlock = z.infer<typeof packBlockSchema>;

export const packDocumentSchema = z.object({
  title: z.string(),
  /** When the pack was made (ISO) and in London words, and by whom. */
  madeAt: z.string(),
  madeAtWords: z.string(),
  madeBy: z.string(),
  cases: z.array(
    z.object({
      caseId: z.string(),
      reference: z.string(),
      teamName: z.string(),
      auditCount: z.number().int(),
      blocks: z.array(packBlockSchema),
    }),
  ),
});
export type PackDocument = z.infer<typeof packDocumentSchema>;
