import { Logger } from '@nestjs/common';
import { JobTimeoutError, LeaseLostError } from '../common/errors';
import type { JobContext, JobEventRecord } from '../interfaces/job-context.interface';
import type { JobDefinition } from '../interfaces/job-definition.interface';
import { messages } from '../common/messages';
import type { CronStore } from '../store/cron-store';
import type { StoredEvent } from '../store/tables/stored-event';
import { AttemptAbort } from './attempt-abort';
import { afterFailure, retryDelayMs } from './backoff';
import type { CronClock } from '../interfaces/cron-clock.interface';

export interface ExecutorSettings {
  instance: string;
  leaseMs: number;
  /** How long a `queue` event waits before it looks again whether the job is free. */
  requeueDelayMs: number;
  random?: () => number;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
}

function toJson(value: unknown): string | null {
  if (value === undefined) return null;
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return JSON.stringify(String(value));
  }
}

/** The outcome of one attempt, as the caller of `execute` sees it. */
export interface AttemptOutcome {
  runId?: number;
  status: 'succeeded' | 'failed' | 'timeout' | 'skipped' | 'requeued' | 'lost';
}

/**
 * Runs one claimed event: applies the overlap policy, records the run, calls the handler
 * under a lease that heartbeats extend, and ends the event (done, retry later, failed or
 * dead letter). Every write names the claim's token, so a worker whose lease was taken
 * over changes nothing and has its `ctx.signal` aborted.
 */
export class EventExecutor {
  private readonly running = new Map<number, AttemptAbort>();

  constructor(
    private readonly store: CronStore,
    private readonly clock: CronClock,
    private readonly settings: ExecutorSettings,
  ) {}

  get active(): number {
    return this.running.size;
  }

  /** Aborts every running handler (shutdown past its grace period). */
  abortAll(reason: Error): void {
    for (const abort of this.running.values()) abort.abort(reason);
  }

  /**
   * `handlerDone` is called as soon as the handler settled (or was never called), before
   * the outcome is written: the worker pool frees the worker then, and the write joins the
   * next batch while the worker already runs another event.
   */
  async execute(
    job: JobDefinition,
    event: StoredEvent,
    handlerDone?: () => void,
  ): Promise<AttemptOutcome> {
    try {
      return await this.executeAttempt(job, event, handlerDone);
    } finally {
      handlerDone?.();
    }
  }

  private async executeAttempt(
    job: JobDefinition,
    event: StoredEvent,
    handlerDone?: () => void,
  ): Promise<AttemptOutcome> {
    const token = event.leaseToken!;
    const overlap = await this.overlapDecision(job, event);
    if (overlap === 'skip') {
      const now = this.clock.now();
      if (
        !(await this.store.finishEvent(event.id, token, {
          status: 'skipped',
          finishedAt: now,
          error: null,
        }))
      )
        return { status: 'lost' };
      const runId = await this.store.startRun(event, this.settings.instance, now, 'skipped');
      return { runId, status: 'skipped' };
    }
    if (overlap === 'wait') {
      const requeued = await this.store.requeueEvent(
        event.id,
        token,
        this.clock.now() + this.settings.requeueDelayMs,
        event.error,
        true,
      );
      return { status: requeued ? 'requeued' : 'lost' };
    }
    return this.attempt(job, event, token, handlerDone);
  }

  /** Ties between two claims of one job go to the older event (lower id). */
  private async overlapDecision(
    job: JobDefinition,
    event: StoredEvent,
  ): Promise<'run' | 'skip' | 'wait'> {
    if (job.overlap === 'allow') return 'run';
    const others = await this.store.activeEvents(job.name, event.id);
    const olderRunning = others.some((o) => o.status === 'running' && o.id < event.id);
    if (!olderRunning) return 'run';
    return job.overlap === 'skip' ? 'skip' : 'wait';
  }

