import { describe, expect, it } from 'vitest';
import { personalDataColumns } from './personal-data-columns';

describe('personalDataColumns', () => {
  it.each([
    ['Child name', 'name'],
    ["Child's name", 'name'],
    ['Name', 'name'],
    ['Full name', 'name'],
    ['Surname', 'name'],
    ['Forename', 'name'],
    ['First Name', 'name'],
    ['DOB', 'date-of-birth'],
    ['D.O.B.', 'date-of-birth'],
    ['Date of birth', 'date-of-birth'],
    ['Child birth date', 'date-of-birth'],
  ])('refuses "%s" as a %s column', (header, kind) => {
    expect(personalDataColumns(['Case ref', header])).toEqual([
      expect.objectContaining({ column: 1, kind, message: expect.stringContaining('Column B') }),
    ]);
  });

  it.each([
    'Case reference',
    'Team name',
    'Allocated worker name',
    'Social worker name',
    'Team manager name',
    'Case type',
    'Plan type',
  ])('accepts "%s"', (header) => {
    expect(personalDataColumns([header])).toEqual([]);
  });

  it('says what to do: remove the column and import again', () => {
    expect(personalDataColumns(['Child name'])[0]?.message).toBe(
      'Column A ("Child name") looks like a child\'s name. Lantern never stores children\'s names or dates of birth: remove the column from the file and import it again.',
    );
  });
});
