/**
 * The admin's people import as it travels: the staff file (base64 in JSON, like the case-list
 * import), an optional column mapping, and the preview or result that comes back. The result
 * carries the set-password links of new people that were not e-mailed, once: Lantern keeps only
 * their hashes, so they can never be shown again (a new link can be made on the person's page).
 */
import { z } from 'zod';
import { peopleFieldSchema, peopleMappingSchema } from './people-fields';
import { roleSchema } from '../accounts/roles';
import { tableChoiceFields } from './table-choice';

/** Largest staff file accepted: far more than any council's staff. */
export const MAX_PEOPLE_IMPORT_BYTES = 5 * 1024 * 1024;
/** Most people in one file. */
export const MAX_PEOPLE_ROWS = 10_000;
/** At most this many row problems are listed; the rest are counted. */
export const MAX_LISTED_PEOPLE_PROBLEMS = 1_000;

export const peopleImportRequestSchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  /** The file's bytes, base64-encoded. */
  content: z
    .string()
    .min(1, 'Choose a file.')
    .max(Math.ceil((MAX_PEOPLE_IMPORT_BYTES * 4) / 3) + 4, 'The file is larger than 5 MB.'),
  /** Absent: the importer proposes one from the headers. */
  mapping: peopleMappingSchema.optional(),
  /** The workbook's sheet and the CSV's character set, when the reader had to ask (table-choice.ts). */
  ...tableChoiceFields,
});
export type PeopleImportRequest = z.infer<typeof peopleImportRequestSchema>;

export const peopleRowProblemSchema = z.object({
  row: z.number(),
  column: z.string(),
  field: peopleFieldSchema,
  message: z.string(),
});

/** One person as the preview lists them. */
export const previewPersonSchema = z.object({
  row: z.number(),
  name: z.string(),
  email: z.string(),
  roles: z.array(roleSchema),
  team: z.string().nullable(),
  /** For an existing person: what the import would change, in words ("Roles: Auditor → Auditor, Moderator"). */
  changes: z.array(z.string()),
  /** An existing person whose account is deactivated: details change, the account stays off. */
  deactivated: z.boolean(),
});
export type PreviewPerson = z.infer<typeof previewPersonSchema>;

export const peopleImportPreviewSchema = z.object({
  fileName: z.string(),
  format: z.string(),
  /** The sheet read and the workbook's visible sheets (XLSX), or the character set the CSV was read in. */
  sheet: z.string().nullable(),
  sheets: z.array(z.string()),
  encoding: z.string().nullable(),
  headers: z.array(z.string()),
  mapping: peopleMappingSchema,
  /** Problems with the file as a whole: a personal-data column, a mapping that does not fit. */
  fileProblems: z.array(z.object({ path: z.string(), message: z.string() })),
  rowCount: z.number(),
  problems: z.array(peopleRowProblemSchema),
  problemCount: z.number(),
  /** What importing would do (null while the file has problems). */
  changes: z
    .object({
      created: z.array(previewPersonSchema),
      updated: z.array(previewPersonSchema),
      unchanged: z.number(),
    })
    .nullable(),
  /** Whether new people's set-password links will be e-mailed (SMTP is set up) or listed. */
  emailsLinks: z.boolean(),
});
export type PeopleImportPreview = z.infer<typeof peopleImportPreviewSchema>;

/** A new person's set-password link, listed once because it was not e-mailed. */
export const importedLinkSchema = z.object({
  personId: z.string(),
  name: z.string(),
  email: z.string(),
  path: z.string(),
  expiresAt: z.string(),
  /** Why it is listed: no mail server is set up, or sending to this address failed. */
  reason: z.enum(['no-email', 'email-failed']),
});
export type ImportedLink = z.infer<typeof importedLinkSchema>;

export const peopleImportResultSchema = z.object({
  importId: z.string().nullable(),
  rowCount: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  /** New people whose link went by e-mail. */
  emailed: z.number(),
  links: z.array(importedLinkSchema),
});
export type PeopleImportResult = z.infer<typeof peopleImportResultSchema>;
