import { execSync } from 'node:child_process';
import * as os from 'node:os';

export interface RunEnvironment {
  date: string;
  node: string;
  platform: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  loadAverage: number[];
  commit: string | null;
}

export function describeEnvironment(): RunEnvironment {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    commit: gitCommit(),
  };
}

function gitCommit(): string | null {
  try {
    return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

export function formatEnvironment(env: RunEnvironment): string {
  return [
    `machine: ${env.cpu} × ${env.cores} cores, ${env.memoryGb} GB, ${env.platform}`,
    `node:    ${env.node}`,
    `date:    ${env.date}${env.commit ? `  (commit ${env.commit})` : ''}`,
    `load:    ${env.loadAverage.join(' ')} (1/5/15 min; other work on the machine skews results)`,
  ].join('\n');
}
