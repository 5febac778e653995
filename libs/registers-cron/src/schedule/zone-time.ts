/** Wall-clock time in an IANA zone, read with `Intl` (croner is not needed for this). */
export interface WallTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** No zone's offset changes by more than this at once (most change by 1 hour, Lord Howe by 30 minutes). */
export const LONGEST_DST_SHIFT_MS = 3 * 3600 * 1000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

export function wallTime(instant: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year, month, day, hour, minute, second } = parts;
  return { year, month, day, hour, minute, second };
}

/** The zone's offset from UTC at `instant`, in milliseconds (`-18000000` for `-05:00`). */
export function utcOffsetMs(instant: number, timeZone: string): number {
  const w = wallTime(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

export const sameWallTime = (a: WallTime, b: WallTime): boolean =>
  a.year === b.year &&
  a.month === b.month &&
  a.day === b.day &&
  a.hour === b.hour &&
  a.minute === b.minute &&
  a.second === b.second;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

export const formatDate = (w: WallTime): string =>
  `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;

export const formatHourMinute = (hour: number, minute: number): string =>
  `${pad(hour)}:${pad(minute)}`;

/** `YYYY-MM-DD HH:mm:ss±HH:MM` in the zone. */
export function formatLocal(instant: number, timeZone: string): string {
  const w = wallTime(instant, timeZone);
  const offsetMinutes = Math.round(utcOffsetMs(instant, timeZone) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${formatDate(w)} ${formatHourMinute(w.hour, w.minute)}:${pad(w.second)}${offset}`;
}
