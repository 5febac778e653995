import { spawnSync } from 'node:child_process';

/** The program's path when it is on PATH (checked with `which`), else null. */
export function which(program: string): string | null {
  const r = spawnSync('which', [program], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}
