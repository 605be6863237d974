/**
 * The agency a person audits for. A joint or multi-agency practice week brings health, police,
 * education and probation colleagues in beside social care; each answer of a joint audit says
 * who gave it and for which agency, and reports break down by agency (docs/JOINT-AUDITS.md).
 *
 * No schema here: the auditor's screens name agencies without loading zod (the schema is in
 * agencies.ts).
 */

export const AGENCIES = ['social_care', 'health', 'police', 'education', 'probation', 'other'] as const;
export type Agency = (typeof AGENCIES)[number];

/** Everyone is social care unless they are set otherwise. */
export const DEFAULT_AGENCY: Agency = 'social_care';

export const AGENCY_LABELS: Record<Agency, string> = {
  social_care: 'Social care',
  health: 'Health',
  police: 'Police',
  education: 'Education',
  probation: 'Probation',
  other: 'Other',
};

/**
 * The agency a file or a form names, by its label or key, any case, spaces or hyphens for
 * underscores ("Health", "social care", "Social-Care"); null when it names none.
 */
export function agencyFromText(text: string): Agency | null {
  const word = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return AGENCIES.find((agency) => agency === word) ?? null;
}
