/**
 * Worker process of `postgres.throughput-3x4` (registers): the cron runtime with `workers`
 * handlers running the no-op job; the bench enqueues and counts.
 */
import 'reflect-metadata';
import { NoopJobs, startCronContext } from '../registers-app';
import { childConfig, runChild } from './ipc';

const { url, workers } = childConfig<{ url: string; workers: number }>();

runChild(async () => {
  const app = await startCronContext({ url, workers }, [NoopJobs]);
  return { stop: () => app.close() };
});
