import { Injectable } from '@nestjs/common';
import { Job, JobCtx, JobPayload, Trigger, type JobContext } from '@registers/cron';

/** The heartbeat's schedule: `HEARTBEAT_CRON`, else every five minutes (6 fields, with seconds). */
export const HEARTBEAT_CRON = process.env.HEARTBEAT_CRON || '0 */5 * * * *';

/** What the heartbeat does with beats missed while no instance ran: `HEARTBEAT_CATCH_UP`, else `skip`. */
export const HEARTBEAT_CATCH_UP =
  (['skip', 'latest', 'all'] as const).find(
    (policy) => policy === process.env.HEARTBEAT_CATCH_UP,
  ) ?? 'skip';

export interface RebuildPayload {
  dry_run?: boolean;
  dryRun?: boolean;
}

export interface WaitPayload {
  ms?: number;
  /** Makes the attempt fail (`asked to fail`): how the e2e tests reach retries and dead letters. */
  fail?: boolean;
}

/** Resolves after `ms`, or as soon as `signal` aborts; gives the milliseconds waited. */
function sleep(ms: number, signal: AbortSignal): Promise<number> {
  const started = Date.now();
  return new Promise((resolve) => {
    const finish = (waited: number) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(waited);
    };
    const onAbort = () => finish(Math.min(ms, Date.now() - started));
    const timer = setTimeout(() => finish(ms), ms);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The console's jobs (SPEC 5.2). They run inside `cron start`, or now with `cron run <job>`. */
@Injectable()
export class ConsoleJobs {
  @Job({ description: 'Rebuild the search index (manual)' })
  rebuild(@JobPayload() payload: RebuildPayload | null): string {
    const dryRun = payload?.dry_run ?? payload?.dryRun ?? false;
    return `rebuilt: dry_run=${dryRun === true}`;
  }

  @Job({
    description: 'Nightly maintenance at 02:00 UTC',
    trigger: Trigger.cron('0 2 * * *', { timezone: 'UTC' }),
    retry: {
      policy: 'exponential',
      maxAttempts: 5,
      backoffSeconds: 10,
      maxBackoffSeconds: 180,
      jitterSeconds: 2,
    },
    tags: ['ops'],
  })
  nightly(@JobCtx() ctx: JobContext): string {
    return `nightly maintenance done for ${(ctx.scheduledAt ?? new Date()).toISOString()}`;
  }

  @Job({
    description: 'Liveness beat (HEARTBEAT_CRON)',
    trigger: Trigger.cron(HEARTBEAT_CRON, { timezone: 'UTC' }),
    catchUp: HEARTBEAT_CATCH_UP,
  })
  heartbeat(@JobCtx() ctx: JobContext): string {
    return `beat ${(ctx.scheduledAt ?? new Date()).toISOString()}`;
  }

  @Job({
    description: 'Wait { "ms": N } milliseconds (stops early when aborted)',
    retry: { policy: 'fixed', maxAttempts: 3, backoffSeconds: 1 },
  })
  async wait(
    @JobPayload() payload: WaitPayload | null,
    @JobCtx() ctx: JobContext,
  ): Promise<string> {
    if (payload?.fail === true) throw new Error('asked to fail');
    const ms = Number(payload?.ms ?? 0);
    if (!Number.isFinite(ms) || ms < 0)
      throw new Error(`ms must be a number ≥ 0, not ${payload?.ms}`);
    return `waited ${await sleep(ms, ctx.signal)}`;
  }
}
