/**
 * Audit tools: a council runs several side by side — the case-file audit, thematic tools (for
 * example children at risk of exploitation), practice-observation forms and compliance
 * checklists. A tool is a framework key; its versions are framework versions, drafted and
 * published as before, and an item keeps its key across a tool's versions. A new tool can start
 * as a copy of another tool's version: a new key, version 1, the same sections and items with
 * the same item keys (so the two can be compared item by item), ready to edit as a draft.
 */
import { z } from 'zod';
import { boundedInt } from '../validation/bounded-int';
import { keyFromLabel } from '../organisation/key-from-label';
import type { Framework } from './framework-schema';

export const AUDIT_TOOL_PURPOSES = ['case_file', 'thematic', 'practice_observation', 'compliance'] as const;
export const auditToolPurposeSchema = z.enum(AUDIT_TOOL_PURPOSES);
export type AuditToolPurpose = z.infer<typeof auditToolPurposeSchema>;

export const AUDIT_TOOL_PURPOSE_LABELS: Record<AuditToolPurpose, string> = {
  case_file: 'Case-file audit',
  thematic: 'Thematic audit',
  practice_observation: 'Practice observation',
  compliance: 'Compliance checklist',
};

const nameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name for the tool.')
  .max(200, 'Keep the name to 200 characters.');
const descriptionSchema = z.string().trim().max(2000, 'Keep the description to 2000 characters.').default('');

/** A new tool, copied from one version of an existing tool. */
export const newAuditToolSchema = z.object({
  name: nameSchema,
  purpose: auditToolPurposeSchema,
  description: descriptionSchema,
  copyFrom: z.object({
    key: z.string().min(1, 'Choose the tool to copy.').max(100),
    version: boundedInt(1),
  }),
});
export type NewAuditTool = z.infer<typeof newAuditToolSchema>;

/** Renaming a tool or changing its purpose: its key never changes. */
export const auditToolChangeSchema = z.object({
  name: nameSchema,
  purpose: auditToolPurposeSchema,
  description: descriptionSchema,
});
export type AuditToolChange = z.infer<typeof auditToolChangeSchema>;

export const auditToolSchema = z.object({
  key: z.string(),
  name: z.string(),
  purpose: auditToolPurposeSchema,
  description: z.string(),
  copiedFrom: z.object({ key: z.string(), version: z.number() }).nullable(),
  /** The newest published version, which a new round uses unless told otherwise; null when none yet. */
  latestPublished: z.number().nullable(),
  /** The version being drafted, if any. */
  draftVersion: z.number().nullable(),
  versions: z.number(),
});
export type AuditTool = z.infer<typeof auditToolSchema>;
export const auditToolListSchema = z.object({ tools: z.array(auditToolSchema) });
export const auditToolResponseSchema = z.object({ tool: auditToolSchema });

/**
 * The key a new tool gets from its name: lower-case words joined by hyphens, starting with a
 * letter (a framework key is an item-style key), never one already taken.
 * @example toolKeyFromName('2025 exploitation audit', new Set()) // 'tool-2025-exploitation-audit'
 */
export function toolKeyFromName(name: string, taken: ReadonlySet<string>): string {
  const base = keyFromLabel(name, new Set());
  const start = /^[a-z]/.test(base) ? base : `tool-${base}`;
  return keyFromLabel(start, taken);
}

/**
 * Version 1 of a new tool copied from `source`: the same sections and items, every item key kept,
 * under the new key and title. A deep copy: changing it never changes the source.
 * @example copyFramework(caseFileV3, 'exploitation', 'Exploitation audit').version // 1
 */
export function copyFramework(source: Framework, key: string, title: string): Framework {
  const copy = structuredClone(source);
  return { ...copy, key, version: 1, title };
}
