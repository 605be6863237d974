/**
 * The fields a case list may carry, as councils export them from their case-management
 * systems (LCS, Mosaic, Liquidlogic, Eclipse…): the case reference, team, case type and
 * allocated worker, and optionally the worker's e-mail (which matches the case to its practitioner
 * in Lantern), a plan type, flags, whether the case is closed and the date
 * it was opened. The
 * header words each field is recognised by are listed so the importer can propose a mapping.
 * Nothing here asks for a child's name or date of birth (see personal-data-columns.ts).
 */
import { z } from 'zod';

export const CASE_FIELDS = [
  'reference',
  'team',
  'caseType',
  'allocatedWorker',
  'workerEmail',
  'planType',
  'flags',
  'closed',
  'openedOn',
] as const;
export const caseFieldSchema = z.enum(CASE_FIELDS);
/** One field of a case list. */
export type CaseField = z.infer<typeof caseFieldSchema>;

export interface CaseFieldInfo {
  label: string;
  required: boolean;
  hint: string;
  /** Normalised header texts that mean this field (see normaliseHeader). */
  headers: readonly string[];
}

export const CASE_FIELD_INFO: Record<CaseField, CaseFieldInfo> = {
  reference: {
    label: 'Case reference',
    required: true,
    hint: "The case-management system's ID for the case.",
    headers: [
      'case reference',
      'case ref',
      'reference',
      'ref',
      'case id',
      'case number',
      'case no',
      'lcs id',
      'mosaic id',
      'id',
    ],
  },
  team: {
    label: 'Team',
    required: true,
    hint: 'The team that holds the case. A name Lantern does not know is mapped or created in the preview.',
    headers: ['team', 'team name', 'allocated team', 'owning team'],
  },
  caseType: {
    label: 'Case type',
    required: true,
    hint: 'Assessment, child in need, child protection, child looked after, care leaver (or CIN, CP, CLA).',
    headers: ['case type', 'type', 'category', 'case category', 'case status type'],
  },
  allocatedWorker: {
    label: 'Allocated worker',
    required: false,
    hint: 'The social worker the case is allocated to; may be blank.',
    headers: [
      'allocated worker',
      'worker',
      'social worker',
      'allocated social worker',
      'key worker',
      'caseworker',
      'case worker',
    ],
  },
  workerEmail: {
    label: 'Worker e-mail',
    required: false,
    hint: "The allocated worker's e-mail address. A case whose worker has a Lantern account with the practitioner role in your service is matched to them, and they read its audits; any other case is left without a practitioner (you can choose one on the audit's page).",
    headers: [
      'worker email',
      'worker e mail',
      'allocated worker email',
      'allocated worker e mail',
      'social worker email',
      'social worker e mail',
      'practitioner email',
      'practitioner e mail',
      'key worker email',
      'caseworker email',
      'case worker email',
    ],
  },
  planType: {
    label: 'Plan type',
    required: false,
    hint: 'The kind of plan the child has, for stratified samples.',
    headers: ['plan type', 'plan', 'legal status'],
  },
  flags: {
    label: 'Flags',
    required: false,
    hint: "Separate several flags with ; or |. Each is one of the council's case flags, or mapped or created in the preview.",
    headers: ['flags', 'flag', 'tags', 'markers'],
  },
  closed: {
    label: 'Closed',
    required: false,
    hint: 'Open or closed (also yes/no, Y/N, true/false).',
    headers: ['closed', 'status', 'case status', 'open closed', 'open or closed'],
  },
  openedOn: {
    label: 'Date opened',
    required: false,
    hint: 'The day the case was opened, as 2024-03-31 or 31/03/2024; may be blank.',
    headers: [
      'date opened',
      'opened',
      'opened on',
      'open date',
      'date case opened',
      'case opened',
      'case opened date',
      'case start date',
      'start date',
    ],
  },
};

/** Header text in a comparable form: lower case, letters and digits, single spaces. */
export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** "A", "B", … "Z", "AA": the column letters a spreadsheet shows. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