  private async attempt(
    job: JobDefinition,
    event: StoredEvent,
    token: string,
    handlerDone?: () => void,
  ): Promise<AttemptOutcome> {
    const startedAt = this.clock.now();
    // The run row is written while the handler runs (it joins a batch with other workers'
    // writes); its id is needed only to record the outcome. If the write fails, the event
    // stays claimed and its lease runs out like a crashed worker's.
    const started = this.store.beginRun(event, this.settings.instance, startedAt);
    started.id.catch(() => undefined);
    const abort = new AttemptAbort();
    this.running.set(event.id, abort);
    const stopHeartbeat = this.heartbeat(event.id, token, abort);
    const stopTimeout = this.timeout(job, abort);
    let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
    try {
      const value = await this.invoke(job, event, abort);
      outcome = abort.aborted ? { ok: false, error: abort.reason } : { ok: true, value };
    } catch (error) {
      outcome = { ok: false, error: abort.aborted ? abort.reason : error };
    } finally {
      stopHeartbeat();
      stopTimeout();
      this.running.delete(event.id);
      handlerDone?.();
    }
    const finishedAt = this.clock.now();
    const durationMs = Math.max(0, finishedAt - startedAt);
    if (outcome.ok) {
      const { runId, applied } = await this.store.finishRun(started, {
        eventId: event.id,
        token,
        finishedAt,
        durationMs,
        result: toJson(outcome.value),
      });
      return applied ? { runId, status: 'succeeded' } : this.lost(runId, finishedAt, durationMs);
    }
    const runId = await started.id;
    if (outcome.error instanceof LeaseLostError) return this.lost(runId, finishedAt, durationMs);
    const timedOut = outcome.error instanceof JobTimeoutError;
    const error = errorMessage(outcome.error);
    const next = afterFailure(job.retry, event.attempt, event.maxAttempts);
    const applied =
      next === 'retry'
        ? await this.store.requeueEvent(
            event.id,
            token,
            finishedAt + retryDelayMs(job.retry, event.attempt, this.settings.random),
            error,
          )
        : await this.store.finishEvent(event.id, token, { status: next, finishedAt, error });
    if (!applied) return this.lost(runId, finishedAt, durationMs);
    const status = timedOut ? 'timeout' : 'failed';
    await this.store.endRun(runId, { status, finishedAt, durationMs, result: null, error });
    return { runId, status };
  }

  private async lost(
    runId: number,
    finishedAt: number,
    durationMs: number,
  ): Promise<AttemptOutcome> {
    await this.store.endRun(runId, {
      status: 'failed',
      finishedAt,
      durationMs,
      result: null,
      error: messages.leaseExpired(this.settings.instance),
    });
    return { runId, status: 'lost' };
  }

  private invoke(job: JobDefinition, event: StoredEvent, abort: AttemptAbort): Promise<unknown> {
    const payload = parsePayload(event.payload);
    const ctx: JobContext = {
      job: job.name,
      eventId: event.id,
      attempt: event.attempt,
      get signal() {
        return abort.signal;
      },
      logger: new Logger(`cron:${job.name}`),
      scheduledAt: event.scheduledAt === null ? null : new Date(event.scheduledAt),
      idempotencyKey: `${job.name}:${event.dedupeKey}`,
      instance: this.settings.instance,
    };
    const record: JobEventRecord = { id: event.id, source: event.source, payload };
    const args = job.params.map((kind) =>
      kind === 'payload' ? payload : kind === 'event' ? record : kind === 'ctx' ? ctx : undefined,
    );
    // The abort wins the race: a handler that ignores ctx.signal cannot hold its run open.
    const work = (async () => job.invoke(args))();
    work.catch(() => undefined);
    return abort.race(work);
  }

  private heartbeat(id: number, token: string, abort: AttemptAbort): () => void {
    const every = Math.max(50, Math.floor(this.settings.leaseMs / 3));
    const timer = setInterval(() => {
      this.store
        .extendLease(id, token, this.clock.now() + this.settings.leaseMs)
        .then((held) => {
          if (!held)
            abort.abort(
              new LeaseLostError(messages.leaseExpired(this.settings.instance), { eventId: id }),
            );
        })
        .catch(() => undefined); // a database hiccup: the next beat tries again before the lease ends
    }, every);
    timer.unref();
    return () => clearInterval(timer);
  }

  private timeout(job: JobDefinition, abort: AttemptAbort): () => void {
    if (job.maxRuntimeSeconds === undefined) return () => undefined;
    const timer = setTimeout(
      () =>
        abort.abort(
          new JobTimeoutError(messages.timedOut(job.name, job.maxRuntimeSeconds!), {
            job: job.name,
          }),
        ),
      job.maxRuntimeSeconds * 1000,
    );
    timer.unref();
    return () => clearTimeout(timer);
  }
}

export function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
