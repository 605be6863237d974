import { describe, expect, it } from 'vitest';
import { forbiddenStaffColumns, validatePeopleRows } from './people-row-validation';
import { guessPeopleMapping, peopleMappingProblems } from './people-fields';

const HEADERS = ['Name', 'Email', 'Job title', 'Team', 'Service', 'Roles', 'Manages'];
const MAPPING = guessPeopleMapping(HEADERS);
const LOOKUPS = {
  teams: [
    { id: 't-a', name: 'Assessment Team A', serviceId: 's-1' },
    { id: 't-b', name: 'Leaving Care', serviceId: 's-2' },
  ],
  services: [
    { id: 's-1', name: "Children's Social Care" },
    { id: 's-2', name: 'Care Leavers Service' },
  ],
};
const row = (overrides: Partial<Record<(typeof HEADERS)[number], string>> = {}): string[] => {
  const base: Record<string, string> = {
    Name: 'Ada Lane',
    Email: 'Ada.Lane@council.invalid',
    'Job title': 'Social worker',
    Team: 'assessment team a',
    Service: '',
    Roles: 'Auditor; QA lead',
    Manages: '',
  };
  return HEADERS.map((h) => overrides[h] ?? base[h] ?? '');
};
const validate = (...rows: string[][]) => validatePeopleRows(rows, MAPPING, LOOKUPS, HEADERS);

describe('guessPeopleMapping', () => {
  it('maps the usual staff-file headers and asks for nothing more', () => {
    expect(MAPPING).toEqual({
      name: 0,
      email: 1,
      jobTitle: 2,
      team: 3,
      service: 4,
      roles: 5,
      manages: 6,
      agency: null,
    });
    expect(peopleMappingProblems(MAPPING, HEADERS)).toEqual([]);
  });

  it('names each required column a file lacks', () => {
    const headers = ['Full name', 'Team'];
    expect(peopleMappingProblems(guessPeopleMapping(headers), headers).map((p) => p.path)).toEqual([
      'email',
      'roles',
    ]);
  });
});

describe('validatePeopleRows', () => {
  it('reads a good row: address in lower case, team by name, its service, roles in the fixed order', () => {
    expect(validate(row())).toEqual({
      people: [
        {
          row: 2,
          email: 'ada.lane@council.invalid',
          name: 'Ada Lane',
          jobTitle: 'Social worker',
          teamId: 't-a',
          serviceId: 's-1',
          roles: ['auditor', 'qa_lead'],
          manages: [],
        },
      ],
      problems: [],
    });
  });

  it('takes the service column for someone with no team', () => {
    expect(validate(row({ Team: '', Service: 'care leavers service' })).people[0]).toMatchObject({
      teamId: null,
      serviceId: 's-2',
    });
  });

  it.each([
    ['a blank name', { Name: '' }, 'A (Name)', "The person's name is blank."],
    ['a bad address', { Email: 'ada at council' }, 'B (Email)', 'is not an e-mail address'],
    ['an unknown team', { Team: 'Team Z' }, 'D (Team)', '"Team Z" is not a team in Lantern'],
    ['an unknown service', { Team: '', Service: 'Adults' }, 'E (Service)', '"Adults" is not a service'],
    ["a service other than the team's", { Service: 'Care Leavers Service' }, 'E (Service)', 'is in Children'],
    ['no role', { Roles: '' }, 'F (Roles)', 'Give at least one role'],
    ['an unknown role', { Roles: 'Auditor, Boss' }, 'F (Roles)', '"Boss" is not a role in Lantern'],
    ['an unknown managed team', { Manages: 'Leaving Care; Team Q' }, 'G (Manages)', '"Team Q" is not a team'],
  ])('refuses %s, naming the row and column', (_what, overrides, column, words) => {
    const { people, problems } = validate(row(), row({ Email: 'b@council.invalid', ...overrides }));
    expect(people).toHaveLength(1);
    expect(problems).toEqual([expect.objectContaining({ row: 3, column })]);
    expect(problems[0]?.message).toContain(words);
  });

  it('refuses an address used twice, whatever its case, pointing at the first', () => {
    const { problems } = validate(row(), row({ Email: 'ADA.LANE@council.invalid' }));
    expect(problems).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'B (Email)',
        message: expect.stringContaining('also on row 2'),
      }),
    ]);
  });

  it('skips blank rows but keeps the row numbers a spreadsheet shows', () => {
    const { people } = validate(
      row(),
      HEADERS.map(() => ' '),
      row({ Email: 'c@council.invalid' }),
    );
    expect(people.map((p) => p.row)).toEqual([2, 4]);
  });
});

describe('the agency column', () => {
  const headers = [...HEADERS, 'Agency'];
  const mapping = guessPeopleMapping(headers);
  const withAgency = (agency: string): string[] => [...row(), agency];

  it('reads an agency by its label in any case, and a blank as social care', () => {
    const { people, problems } = validatePeopleRows(
      [withAgency('Health'), withAgency(' social care '), [...row({ Email: 'b@council.invalid' }), '']],
      mapping,
      LOOKUPS,
      headers,
    );
    expect(problems.filter((p) => p.field === 'agency')).toEqual([]);
    expect(people.map((p) => p.agency)).toEqual(['health', 'social_care']);
  });

  it('refuses an unknown agency, naming the row, the column and the choices', () => {
    const { people, problems } = validatePeopleRows([withAgency('NHS Trust')], mapping, LOOKUPS, headers);
    expect(people).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        row: 2,
        field: 'agency',
        message: expect.stringContaining('"NHS Trust" is not an agency in Lantern (Social care, Health'),
      }),
    ]);
  });

  it("leaves a file without the column silent on agency, so a re-import keeps each person's own", () => {
    expect(validate(row()).people[0]).not.toHaveProperty('agency');
  });
});

describe('forbiddenStaffColumns', () => {
  it.each([
    [['Name', 'Email', 'Date of birth'], [2]],
    [['Name', 'Email', 'DOB'], [2]],
    [['Name', 'Child name', 'Email'], [1]],
    [['Full name', 'First name', 'Surname', 'Family name', 'Email'], []],
  ])('in %o refuses columns %o', (headers, columns) => {
    expect(forbiddenStaffColumns(headers).map((c) => c.column)).toEqual(columns);
  });
});
