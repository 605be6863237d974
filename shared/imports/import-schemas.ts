/**
 * The case-list import as it travels: the file (base64 in JSON, so it goes through the same
 * CSRF and parsing rules as every other request), an optional column mapping, the decisions
 * about names Lantern does not know, and the preview or result that comes back.
 */
import { z } from 'zod';
import { columnMappingSchema } from './column-mapping';
import { caseFieldSchema } from './case-fields';
import { tableChoiceFields } from './table-choice';
import {
  fileNameSchema,
  MAX_NAME_DECISIONS,
  nameDecisionSchema,
  nameKindSchema,
  nameOptionsSchema,
} from './import-names';

/** Largest case list accepted: about 150,000 rows of a typical export. */
export const MAX_IMPORT_BYTES = 12 * 1024 * 1024;
/** At most this many row problems are listed; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 1_000;
/** At most this many names are listed in a preview: more unknown names than this means a wrong column. */
export const MAX_LISTED_NAMES = 300;

export const importRequestSchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  /** The file's bytes, base64-encoded. */
  content: z
    .string()
    .min(1, 'The file is empty: choose the file with the case list in it.')
    .max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4, 'The file is larger than 12 MB.'),
  /** Absent: the importer proposes one from the headers. */
  mapping: columnMappingSchema.optional(),
  /** The workbook's sheet and the CSV's character set, when the reader had to ask (table-choice.ts). */
  ...tableChoiceFields,
  /**
   * What to do about names the file uses that Lantern does not know (map or create), as chosen
   * in the preview; checked again by the import, which applies them in its own transaction.
   */
  decisions: z
    .array(nameDecisionSchema)
    .max(MAX_NAME_DECISIONS, `At most ${MAX_NAME_DECISIONS} names can be decided in one import.`)
    .optional(),
});
export type ImportRequest = z.infer<typeof importRequestSchema>;

export const rowProblemSchema = z.object({
  row: z.number(),
  column: z.string(),
  field: caseFieldSchema,
  message: z.string(),
});

export const importPreviewSchema = z.object({
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  /** The sheet read and the workbook's visible sheets (XLSX), or the character set the CSV was read in. */
  sheet: z.string().nullable().default(null),
  sheets: z.array(z.string()).default([]),
  encoding: z.string().nullable().default(null),
  headers: z.array(z.string()),
  mapping: columnMappingSchema,
  /** Problems with the file as a whole: a personal-data column, a mapping that does not fit. */
  fileProblems: z.array(z.object({ path: z.string(), message: z.string() })),
  rowCount: z.number(),
  problems: z.array(rowProblemSchema),
  problemCount: z.number(),
  /**
   * Names of teams, case types and flags that are not exact names in Lantern, each with how it
   * is resolved (unknown ones wait for a decision; the first MAX_LISTED_NAMES are listed).
   */
  names: z.array(fileNameSchema),
  nameCount: z.number(),
  /** What a name may be mapped to and what the person may create (null while the mapping has problems). */
  nameOptions: nameOptionsSchema.nullable(),
  /** The first rows as they would be imported. */
  sample: z.array(z.array(z.string())),
  /** What importing would do, by case reference (null while the file has problems). */
  changes: z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }).nullable(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importResultSchema = z.object({
  importId: z.string().nullable(),
  /** What the import created and remembered from its decisions. */
  createdNames: z.array(z.object({ kind: nameKindSchema, id: z.string(), name: z.string() })).default([]),
  remembered: z.number().default(0),
  rowCount: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
export type ImportResult = z.infer<typeof importResultSchema>;
