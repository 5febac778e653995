import { Logger } from '@nestjs/common';
import type { SchedulerRegistry } from '@nestjs/schedule/dist/scheduler.registry';
import { SCHEDULER_TIMEOUT_PREFIX } from '../common/constants';
import { messages } from '../common/messages';
import type { CronClock } from '../interfaces/cron-clock.interface';
import type { FireScheduler } from './fire-scheduler';

/** Re-checks at least this often, so pauses, resumes and other replicas' progress are seen. */
const MAX_SLEEP_MS = 30_000;
const TIMER_NAME = `${SCHEDULER_TIMEOUT_PREFIX}scheduler`;

/**
 * One timer for all schedules: it sleeps until the next fire of any job, inserts what is
 * due, and sleeps again. It is registered in @nestjs/schedule's SchedulerRegistry (as the
 * timeout `registers-cron:scheduler`) so it shows up where Nest users look for timers.
 */
export class ScheduleTimer {
  private readonly logger = new Logger('RegistersCron');
  private timer?: NodeJS.Timeout;
  private stopped = true;
  private ticking?: Promise<void>;

  constructor(
    private readonly scheduler: FireScheduler,
    private readonly clock: CronClock,
    private readonly timers: SchedulerRegistry,
    private readonly afterTick: (inserted: number) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.arm();
  }

  private arm(): void {
    if (this.stopped) return;
    const now = this.clock.now();
    const next = this.scheduler.nextFire(now);
    const delay = next === null ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.max(0, next - now));
    this.clear();
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => this.arm());
    }, delay);
    this.timer.unref();
    this.timers.addTimeout(TIMER_NAME, this.timer);
  }

  private async tick(): Promise<void> {
    try {
      this.afterTick(await this.scheduler.tick(this.clock.now()));
    } catch (error) {
      this.logger.error(messages.schedulingFailed((error as Error).message));
    }
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.timers.doesExist('timeout', TIMER_NAME)) this.timers.deleteTimeout(TIMER_NAME);
    this.timer = undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clear();
    await this.ticking;
  }
}
