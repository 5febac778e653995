/** Worker process of `postgres.throughput-3x4` (pg-boss): pg-boss workers running the no-op handler. */
import { startPgBoss, workNoop } from '../pgboss-setup';
import { childConfig, runChild } from './ipc';

const { url } = childConfig<{ url: string }>();

runChild(async () => {
  const boss = await startPgBoss(url);
  await workNoop(boss);
  return { stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
});
