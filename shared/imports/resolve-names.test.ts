import { describe, expect, it } from 'vitest';
import { mayCreate, resolveNames, type Importer, type Vocabulary } from './resolve-names';
import type { NameDecision } from './import-names';

const NORTH = '00000000-0000-4000-8000-000000000001';
const SOUTH = '00000000-0000-4000-8000-000000000002';
const VOCABULARY: Vocabulary = {
  teams: [
    { id: 't-north', name: 'Assessment Team A', serviceId: NORTH, serviceName: 'North', retired: false },
    { id: 't-south', name: 'Leaving Care South', serviceId: SOUTH, serviceName: 'South', retired: false },
  ],
  caseTypes: [
    { key: 'child-protection', label: 'Child protection', retired: false },
    { key: 'early-help', label: 'Early help', retired: true },
  ],
  flags: [{ key: 'exploitation', label: 'Exploitation', retired: false }],
  services: [
    { id: NORTH, name: 'North' },
    { id: SOUTH, name: 'South' },
  ],
};
const QA_NORTH: Importer = { admin: false, serviceId: NORTH };
const ADMIN: Importer = { admin: true, serviceId: null };

const resolve = (decisions: NameDecision[], importer: Importer = QA_NORTH) =>
  resolveNames(VOCABULARY, importer, [], decisions);

