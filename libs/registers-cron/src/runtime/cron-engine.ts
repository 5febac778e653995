import { randomBytes, randomUUID } from 'node:crypto';
import { EventStateError, InvalidPayloadError, JobPausedError } from '../common/errors';
import type { CronClock } from '../interfaces/cron-clock.interface';
import type { JobDefinition } from '../interfaces/job-definition.interface';
import type { RunRecord } from '../interfaces/records.interface';
import { messages } from '../common/messages';
import { isScheduled } from '../triggers/is-scheduled';
import type { CronStore } from '../store/cron-store';
import type { StoredEvent } from '../store/tables/stored-event';
import { describeTrigger } from '../triggers/trigger';
import { afterFailure, retryDelayMs } from './backoff';
import type { DeclaredJobs } from './declared-jobs.interface';
import { EventExecutor, type AttemptOutcome } from './event-executor';
import type { InstanceIdentity } from './instance-identity';

export interface EngineSettings {
  identity: InstanceIdentity;
  leaseMs: number;
  pollIntervalMs: number;
  random?: () => number;
}

export interface EnqueueOptions {
  source: string;
  /** The caller's idempotency key: a second enqueue with it returns the first event. */
  idempotencyKey?: string;
  /** Fire instant of a scheduled event (`cron run --scheduled`). */
  scheduledAt?: number;
}

export interface EnqueueResult {
  eventId: number;
  /** False when the key already had an event (that event's id is returned). */
  created: boolean;
}

/** Serializes a payload once, refusing what JSON cannot carry faithfully. */
export function serializePayload(payload: unknown): string {
  if (payload === undefined) return '{}';
  let text: string | undefined;
  try {
    text = JSON.stringify(payload);
  } catch (error) {
    throw new InvalidPayloadError(messages.payloadNotStorable((error as Error).message));
  }
  if (text === undefined) throw new InvalidPayloadError(messages.payloadNotJsonValue);
  return text;
}

/**
 * The job runtime of one process, without Nest: enqueues events, claims due ones for the
 * jobs this process declares, runs them through the executor and recovers claims whose
 * lease expired. The scheduler, worker pool and CronService are built on it.
 */
export class CronEngine {
  readonly executor: EventExecutor;
  private readonly wakeListeners = new Set<() => void>();
  private synced?: Promise<void>;

  constructor(
    readonly registry: DeclaredJobs,
    readonly store: CronStore,
    readonly clock: CronClock,
    readonly settings: EngineSettings,
  ) {
    this.executor = new EventExecutor(store, clock, {
      instance: settings.identity.id,
      leaseMs: settings.leaseMs,
      requeueDelayMs: settings.pollIntervalMs,
      random: settings.random,
    });
  }

  get instanceId(): string {
    return this.settings.identity.id;
  }

  /** Called when this process enqueued something: idle workers look at once. */
  onWake(listener: () => void): () => void {
    this.wakeListeners.add(listener);
    return () => this.wakeListeners.delete(listener);
  }

  /** Wakes idle workers of this process (something was just enqueued). */
  wake(): void {
    for (const listener of this.wakeListeners) listener();
  }

  /** `syncJobs` once per engine: enqueues need the job rows (pause flags) to exist. */
  ensureJobsSynced(): Promise<void> {
    this.synced ??= this.syncJobs().catch((error) => {
      this.synced = undefined;
      throw error;
    });
    return this.synced;
  }

  /** Records the declared jobs in the jobs table (kind, spec), keeping pause flags. */
  async syncJobs(): Promise<void> {
    const now = this.clock.now();
    for (const job of this.registry.all()) {
      // The spec column is for people reading the table: the same words as `cron jobs`.
      const spec = describeTrigger(job.trigger).slice(0, 500);
      await this.store.syncJob(job.name, job.trigger.kind, spec, now);
    }
  }

  async assertNotPaused(job: JobDefinition): Promise<void> {
    const state = await this.store.jobState(job.name);
    if (state?.paused) throw new JobPausedError(messages.jobPaused(job.name), { job: job.name });
  }

  async enqueue(name: string, payload: unknown, options: EnqueueOptions): Promise<EnqueueResult> {
    const job = this.registry.get(name);
    const text = serializePayload(payload);
    await this.ensureJobsSynced();
    await this.assertNotPaused(job);
    const dedupeKey =
      options.scheduledAt !== undefined
        ? String(options.scheduledAt)
        : (options.idempotencyKey ?? randomUUID());
    const now = this.clock.now();
    const id = await this.store.insertEvent({
      job: job.name,
      source: options.source,
      dedupeKey,
      status: 'pending',
      maxAttempts: job.retry.maxAttempts,
      payload: text,
      createdAt: now,
      runAfter: now,
      scheduledAt: options.scheduledAt ?? null,
    });
    if (id !== undefined) {
      this.wake();
      return { eventId: id, created: true };
    }
    const existing = await this.store.eventByKey(job.name, dedupeKey);
    return { eventId: existing!.id, created: false };
  }

