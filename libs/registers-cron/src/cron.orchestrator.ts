import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { SchedulerRegistry } from '@nestjs/schedule/dist/scheduler.registry';
import { DatabaseRegistry, getRegistryToken, redactDatabaseUrl } from '@registers/db';
import {
  DEFAULT_GRACE_SECONDS,
  DEFAULT_LEASE_SECONDS,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_WORKERS,
  REGISTERS_CRON_OPTIONS,
} from './common/constants';
import { messages } from './common/messages';
import { CronRegistry } from './cron.registry';
import type { RegistersCronModuleOptions } from './interfaces/cron-module-options.interface';
import type { CronClock } from './interfaces/cron-clock.interface';
import { DatabaseClock } from './runtime/clock';
import { CronEngine } from './runtime/cron-engine';
import { FireScheduler } from './runtime/fire-scheduler';
import { InstanceHeartbeat } from './runtime/instance-heartbeat';
import { LeaderLease } from './runtime/leader-lease';
import { instanceIdentity } from './runtime/instance-identity';
import { ScheduleTimer } from './runtime/schedule-timer';
import { WorkerPool } from './runtime/worker-pool';
import { CronStore } from './store/cron-store';
import { FileWatchers } from './watch/file-watchers';

/** How often the runtime retries starting after the database was unreachable at boot. */
const START_RETRY_MS = 5000;
/** The lease whose holder watches files. */
export const WATCH_LEASE = 'file-watch';

export interface StartOptions {
  workers?: number;
  leaseSeconds?: number;
}

interface Running {
  pool: WorkerPool;
  timer: ScheduleTimer;
  heartbeat: InstanceHeartbeat;
  watchLease?: LeaderLease;
  stopListening: () => Promise<void>;
}

/**
 * Owns the runtime of this process: builds the engine on first use (no database is opened
 * before that), starts the scheduler, workers, heartbeat and watchers on bootstrap when
 * `autoStart` is on (or on `start()`), and stops them before the application shuts down.
 */
