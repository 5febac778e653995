import type { CronClock } from '../interfaces/cron-clock.interface';

/**
 * The database's clock as seen from this process: the local clock plus the offset measured
 * against the database. Every replica compares due times, leases and heartbeats on the
 * same clock, so a replica whose own clock drifts does not claim early or steal leases.
 */
export class DatabaseClock implements CronClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** `databaseNow` is read between `sentAt` and `receivedAt` (local times); the midpoint estimates the offset. */
  calibrate(databaseNow: number, sentAt: number, receivedAt: number): number {
    this.offsetMs = databaseNow - Math.round((sentAt + receivedAt) / 2);
    return this.offsetMs;
  }
}
