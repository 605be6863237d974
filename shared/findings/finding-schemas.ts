/**
 * The findings-coding API's bodies and answers: the council's themes, findings with
 * the themes they carry, suggestions and good-practice marks. Bodies are parsed with these
 * schemas at the edge (server/http/parse-body.ts); the answers are the shapes the client reads.
 */
import { z } from 'zod';

const themeName = z
  .string()
  .trim()
  .min(1, 'Give the theme a name.')
  .max(120, 'Keep the name to 120 characters.');
const description = z.string().trim().max(1000, 'Keep the description to 1000 characters.');

export const themeCreateSchema = z.object({ name: themeName, description: description.default('') }).strict();
export type ThemeCreate = z.infer<typeof themeCreateSchema>;

export const themeUpdateSchema = z
  .object({
    name: themeName.optional(),
    description: description.optional(),
    archived: z.boolean().optional(),
  })
  .strict();
export type ThemeUpdate = z.infer<typeof themeUpdateSchema>;

export const quoteSchema = z.object({ chosen: z.boolean() }).strict();

/** Coding a finding into a theme takes nothing but the path: an empty object. */
export const codeFindingSchema = z.object({}).strict();

export const goodPracticeSchema = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1, 'Say why this is good practice.')
      .max(2000, 'Keep the reason to 2000 characters.'),
  })
  .strict();

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Give a month as YYYY-MM.');
const uuid = z.string().uuid('Choose one from the list.');

/** The findings list's filters, from the query string (all optional). */
export const findingFilterFieldsSchema = z
  .object({
    roundId: uuid.optional(),
    teamId: uuid.optional(),
    themeId: uuid.optional(),
    from: month.optional(),
    to: month.optional(),
    coded: z.enum(['yes', 'no']).optional(),
    kind: z.enum(['strengths', 'areas-for-development']).optional(),
  })
  .strict();
export const findingFiltersSchema = findingFilterFieldsSchema.refine(
  (f) => !f.from || !f.to || f.from <= f.to,
  {
    path: ['to'],
    message: 'The end month is before the start.',
  },
);
export type FindingFilters = z.infer<typeof findingFiltersSchema>;

export interface ThemeView {
  id: string;
  name: string;
  description: string;
  archived: boolean;
  /** Findings of the service coded into it. */
  findings: number;
}

export interface FindingCodingView {
  themeId: string;
  name: string;
  quote: boolean;
}

export interface CodedFindingView {
  auditId: string;
  itemKey: string;
  kindLabel: string;
  text: string;
  caseReference: string;
  teamName: string;
  completedAt: string;
  themes: FindingCodingView[];
  /** The audit is marked as good practice (with why). */
  goodPractice: string | null;
}

export interface GoodPracticeView {
  auditId: string;
  reason: string;
  markedBy: string;
  markedAt: string;
}
