import { Logger } from '@nestjs/common';
import { CLOCK_SKEW_WARNING_MS, INSTANCE_STALE_AFTER_LEASES } from '../common/constants';
import { messages } from '../common/messages';
import type { CronStore } from '../store/cron-store';
import type { CronClock } from '../interfaces/cron-clock.interface';
import { DatabaseClock } from './clock';
import type { InstanceIdentity } from './instance-identity';

/** How often an instance writes its heartbeat and re-measures the database clock. */
export function heartbeatEveryMs(leaseMs: number): number {
  return Math.max(100, Math.min(5000, Math.floor(leaseMs / 3)));
}

/** Instances whose heartbeat is older than this are not live. */
export function staleAfterMs(leaseMs: number): number {
  return Math.max(leaseMs * INSTANCE_STALE_AFTER_LEASES, heartbeatEveryMs(leaseMs) * 3);
}

/**
 * Keeps this instance's row in the runtime table fresh, drops instances that stopped
 * beating, and keeps the database clock calibrated (warning once when it is far off).
 */
export class InstanceHeartbeat {
  private readonly logger = new Logger('RegistersCron');
  private timer?: NodeJS.Timeout;
  private warned = false;
  readonly startedAt: number;

  constructor(
    private readonly store: CronStore,
    private readonly clock: CronClock,
    private readonly identity: InstanceIdentity,
    private readonly leaseMs: number,
  ) {
    this.startedAt = clock.now();
  }

  async calibrate(): Promise<void> {
    if (!(this.clock instanceof DatabaseClock)) return;
    const sentAt = Date.now();
    const databaseNow = await this.store.databaseNow();
    const offset = this.clock.calibrate(databaseNow, sentAt, Date.now());
    if (Math.abs(offset) > CLOCK_SKEW_WARNING_MS && !this.warned) {
      this.warned = true;
      this.logger.warn(messages.clockSkew(offset));
    }
  }

  async beat(): Promise<void> {
    const now = this.clock.now();
    await this.store.heartbeat(this.identity, this.startedAt, now);
    await this.store.dropDeadInstances(now - staleAfterMs(this.leaseMs));
  }

  start(): void {
    let rounds = 0;
    this.timer = setInterval(() => {
      const calibrate = ++rounds % 12 === 0 ? this.calibrate() : Promise.resolve();
      calibrate
        .then(() => this.beat())
        .catch((error) => this.logger.warn(messages.heartbeatFailed((error as Error).message)));
    }, heartbeatEveryMs(this.leaseMs));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.store.removeInstance(this.identity.id).catch(() => undefined);
  }
}
