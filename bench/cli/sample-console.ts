import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
export const SAMPLE_MAIN = join(REPO_ROOT, 'dist', 'apps', 'sample-console', 'main.js');

/** Newest modification time of the sources the sample console bundles. */
function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'test') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMs(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the sample console the way `npm run build` does (Nest CLI, webpack, one main.js)
 * when it is missing or older than its sources (apps/sample-console, libs), or when forced.
 * A failed build falls back to an existing main.js, reported; without one the area is skipped.
 */
export function buildSampleConsole(force: boolean, log: (line: string) => void): string | null {
  const stale = () =>
    ['apps/sample-console/src', 'libs'].some(
      (d) => newestSourceMs(join(REPO_ROOT, d)) > statSync(SAMPLE_MAIN).mtimeMs,
    );
  if (force || !existsSync(SAMPLE_MAIN) || stale()) {
    log('cli: building the sample console (npx nest build sample-console) …');
    const res = spawnSync('npx', ['nest', 'build', 'sample-console'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    if (res.status !== 0) {
      const why = (res.stdout + res.stderr).trim().split('\n').slice(0, 5).join('\n    ');
      log(`cli: the sample console does not build:\n    ${why}`);
      if (!existsSync(SAMPLE_MAIN)) return null;
      log(`cli: using the previous build from ${statSync(SAMPLE_MAIN).mtime.toISOString()}`);
    }
  }
  return SAMPLE_MAIN;
}

/**
 * Counts the sample's commands from its program help: rows under "Commands:" (except `help`)
 * plus the group commands listed under "Groups:" (one level deeper).
 */
export function countCommandsInHelp(help: string): number {
  let section = '';
  let count = 0;
  for (const line of help.split('\n')) {
    if (/^\S.*:$/.test(line)) {
      section = line.slice(0, -1).trim().toLowerCase();
      continue;
    }
    if (section === 'commands' && /^ {2}\S/.test(line) && !/^ {2}help\b/.test(line)) count++;
    if (section === 'groups' && /^ {4}\S/.test(line)) count++;
  }
  return count;
}
