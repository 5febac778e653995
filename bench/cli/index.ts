/** Area "cli": cold start of the sample console versus a bare nest-commander app. */
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchOptions, selected } from '../lib/options';
import { runWorkload } from '../lib/runner';
import { Contender, Workload, WorkloadResult } from '../lib/workload';
import { buildBareConsole } from './build-bare-console';
import { buildSampleConsole, countCommandsInHelp, REPO_ROOT } from './sample-console';

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

function processContender(name: string, label: string, args: string[], env: NodeJS.ProcessEnv, expect: RegExp): Contender {
  return {
    name,
    label,
    run: () => spawnNode(args, env),
    verify: (res) => expectOutput(`${name} ${args.slice(1).join(' ')}`, res as SpawnSyncReturns<string>, expect),
  };
}

export async function runCliArea(
  opts: BenchOptions,
  onResult: (r: WorkloadResult) => void,
  log: (line: string) => void,
): Promise<WorkloadResult[]> {
  const sample = buildSampleConsole(!opts.quick, log);
  if (!sample) {
    log('cli: skipped, no sample console build');
    return [];
  }
  const bare = buildBareConsole();
  const dir = mkdtempSync(join(tmpdir(), 'registers-bench-cli-'));
  try {
    const dbFile = join(dir, 'todos.db');
    const env: NodeJS.ProcessEnv = { ...process.env, REGISTERS_DATABASE_URL: `sqlite:${dbFile}`, BENCH_TODO_DB: dbFile };
    delete env.NODE_OPTIONS;

    const help = spawnNode([sample, '--help'], env);
    const commands = countCommandsInHelp(help.stdout);
    if (help.status !== 0 || commands < 2) {
      log(`cli: skipped, the sample console's --help lists no registers commands yet (exit ${help.status})`);
      return [];
    }
    env.BENCH_BARE_COMMANDS = String(commands);
    log(`cli: the sample console lists ${commands} commands; the bare app gets as many`);

    const rounds = opts.rounds === 7 ? 15 : opts.quick && opts.rounds === 3 ? 5 : opts.rounds;
    const workloads: Workload[] = [];
    const floor = (args: string[]): Contender =>
      processContender('node', 'node -e 0 (process start, for scale)', ['-e', '0', ...args], env, /^$/);
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
          processContender('registers', 'sample console: node main.js --help', [sample, '--help'], env, /Commands:/),
          processContender('bare', `bare nest-commander (${commands} commands): --help`, [bare, '--help'], env, /Commands:/),
          floor([]),
        ],
      });
    }
    if (selected(opts, 'cli', 'list')) {
      let seeded = true;
      for (const title of TODO_TITLES) {
        const res = spawnNode([sample, 'add', title], env);
        if (res.status !== 0) {
          log(`cli: list skipped, the sample's add fails: ${(res.stderr || res.stdout).trim().split('\n')[0]}`);
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
            processContender('registers', 'sample console: node main.js list', [sample, 'list'], env, listed),
            processContender('bare', 'bare nest-commander: list (raw better-sqlite3 query)', [bare, 'list'], env, listed),
            floor([]),
          ],
        });
      }
    }
    const results: WorkloadResult[] = [];
    for (const w of workloads) results.push(await runWorkload(w, { rounds, warmup: opts.warmup, onResult }));
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
