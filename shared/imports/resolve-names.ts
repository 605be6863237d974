/**
 * Checks the decisions that travel with a case-list import about the names Lantern does not
 * know, against what the organisation holds and what the person importing may do, and turns
 * them — with the mappings remembered from earlier imports — into the aliases the row check
 * uses. Pure: the server loads the vocabulary and the person, and does the writing.
 *
 * Who may do what (the rule, stated once):
 * - Anyone who may import (a QA lead) maps a name to an existing case type or flag, and to a
 *   team within their reach: an admin any team, anyone else a team of their own service.
 * - A QA lead or an admin creates case types and flags (the organisation's vocabulary, which the
 *   QA lead samples and reports by). A team needs its service: an admin creates it in any
 *   service, anyone else only in their own service.
 * - Nothing retired is mapped to; a remembered mapping whose target is retired, gone or out of
 *   the person's reach is not applied (the name is unknown again, and asks for a decision).
 */
import { NAME_KIND_LABELS, normaliseName, type NameDecision, type NameKind } from './import-names';

/** The longest name each kind takes (the admin screens' limits). */
const MAX_NAME_LENGTH: Record<NameKind, number> = { team: 120, case_type: 60, flag: 60 };

export interface Vocabulary {
  teams: readonly { id: string; name: string; serviceId: string; serviceName: string; retired: boolean }[];
  caseTypes: readonly { key: string; label: string; retired: boolean }[];
  /** null while flags are free text. */
  flags: readonly { key: string; label: string; retired: boolean }[] | null;
  services: readonly { id: string; name: string }[];
}

export interface Importer {
  admin: boolean;
  serviceId: string | null;
}

export interface RememberedMapping {
  kind: NameKind;
  /** Normalised. */
  source: string;
  target: string;
}

/** Something to create before the rows are written; `placeholder` stands for its id or key until then. */
export interface Creation {
  kind: NameKind;
  name: string;
  serviceId: string | null;
  placeholder: string;
}

/** A mapping to remember once the import is written: `target` may be a creation's placeholder. */
export interface MappingToKeep {
  kind: NameKind;
  source: string;
  sourceText: string;
  target: string;
}

export interface ResolvedNames {
  problems: { path: string; message: string }[];
  aliases: Record<NameKind, Map<string, string>>;
  creations: Creation[];
  mappings: MappingToKeep[];
  /** How each aliased name (kind + ':' + normalised) came about. */
  how: Map<string, { status: 'remembered' | 'map' | 'create'; target: string }>;
}

/** Team ids a person may map to or create in. */
export function teamInReach(importer: Importer, serviceId: string): boolean {
  return importer.admin || (importer.serviceId !== null && importer.serviceId === serviceId);
}

/** What a person may create (see the module header). */
export function mayCreate(importer: Importer, vocabulary: Vocabulary): Record<NameKind, boolean> {
  return {
    team: vocabulary.services.some((s) => teamInReach(importer, s.id)),
    case_type: true,
    flag: vocabulary.flags !== null,
  };
}

/** The existing, unretired things of a kind the person may map to: target → label. */
export function targetsOf(kind: NameKind, vocabulary: Vocabulary, importer: Importer): Map<string, string> {
  switch (kind) {
    case 'team':
      return new Map(
        vocabulary.teams
          .filter((t) => !t.retired && teamInReach(importer, t.serviceId))
          .map((t) => [t.id, t.name]),
      );
    case 'case_type':
      return new Map(vocabulary.caseTypes.filter((t) => !t.retired).map((t) => [t.key, t.label]));
    case 'flag':
      return new Map((vocabulary.flags ?? []).filter((f) => !f.retired).map((f) => [f.key, f.label]));
  }
}

/**
 * The names of a kind already taken (normalised → its label): with `activeOnly`, the ones a
 * file's name matches exactly; without, every one, for refusing a duplicate.
 */
function takenNames(kind: NameKind, vocabulary: Vocabulary, activeOnly: boolean): Map<string, string> {
  const keep = (x: { retired: boolean }): boolean => !activeOnly || !x.retired;
  const entries: [string, string][] =
    kind === 'team'
      ? vocabulary.teams.filter(keep).map((t) => [t.name, t.name])
      : kind === 'case_type'
        ? vocabulary.caseTypes.filter(keep).flatMap((t) => [
            [t.label, t.label],
            [t.key, t.label],
          ])
        : (vocabulary.flags ?? []).filter(keep).flatMap((f) => [
            [f.label, f.label],
            [f.key, f.label],
          ]);
  return new Map(entries.map(([name, label]) => [normaliseName(name), label]));
}

/**
 * @example resolveNames(vocabulary, { admin: false, serviceId }, [], [
 *   { action: 'map', kind: 'case_type', source: 'CP', target: 'child-protection' },
 * ]).aliases.case_type.get('cp') // 'child-protection'
 */
