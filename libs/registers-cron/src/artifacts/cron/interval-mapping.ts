/**
 * Interval triggers fire at `offset + k × every` seconds since the Unix epoch. A calendar
 * schedule repeats per hour or per day (in UTC), so it matches exactly only when the period
 * divides an hour or a day; anything else (7 min, 2 h 30 min) drifts against the clock and is
 * refused rather than approximated (the original rendered 2 h as a minute step of 120).
 */

export type IntervalMapping = { ok: true; value: string } | { ok: false; why: string };

const HOUR = 3600;
const DAY = 86_400;

/** The offset reduced into `[0, every)`. */
export function normalizedOffset(everySeconds: number, offsetSeconds: number): number {
  return ((offsetSeconds % everySeconds) + everySeconds) % everySeconds;
}

/** `every 420 s` / `every 900 s offset by 300 s`, for messages. */
export function describeInterval(everySeconds: number, offsetSeconds: number): string {
  const offset =
    Number.isInteger(everySeconds) && everySeconds > 0
      ? normalizedOffset(everySeconds, offsetSeconds)
      : offsetSeconds;
  return `every ${everySeconds} s${offset ? ` offset by ${offset} s` : ''}`;
}

function invalid(everySeconds: number, offsetSeconds: number): string | null {
  if (!Number.isInteger(everySeconds) || everySeconds <= 0)
    return 'the period must be a positive whole number of seconds';
  if (!Number.isInteger(offsetSeconds)) return 'the offset must be a whole number of seconds';
  return null;
}

/** The 5-field cron expression (read in UTC) with exactly the interval's fires. */
export function intervalToCron(everySeconds: number, offsetSeconds: number): IntervalMapping {
  const bad = invalid(everySeconds, offsetSeconds);
  if (bad) return { ok: false, why: bad };
  const n = everySeconds;
  const o = normalizedOffset(n, offsetSeconds);
  if (n % 60 !== 0 || o % 60 !== 0) return { ok: false, why: 'cron has one-minute resolution' };
  const offsetMinutes = o / 60;
  if (HOUR % n === 0) {
    const m = n / 60;
    if (m === 1) return { ok: true, value: '* * * * *' };
    if (m === 60) return { ok: true, value: `${offsetMinutes} * * * *` };
    return { ok: true, value: `${offsetMinutes === 0 ? '*' : `${offsetMinutes}-59`}/${m} * * * *` };
  }
  if (n % HOUR === 0 && DAY % n === 0) {
    const h = n / HOUR;
    const oh = Math.floor(offsetMinutes / 60);
    const om = offsetMinutes % 60;
    if (h === 24) return { ok: true, value: `${om} ${oh} * * *` };
    return { ok: true, value: `${om} ${oh === 0 ? '*' : `${oh}-23`}/${h} * * *` };
  }
  return {
    ok: false,
    why: 'only periods that divide an hour or a day repeat exactly on the clock',
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A systemd `OnCalendar=` value (in UTC) with exactly the interval's fires. */
export function intervalToSystemdCalendar(
  everySeconds: number,
  offsetSeconds: number,
): IntervalMapping {
  const bad = invalid(everySeconds, offsetSeconds);
  if (bad) return { ok: false, why: bad };
  const n = everySeconds;
  const o = normalizedOffset(n, offsetSeconds);
  const at = (h: string, m: string, s: string): IntervalMapping => ({
    ok: true,
    value: `*-*-* ${h}:${m}:${s} UTC`,
  });
  if (60 % n === 0)
    return n === 1 ? at('*', '*', '*') : at('*', '*', n === 60 ? pad(o) : `${pad(o)}/${n}`);
  if (n % 60 === 0 && HOUR % n === 0) {
    const m = n / 60;
    const om = Math.floor(o / 60);
    return at('*', m === 60 ? pad(om) : `${pad(om)}/${m}`, pad(o % 60));
  }
  if (n % HOUR === 0 && DAY % n === 0) {
    const h = n / HOUR;
    const oh = Math.floor(o / HOUR);
    return at(
      h === 24 ? pad(oh) : `${pad(oh)}/${h}`,
      pad(Math.floor((o % HOUR) / 60)),
      pad(o % 60),
    );
  }
  return {
    ok: false,
    why: 'a calendar repeats exactly only at periods that divide a minute, an hour or a day',
  };
}
