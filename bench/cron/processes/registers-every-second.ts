/**
 * Replica of `postgres.every-second` (registers): the cron runtime with an every-second cron
 * job whose handler reports, first thing, the fire instant it runs for and the time it started.
 */
import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { Job, JobCtx, type JobContext, Trigger } from '@registers/cron';
import { startCronContext } from '../registers-app';
import { wallMs } from '../wall-clock';
import { childConfig, runChild, tell } from './ipc';

@Injectable()
class EverySecondJobs {
  @Job({ name: 'every-second', trigger: Trigger.cron('* * * * * *') })
  tick(@JobCtx() ctx: JobContext): void {
    const startedAt = wallMs();
    tell({ type: 'fire', scheduledAt: ctx.scheduledAt!.getTime(), startedAt, pid: process.pid });
  }
}

const { url, workers } = childConfig<{ url: string; workers: number }>();

runChild(async () => {
  const app = await startCronContext({ url, workers }, [EverySecondJobs]);
  return { stop: () => app.close() };
});
