/**
 * What a person may tell the file reader when it cannot decide alone, sent back with the file
 * on every import request (case list, people, improvement plan): which sheet of a workbook
 * holds the table, and which character set a text file was saved in. The server asks with
 * the error codes `choose_sheet` and `choose_encoding`, whose `choices` list the options.
 */
import { z } from 'zod';

/** The character sets Lantern reads CSV in (WHATWG names, as TextDecoder takes them). */
export const TABLE_ENCODINGS = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
export type TableEncoding = (typeof TABLE_ENCODINGS)[number];

/** Excel limits a sheet's name to 31 characters; a little room is left for other programs. */
export const tableChoiceFields = {
  /** The sheet of a workbook to read (absent: the only sheet with anything in it). */
  sheet: z.string().min(1).max(100).optional(),
  /** The character set of a CSV file (absent: detected from its bytes). */
  encoding: z.enum(TABLE_ENCODINGS).optional(),
};

export const tableChoiceSchema = z.object(tableChoiceFields);
export type TableChoice = z.infer<typeof tableChoiceSchema>;