describe('resolveNames', () => {
  it('maps a name to an existing case type, team in reach and flag, and remembers each', () => {
    const r = resolve([
      { action: 'map', kind: 'case_type', source: 'CP', target: 'child-protection' },
      { action: 'map', kind: 'team', source: 'Assessment Tm A', target: 't-north' },
      { action: 'map', kind: 'flag', source: 'CSE', target: 'exploitation' },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.aliases.case_type.get('cp')).toBe('child-protection');
    expect(r.aliases.team.get('assessment tm a')).toBe('t-north');
    expect(r.aliases.flag.get('cse')).toBe('exploitation');
    expect(r.mappings.map((m) => [m.kind, m.source, m.sourceText, m.target])).toEqual([
      ['case_type', 'cp', 'CP', 'child-protection'],
      ['team', 'assessment tm a', 'Assessment Tm A', 't-north'],
      ['flag', 'cse', 'CSE', 'exploitation'],
    ]);
  });

  it('creates once what two spellings both create, and remembers only the spelling that differs', () => {
    const r = resolve([
      { action: 'create', kind: 'case_type', source: 'PRIVATE FOSTERING', name: 'Private fostering' },
      { action: 'create', kind: 'case_type', source: 'Private fostering arr.', name: 'private fostering' },
      { action: 'create', kind: 'team', source: 'Assessment Team C', name: 'Assessment Team C' },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.creations).toEqual([
      {
        kind: 'case_type',
        name: 'Private fostering',
        serviceId: null,
        placeholder: 'new:case_type:private fostering',
      },
      {
        kind: 'team',
        name: 'Assessment Team C',
        serviceId: NORTH,
        placeholder: 'new:team:assessment team c',
      },
    ]);
    expect(r.aliases.case_type.get('private fostering arr')).toBe('new:case_type:private fostering');
    expect(r.mappings.map((m) => m.source)).toEqual(['private fostering arr']);
  });

  it.each<{ name: string; decision: NameDecision; importer?: Importer; message: RegExp }>([
    {
      name: 'a team in another service, for a QA lead',
      decision: { action: 'map', kind: 'team', source: 'LC South', target: 't-south' },
      message: /map only to a team in your own service, and Leaving Care South is in South/,
    },
    {
      name: 'a retired case type',
      decision: { action: 'map', kind: 'case_type', source: 'EH', target: 'early-help' },
      message: /does not exist or is retired/,
    },
    {
      name: 'a target that does not exist',
      decision: { action: 'map', kind: 'flag', source: 'CSE', target: 'no-such-flag' },
      message: /does not exist or is retired/,
    },
    {
      name: 'a team created in another service by a QA lead',
      decision: { action: 'create', kind: 'team', source: 'New South', name: 'New South', serviceId: SOUTH },
      message: /only in your own service/,
    },
    {
      name: 'a team created by an admin without a service',
      decision: { action: 'create', kind: 'team', source: 'New', name: 'New' },
      importer: ADMIN,
      message: /choose the service/,
    },
    {
      name: 'a name that is already a case type',
      decision: { action: 'create', kind: 'case_type', source: 'CP', name: 'child protection' },
      message: /already a case type called "Child protection": map the name to it/,
    },
    {
      name: 'a name that a retired case type has',
      decision: { action: 'create', kind: 'case_type', source: 'EH', name: 'Early Help' },
      message: /retired case type called "Early help"/,
    },
    {
      name: 'a decision about a name Lantern already knows',
      decision: { action: 'map', kind: 'team', source: 'assessment team a', target: 't-north' },
      message: /already a team called "Assessment Team A" in Lantern/,
    },
    {
      name: "a decision about another service's team, named exactly",
      decision: {
        action: 'create',
        kind: 'team',
        source: 'leaving care south',
        name: 'Leaving Care South 2',
      },
      message:
        /Leaving Care South is a team of South: a case list of yours may place cases only in your own service's teams/,
    },
    {
      name: 'a flag name longer than the admin screens allow',
      decision: { action: 'create', kind: 'flag', source: 'X', name: 'x'.repeat(61) },
      message: /60 characters or fewer/,
    },
  ])('refuses $name, naming the decision', ({ decision, importer, message }) => {
    const r = resolve([decision], importer);
    expect(r.problems).toEqual([{ path: 'decisions.0', message: expect.stringMatching(message) }]);
    expect(r.creations).toEqual([]);
    expect(r.mappings).toEqual([]);
  });

  it('refuses two decisions about one name', () => {
    const r = resolve([
      { action: 'map', kind: 'case_type', source: 'CP', target: 'child-protection' },
      { action: 'create', kind: 'case_type', source: 'cp ', name: 'Child protection plan' },
    ]);
    expect(r.problems.map((p) => p.path)).toEqual(['decisions.1']);
  });

  it('lets an admin map and create in any service', () => {
    const r = resolve(
      [
        { action: 'map', kind: 'team', source: 'LC South', target: 't-south' },
        { action: 'create', kind: 'team', source: 'New South', name: 'New South', serviceId: SOUTH },
      ],
      ADMIN,
    );
    expect(r.problems).toEqual([]);
  });

  it('applies a remembered mapping only while its target is in reach and not retired; a decision replaces it', () => {
    const remembered = [
      { kind: 'case_type' as const, source: 'cp', target: 'child-protection' },
      { kind: 'case_type' as const, source: 'eh', target: 'early-help' },
      { kind: 'team' as const, source: 'lcs', target: 't-south' },
    ];
    const r = resolveNames(VOCABULARY, QA_NORTH, remembered, []);
    expect([...r.aliases.case_type]).toEqual([['cp', 'child-protection']]);
    expect(r.aliases.team.size).toBe(0);
    expect(r.how.get('case_type:cp')).toEqual({ status: 'remembered', target: 'child-protection' });

    const replaced = resolveNames(VOCABULARY, QA_NORTH, remembered, [
      { action: 'create', kind: 'case_type', source: 'CP', name: 'Child protection plan' },
    ]);
    expect(replaced.how.get('case_type:cp')?.status).toBe('create');
  });

  it('lets nobody without a service create a team, unless an admin', () => {
    expect(mayCreate({ admin: false, serviceId: null }, VOCABULARY)).toEqual({
      team: false,
      case_type: true,
      flag: true,
    });
    expect(mayCreate(ADMIN, VOCABULARY).team).toBe(true);
  });
});
