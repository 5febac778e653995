import { Logger } from '@nestjs/common';
import type { CronStore } from '../store/cron-store';
import type { CronClock } from '../interfaces/cron-clock.interface';
import { messages } from '../common/messages';

/**
 * Keeps trying to hold one named lease and tells the owner when it gains or loses it. Used
 * so that only one instance watches files: with many replicas one change is one event.
 */
export class LeaderLease {
  private readonly logger = new Logger('RegistersCron');
  private timer?: NodeJS.Timeout;
  private held = false;
  private round?: Promise<void>;

  constructor(
    private readonly store: CronStore,
    private readonly clock: CronClock,
    private readonly name: string,
    private readonly holder: string,
    private readonly leaseMs: number,
    private readonly onChange: (held: boolean) => Promise<void>,
  ) {}

  get isHeld(): boolean {
    return this.held;
  }

  async start(): Promise<void> {
    await this.tryOnce();
    this.timer = setInterval(
      () => {
        this.round ??= this.tryOnce().finally(() => (this.round = undefined));
      },
      Math.max(100, Math.floor(this.leaseMs / 3)),
    );
    this.timer.unref();
  }

  private async tryOnce(): Promise<void> {
    let held: boolean;
    try {
      const now = this.clock.now();
      held = await this.store.acquireLease(this.name, this.holder, now, now + this.leaseMs);
    } catch (error) {
      this.logger.warn(messages.leaseFailed(this.name, (error as Error).message));
      held = false; // cannot renew: act as if lost, another instance may take over
    }
    if (held === this.held) return;
    // Gaining: the owner is ready (watchers started) before `isHeld` says so. Losing: say so first.
    if (held) {
      await this.onChange(true);
      this.held = true;
    } else {
      this.held = false;
      await this.onChange(false);
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.round;
    if (this.held) {
      this.held = false;
      await this.onChange(false);
      await this.store.releaseLease(this.name, this.holder).catch(() => undefined);
    }
  }
}
