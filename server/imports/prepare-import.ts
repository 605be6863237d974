/**
 * Everything an import decides before it writes anything, shared by the preview and the
 * import itself so they can never disagree: read the file, refuse personal-data columns,
 * check the column mapping, check the decisions about names Lantern does not know (with the
 * mappings remembered from earlier imports), check every row, and work out what each valid
 * case would change (created, updated, or unchanged — compared by case reference with what
 * Lantern holds). A team, case type or flag still to be created stands in the cases as its
 * placeholder (see resolve-names.ts) until apply-import.ts has created it.
 */
import type { Queryable } from '../db/database';
import type { Table } from './read-table';
import { readUpload } from './uploaded-file';
import { personalDataColumns } from '../../shared/imports/personal-data-columns';
import { guessMapping, mappingProblems, type ColumnMapping } from '../../shared/imports/column-mapping';
import {
  validateCaseRows,
  type ImportedCase,
  type RowProblem,
} from '../../shared/imports/case-row-validation';
import type { ImportRequest } from '../../shared/imports/import-schemas';
import {
  NAME_KIND_LABELS,
  normaliseName,
  type FileName,
  type NameKind,
  type NameOptions,
} from '../../shared/imports/import-names';
import {
  mayCreate,
  resolveNames,
  targetsOf,
  teamInReach,
  type Importer,
  type ResolvedNames,
  type Vocabulary,
} from '../../shared/imports/resolve-names';
import { londonDate } from '../../shared/metrics/london-date';
import { loadVocabulary } from './import-vocabulary';
import { loadRemembered } from './name-mappings-store';

export interface PreparedImport {
  fileName: string;
  sha256: string;
  table: Table;
  mapping: ColumnMapping;
  fileProblems: { path: string; message: string }[];
  problems: RowProblem[];
  /** Names in the file that are not exact names in Lantern: unknown, remembered, mapped or to be created. */
  names: FileName[];
  /** The checked decisions and remembered mappings: what to create and remember. */
  resolved: ResolvedNames | null;
  /** What the person may map to and create, for the preview's choices. */
  options: NameOptions | null;
  cases: ImportedCase[];
  /** Per valid case: what importing it would do. */
  changes: { created: ImportedCase[]; updated: ImportedCase[]; unchanged: number };
}

interface ExistingCase {
  reference: string;
  team_id: string;
  case_type: string;
  allocated_worker: string;
  practitioner_id: string | null;
  plan_type: string;
  flags: string[];
  closed: boolean;
  opened_on: string | null;
}

/** True when importing `c` would change nothing about `row` (fields the file lacks are kept). */
function sameAs(c: ImportedCase, row: ExistingCase): boolean {
  return (
    row.team_id === c.teamId &&
    row.case_type === c.caseType &&
    (c.allocatedWorker === undefined || row.allocated_worker === c.allocatedWorker) &&
    (c.practitionerId === undefined || row.practitioner_id === c.practitionerId) &&
    (c.planType === undefined || row.plan_type === c.planType) &&
    (c.closed === undefined || row.closed === c.closed) &&
    (c.openedOn === undefined || row.opened_on === c.openedOn) &&
    (c.flags === undefined ||
      (row.flags.length === c.flags.length && row.flags.every((f, i) => f === c.flags?.[i])))
  );
}

function optionsFor(vocabulary: Vocabulary, importer: Importer): NameOptions {
  const services = new Map(vocabulary.teams.map((t) => [t.id, t.serviceName]));
  return {
    teams: [...targetsOf('team', vocabulary, importer)].map(([id, name]) => ({
      id,
      name,
      serviceName: services.get(id) ?? '',
    })),
    caseTypes: [...targetsOf('case_type', vocabulary, importer)].map(([key, label]) => ({ key, label })),
    flags: [...targetsOf('flag', vocabulary, importer)].map(([key, label]) => ({ key, label })),
    services: vocabulary.services.filter((s) => teamInReach(importer, s.id)),
    mayCreate: mayCreate(importer, vocabulary),
  };
}

/** The names the rows used, each with how it is resolved and what it stands for. */
function describeNames(
  uses: ReturnType<typeof validateCaseRows>['names'],
  resolved: ResolvedNames,
  options: NameOptions,
): FileName[] {
  const labels: Record<NameKind, Map<string, string>> = {
    team: new Map(options.teams.map((t) => [t.id, t.name])),
    case_type: new Map(options.caseTypes.map((t) => [t.key, t.label])),
    flag: new Map((options.flags ?? []).map((f) => [f.key, f.label])),
  };
  const created = new Map(resolved.creations.map((c) => [c.placeholder, c]));
  return uses.map((use) => {
    const how = resolved.how.get(`${use.kind}:${use.normalised}`);
    const creation = how ? created.get(how.target) : undefined;
    const status = !use.resolved || !how ? 'unknown' : how.status;
    return {
      kind: use.kind,
      source: use.source,
      rows: use.rows,
      firstRow: use.firstRow,
      column: use.column,
      status,
      target:
        how && status !== 'unknown' && status !== 'create'
          ? { id: how.target, label: labels[use.kind].get(how.target) ?? how.target }
          : null,
      create: creation && status === 'create' ? { name: creation.name, serviceId: creation.serviceId } : null,
    };
  });
}

