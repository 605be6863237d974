/**
 * Draws a round's case sample (sample-spec.ts), reproducibly: the same eligible cases, spec
 * and seed always give the same cases in the same order.
 *
 * Rules, in order:
 * 1. Exclusions first: cases outside the spec's group (another case type, none of its flags,
 *    another team, another worker, not open longer than N months at the round's start), then
 *    closed cases (when asked), then cases
 *    with a submitted audit completed on or after the cut-off day (the round's start less N
 *    months). Each is counted.
 * 2. The quota is taken of the eligible cases: a share rounds to the nearest whole case (at
 *    least one when any case is eligible), a count is capped at the eligible total.
 * 3. Random: the eligible cases, sorted by reference, are shuffled with the seed and the first
 *    `target` taken. Stratified: the target is apportioned across strata by size with the
 *    largest-remainder method (so the parts add up to the target exactly), and each stratum
 *    is shuffled with its own seed derived from the round seed and the stratum key. A case's
 *    stratum by flag is the first of the spec's flags (in the spec's order) that it carries, "No
 *    chosen flag" when none; by worker, its practitioner, "No worker recorded" when none. So each
 *    case is in exactly one stratum, whatever number of flags it carries.
 */
import { daysFromCivil, daysInMonth } from '../metrics/calendar-date';
import type { DayNumber } from '../metrics/time-values';
import { apportion } from './apportion';
import { seededShuffle } from './seeded-shuffle';
import { openLongerThan } from '../organisation/case-age';
import { DomainError } from '../errors/domain-error';
import type { SampleSpec, StratumField } from './sample-spec';

/** A case as the draw sees it; `lastAuditedDay` is the London day number of its latest submitted audit. */
export interface SampleCase {
  id: string;
  reference: string;
  teamId: string;
  teamName: string;
  caseType: string;
  caseTypeLabel: string;
  planType: string;
  closed: boolean;
  lastAuditedDay: number | null;
  /** The keys of the case flags it carries. */
  flags: readonly string[];
  /** The day the council opened the case (YYYY-MM-DD), when known. */
  openedOn: string | null;
  /** The case's worker (its practitioner, a person in Lantern), when recorded. */
  practitionerId: string | null;
  practitionerName: string | null;
}

/** Words the strata are named by that the cases do not carry: the council's case flags' labels by key. */
export interface SampleNames {
  flagLabels: Readonly<Record<string, string>>;
}

export interface StratumResult {
  key: string;
  label: string;
  eligible: number;
  drawn: number;
}

export interface SampleResult {
  /** Every case considered, before exclusions. */
  considered: number;
  /** Outside the spec's case types, flags or case age. */
  excludedByFilters: number;
  excludedClosed: number;
  excludedRecentlyAudited: number;
  eligible: number;
  target: number;
  /** The drawn cases, in draw order, with the stratum each came from ('' for a random sample). */
  drawn: { caseId: string; reference: string; stratum: string }[];
  strata: StratumResult[];
}

export const NO_CHOSEN_FLAG = 'No chosen flag';
export const NO_WORKER = 'No worker recorded';

/** The first of `chosen` (in its order) that the case carries, or '' for none. */
function firstChosenFlag(c: SampleCase, chosen: readonly string[]): string {
  return chosen.find((flag) => c.flags.includes(flag)) ?? '';
}

type StratumOf = (c: SampleCase) => string;

/** Each stratum field's key and label for a case, under this spec and these names. */
function strataFields(
  spec: SampleSpec,
  names: SampleNames,
): Record<StratumField, { key: StratumOf; label: StratumOf }> {
  return {
    team: { key: (c) => c.teamId, label: (c) => c.teamName },
    caseType: { key: (c) => c.caseType, label: (c) => c.caseTypeLabel },
    planType: { key: (c) => c.planType, label: (c) => c.planType || 'No plan type' },
    flag: {
      key: (c) => firstChosenFlag(c, spec.flags),
      label: (c) => {
        const flag = firstChosenFlag(c, spec.flags);
        return flag === '' ? NO_CHOSEN_FLAG : (names.flagLabels[flag] ?? flag);
      },
    },
    worker: {
      key: (c) => c.practitionerId ?? '',
      label: (c) => (c.practitionerId ? c.practitionerName || 'Unnamed worker' : NO_WORKER),
    },
  };
}

