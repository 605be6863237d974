/**
 * A date as a case list writes it — ISO (2024-03-31, or a timestamp's date part) or the UK's
 * day-first forms (31/03/2024, 31-03-2024, 31.03.2024, 31 Mar 2024) — as an ISO calendar date.
 * Day-first because English councils' systems write dates that way: 03/04/2024 is 3 April.
 * Two-digit years are refused (is 01/02/24 in 1924 or 2024?), as is a date that does not exist.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function calendarDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * @returns the date as YYYY-MM-DD, or null when the text is not a whole, real date.
 * @example readCaseDate('31/03/2024') // '2024-03-31'
 * @example readCaseDate('2024-02-30') // null
 */
export function readCaseDate(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: [0-9:]+)?$/.exec(t);
  if (dayFirst) return calendarDate(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  const named = /^(\d{1,2})[ -]([A-Za-z]{3,9})[ -](\d{4})$/.exec(t);
  if (named) {
    const month = MONTHS.indexOf((named[2] ?? '').slice(0, 3).toLowerCase()) + 1;
    if (month > 0 && (named[2] ?? '').length <= 9)
      return calendarDate(Number(named[3]), month, Number(named[1]));
  }
  return null;
}