@Injectable()
export class CronOrchestrator implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('RegistersCron');
  private built?: CronEngine;
  private ownRegistry?: DatabaseRegistry;
  private running?: Running;
  private starting?: Promise<void>;
  readonly clock: CronClock;
  private leaseSeconds: number;
  private retryTimer?: NodeJS.Timeout;
  private startFailed = false;

  constructor(
    @Inject(REGISTERS_CRON_OPTIONS) private readonly options: RegistersCronModuleOptions,
    private readonly registry: CronRegistry,
    private readonly moduleRef: ModuleRef,
  ) {
    this.clock = options.clock ?? new DatabaseClock();
    this.leaseSeconds = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  }

  get engine(): CronEngine {
    this.built ??= new CronEngine(
      this.registry,
      new CronStore(this.databaseRegistry()),
      this.clock,
      {
        identity: instanceIdentity(this.options.instanceId),
        leaseMs: this.leaseSeconds * 1000,
        pollIntervalMs: this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
      },
    );
    return this.built;
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** Whether this instance holds the file-watch lease (and so watches files). */
  get isWatchLeader(): boolean {
    return this.running?.watchLease?.isHeld ?? false;
  }

  private databaseRegistry(): DatabaseRegistry {
    const name = this.options.connection ?? 'default';
    if (!this.options.url) {
      try {
        const found = this.moduleRef.get<DatabaseRegistry>(getRegistryToken(name) as string, {
          strict: false,
        });
        if (found instanceof DatabaseRegistry) return found;
      } catch {
        // no such registry in the application: cron keeps its own below
      }
    }
    this.ownRegistry = new DatabaseRegistry({ url: this.options.url, name: 'registers-cron' });
    return this.ownRegistry;
  }

  /** @nestjs/schedule's registry, loaded when the runtime starts (a console's `--help` never needs it). */
  private timers(): SchedulerRegistry {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SchedulerRegistry: Registry } = require('@nestjs/schedule/dist/scheduler.registry') as {
      SchedulerRegistry: new () => SchedulerRegistry;
    };
    try {
      return this.moduleRef.get(Registry, { strict: false });
    } catch {
      return new Registry(); // the app has no ScheduleModule: keep the timer to ourselves
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!(this.options.autoStart ?? true)) return;
    this.registry.validateSchedules(); // a bad declaration fails the application's startup
    await this.start().catch((error) => this.retryStartLater(error));
  }

  /**
   * The database being down at boot does not stop the application (its health check says
   * `cron: down`); the runtime tries again until it starts or the application stops.
   */
  private retryStartLater(error: unknown): void {
    if (!this.startFailed)
      this.logger.error(
        messages.startFailed(
          redactDatabaseUrl((error as Error)?.message ?? String(error)),
          START_RETRY_MS / 1000,
        ),
      );
    this.startFailed = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.start().catch((next) => this.retryStartLater(next));
    }, START_RETRY_MS);
    this.retryTimer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
    await this.ownRegistry?.dispose();
  }

  /**
   * Whether the runtime runs; with `autoStart`, a runtime that failed to start (database
   * down at boot) is tried again right away. Health checks call this.
   */
  async ensureRunning(): Promise<boolean> {
    if (this.running) return true;
    if (!(this.options.autoStart ?? true) || !this.startFailed) return false;
    try {
      await this.start();
      return true;
    } catch (error) {
      this.retryStartLater(error);
      return false;
    }
  }

  /** Starts the scheduler, the workers, the instance heartbeat and the file watchers. */
  start(options: StartOptions = {}): Promise<void> {
    if (options.leaseSeconds !== undefined && !this.built) this.leaseSeconds = options.leaseSeconds;
    this.starting ??= this.startNow(options).catch((error) => {
      this.starting = undefined;
      throw error;
    });
    return this.starting;
  }

  private async startNow(options: StartOptions): Promise<void> {
    this.registry.validateSchedules();
    const engine = this.engine;
    await engine.store.ensureReady();
    const heartbeat = new InstanceHeartbeat(
      engine.store,
      this.clock,
      engine.settings.identity,
      engine.settings.leaseMs,
    );
    await heartbeat.calibrate();
    await engine.syncJobs();
    await heartbeat.beat();
    // Fires from the instance's start on are this instance's to insert; older ones are "missed".
    const scheduler = new FireScheduler(this.registry, engine.store, heartbeat.startedAt);
    await scheduler.catchUp(this.clock.now());
    await scheduler.tick(this.clock.now());
    const pool = new WorkerPool(
      engine,
      options.workers ?? this.options.workers ?? DEFAULT_WORKERS,
      engine.settings.pollIntervalMs,
    );
    const timer = new ScheduleTimer(scheduler, this.clock, this.timers(), (inserted) => {
      if (inserted > 0) engine.wake();
    });
    const watchers = new FileWatchers(engine, this.options.watch ?? true);
    // Only the holder of the `file-watch` lease watches, so one change is one event.
    const watchLease = watchers.needed
      ? new LeaderLease(
          engine.store,
          this.clock,
          WATCH_LEASE,
          engine.instanceId,
          engine.settings.leaseMs,
          (held) => (held ? watchers.start() : watchers.stop()),
        )
      : undefined;
    // Events inserted by other replicas wake this one's workers at once (PostgreSQL).
    const stopListening = await engine.store.listen(() => engine.wake());
    heartbeat.start();
    pool.start();
    timer.start();
    await watchLease?.start();
    this.running = { pool, timer, heartbeat, watchLease, stopListening };
    this.startFailed = false;
    this.logger.log(
      messages.started(
        engine.instanceId,
        this.registry.all().length,
        options.workers ?? this.options.workers ?? DEFAULT_WORKERS,
      ),
    );
  }

  /** Stops claiming, lets running handlers finish (up to the grace period), then stops the rest. */
  async stop(): Promise<void> {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.starting?.catch(() => undefined);
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    this.starting = undefined;
    await running.watchLease?.stop();
    await running.timer.stop();
    await running.stopListening();
    await running.pool.stop((this.options.graceSeconds ?? DEFAULT_GRACE_SECONDS) * 1000);
    await running.heartbeat.stop();
  }
}
