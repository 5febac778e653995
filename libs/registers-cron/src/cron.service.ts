import { Injectable } from '@nestjs/common';
import { CronError, EventStateError, UnknownWorkflowError } from './common/errors';
import { CronOrchestrator, type StartOptions } from './cron.orchestrator';
import { CronRegistry } from './cron.registry';
import type {
  CronStatus,
  EventRecord,
  JobSummary,
  RunRecord,
  WorkflowRecord,
} from './interfaces/records.interface';
import type { JobDefinition } from './interfaces/job-definition.interface';
import { messages } from './common/messages';
import { explainSchedule } from './schedule/explain';
import { isScheduled } from './triggers/is-scheduled';
import type { ExplainedFire } from './schedule/fire-schedule.interface';
import { describeTrigger } from './triggers/trigger';
import { staleAfterMs } from './runtime/instance-heartbeat';
import { toEventRecord } from './store/tables/records';
import { CronWorkflowRow } from './store/tables/cron-tables';

/** What `registerWorkflow` stores: a file run through a job or through a shell command. */
export type WorkflowDefinition = { name: string; file: string } & (
  { job: string; command?: undefined } | { command: string; job?: undefined }
);

function toWorkflowRecord(row: CronWorkflowRow): WorkflowRecord {
  return {
    name: row.name,
    file: row.file,
    job: row.job ?? null,
    command: row.command ?? null,
    createdAt: new Date(Number(row.createdAt)).toISOString(),
  };
}

export interface RunResult {
  eventId: number;
  /** The attempt this call ran, or undefined when another worker had the event (`alreadyHandled`). */
  run?: RunRecord;
  /** `--scheduled`: the fire was already run or is running elsewhere. */
  alreadyHandled: boolean;
  scheduledAt: string | null;
}

/** The zone a schedule is read in: a cron's own, UTC for intervals, none for the other triggers. */
function timezoneOf(trigger: JobDefinition['trigger']): string | null {
  if (trigger.kind === 'cron') return trigger.timezone;
  return trigger.kind === 'interval' ? 'UTC' : null;
}

function describeRetry(job: JobDefinition): string {
  const r = job.retry;
  if (r.policy === 'none') return 'none';
  return `${r.policy} ×${r.maxAttempts} (${r.backoffSeconds}s${r.maxBackoffSeconds !== undefined ? `..${r.maxBackoffSeconds}s` : ''}${r.jitterSeconds ? ` +0..${r.jitterSeconds}s` : ''})`;
}

/** The runtime API of @registers/cron (SPEC 4.3): inspect, trigger, run and operate jobs. */
@Injectable()
export class CronService {
  constructor(
    private readonly registry: CronRegistry,
    private readonly orchestrator: CronOrchestrator,
  ) {}

  private get engine() {
    return this.orchestrator.engine;
  }

  /** This process's instance id (what `cron status` lists and run rows name). */
  get instanceId(): string {
    return this.engine.instanceId;
  }

  private now(): number {
    return this.orchestrator.clock.now();
  }

  /** The declared jobs with their paused flag and next fire. */
  async jobs(): Promise<JobSummary[]> {
    this.registry.validateSchedules();
    const paused = await this.engine.store.pausedJobs();
    const now = this.now();
    return this.registry.all().map((job) => {
      const next = isScheduled(job) ? this.registry.schedule(job).nextAfter(now) : null;
      return {
        name: job.name,
        trigger: describeTrigger(job.trigger),
        kind: job.trigger.kind,
        timezone: timezoneOf(job.trigger),
        paused: paused.has(job.name),
        enabled: job.enabled,
        retry: describeRetry(job),
        overlap: job.overlap,
        catchUp: job.catchUp,
        tags: job.tags,
        next: next === null ? null : new Date(next).toISOString(),
      };
    });
  }

  /** Enqueues an event for `name` and returns its id (`idempotencyKey` returns the first event's id on repeats). */
  async trigger(
    name: string,
    payload: unknown = {},
    options: { idempotencyKey?: string; source?: string } = {},
  ): Promise<number> {
    const result = await this.engine.enqueue(name, payload, {
      source: options.source ?? 'manual',
      ...(options.idempotencyKey !== undefined ? { idempotencyKey: options.idempotencyKey } : {}),
    });
    return result.eventId;
  }

  /**
   * Enqueues one event per payload for `name` in one commit and returns their ids in
   * payload order: for producers with many events at once (an import, a fan-out). Each
   * event is retried, recorded and dead-lettered on its own, as if triggered alone.
   */
  triggerMany(
    name: string,
    payloads: unknown[],
    options: { source?: string } = {},
  ): Promise<number[]> {
    return this.engine.enqueueMany(name, payloads, options.source ?? 'manual');
  }

