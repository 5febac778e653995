/** Command line of `npm run bench -- [areas…] [flags]`. */
export interface BenchOptions {
  areas: string[];
  quick: boolean;
  report: boolean;
  rounds: number;
  warmup: number;
  /** db, api: dialects to run (default all). */
  dialects: string[] | null;
  /** Workload ids or kinds to run, e.g. `require,sqlite.filter` (default all). */
  only: string[] | null;
  /** Contender to CPU-profile (`--profile` = the subject `registers`). */
  profile: string | null;
  /** db: also the workloads a default run leaves out (MariaDB per-row writes). */
  all: boolean;
  /** cli, api: rebuild the sample console / API even when it is newer than its sources. */
  build: boolean;
  help: boolean;
  args: string[];
}

export const AREAS = ['db', 'cli', 'api', 'cron'];

export const USAGE = `npm run bench -- [db] [cli] [api] [cron] [flags]

  areas        db (SQLite, PostgreSQL, MariaDB workloads), cli (console cold start),
               api (sample API requests per second, SQLite and PostgreSQL),
               cron (@registers/cron vs pg-boss, BullMQ, @nestjs/schedule: throughput,
               every-second lateness, webhook latency; PostgreSQL, SQLite, Redis); default: all
  --quick      fewer rounds (3 instead of 7, 5 instead of 15 spawns), for development
  --rounds=N   timed rounds per workload (overrides --quick)
  --warmup=N   untimed warm-up rounds per contender
  --dialects=sqlite,postgres,mariadb   db/api/cron dialects to run
  --only=require,create,bulkCreate,filter,upsert,coldRequire,help,list,getCustomer,postOrder
               workloads (kind or full id); cron: throughput-1x4, throughput-3x4,
               every-second, webhook
  --all        db: also MariaDB create/upsert (per-row commits with a disk flush each; left out by
               default to keep a run short)
  --profile[=name]  CPU-profile the timed calls of one contender (default registers), print
               self time by area and function, write results/profiles/*.cpuprofile
  --build      cli/api: rebuild the sample console/API (otherwise only when older than its sources)
  --report     only regenerate bench/README.md results and the chart from results/latest.json
  --help       this text`;

export function parseOptions(argv: string[]): BenchOptions {
  const opts: BenchOptions = {
    areas: [],
    quick: false,
    report: false,
    rounds: 0,
    warmup: -1,
    dialects: null,
    only: null,
    profile: null,
    build: false,
    all: false,
    help: false,
    args: argv,
  };
  for (const arg of argv) {
    const [flag, value] = arg.split('=', 2);
    if (AREAS.includes(arg)) opts.areas.push(arg);
    else if (arg === '--quick') opts.quick = true;
    else if (arg === '--report') opts.report = true;
    else if (arg === '--build') opts.build = true;
    else if (arg === '--all') opts.all = true;
    else if (arg === '--help' || arg === '-h') opts.help = true;
    else if (flag === '--rounds') opts.rounds = positiveInt(flag, value);
    else if (flag === '--warmup') opts.warmup = positiveInt(flag, value, true);
    else if (flag === '--dialects') opts.dialects = list(value);
    else if (flag === '--only') opts.only = list(value);
    else if (flag === '--profile') opts.profile = value || 'registers';
    else throw new Error(`unknown argument "${arg}"\n\n${USAGE}`);
  }
  if (opts.areas.length === 0) opts.areas = [...AREAS];
  if (!opts.rounds) opts.rounds = opts.quick ? 3 : 7;
  if (opts.warmup < 0) opts.warmup = 1;
  return opts;
}

function positiveInt(flag: string, value: string | undefined, zeroOk = false): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < (zeroOk ? 0 : 1))
    throw new Error(`${flag} needs a whole number, got "${value}"`);
  return n;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Rounds for a workload family whose default differs (cold starts: 15, quick 5). */
export function roundsFor(opts: BenchOptions, full: number, quick: number): number {
  return opts.args.some((a) => a.startsWith('--rounds=')) ? opts.rounds : opts.quick ? quick : full;
}

export function selected(opts: BenchOptions, group: string, kind: string): boolean {
  return !opts.only || opts.only.includes(kind) || opts.only.includes(`${group}.${kind}`);
}
