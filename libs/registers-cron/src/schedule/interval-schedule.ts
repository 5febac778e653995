import { IntervalTrigger } from '../interfaces/trigger.interface';
import { collectFires } from './collect-fires';
import { FireSchedule } from './fire-schedule.interface';

/**
 * Fires at every instant `t` where `t / 1000 - offsetSeconds` is a multiple of `everySeconds`:
 * aligned to the Unix epoch rather than to a start time, so every process computes the same
 * instants. Pure arithmetic; croner is not involved.
 */
export function intervalSchedule(trigger: IntervalTrigger): FireSchedule {
  const period = Math.round(trigger.everySeconds * 1000);
  const offset = Math.round(trigger.offsetSeconds * 1000);
  if (!Number.isFinite(period) || period < 1) {
    throw new RangeError(`everySeconds must be at least 0.001, got ${trigger.everySeconds}`);
  }
  if (!Number.isFinite(offset)) {
    throw new RangeError(`offsetSeconds must be finite, got ${trigger.offsetSeconds}`);
  }
  const latestAtOrBefore = (at: number): number =>
    offset + Math.floor((at - offset) / period) * period;
  const nextAfter = (after: number): number => latestAtOrBefore(after) + period;
  return {
    nextAfter,
    latestAtOrBefore,
    firesBetween: (fromExclusive, toInclusive, limit) =>
      collectFires(nextAfter, fromExclusive, toInclusive, limit),
  };
}
