/**
 * Three API processes (the built server, each with 4 cron workers) on one database: 1,000
 * webhook deliveries spread over them each run exactly once, and more than one instance works.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseConnection } from '@registers/db';
import { describeEachDialect } from '../../../test/support/dialects';
import { assertApiBuilt, RunningServer, startBuiltServer } from './support/built-server';

jest.setTimeout(180_000);

const TOKEN = 'multi-instance-token';
const DELIVERIES = 1000;
const CONCURRENCY = 24;

describeEachDialect('sample api on three instances', (target) => {
  const dir = mkdtempSync(join(tmpdir(), 'sample-api-multi-'));
  let servers: RunningServer[] = [];
  let db: DatabaseConnection;

  beforeAll(async () => {
    assertApiBuilt();
    const databaseUrl =
      target().dialect === 'sqlite' ? `sqlite:${join(dir, 'shop.db')}` : target().url;
    // Started together: several processes create the cron tables at once on a fresh database.
    servers = await Promise.all(
      [0, 1, 2].map(() =>
        startBuiltServer({ cwd: dir, databaseUrl, env: { DEPLOY_TOKEN: TOKEN } }),
      ),
    );
    db = new DatabaseConnection({ url: databaseUrl });
  });
  afterAll(async () => {
    const ends = await Promise.all(servers.map((s) => s.stop()));
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
    // Graceful shutdown: Nest re-raises SIGTERM after the hooks ran, or exits 0.
    for (const end of ends) expect(end.code === 0 || end.signal === 'SIGTERM').toBe(true);
  });

  it('runs each of 1,000 deliveries exactly once, on more than one instance', async () => {
    const eventIds: number[] = [];
    let next = 0;
    const deliver = async () => {
      while (next < DELIVERIES) {
        const n = next++;
        const server = servers[n % servers.length];
        const res = await fetch(`${server.baseUrl}/hooks/deploy`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ env: `env-${n}` }),
        });
        expect(res.status).toBe(202);
        eventIds.push(((await res.json()) as { eventId: number }).eventId);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, deliver));
    expect(new Set(eventIds).size).toBe(DELIVERIES);

    const deadline = Date.now() + 120_000;
    let done = 0;
    while (Date.now() < deadline) {
      const row = await db.queryOne<{ n: number }>(
        "SELECT COUNT(*) AS n FROM registers_cron_events WHERE job = 'deploy-hook' AND status = 'succeeded'",
      );
      done = Number(row!.n);
      if (done === DELIVERIES) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(done).toBe(DELIVERIES);

    const runs = await db.query<{
      event_id: number;
      instance: string;
      result: string;
      status: string;
    }>(
      "SELECT event_id, instance, result, status FROM registers_cron_runs WHERE job = 'deploy-hook'",
    );
    // No attempt failed: no claim was lost to a deadlock or an expired lease on the way.
    const failed = await db.query(
      "SELECT event_id, error FROM registers_cron_runs WHERE status <> 'succeeded'",
    );
    expect(failed).toEqual([]);
    expect(runs).toHaveLength(DELIVERIES); // one run per event: nothing ran twice
    expect(new Set(runs.map((r) => Number(r.event_id))).size).toBe(DELIVERIES);
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
    const results = new Set(runs.map((r) => JSON.parse(r.result) as string));
    for (let n = 0; n < DELIVERIES; n++) expect(results.has(`deployed env-${n}`)).toBe(true);
    const perInstance = new Map<string, number>();
    for (const r of runs) perInstance.set(r.instance, (perInstance.get(r.instance) ?? 0) + 1);
    expect(perInstance.size).toBeGreaterThan(1);
  });
});