export function resolveNames(
  vocabulary: Vocabulary,
  importer: Importer,
  remembered: readonly RememberedMapping[],
  decisions: readonly NameDecision[],
): ResolvedNames {
  const problems: ResolvedNames['problems'] = [];
  const aliases: ResolvedNames['aliases'] = { team: new Map(), case_type: new Map(), flag: new Map() };
  const how: ResolvedNames['how'] = new Map();
  const creations = new Map<string, Creation>();
  const mappings: MappingToKeep[] = [];
  const targets = {
    team: targetsOf('team', vocabulary, importer),
    case_type: targetsOf('case_type', vocabulary, importer),
    flag: targetsOf('flag', vocabulary, importer),
  };
  const allowed = mayCreate(importer, vocabulary);

  for (const m of remembered) {
    if (!targets[m.kind].has(m.target)) continue;
    aliases[m.kind].set(m.source, m.target);
    how.set(`${m.kind}:${m.source}`, { status: 'remembered', target: m.target });
  }

  const decided = new Set<string>();
  decisions.forEach((decision, i) => {
    const path = `decisions.${i}`;
    const kind = decision.kind;
    const what = NAME_KIND_LABELS[kind];
    const source = normaliseName(decision.source);
    const refuse = (message: string): void => {
      problems.push({ path, message: `"${decision.source}": ${message}` });
    };
    if (source === '') return refuse(`this is not a ${what} name.`);
    const id = `${kind}:${source}`;
    if (decided.has(id)) return refuse(`there is more than one decision about this ${what}.`);
    decided.add(id);
    const elsewhere =
      kind === 'team'
        ? vocabulary.teams.find(
            (t) => !t.retired && normaliseName(t.name) === source && !teamInReach(importer, t.serviceId),
          )
        : undefined;
    if (elsewhere)
      return refuse(
        `${elsewhere.name} is a team of ${elsewhere.serviceName}: a case list of yours may place cases only in your own service's teams.`,
      );
    const taken = takenNames(kind, vocabulary, true).get(source);
    if (taken !== undefined)
      return refuse(`there is already a ${what} called "${taken}" in Lantern, so nothing needs deciding.`);
    if (kind === 'flag' && vocabulary.flags === null)
      return refuse('flags are taken as they are written, so there is nothing to decide.');

    if (decision.action === 'map') {
      const label = targets[kind].get(decision.target);
      if (label === undefined) {
        const team = kind === 'team' ? vocabulary.teams.find((t) => t.id === decision.target) : undefined;
        return refuse(
          team && !team.retired
            ? `you may map only to a team in your own service, and ${team.name} is in ${team.serviceName}.`
            : `choose an existing ${what} to map it to: that one does not exist or is retired.`,
        );
      }
      aliases[kind].set(source, decision.target);
      how.set(id, { status: 'map', target: decision.target });
      mappings.push({ kind, source, sourceText: decision.source, target: decision.target });
      return;
    }

    if (!allowed[kind])
      return refuse(`you may not create a ${what}: ask an admin, or map it to an existing one.`);
    const name = decision.name;
    if (name.length > MAX_NAME_LENGTH[kind])
      return refuse(`keep the name of the new ${what} to ${MAX_NAME_LENGTH[kind]} characters or fewer.`);
    const existing = takenNames(kind, vocabulary, false).get(normaliseName(name));
    if (existing !== undefined)
      return refuse(
        takenNames(kind, vocabulary, true).has(normaliseName(name))
          ? `there is already a ${what} called "${existing}": map the name to it instead.`
          : `there is a retired ${what} called "${existing}": choose another name, or map to another ${what}.`,
      );
    let serviceId: string | null = null;
    if (kind === 'team') {
      serviceId = decision.serviceId ?? (importer.admin ? null : importer.serviceId);
      if (serviceId === null) return refuse('choose the service the new team belongs to.');
      if (!vocabulary.services.some((s) => s.id === serviceId))
        return refuse('choose the service the new team belongs to: that service does not exist.');
      if (!teamInReach(importer, serviceId)) return refuse('you may create a team only in your own service.');
    }
    const key = `${kind}:${normaliseName(name)}`;
    const creation = creations.get(key) ?? { kind, name, serviceId, placeholder: `new:${key}` };
    if (creation.serviceId !== serviceId)
      return refuse(`another decision creates "${creation.name}" in a different service.`);
    creations.set(key, creation);
    aliases[kind].set(source, creation.placeholder);
    how.set(id, { status: 'create', target: creation.placeholder });
    // The created name matches itself next time; a different name in the file is remembered.
    if (normaliseName(name) !== source)
      mappings.push({ kind, source, sourceText: decision.source, target: creation.placeholder });
  });

  return { problems, aliases, creations: [...creations.values()], mappings, how };
}
