import { Logger } from '@nestjs/common';
import type { StoredEvent } from '../store/tables/stored-event';
import type { CronEngine } from './cron-engine';
import { messages } from '../common/messages';

/** At most this many events held ahead of the workers. */
const MAX_AHEAD = 64;
/** At most this many finished handlers whose outcome is not written yet, beyond the workers. */
const MAX_UNWRITTEN = 64;

/**
 * `room` rounded down to a multiple of 8 above 8: the claim statement inlines its LIMIT, and
 * with few distinct sizes its few texts stay prepared and planned on the server instead of
 * a new text (parsed and planned again) for nearly every claim.
 */
function claimSize(room: number): number {
  return room > 8 ? room - (room % 8) : room;
}

/**
 * `size` concurrent handlers fed by claims. Idle workers wait for a wake-up (an event
 * enqueued in this process) or the poll interval, whichever comes first; each round also
 * recovers claims whose lease expired.
 *
 * The pool claims events ahead of its free workers (see aheadTarget), so a worker that
 * finishes starts the next event at once instead of waiting for a claim round trip; one
 * claim then serves many events. Events held ahead keep their lease extended and are given
 * back (pending again, the attempt not counted) when the pool stops.
 */
export class WorkerPool {
  private readonly logger = new Logger('RegistersCron');
  /** Attempts not finished: handlers running, and outcomes not yet written. */
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Workers running a handler. */
  private active = 0;
  /** Claimed, not yet started. */
  private readonly held: StoredEvent[] = [];
  private holdTimer?: NodeJS.Timeout;
  /** Recent average handler time; starts high, so a new pool claims only for its workers. */
  private averageMs = 1000;
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

  /** Workers running a handler now. */
  get busy(): number {
    return this.active;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.unsubscribe = this.engine.onWake(() => this.wake());
    this.holdTimer = setInterval(
      () => this.extendHeld(),
      Math.max(50, Math.floor(this.engine.settings.leaseMs / 3)),
    );
    this.holdTimer.unref();
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
        this.startHeld();
        const ahead = this.aheadTarget();
        const free = this.size - this.active;
        // Claim when a worker is free or the held events run low, then a whole batch.
        const room = claimSize(
          free > 0 || this.held.length <= ahead / 2 ? free + ahead - this.held.length : 0,
        );
        const claimed = room > 0 ? await this.engine.claim(room) : [];
        this.held.push(...claimed);
        this.startHeld();
        if (claimed.length > 0 && claimed.length === room) continue;
      } catch (error) {
        this.logger.error(messages.claimFailed((error as Error).message));
      }
      await this.idle();
    }
  }

  /**
   * How many events to hold ahead of the workers: about 100 ms of work at the recent
   * average handler time, between `size` and MAX_AHEAD. Fast handlers get large claims (one
   * statement serves dozens of events); slow ones hold few, leaving the rest to other
   * replicas.
   */
  private aheadTarget(): number {
    const perEvent = Math.max(this.averageMs, 0.1);
    return Math.round(Math.min(MAX_AHEAD, Math.max(this.size, (this.size * 100) / perEvent)));
  }

  /**
   * Starts held events while workers are free. A worker is free again when its handler
   * settled; the outcome is written after that, batched with other workers' writes. At most
   * `size + MAX_UNWRITTEN` attempts are open at once, handlers and unwritten outcomes together.
   */
  private startHeld(): void {
    while (
      this.active < this.size &&
      this.inFlight.size < this.size + MAX_UNWRITTEN &&
      this.held.length > 0 &&
      !this.stopping
    ) {
      const event = this.held.shift()!;
      const began = performance.now();
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        this.active--;
        // Exponential moving average of handler times.
        this.averageMs = 0.8 * this.averageMs + 0.2 * (performance.now() - began);
        this.startHeld();
        this.wake();
      };
      this.active++;
      const work = this.engine
        .execute(event, release)
        .catch((error) =>
          this.logger.error(messages.eventFailed(event.id, event.job, (error as Error).message)),
        )
        .finally(() => {
          this.inFlight.delete(work);
          release();
          this.startHeld();
        });
      this.inFlight.add(work);
    }
  }

  /**
   * Keeps the leases of held events from running out while they wait for a worker (a long
   * handler ahead of them); an event whose lease was lost is dropped, its new owner runs it.
   */
  private extendHeld(): void {
    for (const event of [...this.held]) {
      this.engine
        .extendLease(event)
        .then((kept) => {
          if (kept) return;
          const at = this.held.indexOf(event);
          if (at >= 0) this.held.splice(at, 1);
        })
        .catch(() => undefined); // the next round tries again before the lease ends
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
    clearInterval(this.holdTimer);
    const held = this.held.splice(0);
    await Promise.all(held.map((event) => this.engine.giveBack(event).catch(() => undefined)));
    if (this.inFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<'timeout'>(
        (resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)),
      );
      const outcome = await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        this.engine.executor.abortAll(new Error(messages.shutdownAbort));
        await Promise.allSettled([...this.inFlight]);
      }
    }
  }
}
