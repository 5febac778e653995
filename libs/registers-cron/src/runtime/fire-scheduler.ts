import type { JobDefinition } from '../interfaces/job-definition.interface';
import type { ScheduledTrigger } from '../interfaces/trigger.interface';
import { isScheduled } from '../triggers/is-scheduled';
import type { CronStore } from '../store/cron-store';
import type { DeclaredJobs } from './declared-jobs.interface';

type ScheduledJob = JobDefinition & { trigger: ScheduledTrigger };

/** At most this many fires are inserted per job and tick (a long-stopped every-second job catches up in steps). */
const MAX_FIRES_PER_TICK = 1000;

/**
 * Turns schedules into events. A fire is keyed by (job, instant in UTC), so every replica
 * may insert it and exactly one row results. Fires are computed from the job's high-water
 * mark, not from "now": a late tick inserts every fire since the last one, as long as it is
 * not older than this instance's start; older ones are "missed" and follow `catchUp`.
 */
export class FireScheduler {
  constructor(
    private readonly registry: DeclaredJobs,
    private readonly store: CronStore,
    private readonly startedAt: number,
  ) {}

  jobs(): ScheduledJob[] {
    return this.registry.all().filter((j): j is ScheduledJob => j.enabled && isScheduled(j));
  }

  /** Applies each job's catch-up policy to fires missed while no instance ran. */
  async catchUp(now: number): Promise<void> {
    for (const job of this.jobs()) {
      const state = await this.store.jobState(job.name);
      if (!state || state.paused) continue;
      const schedule = this.registry.schedule(job);
      if (state.lastFireAt === null || job.catchUp === 'skip') continue;
      const missedUntil = this.startedAt - 1;
      if (job.catchUp === 'latest') {
        const latest = schedule.latestAtOrBefore(missedUntil);
        if (latest !== null && latest > state.lastFireAt)
          await this.insertFires(job, [latest], now);
        continue;
      }
      const from = Math.max(state.lastFireAt, now - job.catchUpWindowSeconds * 1000 - 1);
      await this.insertFires(
        job,
        schedule.firesBetween(from, missedUntil, MAX_FIRES_PER_TICK),
        now,
      );
    }
  }

  /** Inserts the fires due by `now` for every scheduled job; returns how many were new. */
  async tick(now: number): Promise<number> {
    let inserted = 0;
    for (const job of this.jobs()) {
      const state = await this.store.jobState(job.name);
      if (!state || state.paused) continue;
      const from = Math.max(state.lastFireAt ?? -Infinity, this.startedAt - 1);
      const fires = this.registry.schedule(job).firesBetween(from, now, MAX_FIRES_PER_TICK);
      inserted += await this.insertFires(job, fires, now);
    }
    return inserted;
  }

  /** The next instant any job fires after `now` (for the timer), or null. */
  nextFire(now: number): number | null {
    let next: number | null = null;
    for (const job of this.jobs()) {
      const t = this.registry.schedule(job).nextAfter(now);
      if (t !== null && (next === null || t < next)) next = t;
    }
    return next;
  }

  private async insertFires(job: ScheduledJob, fires: number[], now: number): Promise<number> {
    let inserted = 0;
    for (const fireAt of fires) {
      const waiting =
        job.overlap === 'queue' &&
        (await this.store.events({ job: job.name, status: 'pending' }, 1)).length > 0;
      const id = await this.store.insertEvent({
        job: job.name,
        source: 'schedule',
        dedupeKey: String(fireAt),
        // `queue` keeps at most one waiting event: a fire while one waits is recorded as skipped.
        status: waiting ? 'skipped' : 'pending',
        maxAttempts: job.retry.maxAttempts,
        payload: '{}',
        createdAt: now,
        runAfter: fireAt,
        scheduledAt: fireAt,
      });
      if (id !== undefined) inserted++;
    }
    if (fires.length > 0) await this.store.advanceHighWater(job.name, fires[fires.length - 1]);
    return inserted;
  }
}
