import { describe, expect, it } from 'vitest';
import { readCaseDate } from './read-case-date';

describe('readCaseDate', () => {
  it.each([
    ['ISO', '2024-03-31', '2024-03-31'],
    ['ISO without leading zeros', '2024-3-1', '2024-03-01'],
    ['a timestamp as XLSX or a database export writes it', '2024-03-31T00:00:00.000Z', '2024-03-31'],
    ['UK day first: 03/04 is 3 April', '03/04/2024', '2024-04-03'],
    ['UK with hyphens', '31-03-2024', '2024-03-31'],
    ['UK with dots', '31.03.2024', '2024-03-31'],
    ['day and short month name', '1 Feb 2023', '2023-02-01'],
    ['day and full month name', '29 February 2024', '2024-02-29'],
    ['padded with spaces', '  31/12/2019 ', '2019-12-31'],
  ])('reads %s', (_name, text, expected) => {
    expect(readCaseDate(text)).toBe(expected);
  });

  it.each([
    ['a day that does not exist', '2023-02-29'],
    ['day 32', '32/01/2024'],
    ['month 13', '01/13/2024'],
    ['a two-digit year', '01/02/24'],
    ['US month first, when the day cannot be a month', '12/31/2024'],
    ['words', 'last spring'],
    ['an unknown month name', '1 Smarch 2024'],
    ['blank', ''],
  ])('refuses %s', (_name, text) => {
    expect(readCaseDate(text)).toBeNull();
  });
});
