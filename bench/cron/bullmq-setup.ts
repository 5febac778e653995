/**
 * BullMQ as the bench runs it (Redis backend, local Redis), in the bench process and in
 * worker processes alike: one Worker with `concurrency: 4` running the no-op handler, jobs
 * added with one `addBulk()`, completed jobs kept (BullMQ records them in its completed set,
 * the default), keys under their own prefix so other users of the Redis server are untouched.
 */
import type { Worker as WorkerClass } from 'bullmq';
import { noop } from './noop';
import { WORKERS } from './settings';

export const REDIS_URL = process.env.REGISTERS_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const BULLMQ_PREFIX = 'bench-cron';
export const BULLMQ_LABEL = `BullMQ 6: Worker concurrency ${WORKERS}, addBulk(), Redis`;

export function redisConnection(url = REDIS_URL) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    // Workers block on Redis: BullMQ requires unlimited retries per request.
    maxRetriesPerRequest: null,
  };
}

export async function startBullWorker(queue: string, url = REDIS_URL): Promise<WorkerClass> {
  const { Worker } = await import('bullmq');
  const worker = new Worker(queue, async (job) => noop(job.data), {
    connection: redisConnection(url),
    prefix: BULLMQ_PREFIX,
    concurrency: WORKERS,
  });
  worker.on('error', (error) => console.error(`bullmq: ${error.message}`));
  await worker.waitUntilReady();
  return worker;
}

/** Why Redis cannot be used, or null when it answers PING. */
export async function probeRedis(url = REDIS_URL): Promise<string | null> {
  const { default: Redis } = await import('ioredis');
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return `Redis unreachable at ${url} (${(error as Error).message}); try \`npm run services\``;
  } finally {
    client.disconnect();
  }
}
