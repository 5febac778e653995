import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunEnvironment } from './environment';
import { WorkloadResult } from './workload';

export const RESULTS_DIR = join(__dirname, '..', 'results');
export const LATEST_FILE = join(RESULTS_DIR, 'latest.json');

export interface AreaRun {
  area: string;
  environment: RunEnvironment;
  options: { quick: boolean; rounds: number; warmup: number; args: string[] };
  workloads: WorkloadResult[];
}

/** latest.json keeps the newest run of every area, so `-- db` and `-- cli` runs combine. */
export interface LatestResults {
  areas: Record<string, AreaRun>;
}

export function writeAreaRun(run: AreaRun): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = run.environment.date.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  const file = join(RESULTS_DIR, `${stamp}-${run.area}${run.options.quick ? '-quick' : ''}.json`);
  writeFileSync(file, JSON.stringify(run, null, 2) + '\n');
  const latest = readLatest() ?? { areas: {} };
  latest.areas[run.area] = run;
  writeFileSync(LATEST_FILE, JSON.stringify(latest, null, 2) + '\n');
  return file;
}

export function readLatest(): LatestResults | null {
  if (!existsSync(LATEST_FILE)) return null;
  return JSON.parse(readFileSync(LATEST_FILE, 'utf8')) as LatestResults;
}
