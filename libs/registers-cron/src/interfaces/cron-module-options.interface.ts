import type { CanActivate, ModuleMetadata, Type } from '@nestjs/common';
import type { CronClock } from './cron-clock.interface';

/** The jobs dashboard: server-rendered pages served by the application itself. */
export interface CronDashboardOptions {
  /** Mount point of the pages. Default `/cron`. */
  path?: string;
  /**
   * A Nest guard (class or instance) that approves every dashboard request, pages and actions.
   * Required unless `readOnly` is true, and then only requests that reached the application on
   * a loopback address are answered.
   */
  guard?: Type<CanActivate> | CanActivate;
  /** Pages only: no action forms, and every POST is refused with 403. Default false. */
  readOnly?: boolean;
  /** Field names whose values are shown as ••••, at any depth of a payload or result. */
  secretFields?: string[];
  /** Runs per page of the runs list. Default 50. */
  pageSize?: number;
}

export interface RegistersCronModuleOptions {
  /**
   * The `@registers/db` registry that keeps the cron tables: the name of a
   * `RegistersDbModule.forRoot({ name })` registry (default `default`). When the application
   * has no such registry, cron opens its own on `url`.
   */
  connection?: string;
  /** Database URL for cron's own registry (used only when `connection` names no registry). */
  url?: string;
  /** Concurrent handlers in this process. Default 4. */
  workers?: number;
  /** Start the scheduler and workers on application bootstrap. Default true (a console sets false and uses `cron start`). */
  autoStart?: boolean;
  /** How long a claim lasts without a heartbeat. Default 30. */
  leaseSeconds?: number;
  /** How often idle workers look for due events. Default 1000. */
  pollIntervalMs?: number;
  /** Mount point of webhook triggers. Default `/hooks`. */
  webhookPrefix?: string;
  /** Largest webhook body accepted, in bytes. Default 1 MiB. */
  webhookBodyLimitBytes?: number;
  /** Start file watchers. Default true. */
  watch?: boolean;
  /** This instance's id. Default `<host>-<pid>-<random>`. */
  instanceId?: string;
  /** How long shutdown waits for running handlers, in seconds. Default 30. */
  graceSeconds?: number;
  /** Time source; tests pass a VirtualClock from `@registers/cron/testing`. */
  clock?: CronClock;
  /** Serve the jobs dashboard. Off by default. */
  dashboard?: CronDashboardOptions;
}

export interface RegistersCronModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory: (...args: any[]) => RegistersCronModuleOptions | Promise<RegistersCronModuleOptions>;
  inject?: any[];
  /** The webhook mount point must be known before the factory runs (routes are static). Default `/hooks`. */
  webhookPrefix?: string;
  /** The dashboard is a route too, so it is given here rather than by the factory. */
  dashboard?: CronDashboardOptions;
}
