/**
 * `npm run bench -- [db] [cli] [api] [cron] [--quick] [--report] …` — side-by-side benchmarks (SPEC section 6).
 * Prints machine, Node version and date, then one block per workload with medians and ratios,
 * and saves the run as JSON under bench/results/.
 */
import 'reflect-metadata';
import { runApiArea } from './api';
import { runCliArea } from './cli';
import { runCronArea } from './cron';
import { runDbArea } from './db';
import { describeEnvironment, formatEnvironment } from './lib/environment';
import { formatSummary, formatWorkload } from './lib/format';
import { BenchOptions, parseOptions, USAGE } from './lib/options';
import { writeReport } from './lib/report';
import { writeAreaRun } from './lib/results';
import { WorkloadResult } from './lib/workload';

type AreaRunner = (
  opts: BenchOptions,
  onResult: (r: WorkloadResult) => void,
  log: (line: string) => void,
) => Promise<WorkloadResult[]>;

const RUNNERS: Record<string, AreaRunner> = {
  db: runDbArea,
  cli: runCliArea,
  api: runApiArea,
  cron: runCronArea,
};

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  if (opts.report) {
    console.log(`wrote ${writeReport().join(', ')}`);
    return;
  }
  const environment = describeEnvironment();
  console.log(formatEnvironment(environment));
  console.log(
    `rounds:  ${opts.rounds} timed after ${opts.warmup} warm-up${opts.quick ? ' (--quick)' : ''}; medians; ratios measured in this run\n`,
  );
  const all: WorkloadResult[] = [];
  for (const area of opts.areas) {
    console.log(`== ${area} ==`);
    const workloads = await RUNNERS[area](
      opts,
      (r) => console.log(formatWorkload(r) + '\n'),
      (line) => console.log(line),
    );
    all.push(...workloads);
    if (workloads.length === 0) continue;
    if (opts.profile) {
      console.log(
        'not saved: --profile slows the profiled contender, so its ratios are not comparable\n',
      );
      continue;
    }
    const file = writeAreaRun({
      area,
      environment,
      options: { quick: opts.quick, rounds: opts.rounds, warmup: opts.warmup, args: opts.args },
      workloads,
    });
    console.log(`saved ${file}\n`);
  }
  console.log(formatSummary(all));
  if (!opts.quick && !opts.only && !opts.dialects && !opts.profile) {
    console.log(`\nupdated ${writeReport().join(', ')}`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
