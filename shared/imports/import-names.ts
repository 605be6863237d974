/**
 * The names a case list uses for teams, case types and flags, and what the person importing
 * decides about the ones Lantern does not know: map each to an existing one ("CP" → "Child
 * protection") or create it. A mapping is remembered per organisation and applied on the next
 * import; the preview shows it ("CP → Child protection (remembered)") and a new decision for
 * the same name replaces it.
 */
import { z } from 'zod';
import { normaliseHeader } from './case-fields';

export const NAME_KINDS = ['team', 'case_type', 'flag'] as const;
export const nameKindSchema = z.enum(NAME_KINDS);
/** What a name in the file stands for. */
export type NameKind = z.infer<typeof nameKindSchema>;

export const NAME_KIND_LABELS: Record<NameKind, string> = {
  team: 'team',
  case_type: 'case type',
  flag: 'flag',
};

/**
 * A name in a comparable form: lower case, letters and digits, single spaces. "Child
 * Protection", "child-protection" and " CHILD  PROTECTION " are the same name.
 * @example normaliseName('Child-Protection ') // 'child protection'
 */
export function normaliseName(text: string): string {
  return normaliseHeader(text);
}

const sourceSchema = z.string().trim().min(1, 'The name in the file is blank.').max(200);

/** One decision about a name in the file that Lantern does not know. */
export const nameDecisionSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('map'),
    kind: nameKindSchema,
    /** The name as the file writes it. */
    source: sourceSchema,
    /** The existing team's id, case type's key or flag's key. */
    target: z.string().trim().min(1, 'Choose what this name stands for.').max(200),
  }),
  z.object({
    action: z.literal('create'),
    kind: nameKindSchema,
    source: sourceSchema,
    /** The name to create, as the file writes it or tidied ("EARLY HELP" → "Early help"). */
    name: z.string().trim().min(1, 'Enter a name.').max(100, 'Use 100 characters or fewer.'),
    /** For a team: the service it belongs to. */
    serviceId: z.uuid('Choose the service the team belongs to.').optional(),
  }),
]);
export type NameDecision = z.infer<typeof nameDecisionSchema>;

/** Most decisions one import may carry: far more than any real file's distinct unknown names. */
export const MAX_NAME_DECISIONS = 500;

/** How a name in the file is resolved in a preview. */
export const nameStatusSchema = z.enum([
  /** Lantern does not know it: the import waits for a decision. */
  'unknown',
  /** A mapping remembered from an earlier import applies. */
  'remembered',
  /** Mapped by a decision in this request. */
  'map',
  /** Created by a decision in this request. */
  'create',
]);
export type NameStatus = z.infer<typeof nameStatusSchema>;

/** A name in the file that is not a team, case type or flag Lantern knows by that exact name. */
export const fileNameSchema = z.object({
  kind: nameKindSchema,
  /** As the file first writes it. */
  source: z.string(),
  /** How many rows use it, and where it first appears (spreadsheet row, column letter and header). */
  rows: z.number(),
  firstRow: z.number(),
  column: z.string(),
  status: nameStatusSchema,
  /** What it stands for, when mapped or remembered. */
  target: z.object({ id: z.string(), label: z.string() }).nullable(),
  /** What will be created, for status 'create'. */
  create: z.object({ name: z.string(), serviceId: z.string().nullable() }).nullable(),
});
export type FileName = z.infer<typeof fileNameSchema>;

/** What a name may be mapped to, and what the person importing may create, for the preview's choices. */
export const nameOptionsSchema = z.object({
  teams: z.array(z.object({ id: z.string(), name: z.string(), serviceName: z.string() })),
  caseTypes: z.array(z.object({ key: z.string(), label: z.string() })),
  /** The council's own flags; null while flags are free text (every flag is taken as written). */
  flags: z.array(z.object({ key: z.string(), label: z.string() })).nullable(),
  /** The services the person may create a team in (none: they may not create teams). */
  services: z.array(z.object({ id: z.string(), name: z.string() })),
  mayCreate: z.object({ team: z.boolean(), case_type: z.boolean(), flag: z.boolean() }),
});
export type NameOptions = z.infer<typeof nameOptionsSchema>;

/** A remembered mapping, as the list of them shows it. */
export const nameMappingSchema = z.object({
  id: z.string(),
  kind: nameKindSchema,
  source: z.string(),
  target: z.string(),
  /** The target's current name; null when it no longer exists or is retired (the mapping is then not applied). */
  targetLabel: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type NameMapping = z.infer<typeof nameMappingSchema>;

/** "CP → Child protection (remembered)": how a resolved name reads. */
export function describeFileName(name: FileName): string {
  const kind = NAME_KIND_LABELS[name.kind];
  switch (name.status) {
    case 'unknown':
      return `"${name.source}" is not a ${kind} Lantern knows.`;
    case 'remembered':
      return `${name.source} → ${name.target?.label ?? ''} (remembered)`;
    case 'map':
      return `${name.source} → ${name.target?.label ?? ''}`;
    case 'create':
      return `${name.source}: a new ${kind}, "${name.create?.name ?? name.source}"`;
  }
}