  /**
   * Enqueues one event per payload in one statement or transaction (one commit), for
   * producers that have many at once. Ids in payload order.
   */
  async enqueueMany(name: string, payloads: unknown[], source: string): Promise<number[]> {
    const job = this.registry.get(name);
    const texts = payloads.map(serializePayload);
    if (texts.length === 0) return [];
    await this.ensureJobsSynced();
    await this.assertNotPaused(job);
    const now = this.clock.now();
    const ids = await this.store.insertEvents(
      texts.map((payload) => ({
        job: job.name,
        source,
        dedupeKey: randomUUID(),
        status: 'pending',
        maxAttempts: job.retry.maxAttempts,
        payload,
        createdAt: now,
        runAfter: now,
        scheduledAt: null,
      })),
    );
    this.wake();
    // Fresh random keys never collide with an existing event, so every id is set.
    return ids.map((id) => id!);
  }

  /** Claims up to `limit` due events of this process's jobs. */
  claim(limit: number, eventId?: number): Promise<StoredEvent[]> {
    const jobs = this.registry
      .all()
      .filter((j) => j.enabled)
      .map((j) => j.name);
    if (jobs.length === 0 || limit <= 0) return Promise.resolve([]);
    const now = this.clock.now();
    return this.store.claim({
      instance: this.instanceId,
      token: randomBytes(16).toString('hex'),
      now,
      leaseUntil: now + this.settings.leaseMs,
      limit,
      jobs,
      ...(eventId !== undefined ? { eventId } : {}),
    });
  }

  /** Extends the lease of a claimed event that has not started yet; false when it was lost. */
  extendLease(event: StoredEvent): Promise<boolean> {
    return this.store.extendLease(
      event.id,
      event.leaseToken!,
      this.clock.now() + this.settings.leaseMs,
    );
  }

  /** Returns a claimed event that never started: pending again, its attempt not counted. */
  async giveBack(event: StoredEvent): Promise<void> {
    await this.store.requeueEvent(event.id, event.leaseToken!, event.runAfter, event.error, true);
    this.wake();
  }

  execute(event: StoredEvent, handlerDone?: () => void): Promise<AttemptOutcome> {
    return this.executor.execute(this.registry.get(event.job), event, handlerDone);
  }

  /**
   * Runs one event in this process now (`cron run`, `CronService.run`): claims it by id and
   * executes it. Returns its latest run, or undefined when another worker has it.
   */
  async runNow(eventId: number): Promise<RunRecord | undefined> {
    const [event] = await this.claim(1, eventId);
    if (!event) return undefined;
    const outcome = await this.execute(event);
    return outcome.runId !== undefined ? this.store.run(outcome.runId) : undefined;
  }

  /** Runs every due event in this process until none is left (the testing kit's "run what is due"). */
  async drain(maxEvents = 10_000): Promise<number> {
    let ran = 0;
    while (ran < maxEvents) {
      const batch = await this.claim(1);
      if (batch.length === 0) break;
      await this.execute(batch[0]);
      ran++;
    }
    return ran;
  }

  /**
   * Claims whose lease expired: the lost attempt's run ends `failed` ("lease expired") and
   * the event becomes the next attempt under its job's retry policy (or ends failed /
   * dead letter). The token in the WHERE clause makes two reapers harmless.
   */
  async reapExpired(): Promise<number> {
    const now = this.clock.now();
    let reaped = 0;
    for (const event of await this.store.expiredClaims(now)) {
      const job = this.registry.has(event.job) ? this.registry.get(event.job) : undefined;
      const error = messages.leaseExpired(event.leaseOwner ?? 'unknown');
      const retry = job?.retry ?? {
        policy: event.maxAttempts > 1 ? 'fixed' : 'none',
        maxAttempts: event.maxAttempts,
        backoffSeconds: 0,
        jitterSeconds: 0,
      };
      const next = afterFailure(retry, event.attempt, event.maxAttempts);
      const applied =
        next === 'retry'
          ? await this.store.requeueEvent(
              event.id,
              event.leaseToken!,
              now + retryDelayMs(retry, event.attempt, this.settings.random),
              error,
            )
          : await this.store.finishEvent(event.id, event.leaseToken!, {
              status: next,
              finishedAt: now,
              error,
            });
      if (!applied) continue;
      await this.store.failLostRun(event.id, event.attempt, now, error);
      reaped++;
    }
    if (reaped > 0) this.wake();
    return reaped;
  }

  /** A failed or dead-lettered event back to pending with fresh attempts. */
  async retry(eventId: number): Promise<StoredEvent> {
    const event = await this.store.event(eventId);
    if (!event) throw new EventStateError(messages.unknownEvent(eventId), { eventId });
    if (!(await this.store.resetForRetry(eventId, this.clock.now())))
      throw new EventStateError(messages.notRetryable(eventId, event.status), {
        eventId,
        job: event.job,
      });
    this.wake();
    return (await this.store.event(eventId))!;
  }

  /** Jobs that have a schedule, for `--scheduled` and explain. */
  scheduledJob(name: string) {
    const job = this.registry.get(name);
    return isScheduled(job) ? job : undefined;
  }
}