  /**
   * Runs the job in this process now and records it. With `scheduled`, runs the fire that
   * is due now (the latest scheduled instant not after now) under that fire's key, so an
   * external scheduler and the in-app one never run one fire twice.
   */
  async run(
    name: string,
    payload: unknown = {},
    options: { scheduled?: boolean } = {},
  ): Promise<RunResult> {
    let scheduledAt: number | undefined;
    if (options.scheduled) {
      const job = this.engine.scheduledJob(name);
      if (!job) throw new CronError(messages.notScheduled(name), { job: name });
      scheduledAt = this.registry.schedule(job).latestAtOrBefore(this.now()) ?? undefined;
      if (scheduledAt === undefined) throw new CronError(messages.noFireYet(name), { job: name });
    }
    const { eventId } = await this.engine.enqueue(name, payload, {
      source: options.scheduled ? 'schedule' : 'manual',
      ...(scheduledAt !== undefined ? { scheduledAt } : {}),
    });
    const run = await this.engine.runNow(eventId);
    return {
      eventId,
      ...(run ? { run } : {}),
      alreadyHandled: run === undefined,
      scheduledAt: scheduledAt === undefined ? null : new Date(scheduledAt).toISOString(),
    };
  }

  async status(): Promise<CronStatus> {
    const counts = await this.engine.store.counts();
    const leaseMs = this.engine.settings.leaseMs;
    const instances = await this.engine.store.instances(this.now() - staleAfterMs(leaseMs));
    return { ...counts, instances };
  }

  /** Whether this instance's heartbeat is fresh (for health checks). */
  async healthy(): Promise<boolean> {
    if (!(await this.orchestrator.ensureRunning())) return false;
    const beat = await this.engine.store.instanceHeartbeat(this.engine.instanceId);
    return beat !== null && this.now() - beat <= staleAfterMs(this.engine.settings.leaseMs);
  }

  /** Runs newest first; `status` filters, `beforeId` pages back from a run id. */
  history(
    options: {
      job?: string;
      limit?: number;
      eventId?: number;
      status?: string;
      beforeId?: number;
    } = {},
  ): Promise<RunRecord[]> {
    const { job, eventId, status, beforeId } = options;
    return this.engine.store.runs(
      {
        ...(job ? { job } : {}),
        ...(status ? { status } : {}),
        ...(eventId !== undefined ? { eventId } : {}),
        ...(beforeId !== undefined ? { beforeId } : {}),
      },
      options.limit ?? 20,
    );
  }

  async events(
    options: { job?: string; status?: string; limit?: number } = {},
  ): Promise<EventRecord[]> {
    const rows = await this.engine.store.events(options, options.limit ?? 20);
    return rows.map(toEventRecord);
  }

  async event(id: number): Promise<EventRecord> {
    const row = await this.engine.store.event(id);
    if (!row) throw new EventStateError(messages.unknownEvent(id), { eventId: id });
    return toEventRecord(row);
  }

  deadLetters(limit = 100): Promise<EventRecord[]> {
    return this.events({ status: 'dead_letter', limit });
  }

  async retry(eventId: number): Promise<EventRecord> {
    return toEventRecord(await this.engine.retry(eventId));
  }

  async pause(name: string): Promise<void> {
    this.registry.get(name);
    await this.engine.ensureJobsSynced();
    await this.engine.store.setPaused(name, true, this.now());
  }

  /** Resumes a job; fires that fell in the pause are not run (the high-water mark moves to now). */
  async resume(name: string): Promise<void> {
    const job = this.registry.get(name);
    await this.engine.ensureJobsSynced();
    if (isScheduled(job)) {
      const latest = this.registry.schedule(job).latestAtOrBefore(this.now());
      if (latest !== null) await this.engine.store.advanceHighWater(name, latest);
    }
    await this.engine.store.setPaused(name, false, this.now());
    this.engine.wake();
  }

  /** The next `count` fires in the job's zone, with DST notes. */
  explain(name: string, options: { count?: number } = {}): ExplainedFire[] {
    const job = this.engine.scheduledJob(name);
    if (!job) throw new CronError(messages.notScheduled(name), { job: name });
    this.registry.validateSchedules();
    return explainSchedule(job.trigger, this.now(), options.count ?? 5);
  }

  start(options: StartOptions = {}): Promise<void> {
    return this.orchestrator.start(options);
  }

  stop(): Promise<void> {
    return this.orchestrator.stop();
  }

  private async workflowRows() {
    await this.engine.store.ensureReady();
    return this.engine.store.registry.manager(CronWorkflowRow);
  }

  /** The registered workflows, by name. */
  async workflows(): Promise<WorkflowRecord[]> {
    const rows = await (await this.workflowRows()).all({ orderBy: 'name' });
    return rows.map(toWorkflowRecord);
  }

  /** One workflow; `UnknownWorkflowError` naming the registered ones when there is none. */
  async workflow(name: string): Promise<WorkflowRecord> {
    const row = await (await this.workflowRows()).get(name);
    if (row) return toWorkflowRecord(row);
    const known = (await this.workflows()).map((w) => w.name);
    throw new UnknownWorkflowError(messages.unknownWorkflow(name, known), { workflow: name });
  }

  /** Registers (or replaces) a workflow; a job must be declared in this application. */
  async registerWorkflow(definition: WorkflowDefinition): Promise<WorkflowRecord> {
    if (definition.job !== undefined) this.registry.get(definition.job);
    const row = await (
      await this.workflowRows()
    ).upsert({
      name: definition.name,
      file: definition.file,
      job: definition.job ?? null,
      command: definition.command ?? null,
      createdAt: this.now(),
    });
    return toWorkflowRecord(row);
  }

  /** Runs every due event in this process now (tests, scripts): returns how many ran. */
  drain(): Promise<number> {
    return this.engine.drain();
  }
}
