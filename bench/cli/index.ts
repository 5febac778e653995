/** Area "cli": cold start of the sample console versus a bare nest-commander app. */
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { BenchOptions, roundsFor, selected } from '../lib/options';
import { PROFILES_DIR, summarizeFiles } from '../lib/profiler';
import { runWorkload } from '../lib/runner';
import { Contender, Workload, WorkloadResult } from '../lib/workload';
import { buildBareConsole } from './build-bare-console';
import { buildSample, REPO_ROOT } from '../lib/sample-build';
import { countCommandsInHelp } from './sample-console';

const TODO_TITLES = ['Buy milk', 'Read a book', 'Ship the release'];

function spawnNode(args: string[], env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, args, {
    cwd: REPO_ROOT,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function expectOutput(what: string, res: SpawnSyncReturns<string>, pattern: RegExp): void {
  if (res.status !== 0 || !pattern.test(res.stdout)) {
    const out = (res.stdout + res.stderr).trim().split('\n').slice(0, 4).join(' | ');
    throw new Error(`${what}: exit ${res.status}, output "${out}" does not match ${pattern}`);
  }
}

function processContender(
  name: string,
  label: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  expect: RegExp,
): Contender & { args: string[] } {
  return {
    name,
    label,
    args,
    run: () => spawnNode(args, env),
    verify: (res) =>
      expectOutput(`${name} ${args.slice(1).join(' ')}`, res as SpawnSyncReturns<string>, expect),
  };
}

/** Spawns the chosen contender once more under `node --cpu-prof` and summarizes the profile. */
function profileColdStart(workload: Workload, name: string, env: NodeJS.ProcessEnv): string {
  const contender = workload.contenders.find((c) => c.name === name) as
    (Contender & { args?: string[] }) | undefined;
  if (!contender?.args) return `cli: nothing to profile for "${name}" in ${workload.id}`;
  mkdirSync(PROFILES_DIR, { recursive: true });
  const file = join(PROFILES_DIR, `${workload.id}-${name}.cpuprofile`);
  rmSync(file, { force: true });
  spawnNode(
    [
      '--cpu-prof',
      `--cpu-prof-dir=${PROFILES_DIR}`,
      `--cpu-prof-name=${basename(file)}`,
      '--cpu-prof-interval=200',
      ...contender.args,
    ],
    env,
  );
  const timesFile = join(PROFILES_DIR, `${workload.id}-${name}.requires.json`);
  spawnNode(['-r', join(__dirname, 'require-timer.js'), ...contender.args], {
    ...env,
    BENCH_REQUIRE_TIMES: timesFile,
  });
  const times = Object.entries(
    JSON.parse(readFileSync(timesFile, 'utf8')) as Record<string, number>,
  )
    .sort((a, b) => b[1] - a[1])
    .map(([pkg, ms]) => `    ${ms.toFixed(1).padStart(7)} ms  ${pkg}`);
  return [
    `${workload.id} ${name}, one cold start under --cpu-prof:`,
    summarizeFiles([file]),
    '  packages the app requires, inclusive load time of the first require (one more cold start):',
    ...times,
    '',
  ].join('\n');
}

export async function runCliArea(
  opts: BenchOptions,
  onResult: (r: WorkloadResult) => void,
  log: (line: string) => void,
): Promise<WorkloadResult[]> {
  const sample = buildSample('sample-console', 'cli', opts.build, log);
  if (!sample) {
    log('cli: skipped, no sample console build');
    return [];
  }
  const bare = buildBareConsole();
  const dir = mkdtempSync(join(tmpdir(), 'registers-bench-cli-'));
  try {
    const dbFile = join(dir, 'todos.db');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      REGISTERS_DATABASE_URL: `sqlite:${dbFile}`,
      BENCH_TODO_DB: dbFile,
    };
    delete env.NODE_OPTIONS;

    const help = spawnNode([sample, '--help'], env);
    const commands = countCommandsInHelp(help.stdout);
    if (help.status !== 0 || commands < 2) {
      log(
        `cli: skipped, the sample console's --help lists no registers commands yet (exit ${help.status})`,
      );
      return [];
    }
    env.BENCH_BARE_COMMANDS = String(commands);
    log(`cli: the sample console lists ${commands} commands; the bare app gets as many`);

    const rounds = roundsFor(opts, 15, 5);
    const workloads: Workload[] = [];
    const floor = (args: string[]): Contender =>
      processContender(
        'node',
        'node -e 0 (process start, for scale)',
        ['-e', '0', ...args],
        env,
        /^$/,
      );
    if (selected(opts, 'cli', 'help')) {
      workloads.push({
        id: 'cli.help',
        area: 'cli',
        group: 'cli',
        title: '--help cold start',
        ops: 1,
        subject: 'registers',
        rounds,
        targets: [{ against: 'bare', kind: 'at-most', value: 1.15 }],
        contenders: [
          processContender(
            'registers',
            'sample console: node main.js --help',
            [sample, '--help'],
            env,
            /Commands:/,
          ),
          processContender(
            'bare',
            `bare nest-commander (${commands} commands): --help`,
            [bare, '--help'],
            env,
            /Commands:/,
          ),
          floor([]),
        ],
      });
    }
    if (selected(opts, 'cli', 'list')) {
      let seeded = true;
      for (const title of TODO_TITLES) {
        const res = spawnNode([sample, 'add', title], env);
        if (res.status !== 0) {
          log(
            `cli: list skipped, the sample's add fails: ${(res.stderr || res.stdout).trim().split('\n')[0]}`,
          );
          seeded = false;
          break;
        }
      }
      if (seeded) {
        const listed = new RegExp(`^1: ${TODO_TITLES[0]} \\[pending\\]$`, 'm');
        workloads.push({
          id: 'cli.list',
          area: 'cli',
          group: 'cli',
          title: '`list` (one SQLite query) cold start',
          ops: 1,
          subject: 'registers',
          rounds,
          targets: [{ against: 'bare', kind: 'at-most', value: 1.3 }],
          contenders: [
            processContender(
              'registers',
              'sample console: node main.js list',
              [sample, 'list'],
              env,
              listed,
            ),
            processContender(
              'bare',
              'bare nest-commander: list (raw better-sqlite3 query)',
              [bare, 'list'],
              env,
              listed,
            ),
            floor([]),
          ],
        });
      }
    }
    const results: WorkloadResult[] = [];
    for (const w of workloads) {
      results.push(await runWorkload(w, { rounds, warmup: opts.warmup, onResult }));
      if (opts.profile) log(profileColdStart(w, opts.profile, env));
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
