/** Worker process of `postgres.throughput-3x4` (BullMQ): one Worker running the no-op handler. */
import { startBullWorker } from '../bullmq-setup';
import { childConfig, runChild } from './ipc';

const { queue } = childConfig<{ queue: string }>();

runChild(async () => {
  const worker = await startBullWorker(queue);
  return { stop: () => worker.close() };
});
