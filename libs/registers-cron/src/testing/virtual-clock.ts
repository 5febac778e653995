import type { CronClock } from '../interfaces/cron-clock.interface';

/** A clock that only moves when the test says so. */
export class VirtualClock implements CronClock {
  private current: number;

  constructor(start: Date | string | number = '2026-01-01T00:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now(): number {
    return this.current;
  }

  /** Moves forward by `ms` (or `{ seconds, minutes, hours, days }`). */
  advance(
    by: number | { seconds?: number; minutes?: number; hours?: number; days?: number },
  ): number {
    const ms =
      typeof by === 'number'
        ? by
        : ((by.seconds ?? 0) +
            (by.minutes ?? 0) * 60 +
            (by.hours ?? 0) * 3600 +
            (by.days ?? 0) * 86_400) *
          1000;
    if (ms < 0) throw new Error('VirtualClock only moves forward');
    this.current += ms;
    return this.current;
  }

  set(to: Date | string | number): number {
    const next = new Date(to).getTime();
    if (next < this.current) throw new Error('VirtualClock only moves forward');
    this.current = next;
    return this.current;
  }
}
