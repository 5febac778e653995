/**
 * The @nestjs/schedule anchor of `postgres.every-second`: one process, an in-memory
 * `@Cron('* * * * * *')` (no database, no durability, no coordination between replicas), so
 * its lateness is the floor of a Node timer on this machine. The cron package does not pass
 * the fire instant to the handler: it is the second the start falls in, a start up to 50 ms
 * early counting for the next second.
 */
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Cron, ScheduleModule } from '@nestjs/schedule';
import { wallMs } from '../wall-clock';
import { runChild, tell } from './ipc';

@Injectable()
class EverySecondJobs {
  @Cron('* * * * * *', { name: 'every-second' })
  tick(): void {
    const startedAt = wallMs();
    const scheduledAt = Math.floor((startedAt + 50) / 1000) * 1000;
    tell({ type: 'fire', scheduledAt, startedAt, pid: process.pid });
  }
}

@Module({ imports: [ScheduleModule.forRoot()], providers: [EverySecondJobs] })
class ScheduleBenchModule {}

runChild(async () => {
  const app = await NestFactory.createApplicationContext(ScheduleBenchModule, {
    logger: ['error', 'warn'],
  });
  return { stop: () => app.close() };
});