/** A 32-bit seed for one stratum, from the round's seed and the stratum key (FNV-1a). */
function stratumSeed(seed: number, key: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The first London day on which an audit makes a case "recently audited": the round's start
 * date less `months` calendar months (the day clamped to the shorter month), or null for 0.
 * @example dateOfDayNumber(auditCutOffDay('2026-03-31', 1)!) // '2026-02-28'
 */
export function auditCutOffDay(roundStart: string, months: number): DayNumber | null {
  if (months <= 0) return null;
  const year = Number(roundStart.slice(0, 4));
  const month = Number(roundStart.slice(5, 7));
  const day = Number(roundStart.slice(8, 10));
  const index = year * 12 + (month - 1) - months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return daysFromCivil(y, m, Math.min(day, daysInMonth(y, m)));
}

/** The whole number of cases a quota asks for out of `eligible`. */
export function quotaTarget(spec: Pick<SampleSpec, 'quota'>, eligible: number): number {
  if (eligible === 0) return 0;
  // A census: every eligible case, in the seeded order.
  if (spec.quota.kind === 'all') return eligible;
  if (spec.quota.kind === 'count') return Math.min(spec.quota.value, eligible);
  return Math.min(eligible, Math.max(1, Math.round((spec.quota.value / 100) * eligible)));
}

/** A predicate for the spec's group of cases (rule 1), built once. */
function inGroup(spec: SampleSpec, roundStartDay: DayNumber | undefined): (c: SampleCase) => boolean {
  const types = spec.caseTypes.length > 0 ? new Set(spec.caseTypes) : null;
  const flags = spec.flags.length > 0 ? new Set(spec.flags) : null;
  const teams = spec.teamIds.length > 0 ? new Set(spec.teamIds) : null;
  const workers = spec.workerIds.length > 0 ? new Set(spec.workerIds) : null;
  const months = spec.openLongerThanMonths;
  if (months > 0 && roundStartDay === undefined)
    throw new DomainError('invalid_date', 'A sample by case age needs the round’s start date.');
  return (c) =>
    (!types || types.has(c.caseType)) &&
    (!flags || c.flags.some((flag) => flags.has(flag))) &&
    (!teams || teams.has(c.teamId)) &&
    (!workers || (c.practitionerId !== null && workers.has(c.practitionerId))) &&
    (months === 0 || (roundStartDay !== undefined && openLongerThan(c.openedOn, months, roundStartDay)));
}

/**
 * @param cutOffDay London day number: a case audited on or after it is excluded (see rule 1);
 *   null excludes none for recency.
 * @param roundStartDay the round's start as a day number; needed when the spec asks for cases
 *   open longer than N months (their age is measured on it).
 * @param names the flags' labels, for strata by flag (a flag without one is shown by its key).
 * @throws DomainError invalid_date when the spec filters by case age and no start day is given.
 * @example drawSample(cases, { method: 'random', strata: [], quota: { kind: 'percent', value: 5 },
 *   excludeClosed: true, excludeAuditedWithinMonths: 12, seed: 42 }, cutOff)
 */
export function drawSample(
  cases: readonly SampleCase[],
  spec: SampleSpec,
  cutOffDay: number | null,
  roundStartDay?: DayNumber,
  names: SampleNames = { flagLabels: {} },
): SampleResult {
  let excludedByFilters = 0;
  let excludedClosed = 0;
  let excludedRecentlyAudited = 0;
  const eligible: SampleCase[] = [];
  const wanted = inGroup(spec, roundStartDay);
  for (const c of cases) {
    if (!wanted(c)) excludedByFilters++;
    else if (spec.excludeClosed && c.closed) excludedClosed++;
    else if (
      spec.excludeAuditedWithinMonths > 0 &&
      cutOffDay !== null &&
      c.lastAuditedDay !== null &&
      c.lastAuditedDay >= cutOffDay
    )
      excludedRecentlyAudited++;
    else eligible.push(c);
  }
  eligible.sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0));
  const target = quotaTarget(spec, eligible.length);
  const base = {
    considered: cases.length,
    excludedByFilters,
    excludedClosed,
    excludedRecentlyAudited,
    eligible: eligible.length,
    target,
  };

  if (spec.method === 'random' || spec.strata.length === 0) {
    const drawn = seededShuffle(eligible, spec.seed)
      .slice(0, target)
      .map((c) => ({ caseId: c.id, reference: c.reference, stratum: '' }));
    return {
      ...base,
      drawn,
      strata: [{ key: '', label: 'All eligible cases', eligible: eligible.length, drawn: drawn.length }],
    };
  }

  const fields = strataFields(spec, names);
  const groups = new Map<string, { label: string; cases: SampleCase[] }>();
  for (const c of eligible) {
    const key = spec.strata.map((field) => fields[field].key(c)).join('|');
    const group = groups.get(key) ?? {
      label: spec.strata.map((field) => fields[field].label(c)).join(' · '),
      cases: [],
    };
    group.cases.push(c);
    groups.set(key, group);
  }
  const keys = [...groups.keys()].sort((a, b) => {
    const la = groups.get(a)?.label ?? '';
    const lb = groups.get(b)?.label ?? '';
    return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  });
  const parts = apportion(
    target,
    keys.map((key) => groups.get(key)?.cases.length ?? 0),
  );
  const drawn: SampleResult['drawn'] = [];
  const strata: StratumResult[] = keys.map((key, i) => {
    const group = groups.get(key) ?? { label: key, cases: [] };
    const take = parts[i] ?? 0;
    for (const c of seededShuffle(group.cases, stratumSeed(spec.seed, key)).slice(0, take))
      drawn.push({ caseId: c.id, reference: c.reference, stratum: group.label });
    return { key, label: group.label, eligible: group.cases.length, drawn: take };
  });
  return { ...base, drawn, strata };
}
