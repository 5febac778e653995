import { Logger } from '@nestjs/common';
import type { CronEngine } from './cron-engine';

/**
 * `size` concurrent handlers fed by claims. Idle workers wait for a wake-up (an event
 * enqueued in this process) or the poll interval, whichever comes first; each round also
 * recovers claims whose lease expired.
 */
export class WorkerPool {
  private readonly logger = new Logger('RegistersCron');
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopping = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private woken = false;
  private nextReapAt = 0;
  private unsubscribe?: () => void;

  constructor(
    private readonly engine: CronEngine,
    private readonly size: number,
    private readonly pollIntervalMs: number,
  ) {}

  get busy(): number {
    return this.inFlight.size;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.unsubscribe = this.engine.onWake(() => this.wake());
    this.loop = this.run();
  }

  private wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        // Expired leases are rare: look for them once a poll interval, not on every claim
        // round (a busy pool runs a round per finished event).
        if (Date.now() >= this.nextReapAt) {
          this.nextReapAt = Date.now() + this.pollIntervalMs;
          await this.engine.reapExpired();
        }
        const free = this.size - this.inFlight.size;
        const claimed = free > 0 ? await this.engine.claim(free) : [];
        for (const event of claimed) {
          const work = this.engine
            .execute(event)
            .catch((error) =>
              this.logger.error(`Event ${event.id} (${event.job}): ${(error as Error).message}`),
            )
            .finally(() => {
              this.inFlight.delete(work);
              this.wake();
            });
          this.inFlight.add(work);
        }
        if (claimed.length > 0 && claimed.length === free) continue;
      } catch (error) {
        this.logger.error(`Claiming events failed: ${(error as Error).message}`);
      }
      await this.idle();
    }
  }

  private idle(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.wakeUp = done;
    });
  }

  /**
   * Stops claiming, then waits up to `graceMs` for running handlers. Handlers still running
   * after that are aborted; their events are recovered by another instance after the lease.
   */
  async stop(graceMs: number): Promise<void> {
    if (!this.loop) return;
    this.stopping = true;
    this.unsubscribe?.();
    this.wakeUp?.();
    await this.loop;
    this.loop = undefined;
    if (this.inFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<'timeout'>(
        (resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)),
      );
      const outcome = await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        this.engine.executor.abortAll(new Error('shutdown: the grace period ended'));
        await Promise.allSettled([...this.inFlight]);
      }
    }
  }
}