export async function prepareImport(
  db: Queryable,
  request: ImportRequest,
  importer: Importer,
): Promise<PreparedImport> {
  const { table, sha256 } = await readUpload(request);
  const mapping = request.mapping ?? guessMapping(table.headers);
  const fileProblems = [
    ...personalDataColumns(table.headers).map((p) => ({ path: `column-${p.column}`, message: p.message })),
    ...mappingProblems(mapping, table.headers),
  ];
  const empty = { created: [], updated: [], unchanged: 0 };
  if (fileProblems.length > 0)
    return {
      fileName: request.fileName,
      sha256,
      table,
      mapping,
      fileProblems,
      problems: [],
      names: [],
      resolved: null,
      options: null,
      cases: [],
      changes: empty,
    };

  const vocabulary = await loadVocabulary(db);
  const remembered = await loadRemembered(db);
  const resolved = resolveNames(vocabulary, importer, remembered, request.decisions ?? []);
  const options = optionsFor(vocabulary, importer);
  const active = <T extends { retired: boolean }>(list: readonly T[]): T[] => list.filter((x) => !x.retired);
  // Only the importer's own service's teams: a case list never places a case in another service.
  const reachable = vocabulary.teams.filter((t) => teamInReach(importer, t.serviceId));
  const {
    cases,
    problems,
    names: uses,
  } = validateCaseRows(
    table.rows,
    mapping,
    {
      teams: active(reachable),
      caseTypes: active(vocabulary.caseTypes),
      flags: active(vocabulary.flags ?? []),
      aliases: resolved.aliases,
      today: londonDate(new Date().toISOString()),
    },
    table.headers,
  );
  const names = describeNames(uses, resolved, options);
  // A decision about a name the rows do not use would create or remember something for nothing.
  const used = new Set(uses.map((u) => `${u.kind}:${u.normalised}`));
  (request.decisions ?? []).forEach((decision, i) => {
    const id = `${decision.kind}:${normaliseName(decision.source)}`;
    if (resolved.how.has(id) && !used.has(id))
      resolved.problems.push({
        path: `decisions.${i}`,
        message: `"${decision.source}" is not a ${NAME_KIND_LABELS[decision.kind]} name in the file's rows: leave it out.`,
      });
  });
  fileProblems.push(...resolved.problems);
  const waiting = names.some((n) => n.status === 'unknown');
  const common = { fileName: request.fileName, sha256, table, mapping, names, resolved, options };
  if (problems.length > 0 || fileProblems.length > 0 || waiting)
    return { ...common, fileProblems, problems, cases, changes: empty };

  const existing = await db.query<ExistingCase>(
    `SELECT reference, team_id::text, case_type, allocated_worker, practitioner_id::text, plan_type, flags, closed,
            to_char(opened_on, 'YYYY-MM-DD') AS opened_on
     FROM cases WHERE reference = ANY ($1::text[])`,
    [cases.map((c) => c.reference)],
  );
  // A case already held by another service is not the importer's to move or change.
  const ownTeams = new Set(reachable.map((t) => t.id));
  for (const c of cases) {
    const held = existing.find((row) => row.reference === c.reference);
    if (held && !ownTeams.has(held.team_id))
      problems.push({
        row: c.row,
        column: table.headers[mapping.reference ?? 0]?.trim() || 'case reference',
        field: 'reference',
        message: 'this case reference is held by another service, so this file cannot change it.',
      });
  }
  if (problems.length > 0) return { ...common, fileProblems, problems, cases, changes: empty };
  await matchPractitioners(db, cases, importer);
  const byReference = new Map(existing.map((row) => [row.reference, row]));
  const created: ImportedCase[] = [];
  const updated: ImportedCase[] = [];
  let unchanged = 0;
  for (const c of cases) {
    const row = byReference.get(c.reference);
    if (!row) created.push(c);
    else if (sameAs(c, row)) unchanged++;
    else updated.push(c);
  }
  return { ...common, fileProblems, problems, cases, changes: { created, updated, unchanged } };
}

/**
 * NOTE: mutates `cases`. Each case whose file has a worker e-mail gets the practitioner it names:
 * an active person of the importer's service with the practitioner role, or null (nobody: the case
 * then has no practitioner until the QA lead chooses one).
 */
async function matchPractitioners(db: Queryable, cases: ImportedCase[], importer: Importer): Promise<void> {
  const emails = [...new Set(cases.flatMap((c) => (c.workerEmail ? [c.workerEmail] : [])))];
  const found =
    emails.length === 0
      ? []
      : await db.query<{ id: string; email: string }>(
          `SELECT id::text, email FROM people
           WHERE email = ANY ($1::text[]) AND active AND 'practitioner' = ANY (roles) AND service_id = $2`,
          [emails, importer.serviceId],
        );
  const byEmail = new Map(found.map((p) => [p.email, p.id]));
  for (const c of cases)
    if (c.workerEmail !== undefined)
      c.practitionerId = c.workerEmail ? (byEmail.get(c.workerEmail) ?? null) : null;
}
