import { utcOffsetMs } from './zone-time';

const SECOND = 1000;
/** Zones change offset at most a few times a year, never twice within this step. */
const STEP = 6 * 3600 * SECOND;

/**
 * The instants in `(from, to]` at which the zone's UTC offset changes (DST starts or ends):
 * a coarse walk, then a bisection to the second at which the new offset begins.
 */
export function offsetChanges(timeZone: string, from: number, to: number): number[] {
  const changes: number[] = [];
  let before = Math.floor(from / SECOND) * SECOND;
  while (before < to) {
    const after = Math.min(before + STEP, Math.ceil(to / SECOND) * SECOND);
    if (utcOffsetMs(before, timeZone) !== utcOffsetMs(after, timeZone)) {
      const change = bisect(timeZone, before, after);
      if (change > from && change <= to) changes.push(change);
    }
    before = after;
  }
  return changes;
}

/** The first second in `(low, high]` with `high`'s offset, given `low` has another. */
function bisect(timeZone: string, low: number, high: number): number {
  const target = utcOffsetMs(high, timeZone);
  while (high - low > SECOND) {
    const middle = low + Math.floor((high - low) / 2 / SECOND) * SECOND;
    if (utcOffsetMs(middle, timeZone) === target) high = middle;
    else low = middle;
  }
  return high;
}
