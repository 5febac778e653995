/**
 * The registers side of every cron workload: a Nest application (context) with
 * `RegistersCronModule.forRoot` on its own database URL and the bench's job providers. Used
 * in the bench process and in the worker processes alike.
 */
import { INestApplicationContext, Injectable, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  CronOrchestrator,
  Job,
  JobPayload,
  RegistersCronModule,
  type RegistersCronModuleOptions,
} from '@registers/cron';
import { noop } from './noop';

export const NOOP_JOB = 'noop';

/** The manual job of the throughput workloads: the same no-op handler as every peer. */
@Injectable()
export class NoopJobs {
  @Job({ name: NOOP_JOB })
  run(@JobPayload() payload: unknown): void {
    noop(payload);
  }
}

/** A root module importing cron with `options` (file watching off) and the given providers. */
export function cronAppModule(
  options: RegistersCronModuleOptions,
  providers: Type[],
  controllers: Type[] = [],
): Type {
  @Module({
    imports: [RegistersCronModule.forRoot({ watch: false, ...options })],
    providers,
    controllers,
  })
  class BenchCronModule {}
  return BenchCronModule;
}

/**
 * An application context whose runtime started (with `autoStart`), or that only enqueues
 * (`autoStart: false`). Throws when the runtime could not start, instead of retrying.
 */
export async function startCronContext(
  options: RegistersCronModuleOptions,
  providers: Type[],
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(cronAppModule(options, providers), {
    logger: ['error', 'warn'],
  });
  await assertStarted(app, options);
  return app;
}

export async function assertStarted(
  app: INestApplicationContext,
  options: RegistersCronModuleOptions,
): Promise<void> {
  if (options.autoStart === false || app.get(CronOrchestrator).isRunning) return;
  await app.close();
  throw new Error('the registers cron runtime did not start (see the log above)');
}
