/**
 * Dates every dialect stores exactly: years 1 to 9999 (PostgreSQL, MariaDB and ISO-8601 text
 * on SQLite all hold them, and text of other years would sort wrongly), and strings only
 * when they name a real calendar day and time (`new Date` rolls 2024-02-30 over to March 1).
 */
export type DateDefect = 'invalid' | 'year-range' | 'not-midnight';

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

// Date.UTC maps years 0–99 to 1900–1999, so year 1 is set explicitly.
const FIRST_INSTANT = new Date(0);
FIRST_INSTANT.setUTCFullYear(1, 0, 1);
const FIRST_TIME = FIRST_INSTANT.getTime();
const LAST_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether an ISO-8601 string names a real day and time (no rollover). */
function isCalendarText(text: string): boolean {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59)) return false;
  if (m[6] !== undefined && Number(m[6]) > 59) return false;
  if (m[7] !== undefined && m[7].length > 1) {
    const offset = m[7].replace(':', '');
    if (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(3, 5)) > 59) return false;
  }
  return true;
}

/** A Date or ISO-8601 string as the Date to store, or why it cannot be stored. */
export function toStoredDate(
  value: unknown,
  dayOnly: boolean,
): { date: Date; defect?: undefined } | { date?: undefined; defect: DateDefect } {
  let date: Date;
  if (value instanceof Date) date = value;
  else if (typeof value === 'string' && isCalendarText(value)) date = new Date(value);
  else return { defect: 'invalid' };
  const time = date.getTime();
  if (Number.isNaN(time)) return { defect: 'invalid' };
  if (time < FIRST_TIME || time > LAST_TIME) return { defect: 'year-range' };
  if (dayOnly && time % 86_400_000 !== 0) return { defect: 'not-midnight' };
  return { date };
}

/** Whether a Date can be stored as it is (the accept-only form of toStoredDate). */
export function isStorableDate(value: unknown, dayOnly: boolean): boolean {
  if (!(value instanceof Date)) return false;
  const time = value.getTime();
  return time >= FIRST_TIME && time <= LAST_TIME && (!dayOnly || time % 86_400_000 === 0);
}
