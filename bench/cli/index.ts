import { BenchOptions } from '../lib/options';
import { WorkloadResult } from '../lib/workload';

export async function runCliArea(
  _opts: BenchOptions,
  _onResult: (r: WorkloadResult) => void,
  log: (line: string) => void,
): Promise<WorkloadResult[]> {
  log('cli: not wired yet');
  return [];
}
