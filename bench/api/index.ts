/**
 * Area "api": requests per second of the sample API (`GET /customers/:id`, `POST /orders`)
 * versus hand-written Nest apps with the same two endpoints on the same tables, one on TypeORM
 * and one on Drizzle ORM. All run as child processes on one fresh database per dialect;
 * autocannon is the load.
 */
import { BenchDialect, createFreshDatabase, probeServer } from '../db/databases';
import { BenchOptions, selected } from '../lib/options';
import { runWorkload } from '../lib/runner';
import { buildSample } from '../lib/sample-build';
import { WorkloadResult } from '../lib/workload';
import { API_KINDS, ApiKind, ApiServer, buildApiWorkloads } from './api-workloads';
import { buildShop, ShopApp } from './build-shop';
import { checkContract } from './check-contract';
import { LoadSettings } from './load';
import { seedShop } from './seed-shop';
import { ServerProcess, startServer } from './server-process';
import { openShopTables, ShopTables } from './shop-tables';

const API_DIALECTS: BenchDialect[] = ['sqlite', 'postgres'];
const LOAD: LoadSettings = { amount: 2000, connections: 10 };

/** The hand-written anchors, each a Nest app reading `DATABASE_URL`. */
interface Anchor {
  name: string;
  label: string;
  title: string;
  app: ShopApp;
}
const ANCHORS: Anchor[] = [
  {
    name: 'typeorm',
    label: 'Nest + TypeORM Repository (api/typeorm-shop)',
    title: 'the TypeORM shop',
    app: 'typeorm-shop',
  },
  {
    name: 'drizzle',
    label: 'Nest + Drizzle ORM (api/drizzle-shop)',
    title: 'the Drizzle shop',
    app: 'drizzle-shop',
  },
];

function serverEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  delete env.REGISTERS_DATABASE_URL;
  delete env.DATABASE_URL;
  return env;
}

function requestsPerSecond(r: WorkloadResult): string {
  return r.contenders
    .map((c) =>
      c.medianMs ? `${c.name} ${Math.round((r.ops * 1000) / c.medianMs)} req/s` : `${c.name} —`,
    )
    .join(', ');
}

export async function runApiArea(
  opts: BenchOptions,
  onResult: (r: WorkloadResult) => void,
  log: (line: string) => void,
): Promise<WorkloadResult[]> {
  const dialects = API_DIALECTS.filter((d) => !opts.dialects || opts.dialects.includes(d));
  const plans = dialects
    .map((dialect) => ({ dialect, kinds: API_KINDS.filter((k) => selected(opts, dialect, k)) }))
    .filter((p) => p.kinds.length > 0);
  if (plans.length === 0) return [];
  if (opts.profile) log('api: --profile does not apply here (the servers are child processes)');
  const sampleMain = buildSample('sample-api', 'api', opts.build, log);
  if (!sampleMain) {
    log('api: skipped, no sample API build');
    return [];
  }
  const anchorMains = new Map(ANCHORS.map((a) => [a.name, buildShop(a.app)]));
  const results: WorkloadResult[] = [];
  for (const { dialect, kinds } of plans) {
    const down = await probeServer(dialect);
    if (down) {
      log(`api ${dialect}: skipped, ${down}`);
      continue;
    }
    results.push(
      ...(await runDialect(dialect, kinds, sampleMain, anchorMains, opts, onResult, log)),
    );
  }
  return results;
}

async function runDialect(
  dialect: BenchDialect,
  kinds: ApiKind[],
  sampleMain: string,
  anchorMains: Map<string, string>,
  opts: BenchOptions,
  onResult: (r: WorkloadResult) => void,
  log: (line: string) => void,
): Promise<WorkloadResult[]> {
  const db = await createFreshDatabase(dialect);
  const processes: ServerProcess[] = [];
  let tables: ShopTables | undefined;
  try {
    const env = serverEnv();
    const sample = await startServer('the sample API', sampleMain, {
      ...env,
      REGISTERS_DATABASE_URL: db.url,
    });
    processes.push(sample);
    await seedShop(sample.baseUrl);
    const servers: ApiServer[] = [
      {
        name: 'registers',
        label: 'sample API (dist/apps/sample-api/main.js)',
        baseUrl: sample.baseUrl,
      },
    ];
    for (const anchor of ANCHORS) {
      const server = await startServer(anchor.title, anchorMains.get(anchor.name)!, {
        ...env,
        DATABASE_URL: db.url,
      });
      processes.push(server);
      servers.push({ name: anchor.name, label: anchor.label, baseUrl: server.baseUrl });
    }
    tables = await openShopTables(db);

    // One after the other: the check briefly lowers the shared stock to provoke a 409.
    const seen: string[] = [];
    for (const s of servers)
      seen.push(JSON.stringify(await checkContract(s.name, s.baseUrl, tables)));
    if (seen.some((body) => body !== seen[0]))
      throw new Error(
        `api ${dialect}: the servers answer GET /customers/1 differently: ` +
          servers.map((s, i) => `${s.name} ${seen[i]}`).join(', '),
      );
    log(
      `api ${dialect}: ${servers.length} servers (${servers.map((s) => s.name).join(', ')}) seeded and checked; ${LOAD.amount} requests per timed call over ${LOAD.connections} keep-alive connections (autocannon)`,
    );

    const results: WorkloadResult[] = [];
    for (const w of buildApiWorkloads(dialect, kinds, servers, LOAD, tables)) {
      const r = await runWorkload(w, { rounds: opts.rounds, warmup: opts.warmup, onResult });
      log(`  requests per second (median): ${requestsPerSecond(r)}\n`);
      results.push(r);
    }
    return results;
  } finally {
    for (const p of processes.reverse()) await p.stop().catch(() => undefined);
    await tables?.close().catch(() => undefined);
    await db.drop();
  }
}
